/**
 * A rebuild that never stalls the serving thread: a worker thread hashes, parses and indexes the
 * corpus; this side receives the result slice by slice, yielding between slices, then loads the index
 * in small steps (minisearch's async loader). Only a complete index comes back; any failure rejects
 * and leaves the caller's index as it was.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../config.js';
import { PaperbotError } from '../errors.js';
import type { Paper } from '../model/paper.js';
import { counted, type OnProgress } from '../progress.js';
import type { CachedSource } from '../search/cache.js';
import { PaperIndex, type IndexEntry, type IndexSnapshot } from '../search/paper-index.js';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.js';

export interface Rebuilt {
  key: string;
  sources: CachedSource[];
  fromCache: boolean;
  index: PaperIndex;
}

/**
 * The worker script beside this module. Under the test runner this module is TypeScript that Node
 * cannot start as a worker, so the build's copy is used (`npm test` builds before it runs).
 */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new URL('./worker.js', here);
  return pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'src', 'reload', 'worker.js'));
}

/** The rebuilt index, or null when the files are unchanged since `input.currentKey`. */
export function rebuildOffThread(input: WorkerInput, onProgress?: OnProgress): Promise<Rebuilt | null> {
  const worker = new Worker(workerUrl(), { workerData: input });
  const ask = () => worker.postMessage({ type: 'more' } satisfies ToWorker);
  let header: Extract<FromWorker, { type: 'start' }> | undefined;
  let papers: Paper[] = [];
  let entries: IndexEntry[] = [];

  const received = new Promise<{ header: typeof header; papers: Paper[]; entries: IndexEntry[] } | null>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'progress':
          onProgress?.(message.event);
          return;
        case 'unchanged':
          resolve(null);
          return;
        case 'start':
          header = message;
          ask();
          return;
        case 'restart':
          papers = [];
          entries = [];
          return;
        case 'papers':
          papers.push(...message.chunk);
          setImmediate(ask);
          return;
        case 'terms':
          for (const entry of message.chunk) entries.push(entry);
          setImmediate(ask);
          return;
        case 'done':
          resolve({ header, papers, entries });
          return;
        case 'error':
          reject(new PaperbotError(message.error.code, message.error.message, message.error.details));
      }
    });
    worker.on('error', (error) => reject(new PaperbotError('internal', `the index rebuild failed: ${error.message}`)));
    worker.on('exit', (code) => reject(new PaperbotError('internal', `the index rebuild stopped early (worker exit code ${code})`)));
  });

  return received
    .then(async (result) => {
      if (!result) return null;
      const start = result.header;
      if (!start) throw new PaperbotError('internal', 'the index rebuild sent its index without a header');
      const snapshot: IndexSnapshot = {
        meta: start.meta,
        terms: start.terms,
        entries: counted(result.entries, start.terms, 'loading index', 'terms', onProgress),
      };
      const index = await PaperIndex.fromSnapshotAsync(result.papers, snapshot);
      return { key: start.key, sources: start.sources, fromCache: start.fromCache, index };
    })
    .finally(() => {
      void worker.terminate();
    });
}
