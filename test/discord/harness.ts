/** Starts the fake Discord and the real adapter (real discord.js) on it, for one test. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startDiscord } from '../../adapters/discord/index.js';
import type { ConversationStore } from '../../adapters/conversation.js';
import type { RunningAdapter } from '../../adapters/types.js';
import { loadConfig } from '../../src/config.js';
import type { PaperCore } from '../../src/core.js';
import type { SubscriptionService } from '../../src/digest/types.js';
import { Library } from '../../src/library.js';
import type { PaperListService } from '../../src/list/types.js';
import type { ModelAnswerer } from '../../src/llm/answerer.js';
import { FakeDiscord } from '../fakes/discord.js';

export interface Harness {
  fake: FakeDiscord;
  adapter: RunningAdapter;
  /** Log records at level warn and above, parsed. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

let seed: Promise<Library> | undefined;

/** The seed listing (50 papers), opened once per test file. */
export function seedLibrary(): Promise<Library> {
  seed ??= Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
  return seed;
}

export async function startHarness(
  core: PaperCore,
  options: {
    messageContent?: boolean;
    subscriptions?: SubscriptionService;
    list?: PaperListService;
    answerer?: ModelAnswerer;
    heartbeatMs?: number;
    /** Where answers are remembered for follow-ups (a database's); without it, no Follow-up buttons. */
    conversations?: ConversationStore;
    /** A fake already running (a second replica, a restarted process). */
    fake?: FakeDiscord;
  } = {},
): Promise<Harness> {
  const fake = options.fake ?? (await FakeDiscord.start(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}));
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({
    DISCORD_TOKEN: 'fake.bot.token',
    DISCORD_API_URL: fake.apiUrl,
    ...(options.messageContent ? { DISCORD_MESSAGE_CONTENT: 'true' } : {}),
  });
  const adapter = await startDiscord(
    {
      config,
      core,
      logger: pino({ level: 'warn' }, sink),
      ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
      ...(options.list ? { list: options.list } : {}),
      ...(options.answerer ? { answerer: options.answerer } : {}),
      ...(options.conversations ? { conversations: options.conversations } : {}),
    },
    { rest: { retries: 0, timeout: 2_000 }, waitGuildTimeout: 200 },
  );
  return {
    fake,
    adapter,
    logs,
    async stop() {
      await adapter.stop();
      await fake.stop();
    },
  };
}
