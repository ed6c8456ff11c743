/**
 * The refresh job: fetches the configured feeds (Hugging Face daily papers by date, arXiv API
 * queries), parses each document with the core parsers, stores the papers, then brings the live
 * index up to date from the store. A source that fails or returns a document that does not parse is
 * logged with its name and contributes nothing; the papers already known stay as they are. Replicas
 * sharing a database take turns: the one holding the feed lease fetches, the others find its papers
 * in the store.
 */
import { parsePapers } from '../ingest/load.js';
import type { Logger } from '../log.js';
import { NO_METRICS, type Metrics } from '../metrics.js';
import type { Leases } from '../storage/leases.js';
import type { PaperStore } from '../storage/papers.js';
import { DEFAULT_BACKOFF_MS, DEFAULT_RETRIES, fetchText, Spacing, userAgent, type FetchPolicy, type Sleep } from '../http/fetch.js';
import type { FeedSettings } from './settings.js';
import type { PaperFollower } from './types.js';

/** arXiv's API terms: no more than one request every three seconds. */
export const ARXIV_SPACING_MS = 3_000;
export const ARXIV_MAX_RESULTS = 50;
const DAY_MS = 86_400_000;
export const FEED_LEASE = 'feeds';
/** Renewed before each source, so it only lapses when its holder stops. */
const FEED_LEASE_MS = 10 * 60_000;

export interface FeedSource {
  /** Names the source in logs and as the papers' provenance: "hf-daily 2026-03-30", "arxiv cat:cs.LG". */
  name: string;
  /** The configured feed it comes from, without the date: "hf-daily", "arxiv cat:cs.LG". */
  feed: string;
  url: string;
  format: 'hf-daily' | 'arxiv-atom';
}

/** HF daily lists for today and yesterday (UTC: a list fills up during its day), then each arXiv query. */
export function feedSources(settings: FeedSettings, now: Date): FeedSource[] {
  const sources: FeedSource[] = [];
  if (settings.hfDaily) {
    for (const offset of [0, 1]) {
      const date = new Date(now.getTime() - offset * DAY_MS).toISOString().slice(0, 10);
      const url = new URL(settings.hfApiUrl);
      url.searchParams.set('date', date);
      sources.push({ name: `hf-daily ${date}`, feed: 'hf-daily', url: url.toString(), format: 'hf-daily' });
    }
  }
  for (const query of settings.arxivQueries) {
    const url = new URL(settings.arxivApiUrl);
    url.searchParams.set('search_query', query);
    url.searchParams.set('sortBy', 'submittedDate');
    url.searchParams.set('sortOrder', 'descending');
    url.searchParams.set('max_results', String(ARXIV_MAX_RESULTS));
    sources.push({ name: `arxiv ${query}`, feed: `arxiv ${query}`, url: url.toString(), format: 'arxiv-atom' });
  }
  return sources;
}

export interface RefreshReport {
  /** Papers fetched and parsed, new or updated. */
  fetched: number;
  /** Papers the database did not have before. */
  added: number;
  failed: Array<{ source: string; error: string }>;
  /** Set when another replica was fetching: its papers reach this one through the store. */
  fetchedBy?: string;
}

export interface FeedRefresherOptions {
  settings: FeedSettings;
  store: PaperStore;
  leases: Leases;
  sync: PaperFollower;
  logger: Logger;
  now: () => Date;
  metrics?: Metrics;
  /** Test seams: retries, backoff and arXiv spacing default to the polite production values. */
  retries?: number;
  backoffMs?: number;
  arxivSpacingMs?: number;
  sleep?: Sleep;
}

export class FeedRefresher {
  private readonly policy: FetchPolicy;
  private readonly arxivSpacing: Spacing;

  constructor(private readonly options: FeedRefresherOptions) {
    this.policy = {
      timeoutMs: options.settings.timeoutMs,
      retries: options.retries ?? DEFAULT_RETRIES,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      userAgent: userAgent(),
    };
    this.arxivSpacing = new Spacing(options.arxivSpacingMs ?? ARXIV_SPACING_MS, options.sleep);
  }

  get enabled(): boolean {
    return this.options.settings.hfDaily || this.options.settings.arxivQueries.length > 0;
  }

  async refresh(): Promise<RefreshReport> {
    const { settings, store, leases, sync, logger, now, metrics = NO_METRICS } = this.options;
    const report: RefreshReport = { fetched: 0, added: 0, failed: [] };
    if (!(await leases.acquire(FEED_LEASE, FEED_LEASE_MS, now()))) {
      report.fetchedBy = (await leases.holder(FEED_LEASE, now())) ?? 'another replica';
      logger.info({ holder: report.fetchedBy }, 'feeds: another replica is fetching; taking its papers from the database');
      await sync.sync();
      return report;
    }
    try {
      for (const source of feedSources(settings, now())) {
        await leases.acquire(FEED_LEASE, FEED_LEASE_MS, now());
        try {
          const text = await fetchText(source.url, this.policy, {
            sleep: this.options.sleep,
            ...(source.format === 'arxiv-atom' ? { spacing: this.arxivSpacing } : {}),
          });
          const papers = parsePapers(text, source.name, source.format);
          const added = await store.save(papers, source.name, now());
          report.fetched += papers.length;
          report.added += added.length;
          metrics.feedFetch(source.feed, 'ok');
          logger.info({ source: source.name, papers: papers.length, new: added.length }, 'feed refreshed');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          logger.warn({ source: source.name, url: source.url, err: message }, 'feed refresh failed; keeping the papers already known');
          report.failed.push({ source: source.name, error: message });
          metrics.feedFetch(source.feed, 'error');
        }
      }
    } finally {
      await leases.release(FEED_LEASE);
    }
    await sync.sync();
    return report;
  }
}
