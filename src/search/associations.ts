/**
 * Which words of the list mean nearly the same, learned from the list itself: a question in other
 * words than the abstract's ("speedup" for "faster", "contain" for "comprises") still meets it, weighed
 * below an exact match. No model is downloaded; the associations come from the abstracts, by random
 * indexing (Kanerva et al. 2000; Sahlgren 2005): every word gets a fixed sparse random vector, and a
 * word's context vector sums the random vectors of the words around it, each weighed by its rarity.
 * Words used in the same company end up with similar context vectors.
 *
 * Built with the index from the analysed papers, about two seconds on 33k papers; held as one byte
 * per dimension (a 25k-word vocabulary takes 6 MB).
 */

/** Dimensions of a context vector. */
const DIMENSIONS = 256;
/** Non-zero entries of a word's random vector. */
const NON_ZEROS = 8;
/** Words on each side of a word that make its context; each position has dimensions of its own. */
const WINDOW = 2;
/** Words fewer papers use have too little context to learn from. */
const MIN_DF = 3;
const SCALE = 127;
/** How far each context offset rotates a random vector (prime to DIMENSIONS). */
const ROTATION = 61;

function normalize(vectors: Float32Array, count: number): void {
  for (let a = 0; a < count; a++) {
    let norm = 0;
    for (let k = 0; k < DIMENSIONS; k++) norm += vectors[a * DIMENSIONS + k]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < DIMENSIONS; k++) vectors[a * DIMENSIONS + k] = vectors[a * DIMENSIONS + k]! / norm;
  }
}

/** A deterministic hash of a term, so the same list always gives the same vectors. */
function hash(term: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Papers' word sequences as numbers, each word kept once: the sequences of a whole list, read twice
 * while the associations are learned, cost four bytes a word instead of a string each.
 */
export class WordSequences implements Iterable<string[]> {
  private readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly papers: Uint32Array[] = [];

  add(terms: readonly string[]): void {
    this.papers.push(
      Uint32Array.from(terms, (term) => {
        let id = this.ids.get(term);
        if (id === undefined) {
          id = this.words.length;
          this.ids.set(term, id);
          this.words.push(term);
        }
        return id;
      }),
    );
  }

  *[Symbol.iterator](): Iterator<string[]> {
    for (const sequence of this.papers) yield Array.from(sequence, (id) => this.words[id]!);
  }
}

export class TermAssociations {
  private constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly vectors: Int8Array,
  ) {}

  /**
   * Learns the associations from each paper's analysed words in order (title, then abstract), read
   * twice (`WordSequences` keeps them compactly). `documentFrequency` picks the vocabulary and weighs
   * the context words.
   */
  static build(sequences: Iterable<readonly string[]>, documentFrequency: (term: string) => number, size: number): TermAssociations {
    const ids = new Map<string, number>();
    for (const terms of sequences) for (const term of terms) if (!ids.has(term) && documentFrequency(term) >= MIN_DF) ids.set(term, ids.size);
    const positions = new Uint8Array(ids.size * NON_ZEROS);
    const signs = new Int8Array(ids.size * NON_ZEROS);
    const weights = new Float32Array(ids.size);
    for (const [term, id] of ids) {
      for (let k = 0; k < NON_ZEROS; k++) {
        const h = hash(term, k);
        positions[id * NON_ZEROS + k] = h % DIMENSIONS;
        signs[id * NON_ZEROS + k] = (h >>> 16) & 1 ? 1 : -1;
      }
      weights[id] = Math.log(size / documentFrequency(term));
    }
    const context = new Float32Array(ids.size * DIMENSIONS);
    for (const terms of sequences) {
      const seq = terms.map((t) => ids.get(t) ?? -1);
      for (let i = 0; i < seq.length; i++) {
        const a = seq[i]!;
        if (a < 0) continue;
        for (let j = Math.max(0, i - WINDOW); j <= Math.min(seq.length - 1, i + WINDOW); j++) {
          const b = seq[j]!;
          if (b < 0 || b === a) continue;
          const weight = weights[b]!;
          // The word before and the word after are different contexts ("comprises 7" and "7 datasets"):
          // each offset rotates the random vector, so words that fill the same slot end up alike.
          const rotation = (j - i + WINDOW) * ROTATION;
          for (let k = 0; k < NON_ZEROS; k++) {
            const at = a * DIMENSIONS + ((positions[b * NON_ZEROS + k]! + rotation) % DIMENSIONS);
            context[at] = context[at]! + weight * signs[b * NON_ZEROS + k]!;
          }
        }
      }
    }
    // Unit length, then the direction every word shares is taken out (it says only "a word of this
    // list"), then unit length again.
    normalize(context, ids.size);
    const mean = new Float32Array(DIMENSIONS);
    for (let a = 0; a < ids.size; a++) for (let k = 0; k < DIMENSIONS; k++) mean[k] = mean[k]! + context[a * DIMENSIONS + k]! / ids.size;
    for (let a = 0; a < ids.size; a++) for (let k = 0; k < DIMENSIONS; k++) context[a * DIMENSIONS + k] = context[a * DIMENSIONS + k]! - mean[k]!;
    normalize(context, ids.size);
    // Filled in place: Int8Array.from would list every value in an array first (tens of MB).
    const vectors = new Int8Array(context.length);
    for (let i = 0; i < context.length; i++) vectors[i] = Math.round(context[i]! * SCALE);
    return new TermAssociations(ids, vectors);
  }

  /** How alike two terms' contexts are: the cosine of their vectors, 0 when either is not in the vocabulary. */
  similarity(a: string, b: string): number {
    const x = this.ids.get(a);
    const y = this.ids.get(b);
    if (x === undefined || y === undefined) return 0;
    let dot = 0;
    for (let k = 0; k < DIMENSIONS; k++) dot += this.vectors[x * DIMENSIONS + k]! * this.vectors[y * DIMENSIONS + k]!;
    return dot / (SCALE * SCALE);
  }

  /** The vocabulary and vectors as one buffer: terms joined by newlines, then the vectors. */
  toBuffer(): Buffer {
    const terms = Buffer.from([...this.ids.keys()].join('\n'), 'utf8');
    const head = Buffer.alloc(8);
    head.writeUInt32LE(terms.length, 0);
    head.writeUInt32LE(this.ids.size, 4);
    return Buffer.concat([head, terms, Buffer.from(this.vectors.buffer, this.vectors.byteOffset, this.vectors.byteLength)]);
  }

  static fromBuffer(buffer: Buffer): TermAssociations {
    const termBytes = buffer.readUInt32LE(0);
    const count = buffer.readUInt32LE(4);
    const terms = count === 0 ? [] : buffer.toString('utf8', 8, 8 + termBytes).split('\n');
    if (terms.length !== count || buffer.length !== 8 + termBytes + count * DIMENSIONS) throw new Error('term associations: damaged section');
    const vectors = new Int8Array(count * DIMENSIONS);
    vectors.set(new Int8Array(buffer.buffer, buffer.byteOffset + 8 + termBytes, count * DIMENSIONS));
    return new TermAssociations(new Map(terms.map((t, i) => [t, i])), vectors);
  }
}
