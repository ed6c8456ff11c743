import { primaryUrl, type PaperHead } from '../model/paper.js';
import type { PaperRef } from '../results.js';

/** What every result says about a paper. */
export function paperRef(paper: PaperHead): PaperRef {
  const ref: PaperRef = { id: paper.id, title: paper.title, authors: paper.authors, url: primaryUrl(paper), links: paper.links };
  if (paper.published) ref.published = paper.published;
  if (paper.upvotes !== undefined) ref.upvotes = paper.upvotes;
  return ref;
}
