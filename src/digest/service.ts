/**
 * Daily highlights, assembled: opens the database, applies `HIGHLIGHTS`, puts stored feed papers back
 * into the index, and runs the scheduler. The composition root hands `subscriptions` to the chat
 * adapters and each adapter's poster back via `addPoster` once it is connected.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../config.js';
import type { PaperCore } from '../core.js';
import { PaperbotError } from '../errors.js';
import type { Logger } from '../log.js';
import { NO_METRICS, type Metrics } from '../metrics.js';
import { systemClock, type Clock } from './clock.js';
import { openDatabase } from './db.js';
import { FeedRefresher, type FeedRefresherOptions, type RefreshReport } from './feeds.js';
import { Ledger } from './ledger.js';
import { PaperStore } from './paper-store.js';
import { canonicalTimeZone, localLabel, nextOccurrence, normalizeTime, timeError, timeZoneError } from './schedule.js';
import { Scheduler } from './scheduler.js';
import { MAX_COUNT } from './settings.js';
import { SubscriptionStore, type Subscription } from './subscription-store.js';
import type {
  DigestPlatform,
  DigestPoster,
  SubscribeInput,
  SubscriptionService,
  SubscriptionView,
} from './types.js';

export interface HighlightsDeps {
  config: Pick<Config, 'highlights'>;
  core: PaperCore;
  logger: Logger;
  /** Posters of the adapters already running; more can be added later with `addPoster`. */
  posters?: Map<DigestPlatform, DigestPoster>;
  clock?: Clock;
  /** Where post attempts and feed fetches are counted. */
  metrics?: Metrics;
  /** Test seams for the feed fetcher (retries, backoff, arXiv spacing). */
  feedOptions?: Pick<FeedRefresherOptions, 'retries' | 'backoffMs' | 'arxivSpacingMs' | 'sleep'>;
}

export interface Highlights {
  subscriptions: SubscriptionService;
  /** Registers an adapter's poster (after it connected) and posts anything already due for it. */
  addPoster(poster: DigestPoster): Promise<void>;
  /** One scheduling pass now: post what is due, close what was missed. */
  runNow(): Promise<void>;
  refreshFeeds(): Promise<RefreshReport>;
  /** Resolves when the database answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
  /**
   * Stops scheduling at once and waits for a post in progress and for `after` (answers under way
   * that may still use the database), at most `timeoutMs`; then releases any claim still held
   * (another process takes it over, asking the platform first) and closes the database.
   */
  stop(options?: { timeoutMs?: number; after?: Promise<unknown> }): Promise<void>;
}

export function startHighlights(deps: HighlightsDeps): Highlights {
  const settings = deps.config.highlights;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ component: 'highlights' });
  const posters = deps.posters ?? new Map<DigestPlatform, DigestPoster>();
  const metrics = deps.metrics ?? NO_METRICS;
  const db = openDatabase(settings.databasePath);
  const store = new SubscriptionStore(db);
  const ledger = new Ledger(db, `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, settings.claimTimeoutMinutes * 60_000);
  const papers = new PaperStore(db);
  const feeds = new FeedRefresher({ settings: settings.feeds, core: deps.core, store: papers, logger, metrics, now: () => clock.now(), ...deps.feedOptions });

  const { removed } = store.syncConfig(settings.entries, clock.now());
  for (const sub of removed) logger.info({ platform: sub.platform, channel: sub.channelId }, 'highlights: no longer in HIGHLIGHTS; unsubscribed');
  const stored = papers.all();
  if (stored.papers.length > 0) deps.core.addPapers(stored.papers);
  if (stored.invalid > 0) logger.warn({ invalid: stored.invalid }, 'highlights: stored feed papers that no longer validate were left out');
  logger.info(
    { database: settings.databasePath, subscriptions: store.active().length, feedPapers: stored.papers.length },
    'highlights: started',
  );

  const scheduler = new Scheduler({ settings, core: deps.core, logger, clock, posters, subscriptions: store, ledger, feeds, metrics });
  void scheduler.runNow();

  const view = (sub: Subscription): SubscriptionView => {
    const next = sub.pausedReason ? undefined : nextOccurrence(sub, clock.now());
    return {
      id: sub.id,
      platform: sub.platform,
      channelId: sub.channelId,
      time: sub.time,
      timezone: sub.timezone,
      ...(sub.topic ? { topic: sub.topic } : {}),
      count: sub.count,
      origin: sub.origin,
      ...(next ? { nextPostAt: next.toISOString(), nextPostLocal: localLabel(next, sub.timezone) } : {}),
      ...(sub.pausedReason ? { pausedReason: sub.pausedReason } : {}),
    };
  };

  const refuseConfigured = (platform: DigestPlatform, channelId: string): void => {
    const existing = store.find(platform, channelId);
    if (existing?.active && existing.origin === 'config') {
      throw new PaperbotError(
        'forbidden',
        "this channel's daily highlights are set in the HIGHLIGHTS configuration; change them there",
        { channelId },
      );
    }
  };

  const subscriptions: SubscriptionService = {
    subscribe(input: SubscribeInput): SubscriptionView {
      const fields = validate(input);
      refuseConfigured(fields.platform, fields.channelId);
      const sub = store.save({ ...fields, origin: 'command' }, clock.now());
      logger.info({ platform: sub.platform, channel: sub.channelId, time: sub.time, timezone: sub.timezone, by: input.createdBy }, 'highlights: subscribed');
      scheduler.replan();
      return view(sub);
    },
    unsubscribe(platform, channelId) {
      refuseConfigured(platform, channelId);
      const removed = store.deactivate(platform, channelId, clock.now());
      if (removed) {
        logger.info({ platform, channel: channelId }, 'highlights: unsubscribed');
        scheduler.replan();
      }
      return removed;
    },
    list(platform, channelId) {
      return store.active(platform, channelId).map(view);
    },
  };

  return {
    subscriptions,
    addPoster(poster) {
      posters.set(poster.platform, poster);
      return scheduler.runNow();
    },
    runNow: () => scheduler.runNow(),
    refreshFeeds: () => feeds.refresh(),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async stop({ timeoutMs = Number.POSITIVE_INFINITY, after }: { timeoutMs?: number; after?: Promise<unknown> } = {}) {
      if (!(await withinTime(Promise.all([scheduler.stop(), after]), timeoutMs))) {
        logger.warn({ timeoutMs }, 'highlights: the shutdown deadline passed with a post or an answer still under way');
      }
      const released = ledger.releaseOwned();
      if (released > 0) logger.warn({ released }, 'highlights: released unfinished claims; another process checks the channel and finishes them');
      db.close();
    },
  };
}

/** True when `work` settles within `ms`, false when the time runs out first. */
async function withinTime(work: Promise<unknown>, ms: number): Promise<boolean> {
  if (!Number.isFinite(ms)) {
    await work;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The service checks its input too: it is reachable without the command layer. */
function validate(input: SubscribeInput): SubscribeInput {
  const time = normalizeTime(input.time);
  if (time === null) throw new PaperbotError('bad_option', `subscribe: option "time" ${timeError(input.time)}`, { option: 'time' });
  const timezone = canonicalTimeZone(input.timezone);
  if (timezone === null) {
    throw new PaperbotError('bad_option', `subscribe: option "timezone" ${timeZoneError(input.timezone)}`, { option: 'timezone' });
  }
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_COUNT) {
    throw new PaperbotError('bad_option', `subscribe: option "count" must be between 1 and ${MAX_COUNT}`, { option: 'count' });
  }
  if (!input.channelId.trim()) throw new PaperbotError('bad_option', 'subscribe: no channel to subscribe', {});
  const topic = input.topic?.trim();
  return { ...input, time, timezone, ...(topic ? { topic } : { topic: undefined }) };
}
