/**
 * The inverted index: the frozen sections built for the corpus files, plus what changed since
 * (papers added live by feeds and chat, and papers taken out or replaced). Added papers get postings
 * of their own, kept in plain arrays beside the frozen ones; a paper taken out is only marked, and
 * the counts BM25 reads (papers per term and field, papers per term, field lengths and their mean)
 * are kept exact for the papers still in.
 */
import { lowerBound, withPrefix, withinDistance } from './expand.js';
import { FIELD_COUNT, addToAverage, removeFromAverage, termFrequencies, type TermSections } from './postings.js';

/** Postings `start` to `end` of `docs` and `freqs`. */
export interface PostingRun {
  docs: ArrayLike<number>;
  freqs: ArrayLike<number>;
  start: number;
  end: number;
}

interface AddedPostings {
  docs: number[];
  freqs: number[];
}

export class TermIndex {
  private removed: Uint8Array;
  /** Postings of the papers added live, per term and field. */
  private readonly added = new Map<string, Array<AddedPostings | undefined>>();
  /** Live changes to the papers-per-term-and-field counts. */
  private readonly fieldCountChange = new Map<string, number[]>();
  private readonly dfChange = new Map<string, number>();
  private readonly addedLengths: number[] = [];
  /** Terms only papers added live hold, sorted when asked for. */
  private addedOnly: string[] | undefined = [];
  private readonly average: number[];
  private count: number;
  /** The next document number: papers are numbered in the order they came, removed ones included. */
  private nextDoc: number;

  constructor(private readonly base: TermSections) {
    this.removed = new Uint8Array(base.documentCount + 64);
    this.average = [...base.averageFieldLength];
    this.count = base.documentCount;
    this.nextDoc = base.documentCount;
  }

  get documentCount(): number {
    return this.count;
  }

  averageFieldLength(field: number): number {
    return this.average[field]!;
  }

  private termId(term: string): number {
    const at = lowerBound(this.base.terms, term);
    return this.base.terms[at] === term ? at : -1;
  }

  /** Papers (still in) that hold `term` in any field. */
  documentFrequency(term: string): number {
    const id = this.termId(term);
    return (id < 0 ? 0 : this.base.df[id]!) + (this.dfChange.get(term) ?? 0);
  }

  /** Papers (still in) that hold `term` in `field`. */
  fieldCount(term: string, field: number): number {
    const id = this.termId(term);
    const base = id < 0 ? 0 : this.base.offsets[id * FIELD_COUNT + field + 1]! - this.base.offsets[id * FIELD_COUNT + field]!;
    return base + (this.fieldCountChange.get(term)?.[field] ?? 0);
  }

  fieldLength(doc: number, field: number): number {
    const { documentCount, fieldLengths } = this.base;
    return doc < documentCount ? fieldLengths[doc * FIELD_COUNT + field]! : this.addedLengths[(doc - documentCount) * FIELD_COUNT + field]!;
  }

  isRemoved(doc: number): boolean {
    return this.removed[doc] === 1;
  }

  /**
   * The postings of `term` in `field`, in document order: the frozen ones, then those of papers added
   * live. They include papers taken out since (`isRemoved`).
   */
  postings(term: string, field: number): PostingRun[] {
    const runs: PostingRun[] = [];
    const id = this.termId(term);
    if (id >= 0) {
      const { offsets, docs, freqs } = this.base;
      const start = offsets[id * FIELD_COUNT + field]!;
      const end = offsets[id * FIELD_COUNT + field + 1]!;
      if (end > start) runs.push({ docs, freqs, start, end });
    }
    const added = this.added.get(term)?.[field];
    if (added) runs.push({ docs: added.docs, freqs: added.freqs, start: 0, end: added.docs.length });
    return runs;
  }

  /** Whether paper `doc` holds `term` in `field` (a search in its postings, not an analysis of its text). */
  holds(term: string, field: number, doc: number): boolean {
    for (const { docs, start, end } of this.postings(term, field)) {
      let lo = start;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (docs[mid]! < doc) lo = mid + 1;
        else hi = mid;
      }
      if (lo < end && docs[lo] === doc) return true;
    }
    return false;
  }

  /** One past the highest document number handed out. */
  get documentLimit(): number {
    return this.nextDoc;
  }

  /** Index terms that start with `prefix`, in term order. */
  prefixed(prefix: string): string[] {
    const base = withPrefix(this.base.terms, prefix);
    const extra = withPrefix(this.addedTerms(), prefix);
    return extra.length === 0 ? base : [...base, ...extra].sort();
  }

  /** Index terms within `maxDistance` edits of `term`, in term order. */
  near(term: string, maxDistance: number): Array<[string, number]> {
    const base = withinDistance(this.base.terms, term, maxDistance);
    const extra = withinDistance(this.addedTerms(), term, maxDistance);
    return extra.length === 0 ? base : [...base, ...extra].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private addedTerms(): string[] {
    this.addedOnly ??= [...this.added.keys()].filter((term) => this.termId(term) < 0).sort();
    return this.addedOnly;
  }

  /** Adds a paper from its analysed fields; returns its document number. */
  add(fieldTerms: readonly (readonly string[])[]): number {
    const doc = this.nextDoc++;
    if (doc >= this.removed.length) {
      const grown = new Uint8Array(this.removed.length * 2);
      grown.set(this.removed);
      this.removed = grown;
    }
    const union = new Set<string>();
    for (let field = 0; field < FIELD_COUNT; field++) {
      const freqs = termFrequencies(fieldTerms[field] ?? []);
      this.addedLengths.push(freqs.size);
      this.average[field] = addToAverage(this.average[field]!, this.count, freqs.size);
      for (const [term, freq] of freqs) {
        if (term.length === 0) continue;
        union.add(term);
        let fields = this.added.get(term);
        if (!fields) {
          fields = new Array<AddedPostings | undefined>(FIELD_COUNT);
          this.added.set(term, fields);
          this.addedOnly = undefined;
        }
        const postings = (fields[field] ??= { docs: [], freqs: [] });
        postings.docs.push(doc);
        postings.freqs.push(freq);
        this.changeFieldCount(term, field, 1);
      }
    }
    for (const term of union) this.dfChange.set(term, (this.dfChange.get(term) ?? 0) + 1);
    this.count++;
    return doc;
  }

  /** Takes a paper out, given the analysed fields it was added with. */
  remove(doc: number, fieldTerms: readonly (readonly string[])[]): void {
    if (this.removed[doc] === 1) return;
    this.removed[doc] = 1;
    const union = new Set<string>();
    for (let field = 0; field < FIELD_COUNT; field++) {
      this.average[field] = removeFromAverage(this.average[field]!, this.count, this.fieldLength(doc, field));
      for (const term of new Set(fieldTerms[field] ?? [])) {
        if (term.length === 0) continue;
        union.add(term);
        this.changeFieldCount(term, field, -1);
      }
    }
    for (const term of union) this.dfChange.set(term, (this.dfChange.get(term) ?? 0) - 1);
    this.count--;
  }

  private changeFieldCount(term: string, field: number, by: number): void {
    let counts = this.fieldCountChange.get(term);
    if (!counts) {
      counts = new Array<number>(FIELD_COUNT).fill(0);
      this.fieldCountChange.set(term, counts);
    }
    counts[field]! += by;
  }
}
