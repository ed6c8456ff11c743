/**
 * What the rebuild worker and the serving thread say to each other. The worker sends the index in
 * slices and only when asked for the next one: Node delivers every queued message in one go, so a
 * worker sending freely would make the serving thread decode the whole index in one long stall.
 */
import type { ErrorCode } from '../errors.js';
import type { Paper } from '../model/paper.js';
import type { ProgressEvent } from '../progress.js';
import type { CachedSource } from '../search/cache.js';
import type { IndexEntry, IndexSnapshot } from '../search/paper-index.js';

export interface WorkerInput {
  corpus: string[];
  cacheDir: string | null;
  /** The key of the index being served: when the files still hash to it, there is nothing to do. */
  currentKey?: string;
}

export type FromWorker =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'unchanged'; key: string }
  | { type: 'start'; key: string; sources: CachedSource[]; fromCache: boolean; papers: number; terms: number; meta: IndexSnapshot['meta'] }
  | { type: 'papers'; chunk: Paper[] }
  | { type: 'terms'; chunk: IndexEntry[] }
  /** The cached entry turned out damaged halfway: forget what was sent, a fresh build follows. */
  | { type: 'restart' }
  | { type: 'done' }
  | { type: 'error'; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export type ToWorker = { type: 'more' };
