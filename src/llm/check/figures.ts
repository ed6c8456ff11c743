/**
 * Figures: every number of a sentence must be in the passages it cites, on its own (not only inside a
 * name or as the end of a range), said there of mostly the same words and counting the same thing.
 */
import { neighbours, type Slot, type Source } from './reading.js';

/** Words that end what a figure counts: "9 tasks across domains", "7 datasets from 7 tasks". */
const RUN_ENDS = new Set(
  ['across', 'over', 'under', 'between', 'among', 'within', 'through', 'per', 'via', 'during', 'after', 'before', 'versus', 'against', 'toward', 'towards', 'along', 'compared', 'respectively', 'including', 'using', 'such', 'like'],
);

/** What a figure counts in a sentence: the content words right after it, up to a function word or a pause ("7 simulated tasks"). */
function countedThing(slots: readonly Slot[], at: number): string | undefined {
  if (slots[at]!.pause) return undefined;
  let thing: string | undefined;
  for (let i = at + 1; i < slots.length && i <= at + 3; i++) {
    const slot = slots[i]!;
    if (slot.term === undefined || slot.values.length > 0 || RUN_ENDS.has(slot.word.toLowerCase())) break;
    thing = slot.term;
    if (slot.pause) break;
  }
  return thing;
}

/** Words a figure may count in a passage: its own unit and the next few words of its sentence. */
const COUNTED_REACH = 5;

function countedWords(slots: readonly Slot[], at: number): string[] {
  const out = [...slots[at]!.parts];
  if (slots[at]!.pause === 'sentence') return out;
  for (let i = at + 1; i < slots.length && i <= at + COUNTED_REACH; i++) {
    out.push(...slots[i]!.parts);
    if (slots[i]!.pause === 'sentence') break;
  }
  return out;
}

/** "Llama 2" for the passage's "Llama-2-7B": a figure written after the first part of a name that holds it. */
function partOfName(slots: readonly Slot[], at: number, value: number, source: Source): boolean {
  const before = slots[at - 1]?.word.toLowerCase();
  return before !== undefined && source.slots.some((s) => s.inName.includes(value) && s.word.toLowerCase().startsWith(before));
}

/**
 * Each number must be in the passages, on its own (not only inside a name or as the end of a range),
 * said there of mostly the same words as here, and counting the same thing ("15 topics", not the
 * passage's "15 strategies").
 */
export function numberProblems(slots: readonly Slot[], source: Source, minContext: number): string[] {
  const problems: string[] = [];
  slots.forEach((slot, at) => {
    for (const value of slot.values) {
      if (!source.values.has(value)) {
        if (source.rangeEnds.has(value) && slot.range) continue;
        if (partOfName(slots, at, value, source)) continue;
        problems.push(source.rangeEnds.has(value) ? `${slot.word} is the end of a range in the cited passages` : `${slot.word} is not in the cited passages`);
        continue;
      }
      const theirs = new Set<string>();
      const counted = new Set<string>();
      source.slots.forEach((other, i) => {
        if (!other.loose.includes(value)) return;
        for (const term of neighbours(source.slots, i, 5)) theirs.add(term);
        for (const term of countedWords(source.slots, i)) counted.add(term);
      });
      const mine = new Set(neighbours(slots, at, 2));
      const shared = [...mine].filter((t) => theirs.has(t)).length;
      if (mine.size >= 2 && shared / mine.size < minContext) problems.push(`${slot.word} is said of other things in the cited passages`);
      const thing = countedThing(slots, at);
      if (thing !== undefined && counted.size > 0 && !counted.has(thing)) problems.push(`${slot.word} counts something else than “${thing}” in the cited passages`);
    }
  });
  return problems;
}
