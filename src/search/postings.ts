/**
 * Builds the frozen part of the inverted index in one pass over the papers: every (term, field, doc,
 * frequency) is appended to flat typed arrays, then sorted by term and field with a stable counting
 * sort, so postings stay in document order. The result is a handful of typed arrays that the cache
 * writes and loads as they are, and that cost a few bytes per posting instead of a Map entry each.
 */
import type { Paper } from '../model/paper.js';
import { analyze, analyzeName } from '../text/analyzer.js';
import { bytesOf, viewAs, type Section } from './image.js';
import { INDEX_OPTIONS } from './options.js';

export const FIELD_COUNT = INDEX_OPTIONS.fields.length;
const FIELD_SLOTS = 4;

/** The frozen index: terms sorted, postings grouped by term then field (`offsets[term * FIELD_COUNT + field]`). */
export interface TermSections {
  terms: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  freqs: Uint16Array | Uint32Array;
  /** Papers holding each term in any field. */
  df: Uint32Array;
  /** Distinct terms per paper and field (`doc * FIELD_COUNT + field`), BM25's field length. */
  fieldLengths: Uint32Array;
  averageFieldLength: number[];
  documentCount: number;
}

/** A growing array of 32-bit numbers kept in fixed-size chunks: no copying and no spare half as it grows. */
class GrowingArray {
  private static readonly BITS = 18;
  private readonly chunks: Array<Uint32Array | undefined> = [];
  length = 0;

  push(value: number): void {
    const slot = this.length & ((1 << GrowingArray.BITS) - 1);
    if (slot === 0) this.chunks.push(new Uint32Array(1 << GrowingArray.BITS));
    this.chunks[this.chunks.length - 1]![slot] = value;
    this.length++;
  }

  get(i: number): number {
    return this.chunks[i >>> GrowingArray.BITS]![i & ((1 << GrowingArray.BITS) - 1)]!;
  }

  increment(i: number): void {
    this.chunks[i >>> GrowingArray.BITS]![i & ((1 << GrowingArray.BITS) - 1)]!++;
  }

  /** Lets go of the chunks that hold only numbers before `index` (read for the last time). */
  release(index: number): void {
    for (let chunk = (index >>> GrowingArray.BITS) - 1; chunk >= 0 && this.chunks[chunk]; chunk--) this.chunks[chunk] = undefined;
  }

  /** The numbers as one array (a copy). */
  values(): Uint32Array {
    const all = new Uint32Array(this.length);
    this.chunks.forEach((chunk, i) => all.set(chunk!.subarray(0, Math.min(chunk!.length, this.length - i * chunk!.length)), i * chunk!.length));
    return all;
  }
}

/**
 * The running mean minisearch keeps when a document is added (`(mean * count + length) / (count + 1)`),
 * computed the same way so that scores match to the last bit.
 */
export function addToAverage(average: number, count: number, length: number): number {
  return (average * count + length) / (count + 1);
}

export function removeFromAverage(average: number, count: number, length: number): number {
  return count === 1 ? 0 : (average * count - length) / (count - 1);
}

/** A paper's index terms per field, in `INDEX_OPTIONS.fields` order (title, abstract, authors). */
export function paperFields(paper: Pick<Paper, 'title' | 'abstract' | 'authors'>): string[][] {
  return [analyze(paper.title), analyze(paper.abstract), paper.authors.flatMap(analyzeName)];
}

/** How often each term occurs; the number of entries is the field's BM25 length. */
export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const freqs = new Map<string, number>();
  for (const term of terms) freqs.set(term, (freqs.get(term) ?? 0) + 1);
  return freqs;
}

export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly postingTerm = new GrowingArray();
  /** Where each paper's postings start (they are appended paper by paper). */
  private readonly docStarts = new GrowingArray();
  /** Frequency and field in one number: `freq * FIELD_SLOTS + field`. */
  private readonly postingFreqField = new GrowingArray();
  private readonly df = new GrowingArray();
  private readonly lengths = new GrowingArray();
  private readonly average: number[] = new Array<number>(FIELD_COUNT).fill(0);
  private count = 0;
  private maxFreq = 0;

  /** Adds the next paper (doc = papers added so far) from its analysed fields, in `INDEX_OPTIONS.fields` order. */
  add(fieldTerms: readonly (readonly string[])[]): void {
    const doc = this.count;
    this.docStarts.push(this.postingTerm.length);
    const seen = new Set<number>();
    for (let field = 0; field < FIELD_COUNT; field++) {
      const terms = fieldTerms[field] ?? [];
      const freqs = termFrequencies(terms);
      this.lengths.push(freqs.size);
      this.average[field] = addToAverage(this.average[field]!, doc, freqs.size);
      for (const [term, freq] of freqs) {
        if (term.length === 0) continue;
        const id = this.idOf(term);
        this.postingTerm.push(id);
        this.postingFreqField.push(freq * FIELD_SLOTS + field);
        if (freq > this.maxFreq) this.maxFreq = freq;
        if (!seen.has(id)) {
          seen.add(id);
          this.df.increment(id);
        }
      }
    }
    this.count++;
  }

  private idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
      this.df.push(0);
    }
    return id;
  }

  /** The sections; the builder lets go of its working arrays as it goes, and cannot be used after. */
  finish(): TermSections {
    this.ids.clear();
    const order = this.names.map((_, id) => id).sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : this.names[a]! > this.names[b]! ? 1 : 0));
    const rank = new Uint32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    const slots = order.length * FIELD_COUNT;
    const offsets = new Uint32Array(slots + 1);
    const total = this.postingTerm.length;
    const slotOf = (p: number) => rank[this.postingTerm.get(p)]! * FIELD_COUNT + (this.postingFreqField.get(p) % FIELD_SLOTS);
    for (let p = 0; p < total; p++) offsets[slotOf(p) + 1]!++;
    for (let s = 0; s < slots; s++) offsets[s + 1]! += offsets[s]!;
    const next = offsets.slice(0, slots);
    const docs = new Uint32Array(total);
    const freqs = this.maxFreq > 0xffff ? new Uint32Array(total) : new Uint16Array(total);
    this.docStarts.push(total);
    for (let doc = 0; doc < this.count; doc++) {
      for (let p = this.docStarts.get(doc), end = this.docStarts.get(doc + 1); p < end; p++) {
        const at = next[slotOf(p)]!++;
        docs[at] = doc;
        freqs[at] = Math.floor(this.postingFreqField.get(p) / FIELD_SLOTS);
      }
      const done = this.docStarts.get(doc + 1);
      this.postingTerm.release(done);
      this.postingFreqField.release(done);
    }
    const df = new Uint32Array(order.length);
    order.forEach((id, r) => (df[r] = this.df.get(id)));
    return {
      terms: order.map((id) => this.names[id]!),
      offsets,
      docs,
      freqs,
      df,
      fieldLengths: this.lengths.values(),
      averageFieldLength: [...this.average],
      documentCount: this.count,
    };
  }
}

const TERM_SECTIONS = { terms: 'terms', offsets: 'postings.offsets', docs: 'postings.docs', freqs: 'postings.freqs', df: 'terms.df', lengths: 'fields.length' } as const;

/** What the sections do not say: counts and means, and the width of a frequency. */
export interface TermMeta {
  documentCount: number;
  averageFieldLength: number[];
  freqBytes: 2 | 4;
}

export function termSectionsOut(sections: TermSections): { meta: TermMeta; sections: Section[] } {
  const { terms, offsets, docs, freqs, df, fieldLengths, averageFieldLength, documentCount } = sections;
  return {
    meta: { documentCount, averageFieldLength, freqBytes: freqs.BYTES_PER_ELEMENT as 2 | 4 },
    sections: [
      { name: TERM_SECTIONS.terms, bytes: Buffer.from(terms.join('\n'), 'utf8') },
      { name: TERM_SECTIONS.offsets, bytes: bytesOf(offsets) },
      { name: TERM_SECTIONS.docs, bytes: bytesOf(docs) },
      { name: TERM_SECTIONS.freqs, bytes: bytesOf(freqs) },
      { name: TERM_SECTIONS.df, bytes: bytesOf(df) },
      { name: TERM_SECTIONS.lengths, bytes: bytesOf(fieldLengths) },
    ],
  };
}

/** The term sections read back, checked for the shape the search relies on (a mismatch is a damaged cache). */
export function termSectionsIn(meta: TermMeta, sections: ReadonlyMap<string, Uint8Array>): TermSections {
  const get = (name: string) => {
    const bytes = sections.get(name);
    if (!bytes) throw new Error(`index cache has no ${name} section`);
    return bytes;
  };
  const text = get(TERM_SECTIONS.terms);
  const terms = text.byteLength === 0 ? [] : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8').split('\n');
  const offsets = viewAs(get(TERM_SECTIONS.offsets), Uint32Array);
  const docs = viewAs(get(TERM_SECTIONS.docs), Uint32Array);
  const freqs = meta.freqBytes === 2 ? viewAs(get(TERM_SECTIONS.freqs), Uint16Array) : viewAs(get(TERM_SECTIONS.freqs), Uint32Array);
  const df = viewAs(get(TERM_SECTIONS.df), Uint32Array);
  const fieldLengths = viewAs(get(TERM_SECTIONS.lengths), Uint32Array);
  const { documentCount, averageFieldLength } = meta;
  const consistent =
    offsets.length === terms.length * FIELD_COUNT + 1 &&
    offsets[offsets.length - 1] === docs.length &&
    freqs.length === docs.length &&
    df.length === terms.length &&
    fieldLengths.length === documentCount * FIELD_COUNT &&
    averageFieldLength.length === FIELD_COUNT;
  if (!consistent) throw new Error('index cache sections do not agree with each other');
  return { terms, offsets, docs, freqs, df, fieldLengths, averageFieldLength, documentCount };
}
