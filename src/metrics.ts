/**
 * What the core and the commands report for monitoring. The composition root decides where it goes
 * (Prometheus, in adapters/ops); the core and the commands depend on this interface only, so they
 * import no metrics library and tests can record the events.
 */

/** `ok`: answered; `user_error`: the user's mistake, answered with an explanation; `error`: a bug. */
export type CommandOutcome = 'ok' | 'user_error' | 'error';

/**
 * One daily post attempt: `posted`; `recovered` (an earlier attempt had gone out, found and recorded);
 * `skipped` (nothing new, or missed beyond the catch-up window); `paused` (the channel is gone);
 * `failed` (will be retried).
 */
export type DigestPostOutcome = 'posted' | 'recovered' | 'skipped' | 'paused' | 'failed';

export type FeedFetchOutcome = 'ok' | 'error';

export interface Metrics {
  commandRun(event: { platform: string; command: string; outcome: CommandOutcome; seconds: number }): void;
  digestPost(outcome: DigestPostOutcome): void;
  /** `feed` is the configured feed (`hf-daily`, `arxiv cat:cs.LG`), never a dated URL: labels stay few. */
  feedFetch(feed: string, outcome: FeedFetchOutcome): void;
}

export const NO_METRICS: Metrics = {
  commandRun: () => undefined,
  digestPost: () => undefined,
  feedFetch: () => undefined,
};
