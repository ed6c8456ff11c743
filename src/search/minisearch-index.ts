/**
 * The minisearch index paperbot searches: how it is configured, the documents it is given, and how
 * its state is kept in the index image.
 *
 * Papers are analysed once by `src/text/analyzer.ts` and handed to minisearch as ready terms (joined
 * by spaces, split again and kept as they are), so indexing and querying share one analysis.
 *
 * minisearch's own serialization (`toJSON`, `loadJS`) inserts every term again and rebuilds every
 * posting map from plain objects on load: about 2 s on 33k papers. The image keeps the instance's
 * state instead, as it is in memory (the radix tree of terms with their postings, the document ids,
 * the field lengths and their means), written with `v8.serialize` and read back with
 * `v8.deserialize` into a new instance: the same maps in the same order, so a restored index
 * answers exactly as the one that was written (typo and prefix expansions are summed in the tree's
 * order). The tree is written in parts of about the same number of postings, so that an index read
 * while serving can yield to the event loop between them.
 *
 * That state is minisearch's private layout: package.json pins the version, the cache key names it,
 * a restore checks the instance has the fields it sets, and `test/core/minisearch-index.test.ts`
 * compares a restored index with a freshly built one and with `loadJS`.
 */
import v8 from 'node:v8';
import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { z } from 'zod';
import type { Paper } from '../model/paper.js';
import { analyze, analyzeName } from '../text/analyzer.js';
import type { Section } from './image.js';
import { INDEX_OPTIONS } from './options.js';

/** The minisearch release whose internal layout the image holds (pinned in package.json). */
export const MINISEARCH_VERSION = '7.2.0';

export type IndexField = (typeof INDEX_OPTIONS.fields)[number];

/** A paper as minisearch indexes it: its document number and its analysed fields. */
export interface IndexedDoc {
  i: number;
  title: string;
  abstract: string;
  authors: string;
}

const SEPARATOR = ' ';

/** How paperbot configures minisearch (`loadJS` needs them too). */
export function miniSearchOptions(): Options<IndexedDoc> {
  return {
    idField: 'i',
    fields: [...INDEX_OPTIONS.fields],
    storeFields: [],
    // Fields arrive already analysed: split on the separator and keep the terms as they are.
    tokenize: (text: string) => (text.length === 0 ? [] : text.split(SEPARATOR)),
    processTerm: (term: string) => term,
    searchOptions: { boost: INDEX_OPTIONS.boost, bm25: INDEX_OPTIONS.bm25, weights: INDEX_OPTIONS.weights, maxFuzzy: INDEX_OPTIONS.maxFuzzy },
  };
}

export function newMiniSearch(): MiniSearch<IndexedDoc> {
  return new MiniSearch<IndexedDoc>(miniSearchOptions());
}

/** A paper's index terms per field, in `INDEX_OPTIONS.fields` order (title, abstract, authors). */
export function paperFields(paper: Pick<Paper, 'title' | 'abstract' | 'authors'>): string[][] {
  return [analyze(paper.title), analyze(paper.abstract), paper.authors.flatMap(analyzeName)];
}

export function indexedDoc(doc: number, fields: readonly (readonly string[])[]): IndexedDoc {
  const [title = [], abstract = [], authors = []] = fields;
  return { i: doc, title: title.join(SEPARATOR), abstract: abstract.join(SEPARATOR), authors: authors.join(SEPARATOR) };
}

/** Short document id → how often the term occurs in the field. */
type FieldPostings = Map<number, number>;
/** Field id → that field's postings. */
type TermData = Map<number, FieldPostings>;
type Tree = SearchableMap<TermData>['_tree'];
type TreeValue = TermData | Tree;
/** The key under which a tree node holds the data of the term that ends there. */
const LEAF = '';

/** The fields of a minisearch 7.2 instance that hold its index (those `loadJS` sets). */
interface Internals {
  _index: SearchableMap<TermData>;
  _documentCount: number;
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _dirtCount: number;
}

const INTERNALS: ReadonlyArray<keyof Internals> = ['_index', '_documentCount', '_documentIds', '_idToShortId', '_fieldIds', '_fieldLength', '_avgFieldLength', '_nextId', '_dirtCount'];

function internals(mini: MiniSearch<IndexedDoc>): Internals {
  return mini as unknown as Internals;
}

/** Whether paper `doc` holds `term` in `field`: a look-up in the postings, not an analysis of its text. */
export function holds(mini: MiniSearch<IndexedDoc>, term: string, field: IndexField, doc: number): boolean {
  const state = internals(mini);
  const short = state._idToShortId.get(doc);
  return short !== undefined && (state._index.get(term)?.get(state._fieldIds[field]!)?.has(short) ?? false);
}

/** How many postings `term` has in `field` (papers taken out may count until minisearch vacuums). */
export function fieldPostings(mini: MiniSearch<IndexedDoc>, term: string, field: IndexField): number {
  const state = internals(mini);
  return state._index.get(term)?.get(state._fieldIds[field]!)?.size ?? 0;
}

/**
 * How many postings the typo and prefix expansions of `term` hold, all fields and titles alone (the
 * same expansions minisearch searches for it, at most `distance` edits away).
 */
export function expansionPostings(mini: MiniSearch<IndexedDoc>, term: string, distance: number): { all: number; title: number } {
  const state = internals(mini);
  const titleField = state._fieldIds.title!;
  const counted = new Set<string>();
  let all = 0;
  let title = 0;
  const count = (expansion: string, data: TermData) => {
    if (counted.has(expansion)) return;
    counted.add(expansion);
    for (const [field, postings] of data) {
      all += postings.size;
      if (field === titleField) title += postings.size;
    }
  };
  if (distance > 0) for (const [expansion, [data]] of state._index.fuzzyGet(term, distance)) count(expansion, data);
  for (const [expansion, data] of state._index.atPrefix(term)) count(expansion, data);
  return { all, title };
}

/** The indexed terms that start with `prefix`, in the tree's order (papers taken out may leave some until minisearch vacuums). */
export function termsWithPrefix(mini: MiniSearch<IndexedDoc>, prefix: string): string[] {
  return [...internals(mini)._index.atPrefix(prefix).keys()];
}

/** The index, and the number of papers holding each term in any field (which minisearch does not keep). */
export interface IndexState {
  mini: MiniSearch<IndexedDoc>;
  df: Map<string, number>;
}

/** Sections `minisearch.0`, `minisearch.1`, …: the head, the maps by document, then the tree's parts. */
const SECTION_PREFIX = 'minisearch.';
/** Postings per part of the tree: each part reads back in a few dozen milliseconds. */
const PART_POSTINGS = 1 << 18;

/** A subtree or a term's data, and the path of keys from the root to the node that holds it. */
type Piece = [path: string[], key: string, value: TreeValue];

const headSchema = z.object({
  minisearch: z.literal(MINISEARCH_VERSION),
  sections: z.number().int().min(4),
  documentCount: z.number().int().nonnegative(),
  nextId: z.number().int().nonnegative(),
  dirtCount: z.number().int().nonnegative(),
  fieldIds: z.record(z.string(), z.number().int()),
  averageFieldLength: z.array(z.number()),
});

function postingsIn(value: TreeValue, leaf: boolean): number {
  let count = 0;
  if (leaf) for (const postings of (value as TermData).values()) count += postings.size;
  else for (const [key, child] of value as Tree) count += postingsIn(child, key === LEAF);
  return count;
}

/** The tree as pieces in its order, grouped into parts of about `partPostings` postings; a subtree larger than that goes as its children. */
function treeParts(tree: Tree, partPostings: number): Piece[][] {
  const parts: Piece[][] = [];
  let part: Piece[] = [];
  let postings = 0;
  const visit = (node: Tree, path: string[]) => {
    for (const [key, child] of node) {
      const leaf = key === LEAF;
      const size = postingsIn(child, leaf);
      if (!leaf && size > partPostings) {
        visit(child as Tree, [...path, key]);
        continue;
      }
      part.push([path, key, child]);
      postings += size;
      if (postings >= partPostings) {
        parts.push(part);
        part = [];
        postings = 0;
      }
    }
  };
  visit(tree, []);
  if (part.length > 0) parts.push(part);
  return parts;
}

/** Puts a piece back where it was. Pieces come in the tree's order, so every node gets its children in their order. */
function place(tree: Tree, [path, key, value]: Piece): void {
  let node = tree;
  for (const step of path) {
    let next = node.get(step);
    if (next === undefined) {
      next = new Map() as Tree;
      node.set(step, next);
    }
    node = next;
  }
  (node as Map<string, TreeValue>).set(key, value);
}

/** The state of an index as sections of the image; `partPostings` sets how finely the tree is cut. */
export function stateSections({ mini, df }: IndexState, partPostings = PART_POSTINGS): Section[] {
  const state = internals(mini);
  const parts = treeParts(state._index._tree, partPostings);
  const head: z.infer<typeof headSchema> = {
    minisearch: MINISEARCH_VERSION,
    sections: 4 + parts.length,
    documentCount: state._documentCount,
    nextId: state._nextId,
    dirtCount: state._dirtCount,
    fieldIds: state._fieldIds,
    averageFieldLength: state._avgFieldLength,
  };
  return [head, state._documentIds, state._fieldLength, df, ...parts].map((part, i) => ({ name: `${SECTION_PREFIX}${i}`, bytes: v8.serialize(part) }));
}

function damaged(what: string): Error {
  return new Error(`index cache: the minisearch state's ${what} is not as written`);
}

function part(sections: ReadonlyMap<string, Uint8Array>, i: number): unknown {
  const bytes = sections.get(`${SECTION_PREFIX}${i}`);
  if (!bytes) throw new Error(`index cache has no ${SECTION_PREFIX}${i} section`);
  return v8.deserialize(bytes);
}

function mapPart<K, V>(sections: ReadonlyMap<string, Uint8Array>, i: number, what: string): Map<K, V> {
  const value = part(sections, i);
  if (!(value instanceof Map)) throw damaged(what);
  return value as Map<K, V>;
}

function isPiece(value: unknown): value is Piece {
  return Array.isArray(value) && value.length === 3 && Array.isArray(value[0]) && typeof value[1] === 'string' && value[2] instanceof Map;
}

/** Reads the state back part by part, pausing (a `yield`) after each. */
function* restoring(sections: ReadonlyMap<string, Uint8Array>): Generator<void, IndexState> {
  const head = headSchema.parse(part(sections, 0));
  const mini = newMiniSearch();
  const state = internals(mini);
  for (const key of INTERNALS) {
    if (!(key in state)) throw new Error(`the index cache holds minisearch ${MINISEARCH_VERSION}'s state, which this minisearch does not keep as ${key}`);
  }
  const documentIds = mapPart<number, number>(sections, 1, 'document ids');
  yield;
  const fieldLength = mapPart<number, number[]>(sections, 2, 'field lengths');
  yield;
  const df = mapPart<string, number>(sections, 3, 'document frequencies');
  yield;
  const tree = new Map() as Tree;
  for (let i = 4; i < head.sections; i++) {
    const pieces = part(sections, i);
    if (!Array.isArray(pieces) || !pieces.every(isPiece)) throw damaged('tree');
    for (const piece of pieces) place(tree, piece);
    yield;
  }
  const idToShortId = new Map<number, number>();
  for (const [short, doc] of documentIds) idToShortId.set(doc, short);
  Object.assign(state, {
    _index: new SearchableMap<TermData>(tree),
    _documentCount: head.documentCount,
    _documentIds: documentIds,
    _idToShortId: idToShortId,
    _fieldIds: head.fieldIds,
    _fieldLength: fieldLength,
    _avgFieldLength: head.averageFieldLength,
    _nextId: head.nextId,
    _dirtCount: head.dirtCount,
  } satisfies Internals);
  return { mini, df };
}

/** The index state held in `sections`. */
export function readState(sections: ReadonlyMap<string, Uint8Array>): IndexState {
  const steps = restoring(sections);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `readState` in slices that yield to the event loop, for reading an index while serving. */
export async function readStateAsync(sections: ReadonlyMap<string, Uint8Array>): Promise<IndexState> {
  const steps = restoring(sections);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
