/**
 * Figures: every number of a sentence must be in the passages it cites, on its own (not only inside a
 * name or as the end of a range), said there of mostly the same words and counting the same thing;
 * two figures said together here are said together there ("from 37% to 81%" is no pair where 37%
 * and 81% belong to two methods), and a figure of a list stays with its own item ("+2.0 on Qwen"
 * where the passage gives +2.0 for Llama and +1.2 for Qwen; "A and B … 77.04% and 77.47%,
 * respectively").
 */
import { isNameSlot, neighbours, type Slot, type Source } from './reading.js';

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
  const problems: string[] = [...pairProblems(slots, source), ...itemProblems(slots, source)];
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

const isFigure = (slot: Slot) => slot.values.length > 0;

/** Figures closer than this many words here are read as said together: "from 37% to 81%", "0.914 vs. 0.867", "1024 x 1024". */
const PAIR_GAP = 3;
/** …and are found together in the passages when no other figure stands between them there, this many words apart at most. */
const PAIR_REACH = 8;

/** Words that join two figures into a pair: "from 37% to 81%", "0.914 vs. 0.867", "1024 x 1024", "89.0% on AIME24 and 65.5%". */
const PAIR_WORDS = new Set(['to', 'vs', 'versus', 'and', 'or', 'x', '×', 'against', 'over']);

/** "from A to B": the order of the two figures is the direction of a change. */
function fromTo(slots: readonly Slot[], a: number, b: number): boolean {
  const before = slots.slice(Math.max(0, a - 3), a).map((s) => s.word.toLowerCase());
  return before.includes('from') && slots.slice(a + 1, b).some((s) => s.word.toLowerCase() === 'to');
}

/** Each pair of figures said together must be a pair in the passages, and a change keeps its direction. */
function pairProblems(slots: readonly Slot[], source: Source): string[] {
  const problems: string[] = [];
  const figures = slots.flatMap((slot, i) => (isFigure(slot) ? [i] : []));
  for (let k = 0; k + 1 < figures.length; k++) {
    const [a, b] = [figures[k]!, figures[k + 1]!];
    if (b - a - 1 > PAIR_GAP) continue;
    const [va, vb] = [slots[a]!.values, slots[b]!.values];
    if (va.some((v) => vb.includes(v))) continue;
    if (!slots.slice(a + 1, b).some((s) => PAIR_WORDS.has(s.word.toLowerCase()))) continue;
    let together = false;
    let reversed = false;
    for (const sentence of source.sentences) {
      const theirs = sentence.slots.flatMap((slot, i) => (isFigure(slot) ? [i] : []));
      for (let m = 0; m + 1 < theirs.length; m++) {
        const [x, y] = [theirs[m]!, theirs[m + 1]!];
        if (y - x > PAIR_REACH) continue;
        const [lx, ly] = [sentence.slots[x]!.loose, sentence.slots[y]!.loose];
        if (va.some((v) => lx.includes(v)) && vb.some((v) => ly.includes(v))) together = true;
        else if (vb.some((v) => lx.includes(v)) && va.some((v) => ly.includes(v))) {
          together = true;
          if (fromTo(sentence.slots, x, y) && fromTo(slots, a, b)) reversed = true;
        }
      }
    }
    if (!together) problems.push(`${slots[a]!.word} and ${slots[b]!.word} are not said together in the cited passages`);
    else if (reversed) problems.push(`from ${slots[a]!.word} to ${slots[b]!.word} reverses the change in the cited passages`);
  }
  return problems;
}

/** Names: inner capitals or digits ("Qwen2.5-7B", "GRPO"), or a capitalised word inside the sentence. */
function nameTerms(slots: readonly Slot[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = Math.max(0, from); i < Math.min(slots.length, to); i++) {
    if (isNameSlot(slots, i)) out.push(slots[i]!.term!);
  }
  return out;
}

/**
 * The names between a figure's neighbouring figures: the items a figure of a list may be said of. In
 * the passages (`inner`), only the names inside the list count: a name before its first figure or
 * after its last is what the whole list is about ("PersuSafety covers 6 topics and 15 strategies").
 */
function segmentNames(slots: readonly Slot[], figures: readonly number[], k: number, inner = false): string[] {
  const from = k > 0 ? figures[k - 1]! + 1 : inner ? figures[0]! : 0;
  const to = k + 1 < figures.length ? figures[k + 1]! : inner ? figures[k]! : slots.length;
  return nameTerms(slots, from, to);
}

/**
 * A figure of a list said of another item: the sentence puts a name beside the figure that the
 * passages put beside another figure of the same sentence and never beside this one. In a sentence
 * that ends "…, respectively", the n-th name goes with the n-th figure.
 */
function itemProblems(slots: readonly Slot[], source: Source): string[] {
  const problems: string[] = [];
  const mine = slots.flatMap((slot, i) => (isFigure(slot) ? [i] : []));
  const allNames = new Set(nameTerms(slots, 0, slots.length));
  mine.forEach((at, k) => {
    const anchors = segmentNames(slots, mine, k);
    for (const value of slots[at]!.values) {
      for (const sentence of source.sentences) {
        const theirs = sentence.slots.flatMap((slot, i) => (isFigure(slot) ? [i] : []));
        const own = theirs.flatMap((_, m) => (sentence.slots[theirs[m]!]!.loose.includes(value) ? [m] : []));
        if (own.length === 0) continue;
        const names = nameTerms(sentence.slots, 0, sentence.slots.length);
        if (/\brespectively\b/i.test(sentence.text)) {
          const items = [...new Set(names)];
          if (items.length === theirs.length && own.length === 1) {
            const mate = items[own[0]!]!;
            const other = items.find((item) => item !== mate && allNames.has(item));
            if (other && !allNames.has(mate)) problems.push(`${slots[at]!.word} is said of ${mate}, not ${other}, in the cited passages`);
            continue;
          }
        }
        const beside = new Set(own.flatMap((m) => segmentNames(sentence.slots, theirs, m)));
        const elsewhere = new Set(theirs.flatMap((_, m) => (own.includes(m) ? [] : segmentNames(sentence.slots, theirs, m, true))));
        const moved = anchors.find((name) => !beside.has(name) && elsewhere.has(name));
        if (moved) problems.push(`${slots[at]!.word} is said of another item than “${moved}” in the cited passages`);
      }
    }
  });
  return problems;
}
