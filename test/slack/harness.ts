/**
 * Starts the real Slack adapter (real Bolt) against the local fake Slack, as tests and the benchmark
 * use it: HTTP mode on 127.0.0.1 port 0, or Socket Mode over the fake's WebSocket.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { ConversationStore } from '../../adapters/conversation.js';
import { startSlack, type RunningSlack, type SlackAdapterOptions } from '../../adapters/slack/index.js';
import { loadConfig } from '../../src/config.js';
import type { PaperCore } from '../../src/core.js';
import type { SubscriptionService } from '../../src/digest/types.js';
import type { PaperListService } from '../../src/list/types.js';
import type { ModelAnswerer } from '../../src/llm/answerer.js';
import type { Logger } from '../../src/log.js';
import type { HandledEvents } from '../../src/storage/events.js';
import { startFakeSlack, TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type FakeSlack } from '../fakes/slack.js';

export interface SlackUnderTest {
  fake: FakeSlack;
  adapter: RunningSlack;
  /** HTTP mode: Bolt's events/commands/interactions endpoint. */
  url: string;
  /** Everything the adapter logged, one JSON line each. */
  logs: string[];
  stop(): Promise<void>;
}

export function memoryLogger(lines: string[], level = 'debug'): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return pino({ level, base: undefined }, sink);
}

export async function startSlackUnderTest(
  core: PaperCore,
  options: SlackAdapterOptions & {
    socketMode?: boolean;
    subscriptions?: SubscriptionService;
    list?: PaperListService;
    /** Events shared with other replicas (a database); without it the adapter dedupes in memory only. */
    handledEvents?: Pick<HandledEvents, 'claim'>;
    /** Where answers are remembered for follow-ups (a database's); without it, every question is new. */
    conversations?: ConversationStore;
    answerer?: ModelAnswerer;
    fake?: FakeSlack;
    logLevel?: string;
    /** More environment for the adapter's config (e.g. SLACK_SUBSCRIPTION_ADMINS). */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<SlackUnderTest> {
  const fake = options.fake ?? (await startFakeSlack());
  const env: NodeJS.ProcessEnv = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ...(options.socketMode ? { SLACK_APP_TOKEN: TEST_APP_TOKEN } : { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET }),
    ...options.env,
  };
  const logs: string[] = [];
  const adapter = await startSlack(
    {
      config: loadConfig(env),
      core,
      logger: memoryLogger(logs, options.logLevel),
      ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
      ...(options.list ? { list: options.list } : {}),
      ...(options.handledEvents ? { handledEvents: options.handledEvents } : {}),
      ...(options.conversations ? { conversations: options.conversations } : {}),
      ...(options.answerer ? { answerer: options.answerer } : {}),
    },
    { retries: 0, host: '127.0.0.1', ...options },
  );
  return {
    fake,
    adapter,
    url: `http://127.0.0.1:${adapter.port ?? 0}/slack/events`,
    logs,
    async stop() {
      await adapter.stop();
      await fake.stop();
    },
  };
}
