/**
 * The evidence for a question: the papers retrieval ranks highest (plus papers whose title carries a
 * name the question writes exactly, "SCALE"), each re-ranked by what its abstract holds for the
 * question: how much of the question's weight it covers, its best sentence, whether that sentence
 * holds a value of the asked type about the asked thing, and whether the question's words sit
 * together there as they do in the question. Answers, abstention and the optional model-written
 * answers all start from here.
 */
import type { Paper } from '../model/paper.js';
import type { TitleCatalog } from '../search/find.js';
import type { TermAssociations } from '../search/associations.js';
import type { PaperIndex } from '../search/paper-index.js';
import { analyze, isStopword } from '../text/analyzer.js';
import { editDistance, escapeRegExp, expansionOf, nearestName, proposedNames, titleName, writtenWords } from '../text/names.js';
import { splitSentences, type Sentence } from '../text/sentences.js';
import { isCoined, spokenRate } from '../text/spoken.js';
import { writeIdsAsTitles } from './paper-ids.js';
import { parseQuestion, termsOf, type Question } from './question.js';
import { countOf, holdsAmount, holdsCountOf, holdsDate, holdsName, holdsScore } from './values.js';

/** Below this many papers a list's vocabulary is far from complete, and questions meet it differently. */
export const SHORT_LIST = 2_000;

/** How many retrieved papers are weighed (more for a broad question, which lists several). */
const CANDIDATES = 20;
const LIST_CANDIDATES = 60;
/** Papers whose title writes a question's name exactly are weighed too, when at most this many do. */
const NAMED_CANDIDATES = 8;
/** What a part of an unknown name weighs ("gpt" of "GPT-9"), against its own idf. */
const UNKNOWN_NAME_PART = 0.25;
/** A word at least this many papers use belongs to the list's vocabulary. */
const FAMILIAR_DF = 5;
/** A word at least this share of the papers use is one of the field's everyday words. */
const FIELD_SHARE = 0.01;
/** Sentences per question that are read for values (the most covering ones): value reading is the costly part. */
const TYPED_SENTENCES = 40;
/** Papers, best retrieved first, whose every sentence is read for values. */
const TYPED_PAPERS = 3;

export interface SentenceEvidence {
  /** Position in the abstract. */
  index: number;
  text: string;
  start: number;
  end: number;
  /** Share of the question's weight the sentence holds (its paper's title counts half). */
  coverage: number;
  /** Share of the question's neighbouring word pairs that are neighbours here too. */
  proximity: number;
  /** Share of the question's two-word phrases written here exactly so ("drifting models", not "drift in models"). */
  phrase: number;
  /** It holds a value of the asked type about the asked thing ("3.5 million image-text pairs"). */
  typed: boolean;
  /** For "how many/much X": the share of X's words its best number counts ("3.88M trainable parameters": all). */
  counted: number;
  /** It defines or names what the question asks about ("SLAG (Scalable…)", "we introduce SLAG, a…"). */
  defining: boolean;
  /** Share of the question's weight beyond its paper's title words that the sentence holds: what is asked about the paper. */
  focus: number;
  /** It introduces something by name ("we propose X", "a benchmark called X"): what "which paper/model…" asks for. */
  introduces: boolean;
  /** It has the words that state a reason ("to address", "because", "costly") for a why question, a finding ("outperforms", "fails") for a yes/no one. */
  cue: boolean;
  /** It holds a figure. */
  digits: boolean;
  /** What words of the list that mean nearly the same as the question's missing ones add to its coverage (associations, weighed below exact matches). */
  soft: number;
  /** It comes right after the sentence that holds most of the question, where an answer often follows its set-up. */
  afterBest: boolean;
  /** The question terms it contains. */
  terms: Set<string>;
  score: number;
}

export interface PaperEvidence {
  doc: number;
  paper: Paper;
  /** Retrieval score relative to the best retrieved paper's (0 for papers found by name only). */
  retrieval: number;
  /** Share of the question's weight the paper holds (title or abstract). */
  coverage: number;
  /** The same for the rarer half of the question's words. */
  rareCoverage: number;
  /** The same for the question's nouns but the counted thing, what it is about (all its words when it has none). */
  nounCoverage: number;
  /** What the paper's words that mean nearly the same as the question's missing ones add to its coverage. */
  soft: number;
  /** Share of the question's words the paper holds, each word counting the same. */
  termShare: number;
  /** The paper lacks the question's rarest word, the one that says most what it is about. */
  lacksRarest: boolean;
  titleCoverage: number;
  /** The analysed words of the paper's title. */
  titleTerms: ReadonlySet<string>;
  /** Every technical name the question writes ("A2PR") is in the paper. */
  namesPresent: boolean;
  /** The question writes a name only a few papers use, and this paper is one of them. */
  rareNamesPresent: boolean;
  /** The title writes a name of the question exactly as the question does ("SCALE: …"). */
  exactName: boolean;
  /** The paper writes every name of the question in the question's own case ("DiNA", not only "DINA"). */
  namesAsWritten: boolean;
  /** The paper's own name: its title's "Name:" or what the abstract says it proposes. */
  ownName?: string;
  /** The question says one of the paper's own names, in any case ("what does passiveqa pick?"), and few papers use its words. */
  nameAsked: boolean;
  /** That name is coined, no word of everyday speech ("PassiveQA", not "Magpie"): the question points at this paper. */
  coinedNameAsked: boolean;
  /** What the asked abbreviation stands for, from this paper's title or abstract. */
  expansion?: string;
  sentences: SentenceEvidence[];
  /** The sentence that answers best (for typed questions: the best typed one, when there is one). */
  best: SentenceEvidence;
  score: number;
}

export interface MissingName {
  written: string;
  near?: { name: string; doc: number };
}

export interface Evidence {
  question: Question;
  /** Question term -> its weight (idf; unknown words as rare as the rarest, half for ordinary words). */
  weights: Map<string, number>;
  /** Question term -> the index terms that stand for it (itself, and its typo fixes). */
  aliases: Map<string, Set<string>>;
  /** Share of the question's weight in words no paper uses and no typo fix explains. */
  unknownShare: number;
  /**
   * Share of the question's weight in words at least a handful of papers use: a question in the
   * list's own field uses its vocabulary; one from another field meets words only a stray paper has.
   */
  familiarShare: number;
  /** Share of the question's weight in the list's everyday words, those at least 1% of its papers use ("model", "policy"). */
  fieldShare: number;
  /**
   * How much more everyday speech uses the question's words than the list's papers do (a weighted mean
   * of log ratios): high for "how do I prune tomato plants?", low for a question in the list's field.
   */
  everyday: number;
  /** How many papers the list holds. */
  listSize: number;
  /**
   * Names the question writes ("PRDC", "Zorblax-9") that no listed paper uses, each with the name a
   * candidate paper writes that is one or two letters from it ("PMDC"), if any: whatever is near, it
   * is not about them.
   */
  missingNames: MissingName[];
  papers: PaperEvidence[];
}

/**
 * Maps each question term to the index terms that stand for it in a paper: itself, and its typo
 * fixes when no paper uses it. A word of everyday English is no typo ("sourdough" is not "source"):
 * the list just lacks it.
 */
function resolveTerms(index: PaperIndex, question: Question, matched: string[]): Map<string, Set<string>> {
  const retrieved = new Set(matched);
  const resolved = new Map<string, Set<string>>();
  for (const term of question.terms) {
    const slip = index.documentFrequency(term) === 0 && spokenRate(term) === 0;
    resolved.set(term, new Set([term, ...(slip ? typoFixes(index, term, retrieved) : [])]));
  }
  return resolved;
}

/** How many of a misspelt word's closest fixes are kept. */
const MAX_FIXES = 2;

/**
 * The index terms a word no paper uses may be a slip for: the retrieved terms (minisearch's fuzzy
 * and prefix matches) and the vocabulary sharing its first two letters. Closeness is weighed with
 * how common the fix is: one letter from a word a thousand papers use beats one letter from another
 * paper's own typo.
 */
function typoFixes(index: PaperIndex, typed: string, retrieved: ReadonlySet<string>): string[] {
  const pool = new Set(retrieved);
  if (typed.length >= 5) for (const term of index.termsStartingWith(typed.slice(0, 2))) pool.add(term);
  const scored: Array<[string, number]> = [];
  for (const candidate of pool) {
    const distance = typoDistance(typed, candidate, retrieved.has(candidate));
    if (distance !== undefined) scored.push([candidate, distance - COMMONNESS * Math.log10(index.documentFrequency(candidate) || 1)]);
  }
  scored.sort((a, b) => a[1] - b[1]);
  const best = scored[0]?.[1];
  return scored.filter(([, score]) => best !== undefined && score <= best + 0.5).slice(0, MAX_FIXES).map(([term]) => term);
}

/** How much a tenfold commoner fix makes up for being further away, in letters. */
const COMMONNESS = 0.5;

/**
 * How far a typed term is from an indexed one, or undefined when it is no slip for it. Both are
 * stems, and a slip can change the stemmer's cut ("instrucitons" -> "instruciton", "instructions" ->
 * "instruct"), so the typed stem may also end in a few letters more than its fix.
 */
function typoDistance(typed: string, indexed: string, retrieved: boolean): number | undefined {
  // "GPT-9" is not a typo of "GPT-5": numbers in a name are versions and sizes, not slips.
  if (/\d/.test(typed) || /\d/.test(indexed)) {
    if (typed.replace(/\D+/g, ' ').trim() !== indexed.replace(/\D+/g, ' ').trim()) return undefined;
  }
  // A word typed in part ("diffus" for "diffusion"), as minisearch's prefix match found it.
  if (retrieved && indexed.startsWith(typed) && typed.length >= 3) return 0.5;
  const maxDistance = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
  if (maxDistance === 0) return undefined;
  let best = Math.abs(typed.length - indexed.length) <= maxDistance ? editDistance(typed, indexed) : Infinity;
  // At most three letters past the cut, and at most one slip before it.
  if (indexed.length >= 4 && typed.length > indexed.length) {
    for (let cut = Math.max(indexed.length, typed.length - 3); cut <= Math.min(typed.length - 1, indexed.length + 1); cut++) {
      const distance = editDistance(typed.slice(0, cut), indexed);
      if (distance <= 1) best = Math.min(best, distance + 0.25);
    }
  }
  return best <= maxDistance ? best : undefined;
}

function weightedCoverage(weights: Map<string, number>, aliases: Map<string, Set<string>>, has: (term: string) => number): number {
  let total = 0;
  let covered = 0;
  for (const [term, weight] of weights) {
    total += weight;
    let best = 0;
    for (const alias of aliases.get(term) ?? [term]) best = Math.max(best, has(alias));
    covered += weight * best;
  }
  return total === 0 ? 0 : covered / total;
}

interface AnalysedSentence extends Sentence {
  terms: string[];
  set: Set<string>;
}

/** Abstracts split and analysed once; a question touches about twenty papers, a burst of questions the same ones. */
const analysed = new Map<Paper, AnalysedSentence[]>();
const ANALYSED_LIMIT = 4_000;

function sentencesOf(paper: Paper): AnalysedSentence[] {
  let sentences = analysed.get(paper);
  if (!sentences) {
    sentences = splitSentences(paper.abstract).map((s) => {
      const terms = analyze(s.text);
      return { ...s, terms, set: new Set(terms) };
    });
    if (analysed.size >= ANALYSED_LIMIT) analysed.clear();
    analysed.set(paper, sentences);
  }
  return sentences;
}

/** Neighbouring question-term pairs (in question order) that sit within two words of each other in `terms`. */
function proximity(pairs: Array<[Set<string>, Set<string>]>, terms: string[]): number {
  if (pairs.length === 0) return 0;
  let found = 0;
  for (const [a, b] of pairs) {
    for (let i = 0; i < terms.length; i++) {
      if (!a.has(terms[i]!)) continue;
      if (b.has(terms[i + 1] ?? '') || b.has(terms[i + 2] ?? '') || b.has(terms[i - 1] ?? '')) {
        found++;
        break;
      }
    }
  }
  return found / pairs.length;
}

/** The question's neighbouring content words, as written and lowercased: "drifting models". */
function surfacePhrases(question: Question): RegExp[] {
  const words = writtenWords(question.text.toLowerCase()).filter((w) => !isStopword(w) && analyze(w).some((t) => question.terms.includes(t)));
  const phrases: RegExp[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    phrases.push(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(words[i]!)}[\\s-]+${escapeRegExp(words[i + 1]!)}(?![\\p{L}\\p{N}])`, 'u'));
  }
  return phrases;
}

function phraseShare(phrases: RegExp[], text: string): number {
  if (phrases.length === 0) return 0;
  const lower = text.toLowerCase();
  return phrases.filter((p) => p.test(lower)).length / phrases.length;
}

/** Lower case, hyphens as spaces: "Text-Promptable" and "text promptable" read alike. */
function looseText(text: string): string {
  return text.toLowerCase().replace(/-/g, ' ');
}

/** "SLAG (Scalable…)", "(SLAG)", "we introduce SLAG, a…", "SLAG is a…": the sentence says what the name is. */
export function definesName(sentence: string, name: string, anyCase = false): boolean {
  const n = escapeRegExp(name);
  return new RegExp(
    `\\(\\s*${n}\\s*[),;]|\\b${n}\\s*\\(|\\b(?:propose|introduce|present|develop|call|name|dub|term)\\w*\\s+(?:\\w+\\s+){0,4}?${n}\\b|\\b${n}\\s*(?:,\\s*(?:a|an|the)\\b|is an?\\b|is the\\b|stands for|short for|:)`,
    anyCase ? 'iu' : 'u',
  ).test(sentence);
}

export const TYPED: ReadonlySet<Question['type']> = new Set(['count', 'amount', 'score', 'date', 'name']);

const INTRODUCES =
  /\b(?:we|this (?:paper|work|study|report)|our (?:work|paper))\s+(?:\w+\s+){0,2}?(?:propose|introduce|present|develop|release|build|design|construct|curate|create|contribute|name|call)\w*\b|\b(?:called|named|dubbed|termed|coined)\s+\S|\bnamely\b/i;
/** Words that state why: a problem, a cost, a limit, what something is for. */
const REASON_CUE =
  /\b(?:because|since|due to|owing to|as a result|so that|in order to|to (?:address|overcome|mitigate|tackle|alleviate|avoid|remedy|resolve|reduce|enable|bridge|improve)|challeng|limitation|limited|suffer|fail|costly|expensive|intensive|inefficien|bottleneck|lack|struggl|difficult|problem|issue|motivat|hinder|prohibitive|unreliab|unstable|however|unlike|rather than|instead|explain|reason|why)\w*/i;
/** Words that state a finding a yes/no question turns on. */
const FINDING_CUE =
  /\b(?:outperform|surpass|improv|exceed|beat|fail|not|no|never|without|significant|comparable|competitive|on par|better|worse|match|reduc|increas|show|find|found|reveal|demonstrat|confirm|suggest|indicat|requir|rel(?:y|ies) on|free)\w*/i;

/**
 * The evidence for `text`, its papers not yet ranked (rank.ts ranks them). `within` restricts the
 * papers weighed to those docs (a question put to one paper, or to a conversation's papers).
 */
export function collectEvidence(index: PaperIndex, catalog: TitleCatalog, text: string, within?: readonly number[]): Evidence {
  // An arXiv id in the question stands for its paper's title; the question is still the one asked.
  const question = { ...parseQuestion(writeIdsAsTitles(index, text), (term) => index.documentFrequency(term) > 0), raw: text };
  const missingNames: MissingName[] = question.writtenNames
    .filter((name) => index.documentFrequency(termsOf(name)[0] ?? '') === 0)
    .map((written) => ({ written }));
  const empty: Evidence = { question, weights: new Map(), aliases: new Map(), unknownShare: 0, familiarShare: 0, fieldShare: 0, everyday: 0, listSize: index.size, missingNames, papers: [] };
  if (question.terms.length === 0) return empty;

  const retrieval = index.retrieve(question.terms);
  const aliases = resolveTerms(index, question, retrieval.queryTerms);
  // A word no paper uses weighs like the rarest word when it is written like a name ("Zorblax-9"):
  // a question about it is not covered. An ordinary unknown word ("pick") weighs half that.
  const unknown = (t: string) => index.documentFrequency(t) === 0 && aliases.get(t)!.size === 1;
  // In a list of thousands of papers a word none of them uses is foreign to it. In a short list an
  // ordinary verb or adjective ("pick") is as likely a paraphrase of one it uses ("select"), so it
  // weighs half; a noun names what the question is about ("beekeeping"), so it weighs in full.
  const paraphrasable = (t: string) => index.size < SHORT_LIST && !question.properNames.has(t) && !question.nouns.has(t);
  const weightOf = (t: string) => {
    if (unknown(t)) return index.idf(t) * (paraphrasable(t) ? 0.5 : 1);
    if (question.unknownNameParts.has(t)) return index.idf(t) * UNKNOWN_NAME_PART;
    // A slip weighs as the word it stands for.
    return Math.min(...[...aliases.get(t)!].map((a) => index.idf(a)));
  };
  const weights = new Map(question.terms.map((t) => [t, weightOf(t)] as const));
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
  const share = (keep: (t: string) => boolean) => question.terms.filter(keep).reduce((sum, t) => sum + weights.get(t)!, 0) / totalWeight;
  const unknownShare = share(unknown);
  const familiarShare = share((t) => index.documentFrequency(t) >= FAMILIAR_DF);
  const fieldShare = share((t) => index.documentFrequency(t) >= index.size * FIELD_SHARE);
  const everyday = question.terms.reduce((sum, t) => sum + weights.get(t)! * everydayRatio(index, t), 0) / totalWeight;
  const sortedWeights = [...weights.values()].sort((a, b) => a - b);
  const medianWeight = sortedWeights[Math.floor(sortedWeights.length / 2)]!;
  const rareWeights = new Map([...weights].filter(([, w]) => w >= medianWeight));
  const rarest = [...weights].sort((a, b) => b[1] - a[1])[0]![0];
  // What a question is about is its nouns, but for the thing a "how many" counts (a paper need not count GPUs to be near).
  const nouns = [...weights].filter(([t]) => question.nouns.has(t) && !question.asked.includes(t));
  const nounWeights = new Map(nouns.length > 0 ? nouns : weights);

  // A question put to given papers (one paper, a conversation's) weighs those and no others.
  const allowed = within ? new Set(within) : undefined;
  const top = retrieval.candidates.filter((c) => !allowed || allowed.has(c.doc)).slice(0, question.type === 'list' ? LIST_CANDIDATES : CANDIDATES);
  const topScore = top[0]?.score ?? 1;
  const candidates = new Map(top.map((c) => [c.doc, c.score / topScore]));
  for (const doc of allowed ?? []) if (!candidates.has(doc)) candidates.set(doc, 0);
  const titleNamed = new Set<number>();
  for (const name of allowed ? [] : question.writtenNames) {
    // A name many titles carry ("LLMs") names no paper in particular.
    const titled = catalog.withName(name);
    if (titled.length > NAMED_CANDIDATES) continue;
    for (const doc of titled) {
      titleNamed.add(doc);
      if (!candidates.has(doc)) candidates.set(doc, 0);
    }
  }
  if (candidates.size === 0) return { ...empty, weights, aliases, unknownShare, familiarShare, fieldShare, everyday };

  const pairs: Array<[Set<string>, Set<string>]> = [];
  for (let i = 0; i + 1 < question.terms.length; i++) {
    pairs.push([aliases.get(question.terms[i]!)!, aliases.get(question.terms[i + 1]!)!]);
  }
  const askedAliases = new Set(question.asked.flatMap((t) => [...(aliases.get(t) ?? [t])]));
  const countedThings = askedAliases.size > 0 ? askedAliases : new Set([...aliases.values()].flatMap((s) => [...s]));
  const names = question.terms.filter((t) => question.names.has(t));
  // A name is telling when few papers use it: at most 2% of them, or 3 in a small list.
  const rareDf = Math.max(3, index.size * 0.02);
  const rareNames = names.filter((n) => index.documentFrequency(n) > 0 && index.documentFrequency(n) <= rareDf);
  const phrases = surfacePhrases(question);
  const spokenQuestion = spoken(question.text);
  const cue = question.why ? REASON_CUE : question.type === 'claim' ? FINDING_CUE : undefined;
  const meaning = new NearMeaning(index.associations(), (t) => !question.names.has(t));

  const papers: PaperEvidence[] = [];
  for (const [doc, relative] of candidates) {
    const paper = index.paper(doc);
    const { title, abstract } = index.docTerms(doc);
    const inPaper = (t: string) => (title.has(t) || abstract.has(t) ? 1 : 0);
    const ownNames = [titleName(paper.title), ...proposedNames(paper.abstract)].filter((n): n is string => n !== undefined);
    const ownName = ownNames[0];
    const askedNames = ownNames.filter((n) => saysName(spokenQuestion, n) && analyze(n).some((t) => index.documentFrequency(t) <= rareDf));
    const acronym = question.acronym;
    const expansion = acronym ? expansionOf(acronym, paper.title, paper.abstract) : undefined;
    // A sentence that spells the abbreviation out defines it too, however it hyphenates ("text-promptable").
    const spelled = expansion !== undefined ? looseText(expansion) : undefined;
    const beyondTitle = new Map([...weights].filter(([t]) => ![...aliases.get(t)!].some((a) => title.has(a))));
    if (sentencesOf(paper).length === 0) continue;
    const sentences = sentencesOf(paper).map((s, i): SentenceEvidence => {
      const coverage = weightedCoverage(weights, aliases, (t) => (s.set.has(t) ? 1 : title.has(t) ? 0.5 : 0));
      const soft = weightedCoverage(weights, aliases, (t) => (s.set.has(t) ? 1 : Math.max(title.has(t) ? 0.5 : 0, meaning.credit(t, s.set)))) - coverage;
      const present = new Set(question.terms.filter((t) => [...aliases.get(t)!].some((a) => s.set.has(a))));
      // "SLAG (Scalable…)" defines the asked abbreviation; "The AI Economist is a…" the asked subject.
      const defining =
        acronym !== undefined
          ? definesName(s.text, acronym) || (spelled !== undefined && looseText(s.text).includes(spelled))
          : question.subject !== undefined && definesName(s.text, question.subject, true);
      return {
        index: i,
        text: s.text,
        start: s.start,
        end: s.end,
        coverage,
        proximity: proximity(pairs, s.terms),
        phrase: phraseShare(phrases, s.text),
        typed: false,
        counted: 0,
        defining,
        focus: beyondTitle.size > 0 ? weightedCoverage(beyondTitle, aliases, (t) => (s.set.has(t) ? 1 : 0)) : coverage,
        introduces: INTRODUCES.test(s.text),
        cue: cue !== undefined && cue.test(s.text),
        digits: /\d/.test(s.text),
        soft,
        afterBest: false,
        terms: present,
        score: 0,
      };
    });
    const setUp = sentences.reduce((best, s) => (s.coverage > best.coverage ? s : best), sentences[0]!);
    const next = sentences[setUp.index + 1];
    if (next) next.afterBest = true;
    papers.push({
      doc,
      paper,
      retrieval: relative,
      coverage: weightedCoverage(weights, aliases, inPaper),
      soft: weightedCoverage(weights, aliases, (t) => Math.max(inPaper(t), meaning.credit(t, title), meaning.credit(t, abstract))) - weightedCoverage(weights, aliases, inPaper),
      rareCoverage: weightedCoverage(rareWeights, aliases, inPaper),
      nounCoverage: weightedCoverage(nounWeights, aliases, inPaper),
      termShare: weightedCoverage(new Map(question.terms.map((t) => [t, 1])), aliases, inPaper),
      lacksRarest: ![...aliases.get(rarest)!].some((a) => inPaper(a) === 1),
      titleCoverage: weightedCoverage(weights, aliases, (t) => (title.has(t) ? 1 : 0)),
      titleTerms: title,
      namesPresent: names.every((n) => [...aliases.get(n)!].some((a) => inPaper(a) === 1)),
      rareNamesPresent: rareNames.length > 0 && rareNames.every((n) => [...aliases.get(n)!].some((a) => inPaper(a) === 1)),
      exactName: titleNamed.has(doc),
      namesAsWritten: question.writtenNames.length > 0 && question.writtenNames.every((n) => writes(`${paper.title} ${paper.abstract}`, n)),
      ...(ownName ? { ownName } : {}),
      nameAsked: askedNames.length > 0,
      coinedNameAsked: askedNames.some(isCoined),
      ...(expansion ? { expansion } : {}),
      sentences,
      best: sentences[0]!,
      score: 0,
    });
  }

  if (TYPED.has(question.type)) {
    // Values are read in the most covering sentences, and in every sentence of the papers retrieval
    // ranks first: the sentence holding the value need not repeat the question's words.
    const all = papers.flatMap((p) => p.sentences).sort((a, b) => b.coverage - a.coverage);
    const first = [...papers].sort((a, b) => b.retrieval - a.retrieval).slice(0, TYPED_PAPERS);
    const read = new Set([...all.slice(0, TYPED_SENTENCES), ...first.flatMap((p) => p.sentences)]);
    const isRare = (word: string) => analyze(word).every((t) => index.documentFrequency(t) <= rareDf);
    for (const s of read) {
      s.typed = holdsType(question, s.text, countedThings, isRare);
      if (s.typed && askedAliases.size > 0) s.counted = countOf(s.text, askedAliases) / question.asked.length;
    }
  }
  // A question that names something only a few papers mention ("how does A2PR pick actions?") is
  // about those papers: one that never says A2PR is no candidate, whatever else it shares with it.
  const aboutNames = papers.filter((p) => p.rareNamesPresent);
  const weighed = aboutNames.length > 0 ? aboutNames : papers;
  // "TPGS" of "SurgTPGS" is no index word, yet the paper spells it out: it is not missing.
  const spelledOut = papers.some((p) => p.expansion !== undefined) ? question.acronym : undefined;
  const stillMissing = missingNames.filter((m) => m.written !== spelledOut);
  for (const missing of stillMissing) {
    for (const p of [...papers].sort((a, b) => b.retrieval - a.retrieval)) {
      const name = nearestName(missing.written, `${p.paper.title} ${p.paper.abstract}`);
      if (name) {
        missing.near = { name, doc: p.doc };
        break;
      }
    }
  }
  return { question, weights, aliases, unknownShare, familiarShare, fieldShare, everyday, listSize: index.size, missingNames: stillMissing, papers: weighed };
}

/**
 * Credit for a question word a text lacks, from the text's words that mean nearly the same: none
 * below SOFT_FLOOR similarity, rising to SOFT_CREDIT (an exact match is 1). Names are never stood in
 * for. Similarities are kept for the question, since its words meet the same paper words again.
 */
class NearMeaning {
  private readonly known = new Map<string, number>();

  constructor(
    private readonly associations: TermAssociations,
    private readonly softens: (term: string) => boolean,
  ) {}

  credit(term: string, words: ReadonlySet<string>): number {
    if (!this.softens(term)) return 0;
    let best = 0;
    for (const word of words) {
      const key = `${term} ${word}`;
      let similarity = this.known.get(key);
      if (similarity === undefined) {
        similarity = word === term ? 0 : this.associations.similarity(term, word);
        this.known.set(key, similarity);
      }
      if (similarity > best) best = similarity;
    }
    return best < SOFT_FLOOR ? 0 : (SOFT_CREDIT * (best - SOFT_FLOOR)) / (1 - SOFT_FLOOR);
  }
}

const SOFT_FLOOR = 0.3;
const SOFT_CREDIT = 0.5;

/** log10 of a term's rate in everyday speech (per million words) over its rate in the list (per thousand papers), each plus one. */
function everydayRatio(index: PaperIndex, term: string): number {
  return Math.log10(1 + spokenRate(term)) - Math.log10(1 + (1000 * index.documentFrequency(term)) / Math.max(1, index.size));
}

/** The text writes `name` as a word of its own, in the same case. */
function writes(text: string, name: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** Lower case, words separated by single spaces and padded by one: "EBench, the…" -> " ebench the … ". */
function spoken(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** The question says the name as words of its own, whatever the case and punctuation ("Polar-Sparsity", "polar sparsity"). */
function saysName(spokenQuestion: string, name: string): boolean {
  const said = spoken(name);
  return said.trim().length >= 4 && spokenQuestion.includes(said);
}

function holdsType(question: Question, sentence: string, things: ReadonlySet<string>, isRare: (word: string) => boolean): boolean {
  switch (question.type) {
    case 'count':
      return holdsCountOf(sentence, things);
    case 'amount':
      // "how long is the context window": a number of the window; "how much faster": any number.
      return holdsAmount(sentence, things, question.asked.some((t) => question.nouns.has(t)));
    case 'score':
      return holdsScore(sentence);
    case 'date':
      return holdsDate(sentence);
    case 'name':
      return holdsName(sentence, question.text, isRare);
    default:
      return false;
  }
}
