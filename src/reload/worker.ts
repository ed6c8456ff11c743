/**
 * The rebuild worker: hashes the corpus files, loads the cached index or parses them; sends back
 * only the papers that changed when they are few (`delta.ts`), else indexes them (writing the
 * cache) and hands the index to the serving thread in one message: its sections transferred (no
 * copy), its abstracts left in the cache file. Everything slow about a rebuild happens here, off the
 * event loop that answers chat.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PaperbotError, toPaperbotError } from '../errors.js';
import { throttle } from '../progress.js';
import { imageSections } from '../search/paper-index.js';
import { compiledModule } from './compiled.js';
import { corpusKey, prepareRebuild } from './prepare.js';
import type { AbstractsHandle, FromWorker, WorkerInput } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('src/reload/worker.ts runs as a worker thread');
const input = workerData as WorkerInput;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Bytes in a buffer of their own, so that the buffer can be transferred. */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

async function main(): Promise<void> {
  const sections = input.sections.map((spec) => ({ ...spec, module: compiledModule(spec.module) }));
  const key = await corpusKey(input.corpus, sections);
  if (key === input.currentKey) {
    send({ type: 'unchanged', key });
    return;
  }
  const options = { corpus: input.corpus, cacheDir: input.cacheDir, sections, onProgress: throttle((event) => send({ type: 'progress', event })) };
  const prepared = await prepareRebuild(options, key, input.served);
  if ('change' in prepared) {
    send({ type: 'change', key, sources: prepared.sources, change: prepared.change });
    return;
  }
  const { image, delta } = prepared;
  const parts = imageSections(image).map(({ name, bytes }): [string, Uint8Array] => [name, own(bytes)]);
  const abstracts: AbstractsHandle = 'region' in image.abstracts ? { region: image.abstracts.region.handOff() } : { inSections: true };
  const { key: built, sources, fromCache } = prepared;
  send(
    { type: 'index', key: built, sources, fromCache, meta: image.meta, sections: parts, abstracts, ...(delta ? { delta } : {}) },
    parts.map(([, bytes]) => bytes.buffer as ArrayBuffer),
  );
}

main().catch((error: unknown) => {
  const failure = toPaperbotError(error);
  const details = failure instanceof PaperbotError ? failure.details : undefined;
  send({ type: 'error', error: { code: failure.code, message: failure.message, ...(details ? { details } : {}) } });
});
