/**
 * Swaps: a sentence must not trade the two sides of a comparison ("B outperforms A" for "A
 * outperforms B") nor two short stretches around a middle that stays, within a sentence of the
 * passages or across its neighbour ("anger and love dominated, while fear was rare" for the reverse).
 */
import { analyze } from '../../text/analyzer.js';
import { closestSentence, FRAMING, slotsOf, type Slot, type Source } from './reading.js';

/** Words that put two sides in an order: "A outperforms B", "A is better than B". */
const COMPARISON_RE = /\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|versus|vs\.?)\b/i;

/** Content terms before and after the comparison word. */
function sides(text: string): [Set<string>, Set<string>] | undefined {
  const match = COMPARISON_RE.exec(text);
  if (!match) return undefined;
  return [new Set(analyze(text.slice(0, match.index))), new Set(analyze(text.slice(match.index + match[0].length)))];
}

export function comparisonSwap(text: string, terms: Set<string>, source: Source): string | undefined {
  const mine = sides(text);
  const closest = closestSentence(terms, source);
  const theirs = closest ? sides(closest.text) : undefined;
  if (!mine || !theirs) return undefined;
  const moved = (from: Set<string>, to: Set<string>, theirFrom: Set<string>) => [...from].filter((t) => to.has(t) && !theirFrom.has(t));
  const leftToRight = moved(mine[0], theirs[1], theirs[0]);
  const rightToLeft = moved(mine[1], theirs[0], theirs[1]);
  return leftToRight.length > 0 && rightToLeft.length > 0 ? `swaps “${leftToRight[0]}” and “${rightToLeft[0]}”` : undefined;
}

/** Content terms in reading order, one per word. */
function termSequence(slots: readonly Slot[]): string[] {
  return slots
    .map((s) => s.term)
    .filter((t): t is string => t !== undefined && !FRAMING.has(t));
}

/** A short phrase put in front and closed by a comma ("Compared to X, …", "On six benchmarks, …"): moved whole, never a swap. */
const FRONTED_RE = /^(?:compared|in|on|for|across|with|using|under|over|at|by|from|through|unlike|like|without|despite|after|before|beyond)\b(?:\s+[^\s,]+){1,5},/i;

function frontedTerms(text: string): Set<string> {
  return new Set(termSequence(slotsOf(FRONTED_RE.exec(text)?.[0] ?? '')));
}

/** "A … M … B" read as "B … M … A": A and B at most this many words, M at least that many. */
const SWAP_SIDE = 3;
const SWAP_MIDDLE = 1;

/**
 * Two short stretches that trade places around a middle that stays ("the student relies on pose and
 * the teacher on images" for the reverse). A clause moved whole to the front is two blocks trading
 * places with nothing between them, which paraphrase does all the time; a swap leaves a middle.
 */
export function roleSwap(text: string, terms: Set<string>, source: Source): string | undefined {
  const closest = closestSentence(terms, source);
  if (!closest) return undefined;
  const mine = termSequence(slotsOf(text));
  const theirs = termSequence(closest.slots);
  const once = (list: string[], t: string) => list.indexOf(t) === list.lastIndexOf(t);
  const shared = mine.filter((t) => once(mine, t) && theirs.includes(t) && once(theirs, t));
  if (shared.length < 3) return undefined;
  const order = [...shared].sort((a, b) => theirs.indexOf(a) - theirs.indexOf(b));
  const ranks = shared.map((t) => order.indexOf(t));
  const runs: number[][] = [];
  for (const rank of ranks) {
    const run = runs.at(-1);
    if (run && rank === run.at(-1)! + 1) run.push(rank);
    else runs.push([rank]);
  }
  const fronted = frontedTerms(text);
  // Where each shared word stands among all the words of the source sentence, function words included.
  const words = closest.slots.map((slot) => (slot.term !== undefined && !FRAMING.has(slot.term) ? slot.term : ''));
  const at = (rank: number) => words.indexOf(order[rank]!);
  for (let i = 0; i + 2 < runs.length; i++) {
    const [a, middle, b] = [runs[i]!, runs[i + 1]!, runs[i + 2]!];
    // Each side is next to the middle there too: the two traded places, nothing else moved in between.
    const adjacent = Math.max(...b) + 1 === Math.min(...middle) && Math.max(...middle) + 1 === Math.min(...a);
    // "M2M latency measurement framework" → "the framework measures M2M latency" turns a compound around; a swap spans function words.
    const compound = !words.slice(at(Math.min(...b)), at(Math.max(...a))).includes('');
    const moved = a.every((rank) => fronted.has(order[rank]!));
    if (adjacent && !compound && !moved && a.length <= SWAP_SIDE && b.length <= SWAP_SIDE && middle.length >= SWAP_MIDDLE) {
      return `“${order[a[0]!]}” and “${order[b[0]!]}” trade places`;
    }
  }
  return undefined;
}

/** The longest common subsequence of two term sequences, as pairs of positions. */
function aligned(mine: readonly string[], theirs: readonly string[]): Array<[number, number]> {
  const rows = mine.length + 1;
  const cols = theirs.length + 1;
  const table = new Uint16Array(rows * cols);
  for (let i = mine.length - 1; i >= 0; i--) {
    for (let j = theirs.length - 1; j >= 0; j--) {
      table[i * cols + j] = mine[i] === theirs[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < mine.length && j < theirs.length; ) {
    if (mine[i] === theirs[j]) pairs.push([i++, j++]);
    else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** The gap between aligned words a position falls in: 0 before the first, n after the n-th. */
function gapOf(pairs: ReadonlyArray<[number, number]>, position: number, side: 0 | 1): number {
  let gap = 0;
  while (gap < pairs.length && pairs[gap]![side] < position) gap++;
  return gap;
}

/**
 * Words the sentence moved, lined up against the passages' words in order (their longest common
 * subsequence): two short stretches that each moved into the other's place, with aligned words
 * between them ("BiasScope injects …, and BiasInject identifies …" for the reverse). A clause moved
 * whole is one stretch moving, or two long ones, which paraphrase does all the time.
 */
export function movedSwap(text: string, source: Source): string | undefined {
  const mine = termSequence(slotsOf(text));
  const theirs = source.sentences.flatMap((s) => termSequence(s.slots));
  const pairs = aligned(mine, theirs);
  if (pairs.length < 2) return undefined;
  const mineAligned = new Set(pairs.map(([i]) => i));
  const theirsAligned = new Set(pairs.map(([, j]) => j));
  /** Moved stretches: runs of unaligned words of the sentence that the passages have, with the gap each sits in here and the gaps they sit in there. */
  const stretches: Array<{ words: string[]; here: number; there: Set<number> }> = [];
  mine.forEach((term, i) => {
    if (mineAligned.has(i)) return;
    const there = new Set(theirs.flatMap((t, j) => (t === term && !theirsAligned.has(j) ? [gapOf(pairs, j, 1)] : [])));
    if (there.size === 0) return;
    const here = gapOf(pairs, i, 0);
    const last = stretches.at(-1);
    if (last && last.here === here && mine[i - 1] === last.words.at(-1)) {
      last.words.push(term);
      for (const gap of [...last.there]) if (!there.has(gap)) last.there.delete(gap);
    } else stretches.push({ words: [term], here, there });
  });
  const fronted = frontedTerms(text);
  for (const a of stretches) {
    if (a.words.every((w) => fronted.has(w))) continue;
    for (const b of stretches) {
      if (a.here >= b.here || a.words.length > SWAP_SIDE || b.words.length > SWAP_SIDE) continue;
      if (a.there.has(b.here) && b.there.has(a.here) && b.here - a.here >= SWAP_MIDDLE) return `“${a.words[0]}” and “${b.words[0]}” trade places`;
    }
  }
  return undefined;
}

/** Where one clause ends and the next begins: "…, while …", "…; …", "…, and …", "… whereas …". */
const CLAUSE_BREAK = /;|,\s*and\b|\b(?:while|whereas|but|although|though)\b/i;
/** A sentence that opens with its subordinate clause ("While X can be sampled, Y remains hard"): that clause ends at its comma. */
const OPENING_CLAUSE = /^((?:\s*\p{L}+,)?\s*(?:while|whereas|although|though)\b[^,;]*),/iu;

function clauses(text: string): Array<Set<string>> {
  return text
    .replace(OPENING_CLAUSE, '$1;')
    .split(CLAUSE_BREAK)
    .map((c) => new Set(termSequence(slotsOf(c))))
    .filter((c) => c.size > 0);
}

/** Share of a clause's words that one clause of the passages holds, for it to be read as that clause restated. */
const RESTATED = 0.9;

/**
 * Two clauses that each took words from both of two clauses of the passages: the things said and
 * what is said of them were dealt out crosswise ("A dominated, while B was rare" for "B dominated …,
 * while A was rare"; "planning X remains a challenge, while Y can be sampled" for the reverse). A
 * clause that one clause of the passages holds nearly whole is a restatement, whatever else it shares.
 */
export function clauseSwap(text: string, source: Source): string | undefined {
  const mine = clauses(text);
  if (mine.length < 2) return undefined;
  const theirs = source.sentences.flatMap((s) => clauses(s.text));
  const said = new Set(theirs.flatMap((c) => [...c]));
  const restated = (c: Set<string>) => {
    const known = [...c].filter((t) => said.has(t));
    return theirs.some((clause) => known.filter((t) => clause.has(t)).length >= RESTATED * known.length);
  };
  const candidates = mine.filter((c) => !restated(c));
  if (candidates.length < 2) return undefined;
  for (let k = 0; k < theirs.length; k++) {
    for (let l = k + 1; l < theirs.length; l++) {
      const [first, second] = [theirs[k]!, theirs[l]!];
      const onlyFirst = (t: string) => first.has(t) && !second.has(t);
      const onlySecond = (t: string) => second.has(t) && !first.has(t);
      const mixed = candidates.filter((c) => [...c].some(onlyFirst) && [...c].some(onlySecond));
      if (mixed.length >= 2) {
        const [a, b] = mixed as [Set<string>, Set<string>];
        return `“${[...a].find(onlySecond)}” and “${[...b].find(onlyFirst)}” trade clauses`;
      }
    }
  }
  return undefined;
}
