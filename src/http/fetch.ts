/**
 * Fetching documents politely, for every fetcher (feeds, the arXiv API): a descriptive User-Agent, a
 * timeout per attempt, retries with exponential backoff on network errors, timeouts, 429 and 5xx, and
 * a minimum spacing between calls to one service (arXiv asks for 3 seconds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';

export interface FetchPolicy {
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** Wait before the first retry; doubled for each further one. */
  backoffMs: number;
  userAgent: string;
}

export const DEFAULT_RETRIES = 3;
export const DEFAULT_BACKOFF_MS = 2_000;
const MAX_RETRY_AFTER_MS = 60_000;

export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `paperbot/0.1.0 (+https://…)`: version and homepage from package.json. */
export function userAgent(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version?: string;
    homepage?: string;
    repository?: string | { url?: string };
  };
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const contact = pkg.homepage ?? repository ?? 'a research paper chat bot for Discord and Slack';
  return `paperbot/${pkg.version ?? '0.0.0'} (+${contact})`;
}

/** Keeps calls to one service at least `minGapMs` apart, counting retries as calls. */
export class Spacing {
  private last = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly minGapMs: number,
    private readonly sleep: Sleep = realSleep,
  ) {}

  async wait(): Promise<void> {
    const wait = this.last + this.minGapMs - Date.now();
    if (wait > 0) await this.sleep(wait);
    this.last = Date.now();
  }
}

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

function retryAfterMs(header: string | null): number {
  const seconds = header ? Number(header) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 0;
}

type Attempt = { ok: true; text: string } | { ok: false; error: FetchError; retry: boolean; waitMs: number };

async function attempt(url: string, policy: FetchPolicy): Promise<Attempt> {
  try {
    const response = await fetch(url, {
      headers: { 'user-agent': policy.userAgent, accept: 'application/json, application/atom+xml;q=0.9, */*;q=0.5' },
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    if (response.ok) return { ok: true, text: await response.text() };
    await response.body?.cancel();
    return {
      ok: false,
      error: new FetchError(url, `HTTP ${response.status} ${response.statusText}`.trim(), response.status),
      retry: retryable(response.status),
      waitMs: retryAfterMs(response.headers.get('retry-after')),
    };
  } catch (error) {
    return { ok: false, error: new FetchError(url, describe(error, policy.timeoutMs)), retry: true, waitMs: 0 };
  }
}

/** The body of a successful response; a `FetchError` naming the URL and the last failure otherwise. */
export async function fetchText(
  url: string,
  policy: FetchPolicy,
  options: { spacing?: Spacing; sleep?: Sleep } = {},
): Promise<string> {
  const sleep = options.sleep ?? realSleep;
  for (let retry = 0; ; retry++) {
    await options.spacing?.wait();
    const result = await attempt(url, policy);
    if (result.ok) return result.text;
    if (!result.retry) throw result.error;
    if (retry >= policy.retries) {
      throw new FetchError(url, `${result.error.message} (gave up after ${retry + 1} attempts)`, result.error.status);
    }
    await sleep(Math.max(policy.backoffMs * 2 ** retry, result.waitMs));
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no complete response within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
