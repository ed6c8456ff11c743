/**
 * A rebuild that never stalls the serving thread: a worker thread hashes, parses and indexes the
 * corpus (or opens its cache entry) and hands the index over in one message, its sections
 * transferred rather than copied; this side then reads the papers and minisearch's state back in
 * slices that yield to the event loop. Only a complete index comes back; any failure rejects and
 * leaves the caller's index as it was.
 */
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { PaperbotError } from '../errors.js';
import type { OnProgress } from '../progress.js';
import { readCache, type CachedSource, type CorpusDelta } from '../search/cache.js';
import { FileRegion } from '../search/image.js';
import { PaperIndex, type IndexImage } from '../search/paper-index.js';
import { PAPER_SECTIONS } from '../search/paper-table.js';
import { compiledModule } from './compiled.js';
import { withTightHeap } from './heap-growth.js';
import type { CorpusChange } from './delta.js';
import type { FromWorker, WorkerInput } from './protocol.js';

/** A new index to swap in (with the changes its cache entry holds over it), or a change to apply to the one serving. */
export type Rebuilt =
  | { key: string; sources: CachedSource[]; fromCache: boolean; index: PaperIndex; delta?: CorpusDelta }
  | { key: string; sources: CachedSource[]; change: CorpusChange };

type Received = Extract<FromWorker, { type: 'index' | 'change' }>;

/** The index image the worker sent; `reread` when the cache entry it named was replaced meanwhile. */
function imageOf(message: Extract<Received, { type: 'index' }>, reread: () => IndexImage | undefined): IndexImage {
  const sections = new Map(message.sections);
  const { abstracts } = message;
  if ('inSections' in abstracts) {
    const bytes = sections.get(PAPER_SECTIONS.abstracts);
    if (!bytes) throw new PaperbotError('internal', 'the index rebuild sent no abstracts');
    return { meta: message.meta, sections, abstracts: { bytes } };
  }
  const region = FileRegion.reopen(abstracts.region);
  if (region) return { meta: message.meta, sections, abstracts: { region } };
  const image = reread();
  if (!image) throw new PaperbotError('internal', `the rebuilt index's cache entry ${abstracts.region.file} vanished before it could be loaded`);
  return image;
}

/** What to do when a rebuild does not fit in the heap: the index grows with the list, Node's default heap (about 4 GB) does not. */
function tooBig(problem: string): PaperbotError {
  const { used_heap_size: used, heap_size_limit: limit } = v8.getHeapStatistics();
  const gb = (bytes: number) => Math.ceil(bytes / 2 ** 30);
  return new PaperbotError(
    'config_error',
    `${problem}; the index being served stays. A rebuild holds a second index beside it: start paperbot with NODE_OPTIONS=--max-old-space-size=${1024 * gb(2.5 * used)} or more (the heap now allows ${gb(limit)} GB, ${gb(used)} GB in use)`,
  );
}

/**
 * A rebuilt index is read back beside the one serving until the swap, and needs about as much heap
 * again: refuse it, rather than let the process run out of heap and end.
 */
function ensureRoomForSecondIndex(): void {
  const { used_heap_size: used, heap_size_limit: limit } = v8.getHeapStatistics();
  if (2 * used > limit) throw tooBig('the rebuilt index does not fit in this process beside the one serving');
}

function workerUrl(): URL {
  const here = import.meta.url;
  return new URL(compiledModule(new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here).href));
}

/** The rebuilt index or the change to apply, or null when the files are unchanged since `input.currentKey`. */
export function rebuildOffThread(input: WorkerInput, onProgress?: OnProgress): Promise<Rebuilt | null> {
  return withTightHeap(() => rebuild(input, onProgress));
}

function rebuild(input: WorkerInput, onProgress?: OnProgress): Promise<Rebuilt | null> {
  const worker = new Worker(workerUrl(), { workerData: input });
  const received = new Promise<Received | null>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'progress':
          onProgress?.(message.event);
          return;
        case 'unchanged':
          resolve(null);
          return;
        case 'change':
          resolve(message);
          return;
        case 'index':
          // The worker's heap goes before the new index is loaded here: the two never add up.
          void worker.terminate();
          resolve(message);
          return;
        case 'error':
          reject(new PaperbotError(message.error.code, message.error.message, message.error.details));
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig('the index rebuild ran out of heap') : new PaperbotError('internal', `the index rebuild failed: ${error.message}`)),
    );
    worker.on('exit', (code) => reject(new PaperbotError('internal', `the index rebuild stopped early (worker exit code ${code})`)));
  });

  return received
    .then(async (message) => {
      if (!message) return null;
      if (message.type === 'change') return { key: message.key, sources: message.sources, change: message.change };
      ensureRoomForSecondIndex();
      const papers = message.meta.papers;
      onProgress?.({ phase: 'loading index', done: 0, total: papers, unit: 'papers' });
      const reread = () => {
        const cached = input.cacheDir ? readCache(input.cacheDir, message.key, input.corpus) : undefined;
        return cached?.status === 'hit' ? cached.entry.image : undefined;
      };
      const index = await PaperIndex.fromImageAsync(imageOf(message, reread), input.corpus);
      onProgress?.({ phase: 'loading index', done: papers, total: papers, unit: 'papers' });
      return { key: message.key, sources: message.sources, fromCache: message.fromCache, index, ...(message.delta ? { delta: message.delta } : {}) };
    })
    .finally(() => {
      void worker.terminate();
    });
}
