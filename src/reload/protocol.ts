/**
 * What the rebuild worker tells the serving thread. The index comes as one message whose sections
 * are transferred, not copied; the abstracts stay in the cache file, which the serving thread opens
 * again (the files a worker opens close when it ends) and checks is the very file the worker checked.
 */
import type { ErrorCode } from '../errors.js';
import type { ProgressEvent } from '../progress.js';
import type { CachedSource, CorpusDelta } from '../search/cache.js';
import type { RegionHandle } from '../search/image.js';
import type { ImageMeta } from '../search/paper-index.js';
import type { SectionSpec } from '../search/sections.js';
import type { CorpusChange } from './delta.js';

export interface WorkerInput {
  corpus: string[];
  cacheDir: string | null;
  sections: SectionSpec[];
  /** The key of the index being served: when the files still hash to it, there is nothing to do. */
  currentKey?: string;
  /** The corpus papers being served, to send back only what changed when that is little (`delta.ts`). */
  served?: ServedCorpus;
}

/** The corpus papers an index serves, by id, and how far it already is from its last full build. */
export interface ServedCorpus {
  ids: string[];
  /** `PaperTable.fingerprint` of each. */
  fingerprints: string[];
  /** Where each is served from ("data/papers.txt:11"). */
  sources: string[];
  /** Papers changed since the last full build (put or dropped): a change is sent as a delta while the total stays small. */
  pending: number;
}

/** Where the abstracts are: among the sections, or in a file the receiver now owns. */
export type AbstractsHandle = { inSections: true } | { region: RegionHandle };

export type FromWorker =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'unchanged'; key: string }
  | {
      type: 'index';
      key: string;
      sources: CachedSource[];
      fromCache: boolean;
      meta: ImageMeta;
      sections: Array<[name: string, bytes: Uint8Array]>;
      abstracts: AbstractsHandle;
      /** Set when the cache holds the corpus as an older full index and the changes since. */
      delta?: CorpusDelta;
    }
  | { type: 'change'; key: string; sources: CachedSource[]; change: CorpusChange }
  | { type: 'error'; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
