import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { parseArxivId, titleKey } from './ids.js';
import { toDay } from './normalize.js';
import type { RawPaper } from './types.js';

/**
 * A listing has no ids; `X.ids.json` beside `X.txt` gives papers, by exact title, their arXiv id, and
 * optionally their publication date and authors (what `paperbot enrich` writes):
 *
 *   { "NeoRL-2: Near Real-World …": "2503.19267",
 *     "Reactive Diffusion Policy: …": { "id": "2503.02881", "published": "2025-03-05", "authors": ["Han Xue", …] } }
 */
export function sidecarPath(file: string): string {
  return file.replace(/(\.[^./\\]*)?$/, '.ids.json');
}

export interface SidecarEntry {
  arxivId: string;
  /** YYYY-MM-DD */
  published?: string;
  authors?: string[];
}

/** Title key -> what the sidecar says about that paper. */
export type IdMap = Map<string, SidecarEntry>;

const entrySchema = z.union([
  z.string(),
  z.strictObject({
    id: z.string(),
    published: z.string().optional(),
    authors: z.array(z.string()).optional(),
  }),
]);
const sidecarSchema = z.record(z.string(), z.unknown());

export type SidecarValue = z.infer<typeof entrySchema>;

/** The sidecar as written: exact titles (in file order) to their entries. */
export function readSidecarDocument(text: string, file: string): Map<string, SidecarValue> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CorpusError(file, undefined, `invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = sidecarSchema.safeParse(document);
  if (!parsed.success) {
    throw new CorpusError(file, undefined, 'expected a JSON object mapping exact paper titles to arXiv ids');
  }
  const entries = new Map<string, SidecarValue>();
  for (const [title, value] of Object.entries(parsed.data)) {
    const entry = entrySchema.safeParse(value);
    if (!entry.success) {
      throw new CorpusError(
        file,
        `title "${title}"`,
        `expected an arXiv id such as "2503.19267" or {"id": "2503.19267", "published": "2025-03-25", "authors": ["…"]}, got ${JSON.stringify(value)}`,
      );
    }
    entries.set(title, entry.data);
  }
  return entries;
}

function toEntry(title: string, value: SidecarValue, file: string): SidecarEntry {
  const fields = typeof value === 'string' ? { id: value } : value;
  const arxivId = parseArxivId(fields.id);
  if (!arxivId) throw new CorpusError(file, `title "${title}"`, `expected an arXiv id such as "2503.19267", got ${JSON.stringify(fields.id)}`);
  const entry: SidecarEntry = { arxivId };
  if (typeof value === 'string') return entry;
  if (value.published !== undefined) {
    const day = toDay(value.published);
    if (!day) throw new CorpusError(file, `title "${title}"`, `field "published": expected a date (YYYY-MM-DD), got ${JSON.stringify(value.published)}`);
    entry.published = day;
  }
  if (value.authors !== undefined) entry.authors = value.authors;
  return entry;
}

export function parseSidecar(text: string, file: string): IdMap {
  const ids: IdMap = new Map();
  for (const [title, value] of readSidecarDocument(text, file)) ids.set(titleKey(title), toEntry(title, value, file));
  return ids;
}

/** What the listing itself says wins; the sidecar fills in what it lacks. */
export function applySidecar(papers: RawPaper[], ids: IdMap): RawPaper[] {
  return papers.map((paper) => {
    const entry = ids.get(titleKey(paper.title));
    if (!entry) return paper;
    const filled: RawPaper = { ...paper, arxivId: paper.arxivId ?? entry.arxivId };
    if (!paper.published && entry.published) filled.published = entry.published;
    if ((paper.authors ?? []).length === 0 && entry.authors && entry.authors.length > 0) filled.authors = entry.authors;
    return filled;
  });
}
