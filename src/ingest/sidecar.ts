import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { parseArxivId, titleKey } from './ids.js';
import type { RawPaper } from './types.js';

/**
 * A listing has no ids; `X.ids.json` beside `X.txt` maps exact titles to arXiv ids so those papers get
 * direct links instead of title searches.
 */
export function sidecarPath(file: string): string {
  return file.replace(/(\.[^./\\]*)?$/, '.ids.json');
}

const sidecarSchema = z.record(z.string(), z.string());

/** Title key -> arXiv id. */
export type IdMap = Map<string, string>;

export function parseSidecar(text: string, file: string): IdMap {
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
  const ids: IdMap = new Map();
  for (const [title, value] of Object.entries(parsed.data)) {
    const arxivId = parseArxivId(value);
    if (!arxivId) {
      throw new CorpusError(file, `title "${title}"`, `expected an arXiv id such as "2503.19267", got ${JSON.stringify(value)}`);
    }
    ids.set(titleKey(title), arxivId);
  }
  return ids;
}

export function applySidecar(papers: RawPaper[], ids: IdMap): RawPaper[] {
  return papers.map((paper) => {
    const arxivId = paper.arxivId ?? ids.get(titleKey(paper.title));
    return arxivId ? { ...paper, arxivId } : paper;
  });
}
