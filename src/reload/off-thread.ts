/**
 * A rebuild that never stalls the serving thread: a worker thread hashes, parses and indexes the
 * corpus (or opens its cache entry) and hands the index over in one message, its sections
 * transferred rather than copied; this side then reads the papers and minisearch's state back in
 * slices that yield to the event loop. Only a complete index comes back; any failure rejects and
 * leaves the caller's index as it was.
 */
import { Worker } from 'node:worker_threads';
import { PaperbotError } from '../errors.js';
import type { OnProgress } from '../progress.js';
import { readCache, type CachedSource } from '../search/cache.js';
import { FileRegion } from '../search/image.js';
import { PaperIndex, type IndexImage } from '../search/paper-index.js';
import { PAPER_SECTIONS } from '../search/paper-table.js';
import { compiledModule } from './compiled.js';
import type { FromWorker, WorkerInput } from './protocol.js';

export interface Rebuilt {
  key: string;
  sources: CachedSource[];
  fromCache: boolean;
  index: PaperIndex;
}

type Received = Extract<FromWorker, { type: 'index' }>;

/** The index image the worker sent; `reread` when the cache entry it named was replaced meanwhile. */
function imageOf(message: Received, reread: () => IndexImage | undefined): IndexImage {
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

function workerUrl(): URL {
  const here = import.meta.url;
  return new URL(compiledModule(new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here).href));
}

/** The rebuilt index, or null when the files are unchanged since `input.currentKey`. */
export function rebuildOffThread(input: WorkerInput, onProgress?: OnProgress): Promise<Rebuilt | null> {
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
        case 'index':
          // The worker's heap goes before the new index is loaded here: the two never add up.
          void worker.terminate();
          resolve(message);
          return;
        case 'error':
          reject(new PaperbotError(message.error.code, message.error.message, message.error.details));
      }
    });
    worker.on('error', (error) => reject(new PaperbotError('internal', `the index rebuild failed: ${error.message}`)));
    worker.on('exit', (code) => reject(new PaperbotError('internal', `the index rebuild stopped early (worker exit code ${code})`)));
  });

  return received
    .then(async (message) => {
      if (!message) return null;
      const papers = message.meta.papers;
      onProgress?.({ phase: 'loading index', done: 0, total: papers, unit: 'papers' });
      const reread = () => {
        const cached = input.cacheDir ? readCache(input.cacheDir, message.key, input.corpus) : undefined;
        return cached?.status === 'hit' ? cached.entry.image : undefined;
      };
      const index = await PaperIndex.fromImageAsync(imageOf(message, reread), input.corpus);
      onProgress?.({ phase: 'loading index', done: papers, total: papers, unit: 'papers' });
      return { key: message.key, sources: message.sources, fromCache: message.fromCache, index };
    })
    .finally(() => {
      void worker.terminate();
    });
}
