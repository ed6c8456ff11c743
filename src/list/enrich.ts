/**
 * `paperbot enrich`: real ids for the papers of a papers-page listing. Each paper without an arXiv id
 * is looked up on the arXiv API by its exact title and accepted only when exactly one paper's title
 * agrees once case, accents and punctuation are set aside; papers whose id is known but whose date
 * or authors are not are looked up by id. What is found goes into the listing's sidecar
 * (`X.ids.json`), written after every find with an atomic rename, so an interrupted run loses nothing
 * and the next run carries on with what is still missing.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ArxivClient } from '../arxiv/client.js';
import { PaperbotError } from '../errors.js';
import { detectFormat } from '../ingest/detect.js';
import { titleKey } from '../ingest/ids.js';
import { parseListing } from '../ingest/listing.js';
import { readSidecarDocument, sidecarPath, type SidecarValue } from '../ingest/sidecar.js';
import type { Paper } from '../model/paper.js';
import type { OnProgress } from '../progress.js';

/** The arXiv API takes many ids in one request; a page of them keeps each answer small. */
const IDS_PER_REQUEST = 50;

export interface EnrichChange {
  /** The title as the listing writes it (the sidecar's key). */
  title: string;
  id: string;
  published?: string;
  authors: string[];
  /** Found by title (a new id), or an id already known that gained its date and authors. */
  kind: 'matched' | 'completed';
}

export interface EnrichReport {
  file: string;
  sidecar: string;
  check: boolean;
  papers: number;
  lookedUp: number;
  matched: EnrichChange[];
  completed: EnrichChange[];
  notFound: string[];
  ambiguous: Array<{ title: string; ids: string[] }>;
  /** Why the run stopped early (arXiv failing); running again carries on. */
  stopped?: string;
}

export interface EnrichOptions {
  arxiv: ArxivClient;
  /** Report what would change without writing anything. */
  check?: boolean;
  onProgress?: OnProgress;
  /** Each change as it is found (and, without `check`, written). */
  onChange?: (change: EnrichChange) => void;
}

interface Known {
  key: string;
  value: SidecarValue;
}

function entryOf(change: EnrichChange): SidecarValue {
  return { id: change.id, ...(change.published ? { published: change.published } : {}), authors: change.authors };
}

function changeOf(title: string, paper: Paper, kind: EnrichChange['kind']): EnrichChange {
  return { title, id: paper.arxivId ?? paper.id, ...(paper.published ? { published: paper.published } : {}), authors: paper.authors, kind };
}

async function writeAtomically(file: string, document: Map<string, SidecarValue>): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(Object.fromEntries(document), null, 2)}\n`);
  await rename(temporary, file);
}

export async function enrichListing(file: string, options: EnrichOptions): Promise<EnrichReport> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const format = detectFormat(file, text);
  if (format !== 'listing') {
    throw new PaperbotError('bad_option', `enrich: ${file} is ${format} (its records carry their own ids); enrich fills the .ids.json sidecar of a papers-page listing`, {
      command: 'enrich',
      option: 'corpus',
    });
  }
  const sidecar = sidecarPath(file);
  const document = existsSync(sidecar) ? readSidecarDocument(await readFile(sidecar, 'utf8'), sidecar) : new Map<string, SidecarValue>();
  const known = new Map<string, Known>();
  for (const [key, value] of document) known.set(titleKey(key), { key, value });

  const byTitle: string[] = [];
  const byId: Array<{ title: string; key: string; id: string }> = [];
  const seen = new Set<string>();
  const papers = parseListing(text, file);
  for (const { title } of papers) {
    const normalized = titleKey(title);
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    const entry = known.get(normalized);
    if (!entry) byTitle.push(title);
    else if (typeof entry.value === 'string' || !entry.value.published || !entry.value.authors?.length) {
      byId.push({ title, key: entry.key, id: typeof entry.value === 'string' ? entry.value : entry.value.id });
    }
  }

  const check = options.check ?? false;
  const report: EnrichReport = { file, sidecar, check, papers: papers.length, lookedUp: 0, matched: [], completed: [], notFound: [], ambiguous: [] };
  const total = byTitle.length + byId.length;
  const progress = () => options.onProgress?.({ phase: 'looking up', done: report.lookedUp, total, unit: 'papers' });
  const record = async (key: string, change: EnrichChange) => {
    (change.kind === 'matched' ? report.matched : report.completed).push(change);
    if (!check) {
      document.set(key, entryOf(change));
      await writeAtomically(sidecar, document);
    }
    options.onChange?.(change);
  };

  progress();
  try {
    for (let start = 0; start < byId.length; start += IDS_PER_REQUEST) {
      const page = byId.slice(start, start + IDS_PER_REQUEST);
      const found = await options.arxiv.byIds(page.map((p) => p.id));
      for (const { title, key, id } of page) {
        const hit = found.get(id);
        if (hit && !hit.withdrawn) await record(key, changeOf(title, hit.paper, 'completed'));
        else report.notFound.push(title);
        report.lookedUp++;
      }
      progress();
    }
    for (const title of byTitle) {
      const found = await options.arxiv.byTitle(title);
      const ids = [...new Set(found.map((paper) => paper.arxivId ?? paper.id))];
      const only = found[0];
      if (ids.length === 1 && only) await record(title, changeOf(title, only, 'matched'));
      else if (ids.length > 1) report.ambiguous.push({ title, ids });
      else report.notFound.push(title);
      report.lookedUp++;
      progress();
    }
  } catch (error) {
    if (!(error instanceof PaperbotError) || error.code !== 'unavailable') throw error;
    report.stopped = error.message;
  }
  return report;
}
