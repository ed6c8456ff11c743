/**
 * What the rebuild worker tells the serving thread. The index comes as one message whose sections
 * are transferred, not copied; the abstracts stay in the cache file, which the serving thread opens
 * again (the files a worker opens close when it ends) and checks is the very file the worker checked.
 */
import type { ErrorCode } from '../errors.js';
import type { ProgressEvent } from '../progress.js';
import type { CachedSource } from '../search/cache.js';
import type { RegionHandle } from '../search/image.js';
import type { ImageMeta } from '../search/paper-index.js';
import type { SectionSpec } from '../search/sections.js';

export interface WorkerInput {
  corpus: string[];
  cacheDir: string | null;
  sections: SectionSpec[];
  /** The key of the index being served: when the files still hash to it, there is nothing to do. */
  currentKey?: string;
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
    }
  | { type: 'error'; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
