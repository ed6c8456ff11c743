/**
 * Titles prepared for finding a paper by what a user types of its title: exact, prefix and word
 * matches, and title words written like names ("SCALE", "NeoRL-2"). The preparation is done when the
 * index is built and stored with it (each title's key and words, the keys in order, the names with
 * their papers), so a catalog over a loaded index costs no pass over the titles; papers added or
 * taken out live are kept beside it.
 */
import type { PaperHead } from '../model/paper.js';
import { normalizeKey } from '../text/analyzer.js';
import { looksLikeName, writtenWords } from '../text/names.js';
import { bytesOf, viewAs, type Section } from './image.js';

const SECTIONS = { keys: 'titles.keys', words: 'titles.words', order: 'titles.order', names: 'titles.names', nameOffsets: 'titles.names.offsets', nameDocs: 'titles.names.docs' } as const;

/** The first of `count` strings in order (`at(i)`, ascending) that is not below `key`. */
function lowerBound(count: number, at: (i: number) => string, key: string): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A title's words written like names, lowercased, each once. */
function nameWords(title: string): Set<string> {
  return new Set(writtenWords(title).filter(looksLikeName).map((w) => w.toLowerCase()));
}

/** A title's lowercase words, each after a space (" neorl 2 near real world"), so " " + a typed word finds words it starts. */
function spacedWords(title: string): string {
  const words = title.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.map((word) => ` ${word}`).join('');
}

function typedWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

interface Entry {
  key: string;
  words: string;
  names: Set<string>;
}

function entryOf(title: string): Entry {
  return { key: normalizeKey(title), words: spacedWords(title), names: nameWords(title) };
}

/** The prepared titles of an index's papers, as built with it. */
export interface TitleBase {
  /** By document number: each title's key (`normalizeKey`) and spaced words. */
  keys: string[];
  words: string[];
  /** Document numbers ordered by key (then document). */
  order: Uint32Array;
  /** Name words, sorted, and the papers (in order) whose titles hold each. */
  names: string[];
  nameOffsets: Uint32Array;
  nameDocs: Uint32Array;
}

/** Prepares titles one paper at a time, as the index is built. */
export class TitleSectionsWriter {
  private readonly keys: string[] = [];
  private readonly words: string[] = [];
  private readonly byName = new Map<string, number[]>();

  add(title: string): void {
    const doc = this.keys.length;
    const { key, words, names } = entryOf(title);
    this.keys.push(key);
    this.words.push(words);
    for (const name of names) {
      const docs = this.byName.get(name);
      if (docs) docs.push(doc);
      else this.byName.set(name, [doc]);
    }
  }

  finish(): Section[] {
    const order = Uint32Array.from(this.keys.keys()).sort((a, b) => (this.keys[a]! < this.keys[b]! ? -1 : this.keys[a]! > this.keys[b]! ? 1 : a - b));
    const names = [...this.byName.keys()].sort();
    const nameOffsets = new Uint32Array(names.length + 1);
    const nameDocs = new Uint32Array(names.reduce((sum, name) => sum + this.byName.get(name)!.length, 0));
    names.forEach((name, i) => {
      const docs = this.byName.get(name)!;
      nameDocs.set(docs, nameOffsets[i]);
      nameOffsets[i + 1] = nameOffsets[i]! + docs.length;
    });
    return [
      { name: SECTIONS.keys, bytes: Buffer.from(this.keys.join('\n'), 'utf8') },
      { name: SECTIONS.words, bytes: Buffer.from(this.words.join('\n'), 'utf8') },
      { name: SECTIONS.order, bytes: bytesOf(order) },
      { name: SECTIONS.names, bytes: Buffer.from(names.join('\n'), 'utf8') },
      { name: SECTIONS.nameOffsets, bytes: bytesOf(nameOffsets) },
      { name: SECTIONS.nameDocs, bytes: bytesOf(nameDocs) },
    ];
  }
}

/** The title sections read back; `papers` is how many the index holds (a mismatch is a damaged cache). */
export function titleBase(sections: ReadonlyMap<string, Uint8Array>, papers: number): TitleBase {
  const get = (name: string) => {
    const bytes = sections.get(name);
    if (!bytes) throw new Error(`index cache has no ${name} section`);
    return bytes;
  };
  const lines = (name: string) => {
    const bytes = get(name);
    return bytes.byteLength === 0 ? [] : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split('\n');
  };
  const keys = papers === 0 ? [] : lines(SECTIONS.keys);
  const words = papers === 0 ? [] : lines(SECTIONS.words);
  const base = {
    keys,
    words,
    order: viewAs(get(SECTIONS.order), Uint32Array),
    names: lines(SECTIONS.names),
    nameOffsets: viewAs(get(SECTIONS.nameOffsets), Uint32Array),
    nameDocs: viewAs(get(SECTIONS.nameDocs), Uint32Array),
  };
  if (keys.length !== papers || words.length !== papers || base.order.length !== papers || base.nameOffsets.length !== base.names.length + 1) {
    throw new Error('index cache title sections do not agree with its papers');
  }
  return base;
}

/** What a catalog needs of its index. */
export interface TitledIndex {
  readonly titles: TitleBase;
  /** Document numbers handed out so far. */
  readonly documentLimit: number;
  isLive(doc: number): boolean;
  head(doc: number): PaperHead;
}

/** The titles of an index's live papers. */
export class TitleCatalog {
  private readonly base: TitleBase;
  /** Papers of the base taken out (or replaced) since it was built. */
  private readonly removed = new Set<number>();
  /** Papers added live, in the order they came. */
  private readonly added = new Map<number, Entry>();

  constructor(private readonly index: TitledIndex) {
    this.base = index.titles;
    const count = this.base.keys.length;
    for (let doc = 0; doc < count; doc++) if (!index.isLive(doc)) this.removed.add(doc);
    for (let doc = count; doc < index.documentLimit; doc++) if (index.isLive(doc)) this.add(doc, index.head(doc));
  }

  /** Adds one paper's title; a paper added live costs this, not a new catalog. */
  add(doc: number, paper: PaperHead): void {
    if (doc < this.base.keys.length) this.removed.delete(doc);
    else this.added.set(doc, entryOf(paper.title));
  }

  /** Drops the title of a paper taken out of the index or replaced in it. */
  remove(doc: number): void {
    if (doc < this.base.keys.length) this.removed.add(doc);
    else this.added.delete(doc);
  }

  /** Titles that contain `name` as a name-like word, whatever its case ("NEORL-2" finds "NeoRL-2"; "SCALE" not "Scaling"). */
  withName(name: string): readonly number[] {
    const wanted = name.toLowerCase();
    const { names, nameOffsets, nameDocs } = this.base;
    const at = lowerBound(names.length, (i) => names[i]!, wanted);
    const docs: number[] = [];
    if (names[at] === wanted) for (let i = nameOffsets[at]!; i < nameOffsets[at + 1]!; i++) if (!this.removed.has(nameDocs[i]!)) docs.push(nameDocs[i]!);
    for (const [doc, entry] of this.added) if (entry.names.has(wanted)) docs.push(doc);
    return docs;
  }

  exact(title: string): number[] {
    const key = normalizeKey(title);
    return this.keyed((candidate) => candidate === key, key, `${key}\u0000`);
  }

  /** Titles whose normalized form starts with `text` ("NeoRL-2" finds "NeoRL-2: Near Real-World …"). */
  startingWith(text: string): number[] {
    const key = normalizeKey(text);
    if (key.length < 2) return [];
    return this.keyed((candidate) => candidate.startsWith(key), key, `${key}\uffff`);
  }

  /** Papers whose key passes `matches`, which only keys from `from` up to `to` can: base papers in order, then added ones. */
  private keyed(matches: (key: string) => boolean, from: string, to: string): number[] {
    const { keys, order } = this.base;
    const docs: number[] = [];
    for (let i = lowerBound(order.length, (at) => keys[order[at]!]!, from); i < order.length && keys[order[i]!]! <= to; i++) {
      const doc = order[i]!;
      if (matches(keys[doc]!) && !this.removed.has(doc)) docs.push(doc);
    }
    docs.sort((a, b) => a - b);
    for (const [doc, entry] of this.added) if (matches(entry.key)) docs.push(doc);
    return docs;
  }

  /** Every live paper's key and words, in catalog order. */
  private *entries(): Generator<[doc: number, key: string, words: string]> {
    const { keys, words } = this.base;
    for (let doc = 0; doc < keys.length; doc++) if (!this.removed.has(doc)) yield [doc, keys[doc]!, words[doc]!];
    for (const [doc, entry] of this.added) yield [doc, entry.key, entry.words];
  }

  /** Ranked: whole-title prefix, then every typed word starting a title word, then substring. */
  complete(text: string, limit: number): number[] {
    const typed = typedWords(text).map((word) => ` ${word}`);
    const key = normalizeKey(text);
    const ranked: Array<{ doc: number; rank: number; paper: PaperHead }> = [];
    const better = (a: { rank: number; paper: PaperHead }, b: { rank: number; paper: PaperHead }) =>
      a.rank - b.rank ||
      (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
      (b.paper.published ?? '').localeCompare(a.paper.published ?? '') ||
      a.paper.title.localeCompare(b.paper.title);
    for (const [doc, title, words] of this.entries()) {
      let rank: number;
      if (key.length === 0) rank = 3;
      else if (title.startsWith(key)) rank = 0;
      else if (typed.every((word) => words.includes(word))) rank = 1;
      else if (key.length >= 3 && title.includes(key)) rank = 2;
      else continue;
      const entry = { doc, rank, paper: this.index.head(doc) };
      // Only the best `limit` are kept (in order; a later equal entry stays behind): an empty text ranks every title.
      if (ranked.length === limit && better(entry, ranked[limit - 1]!) >= 0) continue;
      let at = ranked.length;
      while (at > 0 && better(entry, ranked[at - 1]!) < 0) at--;
      ranked.splice(at, 0, entry);
      if (ranked.length > limit) ranked.pop();
    }
    return ranked.map((r) => r.doc);
  }
}
