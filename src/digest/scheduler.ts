/**
 * The daily-post loop. Each pass looks at every active subscription: a run that is due (at most the
 * catch-up window late) is claimed in the ledger, picked, posted and marked; an older missed run is
 * closed as skipped with a log line. Between passes one timer waits for the next run, for the feed
 * refresh shortly before it, or for a retry, whichever is first.
 */
import type { PaperCore } from '../core.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { Clock } from './clock.js';
import type { FeedRefresher } from './feeds.js';
import { localDate, nextOccurrence, occurrencesBetween } from './schedule.js';
import type { HighlightsSettings } from './settings.js';
import { digestKey, type DueDigest, type Ledger } from '../storage/ledger.js';
import type { Subscription, SubscriptionStore } from '../storage/subscriptions.js';
import { ChannelUnavailableError, type Digest, type DigestPlatform, type DigestPoster, type PaperFollower } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Far enough back to see the latest run of a daily schedule, even on a 25-hour DST day. */
const LOOKBACK_MS = 26 * HOUR_MS;
/** Feeds are refreshed this long before a run, so posting does not wait for slow sources. */
export const REFRESH_LEAD_MS = 10 * 60_000;
/** A refresh this recent is good enough for the next run; several subscriptions share one. */
const REFRESH_FRESH_MS = 30 * 60_000;
/** The timer never sleeps longer than this, so a changed system clock is noticed within the hour. */
const MAX_SLEEP_MS = HOUR_MS;
const RETRY_BASE_MS = 5 * 60_000;
/** After a pass failed (e.g. the database did not answer), the next one comes this soon. */
const PASS_RETRY_MS = 60_000;

export interface SchedulerDeps {
  settings: HighlightsSettings;
  core: PaperCore;
  logger: Logger;
  clock: Clock;
  posters: ReadonlyMap<DigestPlatform, DigestPoster>;
  subscriptions: SubscriptionStore;
  ledger: Ledger;
  feeds: FeedRefresher;
  /** Brings in papers other replicas stored, before picking a digest. */
  papers: PaperFollower;
  metrics: Metrics;
}

export class Scheduler {
  private cancelTimer: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastRefresh = Number.NEGATIVE_INFINITY;
  /** Digest key -> earliest next attempt (another process's claim, or our failed post). */
  private readonly retryAt = new Map<string, number>();
  private readonly warnedNoPoster = new Set<DigestPlatform>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Runs one pass now, after any pass in progress. */
  runNow(): Promise<void> {
    this.queue = this.queue.then(() => this.pass());
    return this.queue;
  }

  /** Re-plans the timer after subscriptions changed. */
  async replan(): Promise<void> {
    if (!this.stopped) await this.plan().catch((error: unknown) => this.planFallback(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    await this.queue;
  }

  private async pass(): Promise<void> {
    if (this.stopped) return;
    this.cancelTimer?.();
    let failed = false;
    try {
      const now = this.deps.clock.now();
      const subs = (await this.deps.subscriptions.active()).filter((s) => !s.pausedReason);
      const due: Array<[Subscription, DueDigest]> = [];
      for (const sub of subs) due.push(...(await this.closeMissed(sub, now)));
      await this.refreshFeeds(subs, due.length > 0, now);
      if (due.length > 0) await this.deps.papers.sync();
      for (const [sub, digest] of due) await this.deliver(sub, digest);
    } catch (error) {
      failed = true;
      this.deps.logger.error({ err: error }, `highlights: scheduling pass failed; trying again in ${PASS_RETRY_MS / 1000} s`);
    } finally {
      if (!this.stopped) await this.plan(failed).catch((error: unknown) => this.planFallback(error));
    }
  }

  /**
   * Closes runs missed while the bot was down (all but the latest, and the latest too once it is
   * beyond the catch-up window) and returns the runs still owed: the latest when it is on time, and
   * any run whose earlier attempt did not finish, which `deliver` checks with the platform first.
   */
  private async closeMissed(sub: Subscription, now: Date): Promise<Array<[Subscription, DueDigest]>> {
    const { ledger, logger, settings } = this.deps;
    const from = new Date(Math.max(sub.activeSince.getTime() - 1, now.getTime() - LOOKBACK_MS));
    const runs = occurrencesBetween(sub, from, now).map((run) => this.dueDigest(sub, run));
    const latest = runs.at(-1);
    const owed: Array<[Subscription, DueDigest]> = [];
    for (const run of runs) {
      const state = await ledger.state(run.subscriptionId, run.localDate);
      if (state === 'claimed') owed.push([sub, run]);
      if (state) continue;
      const onTime = now.getTime() - run.scheduledFor.getTime() <= settings.catchupHours * HOUR_MS;
      if (run === latest && onTime) {
        owed.push([sub, run]);
        continue;
      }
      const note = `missed: the bot or its ${sub.platform} adapter was not running within the ${settings.catchupHours}-hour catch-up window`;
      if (await ledger.skip(run, note, now)) {
        this.deps.metrics.digestPost('skipped');
        logger.warn({ subscription: sub.id, channel: sub.channelId, date: run.localDate }, `highlights: ${note}; skipped`);
      }
    }
    return owed;
  }

  private dueDigest(sub: Subscription, run: Date): DueDigest {
    const date = localDate(run, sub.timezone);
    return { subscriptionId: sub.id, localDate: date, key: digestKey(sub.id, date), scheduledFor: run };
  }

  private async refreshFeeds(subs: Subscription[], postingNow: boolean, now: Date): Promise<void> {
    const { feeds } = this.deps;
    if (!feeds.enabled || now.getTime() - this.lastRefresh < REFRESH_FRESH_MS) return;
    const soon = subs.some((s) => nextOccurrence(s, now).getTime() - now.getTime() <= REFRESH_LEAD_MS);
    if (!postingNow && !soon) return;
    this.lastRefresh = now.getTime();
    await feeds.refresh();
  }

  private async deliver(sub: Subscription, due: DueDigest): Promise<void> {
    const { clock, ledger, logger, posters, settings, metrics } = this.deps;
    const now = clock.now();
    if ((this.retryAt.get(due.key) ?? 0) > now.getTime()) return;
    const poster = posters.get(sub.platform);
    if (!poster) {
      if (!this.warnedNoPoster.has(sub.platform)) {
        this.warnedNoPoster.add(sub.platform);
        logger.info({ platform: sub.platform }, "highlights: waiting for this platform's adapter before posting");
      }
      return;
    }
    const log = logger.child({ subscription: sub.id, platform: sub.platform, channel: sub.channelId, date: due.localDate, key: due.key });
    const claim = await ledger.claim(due, now);
    if (claim.kind === 'done') return;
    if (claim.kind === 'busy') {
      this.retryAt.set(due.key, claim.until.getTime());
      log.info('highlights: another process is posting this digest; checking again when its claim expires');
      return;
    }
    let attempts = 1;
    try {
      if (claim.kind === 'takeover') {
        attempts = claim.attempts;
        const found = await poster.findPosted(sub.channelId, due.key);
        if (found) {
          await ledger.markPosted(due, found.messageId, claim.paperIds, clock.now());
          metrics.digestPost('recovered');
          this.retryAt.delete(due.key);
          log.info({ messageId: found.messageId }, 'highlights: an earlier attempt did post this digest; recorded it instead of posting again');
          return;
        }
        if (clock.now().getTime() - due.scheduledFor.getTime() > settings.catchupHours * HOUR_MS) {
          await ledger.skip(due, 'earlier attempts failed and the catch-up window has passed', clock.now());
          metrics.digestPost('skipped');
          log.warn('highlights: digest not posted within the catch-up window; skipped');
          return;
        }
      }
      await this.post(sub, due, poster, log);
      this.retryAt.delete(due.key);
    } catch (error) {
      if (error instanceof ChannelUnavailableError) {
        await this.deps.subscriptions.pause(sub.id, error.reason, clock.now());
        await ledger.skip(due, `channel unavailable: ${error.reason}`, clock.now());
        metrics.digestPost('paused');
        log.warn({ reason: error.reason }, 'highlights: cannot post to this channel; subscription paused');
        return;
      }
      metrics.digestPost('failed');
      await ledger.release(due).catch((release: unknown) => log.warn({ err: release }, 'highlights: could not release the claim; it expires by itself'));
      const wait = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), HOUR_MS);
      this.retryAt.set(due.key, clock.now().getTime() + wait);
      log.error({ err: error, retryInMs: wait }, 'highlights: posting failed; will check the channel and retry');
    }
  }

  private async post(sub: Subscription, due: DueDigest, poster: DigestPoster, log: Logger): Promise<void> {
    const { clock, core, ledger, settings, metrics } = this.deps;
    const highlights = core.highlights({
      limit: sub.count,
      topic: sub.topic,
      exclude: await ledger.postedPaperIds(sub.id),
      today: due.localDate,
      since: settings.maxAgeDays ? daysBefore(due.localDate, settings.maxAgeDays) : undefined,
    });
    if (highlights.highlights.length === 0 && !settings.emptyNote) {
      await ledger.skip(due, 'nothing new to post', clock.now());
      metrics.digestPost('skipped');
      log.info('highlights: nothing new today; no post');
      return;
    }
    const paperIds = highlights.highlights.map((h) => h.id);
    await ledger.recordPick(due, paperIds);
    const digest: Digest = { date: due.localDate, timezone: sub.timezone, highlights, ...(sub.topic ? { topic: sub.topic } : {}) };
    const posted = await poster.post(sub.channelId, digest, due.key);
    await ledger.markPosted(due, posted.messageId, paperIds, clock.now());
    metrics.digestPost('posted');
    log.info({ messageId: posted.messageId, papers: paperIds.length }, 'highlights: digest posted');
  }

  private async plan(afterFailure = false): Promise<void> {
    const { clock, feeds } = this.deps;
    this.cancelTimer?.();
    const now = clock.now().getTime();
    let next = now + (afterFailure ? PASS_RETRY_MS : MAX_SLEEP_MS);
    for (const sub of await this.deps.subscriptions.active()) {
      if (sub.pausedReason) continue;
      const run = nextOccurrence(sub, new Date(now)).getTime();
      next = Math.min(next, run);
      if (feeds.enabled && run - REFRESH_LEAD_MS > now) next = Math.min(next, run - REFRESH_LEAD_MS);
    }
    for (const [key, at] of this.retryAt) {
      if (at < now - DAY_MS) this.retryAt.delete(key);
      else if (at > now) next = Math.min(next, at);
    }
    this.schedule(next);
  }

  /** Planning needs the subscriptions; when the database does not answer, look again soon. */
  private planFallback(error: unknown): void {
    this.deps.logger.error({ err: error }, `highlights: cannot read subscriptions; trying again in ${PASS_RETRY_MS / 1000} s`);
    this.schedule(this.deps.clock.now().getTime() + PASS_RETRY_MS);
  }

  private schedule(at: number): void {
    this.cancelTimer?.();
    if (!this.stopped) this.cancelTimer = this.deps.clock.setTimer(new Date(at), () => this.runNow());
  }
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}
