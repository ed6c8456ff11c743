/**
 * Keeps this process's index in step with the papers in the database. Each replica holds its own
 * index; papers that another replica fetched from a feed or added from chat reach it here, by
 * polling for revisions newer than the last one seen (one indexed query; nothing when idle). It sits
 * with the serving core, above storage: storage keeps the papers and calls nothing back.
 */
import type { PaperCore } from '../core.js';
import type { Logger } from '../log.js';
import { CHAT_SOURCE, type PaperStore } from '../storage/papers.js';

export const DEFAULT_SYNC_INTERVAL_MS = 30_000;

export interface SyncReport {
  added: number;
  updated: number;
  removed: number;
  invalid: number;
}

export class PaperSync {
  private revision = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SyncReport> | undefined;
  private queued: Promise<SyncReport> | undefined;
  private failing = false;

  constructor(
    private readonly store: PaperStore,
    private readonly core: Pick<PaperCore, 'addPapers' | 'removePapers'>,
    private readonly logger: Logger,
  ) {}

  /**
   * Applies what changed since the last call (everything, the first time). A call made while a query
   * runs waits for the next one, shared by every call made meanwhile: a sync after a write sees it.
   */
  sync(): Promise<SyncReport> {
    if (this.running) {
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.sync();
        });
      return this.queued;
    }
    this.running = this.pull().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Polls every `intervalMs`; a database that stops answering is logged once, then retried each time. */
  start(intervalMs: number = DEFAULT_SYNC_INTERVAL_MS): void {
    this.stop();
    this.timer = setInterval(() => {
      this.sync().then(
        () => {
          if (this.failing) this.logger.info('papers: the database answers again; stored papers are in sync');
          this.failing = false;
        },
        (error: unknown) => {
          if (!this.failing) this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'papers: cannot read stored papers; retrying');
          this.failing = true;
        },
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async pull(): Promise<SyncReport> {
    const changes = await this.store.changesSince(this.revision);
    const chat = changes.papers.filter((stored) => stored.source === CHAT_SOURCE).map((stored) => stored.paper);
    const feed = changes.papers.filter((stored) => stored.source !== CHAT_SOURCE).map((stored) => stored.paper);
    // Chat papers stay chat's to remove and count as added from chat; the rest came from feeds.
    const added = (chat.length > 0 ? this.core.addPapers(chat, 'chat') : 0) + (feed.length > 0 ? this.core.addPapers(feed, 'feed') : 0);
    const removed = changes.removed.length > 0 ? this.core.removePapers(changes.removed) : 0;
    if (changes.invalid > 0 && this.revision === 0) {
      this.logger.warn({ invalid: changes.invalid }, 'papers: stored papers that no longer validate were left out');
    }
    this.revision = changes.revision;
    return { added, updated: changes.papers.length - added, removed, invalid: changes.invalid };
  }
}
