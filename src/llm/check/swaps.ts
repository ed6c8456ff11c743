/**
 * Swaps: a sentence must not trade the two sides of a comparison ("B outperforms A" for "A
 * outperforms B") nor two short stretches around a middle that stays.
 */
import { analyze } from '../../text/analyzer.js';
import { closestSentence, FRAMING, slotsOf, type Source } from './reading.js';

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
function termSequence(text: string): string[] {
  return slotsOf(text)
    .map((s) => s.term)
    .filter((t): t is string => t !== undefined && !FRAMING.has(t));
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
  const mine = termSequence(text);
  const theirs = termSequence(closest.text);
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
  for (let i = 0; i + 2 < runs.length; i++) {
    const [a, middle, b] = [runs[i]!, runs[i + 1]!, runs[i + 2]!];
    const crossed = Math.min(...a) > Math.max(...middle) && Math.min(...middle) > Math.max(...b);
    if (crossed && a.length <= SWAP_SIDE && b.length <= SWAP_SIDE && middle.length >= SWAP_MIDDLE) {
      return `“${order[a[0]!]}” and “${order[b[0]!]}” trade places`;
    }
  }
  return undefined;
}
