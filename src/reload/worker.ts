/**
 * The rebuild worker: hashes the corpus files, loads the cached index or parses and indexes them
 * (writing the cache), then hands papers and index terms to the serving thread slice by slice.
 * Everything slow about a rebuild happens here, off the event loop that answers chat.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PaperbotError, toPaperbotError } from '../errors.js';
import type { Paper } from '../model/paper.js';
import { throttle } from '../progress.js';
import type { IndexEntry } from '../search/paper-index.js';
import { corpusKey, prepareIndex, type Prepared } from './prepare.js';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.js';

const PAPERS_PER_SLICE = 100;
/** Postings per slice: a common term alone can list most of the corpus. */
const POSTINGS_PER_SLICE = 5_000;

const port = parentPort;
if (!port) throw new Error('src/reload/worker.ts runs as a worker thread');
const input = workerData as WorkerInput;
const send = (message: FromWorker) => port.postMessage(message);

let wanted: (() => void) | undefined;
port.on('message', (message: ToWorker) => {
  if (message.type === 'more') wanted?.();
});
const demand = () => new Promise<void>((resolve) => (wanted = resolve));

function* slices<T>(items: Iterable<T>, weight: (item: T) => number, limit: number): Generator<T[]> {
  let slice: T[] = [];
  let size = 0;
  for (const item of items) {
    slice.push(item);
    size += weight(item);
    if (size >= limit) {
      yield slice;
      slice = [];
      size = 0;
    }
  }
  if (slice.length > 0) yield slice;
}

function postings(entry: IndexEntry): number {
  let count = 1;
  for (const field of Object.values(entry[1])) count += Object.keys(field).length;
  return count;
}

async function stream(prepared: Prepared): Promise<void> {
  const snapshot = prepared.fromCache ? prepared.snapshot : prepared.index.snapshot();
  const { key, sources, fromCache, papers } = prepared;
  send({ type: 'start', key, sources, fromCache, papers: papers.length, terms: snapshot.terms, meta: snapshot.meta });
  for (const chunk of slices<Paper>(papers, () => 1, PAPERS_PER_SLICE)) {
    await demand();
    send({ type: 'papers', chunk });
  }
  for (const chunk of slices(snapshot.entries, postings, POSTINGS_PER_SLICE)) {
    await demand();
    send({ type: 'terms', chunk });
  }
  send({ type: 'done' });
}

async function main(): Promise<void> {
  const key = await corpusKey(input.corpus);
  if (key === input.currentKey) {
    send({ type: 'unchanged', key });
    return;
  }
  const options = { corpus: input.corpus, cacheDir: input.cacheDir, onProgress: throttle((event) => send({ type: 'progress', event })) };
  const prepared = await prepareIndex(options, { key });
  try {
    await stream(prepared);
  } catch (error) {
    // Only a cached entry can fail this late (a damaged line); build from the files instead.
    if (!prepared.fromCache) throw error;
    send({ type: 'restart' });
    await stream(await prepareIndex(options, { key, useCache: false }));
  }
}

main().catch((error: unknown) => {
  const failure = toPaperbotError(error);
  const details = failure instanceof PaperbotError ? failure.details : undefined;
  send({ type: 'error', error: { code: failure.code, message: failure.message, ...(details ? { details } : {}) } });
});
