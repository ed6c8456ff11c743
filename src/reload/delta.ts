/**
 * A small change to the corpus files (a feed's new papers appended, a typo fixed) is applied to the
 * serving index paper by paper instead of rebuilding it: a rebuild holds a second whole index beside
 * the one serving, a delta only the papers that changed. The changes accumulate against the last
 * full build (and are cached as such, `writeDelta`) until they pass `DELTA_LIMIT`; the next change
 * is then a full rebuild, which also re-learns what is learned from the whole list (term
 * associations).
 */
import type { Paper } from '../model/paper.js';
import type { CorpusDelta, PaperMove } from '../search/cache.js';
import { paperFingerprint } from '../search/paper-table.js';
import type { ServedCorpus } from './protocol.js';

/** Papers changed since the last full build that are still applied in place (a start applies them too: about 1 ms each). */
export const DELTA_LIMIT = 2_000;

export interface CorpusChange {
  puts: Paper[];
  /** Papers unchanged but for their line: a paper inserted near the top of a listing moves every one after it. */
  moves: PaperMove[];
  drops: string[];
}

/**
 * What changed between the papers served and the corpus as parsed now; null when it is too much for
 * a delta. A paper whose record and abstract are the same but whose line is not is only moved: that
 * costs no indexing and does not count towards the limit.
 */
export function diffCorpus(papers: readonly Paper[], served: ServedCorpus): CorpusChange | null {
  const before = new Map<string, number>();
  served.ids.forEach((id, i) => before.set(id, i));
  const room = DELTA_LIMIT - served.pending;
  const puts: Paper[] = [];
  const moves: PaperMove[] = [];
  for (const paper of papers) {
    const at = before.get(paper.id);
    before.delete(paper.id);
    if (at === undefined || served.fingerprints[at] !== paperFingerprint(paper)) puts.push(paper);
    else if (served.sources[at] !== paper.source) moves.push({ id: paper.id, source: paper.source });
    if (puts.length > room) return null;
  }
  const drops = [...before.keys()];
  return puts.length + drops.length > room ? null : { puts, moves, drops };
}

/** The changes since `base` after `change`: a paper's latest put, move or drop counts once. */
export function accumulate(previous: CorpusDelta | undefined, base: string, change: CorpusChange): CorpusDelta {
  const puts = new Map((previous?.puts ?? []).map((paper) => [paper.id, paper]));
  const moves = new Map((previous?.moves ?? []).map((move) => [move.id, move.source]));
  const drops = new Set(previous?.drops ?? []);
  for (const paper of change.puts) {
    puts.set(paper.id, paper);
    moves.delete(paper.id);
    drops.delete(paper.id);
  }
  for (const { id, source } of change.moves) {
    const put = puts.get(id);
    if (put) puts.set(id, { ...put, source });
    else moves.set(id, source);
  }
  for (const id of change.drops) {
    puts.delete(id);
    moves.delete(id);
    drops.add(id);
  }
  return { base, puts: [...puts.values()], moves: [...moves].map(([id, source]) => ({ id, source })), drops: [...drops] };
}

/** How many papers a delta changes (moved ones cost nothing to apply). */
export function deltaSize(delta: CorpusDelta | undefined): number {
  return delta ? delta.puts.length + delta.drops.length : 0;
}
