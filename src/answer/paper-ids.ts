/**
 * Questions that name a paper by its arXiv id or link ("tldr of 2503.19267", "what does
 * arxiv.org/abs/2503.19267 propose?"): the id is written out as the paper's title, so the question
 * meets the words of the paper it names. An id the list does not hold stays as written, and the
 * question is then about something the list does not cover.
 */
import { parseArxivId } from '../ingest/ids.js';
import type { PaperIndex } from '../search/paper-index.js';

/** Punctuation around a token that is not part of an id or link ("(2503.19267)?"). */
const AROUND = /^[("'“‘<[]+|[)"'”’>\],.;:!?]+$/g;

export function writeIdsAsTitles(index: PaperIndex, text: string): string {
  return text.replace(/\S+/g, (token) => {
    const id = parseArxivId(token.replace(AROUND, ''));
    const doc = id === undefined ? undefined : index.position(id);
    return doc === undefined ? token : `“${index.paper(doc).title}”`;
  });
}
