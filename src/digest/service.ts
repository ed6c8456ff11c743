/**
 * Daily highlights, assembled: applies `HIGHLIGHTS` to the stored subscriptions and runs the
 * scheduler over the shared storage. The composition root hands `subscriptions` to the chat adapters
 * and each adapter's poster back via `addPoster` once it is connected.
 */
import type { Config } from '../config.js';
import type { PaperCore } from '../core.js';
import { PaperbotError } from '../errors.js';
import type { Logger } from '../log.js';
import { NO_METRICS, type Metrics } from '../metrics.js';
import type { Storage } from '../storage/index.js';
import type { Subscription } from '../storage/subscriptions.js';
import { systemClock, type Clock } from './clock.js';
import { FeedRefresher, type FeedRefresherOptions, type RefreshReport } from './feeds.js';
import { canonicalTimeZone, localLabel, nextOccurrence, normalizeTime, timeError, timeZoneError } from './schedule.js';
import { Scheduler } from './scheduler.js';
import { MAX_COUNT } from './settings.js';
import type {
  DigestPlatform,
  DigestPoster,
  PaperFollower,
  SubscribeInput,
  SubscriptionService,
  SubscriptionView,
} from './types.js';

export interface HighlightsDeps {
  config: Pick<Config, 'highlights'>;
  core: PaperCore;
  logger: Logger;
  /** Opened (and closed) by the caller; shared with the adapters. */
  storage: Storage;
  /** Keeps the index in step with stored papers; the caller has loaded them already. */
  papers: PaperFollower;
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
  /** Stops scheduling and waits for a post in progress; the storage stays open. */
  stop(): Promise<void>;
}

export async function startHighlights(deps: HighlightsDeps): Promise<Highlights> {
  const settings = deps.config.highlights;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ component: 'highlights' });
  const posters = deps.posters ?? new Map<DigestPlatform, DigestPoster>();
  const metrics = deps.metrics ?? NO_METRICS;
  const { storage } = deps;
  const store = storage.subscriptions;
  const ledger = storage.ledger;
  const feeds = new FeedRefresher({
    settings: settings.feeds,
    store: storage.papers,
    leases: storage.leases,
    sync: deps.papers,
    logger,
    metrics,
    now: () => clock.now(),
    ...deps.feedOptions,
  });

  const { removed } = await store.syncConfig(settings.entries, clock.now());
  for (const sub of removed) logger.info({ platform: sub.platform, channel: sub.channelId }, 'highlights: no longer in HIGHLIGHTS; unsubscribed');
  logger.info({ database: storage.description, subscriptions: (await store.active()).length }, 'highlights: started');

  const scheduler = new Scheduler({ settings, core: deps.core, logger, clock, posters, subscriptions: store, ledger, feeds, papers: deps.papers, metrics });
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

  const refuseConfigured = async (platform: DigestPlatform, channelId: string): Promise<void> => {
    const existing = await store.find(platform, channelId);
    if (existing?.active && existing.origin === 'config') {
      throw new PaperbotError(
        'forbidden',
        "this channel's daily highlights are set in the HIGHLIGHTS configuration; change them there",
        { channelId },
      );
    }
  };

  const subscriptions: SubscriptionService = {
    async subscribe(input: SubscribeInput): Promise<SubscriptionView> {
      const fields = validate(input);
      await refuseConfigured(fields.platform, fields.channelId);
      const sub = await store.save({ ...fields, origin: 'command' }, clock.now());
      logger.info({ platform: sub.platform, channel: sub.channelId, time: sub.time, timezone: sub.timezone, by: input.createdBy }, 'highlights: subscribed');
      await scheduler.replan();
      return view(sub);
    },
    async unsubscribe(platform, channelId) {
      await refuseConfigured(platform, channelId);
      const removed = await store.deactivate(platform, channelId, clock.now());
      if (removed) {
        logger.info({ platform, channel: channelId }, 'highlights: unsubscribed');
        await scheduler.replan();
      }
      return removed;
    },
    async list(platform, channelId) {
      return (await store.active(platform, channelId)).map(view);
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
    stop: () => scheduler.stop(),
  };
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
