/**
 * What the model is given and what its sentences are checked against: numbered passages (a few
 * whole sentences of one abstract) and the full text of every paper a passage comes from. The
 * passages are the evidence `ask` weighs (src/answer/passages.ts): the best sentences, with their
 * neighbours, of the best papers.
 */
import type { Paper } from '../model/paper.js';
import type { EvidencePassage } from '../results.js';

export interface Passage {
  /** What the model cites: `[n]`, from 1. */
  n: number;
  paperId: string;
  title: string;
  url: string;
  /** Whole sentences of the abstract: an evidence sentence with its neighbours. */
  text: string;
}

export interface Passages {
  passages: Passage[];
  /** Title and abstract of each paper a passage comes from, by paper id. */
  papers: Map<string, string>;
}

/**
 * Numbers the core's evidence passages for the model (`[1]`, `[2]`, …) and keeps the full text of
 * each paper they come from, which numbers and names are checked against.
 */
export function numberPassages(found: readonly EvidencePassage[], paperOf: (id: string) => Paper | undefined): Passages {
  const passages: Passage[] = [];
  const papers = new Map<string, string>();
  for (const passage of found) {
    const paper = paperOf(passage.paperId);
    if (!paper) continue;
    papers.set(paper.id, `${paper.title}\n${paper.abstract}`);
    passages.push({ n: passages.length + 1, paperId: paper.id, title: passage.title, url: passage.url, text: passage.text });
  }
  return { passages, papers };
}
