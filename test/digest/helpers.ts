/** Shared by the highlights tests: a hand-driven clock, an in-memory poster, a real library and config. */
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config.js';
import type { Clock } from '../../src/digest/clock.js';
import { startHighlights, type Highlights, type HighlightsDeps } from '../../src/digest/service.js';
import { ChannelUnavailableError, type Digest, type DigestPlatform, type DigestPoster, type PostedMessage } from '../../src/digest/types.js';
import { Library } from '../../src/library.js';
import { createLogger, type Logger } from '../../src/log.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { PaperSync } from '../../src/list/sync.js';
import { tempSqlitePath } from '../support/databases.js';

interface Timer {
  at: number;
  task: () => Promise<void> | void;
}

/** A clock that only moves when the test says so; timers fire in order, each awaited before the next. */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Set<Timer>();

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(at: Date, task: () => Promise<void> | void): () => void {
    const timer = { at: at.getTime(), task };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  async advanceTo(target: Date | string): Promise<void> {
    const end = new Date(target).getTime();
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due);
      this.current = Math.max(this.current, due.at);
      await due.task();
    }
    this.current = Math.max(this.current, end);
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.current + ms));
  }
}

export interface RecordedPost {
  channelId: string;
  key: string;
  digest: Digest;
  messageId: string;
  at: Date;
}

/**
 * A platform that keeps what was posted, like a channel does: shared by two "processes", it sees
 * both. Behaviours simulate the failures the ledger must survive.
 */
export class FakePoster implements DigestPoster {
  readonly posts: RecordedPost[] = [];
  /** Posts go out, then the call never returns: the process "dies" between posting and marking. */
  hangAfterDelivery = false;
  /** The call never returns and nothing goes out: the process "dies" before posting. */
  hangBeforeDelivery = false;
  /** The next post goes out but the call fails (a timeout after the platform accepted it). */
  failAfterDeliveryOnce = false;
  /** The next post fails without going out. */
  failOnce = false;
  readonly unavailable = new Map<string, string>();
  findCalls = 0;
  /** Calls left hanging, so a test knows the "dead" process got as far as the platform. */
  hung = 0;

  constructor(
    readonly platform: DigestPlatform,
    /** Stamps each post; a test replacing a crashed process hands over the new process's clock. */
    public clock: Clock,
  ) {}

  async post(channelId: string, digest: Digest, key: string): Promise<PostedMessage> {
    const reason = this.unavailable.get(channelId);
    if (reason) throw new ChannelUnavailableError(channelId, reason);
    if (this.hangBeforeDelivery) return this.hang();
    if (this.failOnce) {
      this.failOnce = false;
      throw new Error('connect ECONNRESET');
    }
    const messageId = `${this.platform}-msg-${this.posts.length + 1}`;
    this.posts.push({ channelId, key, digest, messageId, at: this.clock.now() });
    if (this.hangAfterDelivery) return this.hang();
    if (this.failAfterDeliveryOnce) {
      this.failAfterDeliveryOnce = false;
      throw new Error('request timed out');
    }
    return { messageId };
  }

  private hang(): Promise<PostedMessage> {
    this.hung++;
    return new Promise<PostedMessage>(() => {});
  }

  async findPosted(channelId: string, key: string): Promise<PostedMessage | null> {
    this.findCalls++;
    const post = this.posts.find((p) => p.channelId === channelId && p.key === key);
    return post ? { messageId: post.messageId } : null;
  }

  postsIn(channelId: string): RecordedPost[] {
    return this.posts.filter((p) => p.channelId === channelId);
  }
}

export const tempDatabase = tempSqlitePath;

/** What one paperbot process opens: its own connection to the configured database. */
export function openTestStorage(config: Config, logger: Logger = createLogger('silent')): Promise<Storage> {
  return openStorage(config.storage, { logger, claimTimeoutMs: config.highlights.claimTimeoutMinutes * 60_000 });
}

export interface RunningHighlights extends Highlights {
  storage: Storage;
  /** The process's index sync (its timer is not started: tests call `sync()`). */
  papers: PaperSync;
}

/**
 * Highlights as `paperbot start` runs them: storage opened from the config, stored papers loaded
 * into the index, then the service. `stop()` also closes the storage.
 */
export async function startTestHighlights(
  deps: Omit<HighlightsDeps, 'storage' | 'papers' | 'logger' | 'config'> & { config: Config; logger?: Logger },
): Promise<RunningHighlights> {
  const logger = deps.logger ?? createLogger('silent');
  const storage = await openTestStorage(deps.config, logger);
  const papers = new PaperSync(storage.papers, deps.core, logger);
  await papers.sync();
  const highlights = await startHighlights({ ...deps, logger, storage, papers });
  return {
    ...highlights,
    storage,
    papers,
    async stop() {
      await highlights.stop();
      await storage.close();
    },
  };
}

export function testConfig(env: Record<string, string>): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...env });
}

let library: Promise<Library> | undefined;
/** The seed listing, loaded once per test file: the papers the highlights are picked from. */
export function seedLibrary(): Promise<Library> {
  library ??= Library.open({ corpus: [path.join(PROJECT_ROOT, 'data', 'papers-listing.txt')], cacheDir: null });
  return library;
}

/** A fresh library (for tests that add papers to it). */
export function freshLibrary(): Promise<Library> {
  return Library.open({ corpus: [path.join(PROJECT_ROOT, 'data', 'papers-listing.txt')], cacheDir: null });
}

/** A logger whose JSON lines the test can read. */
export function memoryLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug', base: undefined }, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The local wall time of an instant, "HH:MM". */
export function wallTime(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** Waits (in real time, briefly) until `condition` holds: for work the test deliberately does not await. */
export async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
