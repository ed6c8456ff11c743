/**
 * What kind of values a sentence holds (counts, amounts, scores, dates, names) and what they are
 * values of, read with wink-nlp's English model (tokens, parts of speech, entities such as
 * CARDINAL, PERCENT, MONEY, DATE, DURATION). An answer to "how many X" must hold a number of X.
 *
 * The model loads on first use (about half a second), so commands that never answer a question
 * never pay for it; annotated sentences are cached, since the same abstracts answer many questions.
 */
import winkNLP, { type ItemEntity, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyze } from '../text/analyzer.js';
import { looksLikeName, writtenWords } from '../text/names.js';

interface Annotation {
  /** Analysed term of each token ('' for punctuation and stopwords). */
  terms: string[];
  values: string[];
  pos: string[];
  entities: Array<{ type: string; start: number; end: number }>;
}

let nlp: WinkMethods | undefined;

function reader(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}
const cache = new Map<string, Annotation>();
const CACHE_LIMIT = 20_000;

function annotate(sentence: string): Annotation {
  let annotation = cache.get(sentence);
  if (annotation) return annotation;
  const { its, readDoc } = reader();
  const doc = readDoc(sentence);
  const values = doc.tokens().out(its.value);
  const entities: Annotation['entities'] = [];
  doc.entities().each((entity: ItemEntity) => {
    const [start, end] = entity.out(its.span) as unknown as [number, number];
    entities.push({ type: entity.out(its.type), start, end });
  });
  annotation = { terms: values.map((v) => analyze(v)[0] ?? ''), values, pos: doc.tokens().out(its.pos), entities };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sentence, annotation);
  return annotation;
}

const NUMBER_WORD = /^(?:\d[\d,.]*[kmbx%]?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozens?|hundreds?|thousands?|millions?|billions?|trillions?)$/i;
/** How far after a number the counted thing may come: "45 potentially unsafe topics", "3.5 M image-text pairs". */
const COUNTED_WITHIN = 6;

const NUMBER_ENTITIES = new Set(['CARDINAL', 'PERCENT', 'MONEY', 'DURATION', 'QUANTITY', 'MEASURE']);

function numberPositions(a: Annotation): Array<{ start: number; end: number; type: string }> {
  const spans = a.entities.filter((e) => NUMBER_ENTITIES.has(e.type));
  const covered = new Set(spans.flatMap((e) => Array.from({ length: e.end - e.start + 1 }, (_, k) => e.start + k)));
  a.values.forEach((value, i) => {
    if (!covered.has(i) && NUMBER_WORD.test(value) && /\d/.test(value)) spans.push({ type: 'CARDINAL', start: i, end: i });
  });
  return spans;
}

/**
 * How many of `things` (analysed terms) one number of the sentence counts: "7 datasets" counts
 * "dataset"; "3.88M trainable parameters" both "trainabl" and "paramet", where "a decoder (3.27M
 * parameters)" counts one. 0 when no number counts any.
 */
export function countOf(sentence: string, things: ReadonlySet<string>): number {
  const a = annotate(sentence);
  let most = 0;
  for (const span of numberPositions(a)) {
    if (span.type === 'PERCENT') continue;
    const counted = new Set<string>();
    // "a 300-hour dataset": the unit written onto the number.
    for (const part of a.values.slice(span.start, span.end + 1).join(' ').split(/[-\s]+/)) for (const t of analyze(part)) if (things.has(t)) counted.add(t);
    let seen = 0;
    for (let i = span.end + 1; i < a.terms.length && seen < COUNTED_WITHIN; i++) {
      if (a.pos[i] === 'PUNCT' && a.values[i] !== '-') continue;
      seen++;
      if (things.has(a.terms[i]!)) counted.add(a.terms[i]!);
      if (a.pos[i] === 'VERB' || a.pos[i] === 'AUX') break;
    }
    // "the number of X is 7", "trainable parameters (3.88M": the thing right before the number.
    for (let i = span.start - 1; i >= 0 && i >= span.start - 4; i--) if (things.has(a.terms[i]!)) counted.add(a.terms[i]!);
    most = Math.max(most, counted.size);
  }
  return most;
}

/** Whether the sentence gives a number of one of `things`: "7 datasets", "3.5M image-text pairs". */
export function holdsCountOf(sentence: string, things: ReadonlySet<string>): boolean {
  return countOf(sentence, things) > 0;
}

const SCORE_UNIT = /^(?:%|percent|points?|pp|f1|bleu|rouge|auc|map|accuracy|acc|em|elo|x|×|times|fold)$/i;

/** Whether the sentence reports a result value: a percentage, a score with its metric, a decimal. */
export function holdsScore(sentence: string): boolean {
  const a = annotate(sentence);
  if (a.entities.some((e) => e.type === 'PERCENT')) return true;
  for (const span of numberPositions(a)) {
    const value = a.values.slice(span.start, span.end + 1).join(' ');
    const next = a.values[span.end + 1] ?? '';
    if (/\d\.\d/.test(value) || SCORE_UNIT.test(next)) return true;
  }
  return false;
}

/** Whether the sentence holds a quantity (a number, money, a duration, a size), of the asked thing when the question names one ("how long is the context window"). */
export function holdsAmount(sentence: string, things: ReadonlySet<string>, named: boolean): boolean {
  if (things.size > 0 && holdsCountOf(sentence, things)) return true;
  return !named && numberPositions(annotate(sentence)).length > 0;
}

/**
 * Whether the sentence names something the question does not: a model, method or dataset ("T5").
 * Names most papers use ("LLMs", "RL") name nothing in particular; `isRare` tells them apart.
 */
export function holdsName(sentence: string, questionText: string, isRare: (word: string) => boolean): boolean {
  const asked = new Set(writtenWords(questionText).map((w) => w.toLowerCase()));
  return writtenWords(sentence).some((w) => looksLikeName(w) && !asked.has(w.toLowerCase()) && isRare(w));
}

export function holdsDate(sentence: string): boolean {
  return annotate(sentence).entities.some((e) => e.type === 'DATE');
}

/** The words of a question that are nouns (or proper nouns): what it is about. */
export function nounWords(text: string): string[] {
  const { its, readDoc } = reader();
  const doc = readDoc(text);
  const values = doc.tokens().out(its.value);
  const pos = doc.tokens().out(its.pos);
  return values.filter((_, i) => pos[i] === 'NOUN' || pos[i] === 'PROPN');
}
