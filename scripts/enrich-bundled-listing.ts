/**
 * How data/papers-listing.ids.json was enriched, reproducibly and without reaching arXiv: the real
 * arXiv records of the shared corpus (../shared/corpus/papers.jsonl, see its PROVENANCE.md) are
 * served as the arXiv API on 127.0.0.1, and `paperbot enrich --corpus data/papers-listing.txt` runs
 * against them at arXiv's own pace.
 *
 * Each record is served with what arXiv itself says about the paper: id, title, abstract, authors.
 * Not its date: the corpus dates papers by the day a listing or Hugging Face showed them, which can
 * be a day or two after arXiv's publication date, and the sidecar's `published` means the latter.
 * A title the corpus does not hold is simply not found; only the real arXiv can find those.
 *
 *   npm run build && node dist/scripts/enrich-bundled-listing.js [--check]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { startFakeArxiv } from '../test/fakes/arxiv.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');
const LISTING = path.join(PROJECT_ROOT, 'data', 'papers-listing.txt');

interface CorpusRecord {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An arXiv API response holding every record, in the API's Atom shape. */
function atomFeed(records: CorpusRecord[]): string {
  const entries = records.map(
    (r) =>
      `<entry>\n    <id>http://arxiv.org/abs/${r.id}v1</id>\n    <title>${xml(r.title)}</title>\n    <summary>${xml(r.abstract)}</summary>\n` +
      `${r.authors.map((name) => `    <author>\n      <name>${xml(name)}</name>\n    </author>\n`).join('')}` +
      `    <link href="http://arxiv.org/abs/${r.id}v1" rel="alternate" type="text/html"/>\n    <link title="pdf" href="http://arxiv.org/pdf/${r.id}v1" rel="related" type="application/pdf"/>\n  </entry>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '  <title type="html">ArXiv Query</title>',
    `  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${records.length}</opensearch:totalResults>`,
    ...entries.map((e) => `  ${e}`),
    '</feed>',
  ].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(SHARED_CORPUS)) throw new Error(`${SHARED_CORPUS} is missing: this script needs the shared corpus beside the project`);
  const records = readFileSync(SHARED_CORPUS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusRecord);
  const arxiv = await startFakeArxiv({ documents: [atomFeed(records)] });
  try {
    const bin = path.join(PROJECT_ROOT, 'dist', 'bin', 'paperbot.js');
    const args = [bin, 'enrich', '--corpus', LISTING, ...process.argv.slice(2)];
    process.stderr.write(`serving ${records.length} records as the arXiv API at ${arxiv.url}\n`);
    // Not spawnSync: the fake arXiv answers from this process's event loop.
    process.exitCode = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ARXIV_API_URL: arxiv.url } });
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await arxiv.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
