/**
 * The checker's labelled set: sentences a model might write about drawn passages, each labelled
 * faithful (an evidence sentence shortened, reordered or put in the third person) or unfaithful (a
 * number, a name, a negation or a subject swapped, a direction flipped, a wrong citation). Most were
 * written by hand (bench/data/checker-hand.jsonl); the rest are made here by fixed rewrites of the
 * passages, so that neither source alone decides the figures. Groups g01–g30 are the tuning split,
 * g31–g60 the test split, g61–g90 the fresh split (bench/checker-draw.ts says what each one means).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import type { Passages } from '../src/llm/passages.js';
import { analyze } from '../src/text/analyzer.js';
import { splitSentences } from '../src/text/sentences.js';
import { GROUPS_FILE, type CheckerGroup, type DrawnPassage } from './checker-draw.js';

export type Label = 'faithful' | 'unfaithful';

export interface LabelledSentence {
  id: string;
  group: string;
  split: CheckerGroup['split'];
  origin: 'hand' | 'generated';
  label: Label;
  /** How it was made: shortened, reordered, third-person, number, name, negation, subject, direction, citation. */
  change: string;
  sentence: string;
  cites: number[];
}

const HAND_FILE = path.join(PROJECT_ROOT, 'bench', 'data', 'checker-hand.jsonl');

/** The evidence a group stands for, as the answerer would build it. */
export function groupEvidence(group: CheckerGroup): Passages {
  return {
    passages: group.passages.map((p) => ({ ...p, url: `https://arxiv.org/abs/${p.paperId}` })),
    papers: new Map(group.passages.map((p) => [p.paperId, `${p.title}\n${p.text}`])),
  };
}

// ---- Fixed rewrites --------------------------------------------------------------------------------

/** The longest sentence of a passage: the one a model would most likely lean on. */
function mainSentence(passage: DrawnPassage): string {
  return splitSentences(passage.text)
    .map((s) => s.text)
    .filter((s) => !/https?:\/\/|\$|\\/.test(s))
    .sort((a, b) => b.length - a.length)[0] ?? '';
}

/** Drops the last clause after a comma in the second half, or a leading connective. */
function shortened(sentence: string): string | undefined {
  const cut = sentence.lastIndexOf(', ');
  if (cut > sentence.length * 0.45) return `${sentence.slice(0, cut).replace(/[,;:]$/, '')}.`;
  const opener = /^(However|Moreover|Furthermore|Additionally|Specifically|Finally|In this (?:paper|work)|To this end|Therefore|Thus),\s+/i.exec(sentence);
  if (opener) {
    const rest = sentence.slice(opener[0].length);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return undefined;
}

/** "We propose X" → "The authors propose X"; "our method" → "their method". */
function thirdPerson(sentence: string): string | undefined {
  if (!/\b(?:we|our|We|Our)\b/.test(sentence)) return undefined;
  return sentence
    .replace(/\bWe\b/g, 'The authors')
    .replace(/\bwe\b/g, 'the authors')
    .replace(/\bOur\b/g, 'Their')
    .replace(/\bour\b/g, 'their');
}

/** The first figure changed: integers gain 3, decimals have their last digit moved. */
function numberChanged(sentence: string): string | undefined {
  const match = /(?<![\p{L}\d.-])(\d+(?:\.\d+)?)(?![\p{L}\d])/u.exec(sentence);
  if (!match) return undefined;
  const figure = match[1]!;
  const changed = figure.includes('.')
    ? figure.slice(0, -1) + String((Number(figure.at(-1)) + 4) % 10)
    : String(Number(figure) + 3);
  return sentence.slice(0, match.index) + changed + sentence.slice(match.index + figure.length);
}

const NAME_RE = /\b(?:\p{Lu}[\p{L}\d]*\p{Lu}[\p{L}\d-]*|\p{Lu}{2,}[\p{L}\d-]*)\b/gu;

/** A name of the sentence (an acronym or a camel-case word) replaced by one from the other paper that its own paper lacks. */
function nameSwapped(sentence: string, other: DrawnPassage, own: DrawnPassage): string | undefined {
  const mine = sentence.match(NAME_RE) ?? [];
  const ownTerms = new Set(analyze(`${own.title} ${own.text}`));
  const theirs = (`${other.title} ${other.text}`.match(NAME_RE) ?? []).filter((n) => !analyze(n).some((t) => ownTerms.has(t)));
  if (mine.length === 0 || theirs.length === 0) return undefined;
  return sentence.replace(mine[0]!, theirs[0]!);
}

const AUXILIARY_RE = /\b(is|are|was|were|can|could|will|should|may)\b(?! not)/;

/** "X is effective" → "X is not effective". */
function negated(sentence: string): string | undefined {
  const match = AUXILIARY_RE.exec(sentence);
  if (!match) return undefined;
  const at = match.index + match[0].length;
  return `${sentence.slice(0, at)} not${sentence.slice(at)}`;
}

const COMPARED_RE = /\b(?:outperform\w*|surpass\w*|exceed\w*|beat\w*|than|over|compared (?:to|with)|versus|vs\.?)\b/;

/**
 * The names on the two sides of a comparison trade places ("A outperforms B" → "B outperforms A").
 * Names in a list trade places harmlessly, so only a comparison makes a swap.
 */
function subjectSwapped(sentence: string): string | undefined {
  const comparison = COMPARED_RE.exec(sentence);
  if (!comparison) return undefined;
  const before = sentence.slice(0, comparison.index).match(NAME_RE) ?? [];
  const after = sentence.slice(comparison.index + comparison[0].length).match(NAME_RE) ?? [];
  const a = before.at(-1);
  const b = after.find((name) => name !== a);
  if (!a || !b) return undefined;
  return sentence.replace(new RegExp(`\\b(${escape(a)}|${escape(b)})\\b`, 'g'), (m) => (m === a ? b : a));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function generated(group: CheckerGroup): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  const [first, second] = group.passages as [DrawnPassage, DrawnPassage];
  const add = (label: Label, change: string, sentence: string | undefined, cites = [1]) => {
    if (!sentence || sentence.length < 30) return;
    out.push({ id: `${group.id}-${change}`, group: group.id, split: group.split, origin: 'generated', label, change, sentence, cites });
  };
  const main = mainSentence(first);
  add('faithful', 'shortened', shortened(main));
  add('faithful', 'third-person', thirdPerson(main) ?? thirdPerson(mainSentence(second)), thirdPerson(main) ? [1] : [2]);
  add('unfaithful', 'number', numberChanged(main));
  add('unfaithful', 'name', nameSwapped(main, second, first));
  add('unfaithful', 'negation', negated(main));
  add('unfaithful', 'subject', subjectSwapped(main));
  // The right words, the wrong source: passage 1's sentence credited to passage 2.
  add('unfaithful', 'citation', main, [2]);
  return out;
}

export function loadGroups(): CheckerGroup[] {
  return JSON.parse(readFileSync(GROUPS_FILE, 'utf8')) as CheckerGroup[];
}

export function loadLabelledSet(groups: CheckerGroup[] = loadGroups()): LabelledSentence[] {
  const split = new Map(groups.map((g) => [g.id, g.split]));
  const hand = readFileSync(HAND_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const item = JSON.parse(line) as Omit<LabelledSentence, 'split' | 'origin'>;
      const groupSplit = split.get(item.group);
      if (!groupSplit) throw new Error(`${HAND_FILE}: ${item.id} names unknown group ${item.group}`);
      return { ...item, split: groupSplit, origin: 'hand' as const };
    });
  return [...hand, ...groups.flatMap(generated)];
}
