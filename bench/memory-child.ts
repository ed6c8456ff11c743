/**
 * Run in a fresh process by the benchmark: loads one index and reports the time it took and the
 * resident memory after loading, so neither measurement is skewed by what the benchmark did before.
 *   node dist/bench/memory-child.js ours <cacheDir> <corpus...>
 *   node dist/bench/memory-child.js bare <corpus...>
 */
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/ingest/load.js';
import { Library } from '../src/library.js';

const [mode, ...rest] = process.argv.slice(2);
const started = performance.now();
let papers = 0;
let fromCache = false;
let keep: unknown;
if (mode === 'ours') {
  const [cacheDir, ...corpus] = rest;
  const library = await Library.open({ corpus, cacheDir: cacheDir! });
  papers = library.stats().papers;
  fromCache = library.lastLoad.fromCache;
  keep = library;
} else {
  const { papers: loaded } = await loadCorpus(rest);
  const bare = new MiniSearch<{ id: string; title: string; abstract: string; authors: string[] }>({
    fields: ['title', 'abstract', 'authors'],
    extractField: (doc, field) => (field === 'authors' ? doc.authors.join(' ') : (doc as unknown as Record<string, string>)[field]!),
  });
  bare.addAll(loaded);
  papers = bare.documentCount;
  keep = { bare, loaded };
}
const ms = performance.now() - started;
global.gc?.();
process.stdout.write(JSON.stringify({ mode, papers, fromCache, ms, rssMb: process.memoryUsage().rss / 1_048_576, kept: keep !== undefined }));
