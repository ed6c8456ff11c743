/**
 * The Prometheus side of `src/metrics.ts`: paperbot's counters and histograms plus prom-client's
 * default process metrics (CPU, memory, heap, GC, event-loop lag), in a registry of this process's
 * own (never the library-global one, so several instances can live in one test process).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandOutcome, DigestPostOutcome, FeedFetchOutcome, Metrics } from '../../src/metrics.js';

/** Seconds; commands on a 33k-paper corpus take tens to hundreds of milliseconds. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DIGEST_OUTCOMES: readonly DigestPostOutcome[] = ['posted', 'recovered', 'skipped', 'paused', 'failed'];

export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly commands: Counter<'platform' | 'command' | 'outcome'>;
  private readonly durations: Histogram<'platform' | 'command'>;
  private readonly digests: Counter<'outcome'>;
  private readonly feeds: Counter<'feed' | 'outcome'>;
  private papers: () => number = () => 0;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.commands = new Counter({
      name: 'paperbot_commands_total',
      help: 'Commands run, by platform, command and outcome (ok, user_error, error)',
      labelNames: ['platform', 'command', 'outcome'],
      registers,
    });
    this.durations = new Histogram({
      name: 'paperbot_command_duration_seconds',
      help: 'Time to compute a command’s answer (validation and core work, not platform delivery)',
      labelNames: ['platform', 'command'],
      buckets: COMMAND_BUCKETS,
      registers,
    });
    this.digests = new Counter({
      name: 'paperbot_digest_posts_total',
      help: 'Daily highlights post attempts, by outcome (posted, recovered, skipped, paused, failed)',
      labelNames: ['outcome'],
      registers,
    });
    // Every outcome shows from the start, so a rate over a fresh process is 0 rather than missing.
    for (const outcome of DIGEST_OUTCOMES) this.digests.inc({ outcome }, 0);
    this.feeds = new Counter({
      name: 'paperbot_feed_fetches_total',
      help: 'Feed fetches, by configured feed and outcome (ok, error)',
      labelNames: ['feed', 'outcome'],
      registers,
    });
    const papers = () => this.papers();
    new Gauge({
      name: 'paperbot_index_papers',
      help: 'Papers in the index being served',
      registers,
      collect() {
        this.set(papers());
      },
    });
  }

  /** Where `paperbot_index_papers` reads from, once the index is loaded. */
  countPapers(count: () => number): void {
    this.papers = count;
  }

  commandRun(event: { platform: string; command: string; outcome: CommandOutcome; seconds: number }): void {
    this.commands.inc({ platform: event.platform, command: event.command, outcome: event.outcome });
    this.durations.observe({ platform: event.platform, command: event.command }, event.seconds);
  }

  digestPost(outcome: DigestPostOutcome): void {
    this.digests.inc({ outcome });
  }

  feedFetch(feed: string, outcome: FeedFetchOutcome): void {
    this.feeds.inc({ feed, outcome });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
