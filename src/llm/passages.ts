/**
 * What the model is given and what its sentences are checked against: numbered passages (a few
 * whole sentences of one abstract) and the full text of every paper a passage comes from. They are
 * built from the quoted answer: its sentences are the evidence the answers engine chose.
 */
import type { Paper } from '../model/paper.js';
import type { AskResult } from '../results.js';
import { splitSentences } from '../text/sentences.js';

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

/** Sentences on each side of an evidence sentence that travel with it. */
const NEIGHBOURS = 1;

/** The abstract sentence a quoted answer sentence came from (it may be cut to a snippet or led by the title). */
function locate(sentences: readonly string[], quoted: string): number {
  const core = quoted.replace(/^…|…$/g, '').trim();
  const exact = sentences.findIndex((s) => core.includes(s) || s.includes(core));
  if (exact >= 0) return exact;
  const pieces = core.split('…').map((p) => p.trim()).filter((p) => p.length >= 20);
  return sentences.findIndex((s) => pieces.some((p) => s.includes(p)));
}

/**
 * Passages from an extractive answer: each quoted sentence with its neighbours, sentences of one
 * paper that touch merged into one passage, in the answer's order. Sentences that are not quotes
 * (a "who" answer built from the author list) give no passage.
 */
export function passagesFromAnswer(answer: AskResult, paperOf: (id: string) => Paper | undefined): Passages {
  const spans = new Map<string, { paper: Paper; sentences: string[]; ranges: Array<[number, number]> }>();
  const order: string[] = [];
  for (const sentence of answer.sentences) {
    const id = answer.citations.find((c) => c.n === sentence.citation)?.id;
    const paper = id === undefined ? undefined : paperOf(id);
    if (!paper) continue;
    let entry = spans.get(paper.id);
    if (!entry) {
      entry = { paper, sentences: splitSentences(paper.abstract).map((s) => s.text), ranges: [] };
      spans.set(paper.id, entry);
      order.push(paper.id);
    }
    const at = locate(entry.sentences, sentence.text);
    if (at < 0) continue;
    entry.ranges.push([Math.max(0, at - NEIGHBOURS), Math.min(entry.sentences.length - 1, at + NEIGHBOURS)]);
  }

  const passages: Passage[] = [];
  const papers = new Map<string, string>();
  for (const id of order) {
    const { paper, sentences, ranges } = spans.get(id)!;
    if (ranges.length === 0) continue;
    papers.set(id, `${paper.title}\n${paper.abstract}`);
    for (const [from, to] of mergeRanges(ranges)) {
      passages.push({
        n: passages.length + 1,
        paperId: id,
        title: paper.title,
        url: answer.citations.find((c) => c.id === id)?.url ?? '',
        text: sentences.slice(from, to + 1).join(' '),
      });
    }
  }
  return { passages, papers };
}

/** Overlapping or touching ranges as one, in document order. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}
