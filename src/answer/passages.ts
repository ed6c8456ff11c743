/**
 * The evidence as passages a reader (or a language model) can weigh: for each of the best papers,
 * its best sentences with a neighbour on each side, touching sentences merged, in abstract order.
 */
import { primaryUrl } from '../model/paper.js';
import type { EvidencePassage } from '../results.js';
import type { Evidence } from './evidence.js';

export interface PassageOptions {
  /** How many of the best papers give passages. */
  papers?: number;
  /** How many of a paper's best sentences anchor a passage. */
  perPaper?: number;
  /** Sentences on each side of an anchor that travel with it. */
  neighbours?: number;
}

const DEFAULTS: Required<PassageOptions> = { papers: 4, perPaper: 2, neighbours: 1 };

export function evidencePassages(evidence: Evidence, options: PassageOptions = {}): EvidencePassage[] {
  const { papers, perPaper, neighbours } = { ...DEFAULTS, ...options };
  const passages: EvidencePassage[] = [];
  for (const paper of evidence.papers.slice(0, papers)) {
    const anchors = [paper.best, ...[...paper.sentences].sort((a, b) => b.score - a.score).filter((s) => s !== paper.best)]
      .slice(0, perPaper)
      .map((s) => s.index);
    const last = paper.sentences.length - 1;
    const ranges = anchors.map((i): [number, number] => [Math.max(0, i - neighbours), Math.min(last, i + neighbours)]).sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [from, to] of ranges) {
      const previous = merged.at(-1);
      if (previous && from <= previous[1] + 1) previous[1] = Math.max(previous[1], to);
      else merged.push([from, to]);
    }
    for (const [from, to] of merged) {
      passages.push({
        paperId: paper.paper.id,
        title: paper.paper.title,
        url: primaryUrl(paper.paper),
        text: paper.sentences
          .slice(from, to + 1)
          .map((s) => s.text)
          .join(' '),
      });
    }
  }
  return passages;
}
