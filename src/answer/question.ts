/**
 * Reads a chat question: what kind of answer it wants (its answer type), the words that carry its
 * meaning, the names it mentions, and for "how many X" the counted thing X.
 */
import { analyze, tokenize } from '../text/analyzer.js';
import type { AnswerType } from '../results.js';
import { looksLikeName, writtenWords } from '../text/names.js';
import { nounWords } from './values.js';

export type { AnswerType };

export interface Question {
  /** The question as asked, trimmed. */
  raw: string;
  /** The question with chat shorthand written out. */
  text: string;
  type: AnswerType;
  /** For `expansion` and `definition` of an abbreviation: the abbreviation as written ("SLAG"). */
  acronym?: string;
  /** Analysed words that carry the question's meaning, in question order. */
  terms: string[];
  /** Those of `terms` written like technical names: capitals inside or digits ("A2PR", "Uni-O4", "GPT-4"). */
  names: Set<string>;
  /** Those of `terms` written like any proper name: technical names and capitalised words ("Zorblax"). */
  properNames: Set<string>;
  /** Those of `terms` that are nouns in the question: what it is about, rather than what is done. */
  nouns: Set<string>;
  /** Technical names as written in the question ("SCALE", "NeoRL-2"), for exact-case title matches. */
  writtenNames: string[];
  /**
   * Parts of a name no paper uses ("gpt", "9" of "GPT-9"): they weigh little, since papers that use
   * the parts ("GPT-4", "9 tasks") are not about the name.
   */
  unknownNameParts: Set<string>;
  /** For `count` and `amount`: the analysed words of the thing asked about ("img-text pairs" -> image, text, pair). */
  asked: string[];
  /** A `list` question that wants recent work ("what's new in…"). */
  recent: boolean;
  /** It asks for a reason or motivation ("why does X use Y?", "what problem does X fix?"). */
  why: boolean;
  /** For a `definition` of several words, what is asked about as written ("the AI Economist" -> "AI Economist"). */
  subject?: string;
}

/** Words that frame a question about papers, or chat around it, but say nothing about its subject. */
const FRAMING = new Set(
  analyze(
    [
      'paper papers work works study studies article articles research author authors',
      'propose proposes proposed introduce introduces introduced present presents presented describe describes described',
      'mention mentions mentioned list listed say says said tell explain stand stands short abbreviation acronym expand expansion',
      'full name named called form mean means meaning number many much whose wrote write written publish published year',
      'main idea ideas key insight insights gist summary summarize overview purpose goal contribution contributions tldr tl dr',
      'anyone anybody someone somebody seen heard know knows remember recall wondering curious quick question hey hi folks guys thanks please',
      'find found looking look get got show give recent recently latest new newest lately true false correct right case',
      'kind sort basically actually really exactly kinda like just also even still',
      'when where why how which what who whom whose whatever whichever several once one ones let lets have has had keep keeps part parts bit way ways thing things stuff',
      'use uses used using something anything someone get gets got getting put puts',
    ].join(' '),
  ),
);

/** Chat shorthand, written out before analysis so it meets the abstracts' words. */
const SHORTHAND: ReadonlyArray<[RegExp, string]> = [
  [/\bwhats\b/gi, 'what is'],
  [/\bwhos\b/gi, 'who is'],
  [/\bwat\b/gi, 'what'],
  [/\bhw\b/gi, 'how'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bpls\b/gi, 'please'],
  [/\bw\/o\b/gi, 'without'],
  [/\bw\/(?=\s|$)/gi, 'with'],
  [/(?<=\s)w(?=\s)/g, 'with'],
  [/\bimgs\b/gi, 'images'],
  [/\bimg\b/gi, 'image'],
  [/\bvids\b/gi, 'videos'],
  [/\bvid\b/gi, 'video'],
  [/\babt\b/gi, 'about'],
  [/\bparams\b/gi, 'parameters'],
  [/\bperf\b/gi, 'performance'],
  [/\bevals\b/gi, 'evaluations'],
  [/\beval\b/gi, 'evaluation'],
  [/\blang\b/gi, 'language'],
  [/\bppl\b/gi, 'people'],
  [/\b(?:smth|sth)\b/gi, 'something'],
  [/\b(?:b\/c|bc|cuz)\b/gi, 'because'],
  [/\btho\b/gi, 'though'],
  // Chat fillers say nothing about the paper asked for; in lower case only, so "LoL-NMPC" stays a name.
  [/\b(?:lol|lmao|tbh|imo|imho|btw|fwiw|idk|ngl)\b/g, ''],
];

function expandShorthand(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SHORTHAND) out = out.replace(pattern, replacement);
  return out;
}

const EXPANSION_Q = /\b(?:st\w{0,3}nds? for|short for|abbreviat\w*|acronym|expan(?:d|sion) of|expand|full (?:name|form)|mean(?:s|ing)? by)\b/i;
/** "what does LTE mean", "what is X short for": the word asked about. */
const WHAT_DOES_MEAN = /\bwhat (?:does|do|is|are) (?:the |an? )?([\p{L}\p{N}][\p{L}\p{N}.+-]*) (?:mean|refer to|short for)\b/iu;
/** "what's SLAG?", "in the CRA framework, what is ECI?": a one-word subject ending the question. */
const WHAT_IS_ONE_WORD = /(?:^|[,;:]\s*)(?:so\s+)?(?:what|who)\s*(?:'s|’s|s|is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?([\p{L}\p{N}][\p{L}\p{N}.+-]*)\s*\??\s*$/iu;
/** "what is MSR in MSR-Align?", "what's the TPGS part of SurgTPGS?": an abbreviation inside a name. */
const WHAT_IS_PART = /\bwhat(?:'s|’s| is| are| does)\s+(?:the\s+)?([\p{L}\p{N}][\p{L}\p{N}.+-]*)\s+(?:part\s+|bit\s+)?(?:in|of)\s+(?:the\s+)?[\p{L}\p{N}]/iu;
const LIST_Q =
  /\b(?:what(?:'s|’s| is| are)?|anything|any ?thing)\s+(?:new|recent|latest|happening)\s+(?:in|on|about|with|for|around)\b|\b(?:any|some|other|more|recent|latest|good|relevant|notable|what|which)\s+(?:papers|works|studies|articles|research|publications)\b|\bany (?:work|research) (?:on|about|in|into|regarding)\b|\bpapers\s+(?:on|about|that|which|studying|covering|for|in|dealing)\b|\b(?:list|show|find|give)(?: me)?(?: some| the| all)? papers\b|\blatest (?:on|in)\b|\brecent (?:work|progress|advances) (?:on|in)\b|\banything (?:on|about|regarding|related to)\b|\b(?:best|good|top|key|important|must-read|seminal|recommended)\s+(?:papers?|works?|reads?|reading)\s+(?:on|about|for|in|regarding)\b|\brecommend\w*\s+(?:(?:some|a few|any|me|a)\s+)*(?:papers?|reading|reads|works?)\b|\bwhat do (?:we|you) have (?:on|about)\b|\breading list\b|\bpapers\s+(?:from|of)\s+(?:this|last|the last|the past|past|today)\b/i;
const RECENT_Q = /\b(?:new|newest|recent|recently|latest|lately|today|(?:this|last|past) (?:year|month|week))\b/i;
/** When a list is asked for ("papers from this week on agents"), not what it is about. */
const WHEN_WORDS = new Set(analyze('today yesterday week weeks month months year years past last'));
/** "where's the code?", "is there a project page?", "github link for X?": the paper's links, from its record. */
const LINKS_Q =
  /^\s*(?:(?:where(?:'s|’s| is| are| can i find| do i find)?|is there|are there|any|got|do they have|did they (?:release|share|open[- ]source)|can (?:i|you) (?:get|find|share)|(?:share|send|give)(?: me)?|link(?:s)? (?:to|for)|what(?:'s|’s| is) the)\s+(?:an?\s+|the\s+|their\s+|its\s+|some\s+)?)?(?:(?:source\s+)?code|github(?: repo| link)?|repo(?:sitory)?|implementation|project (?:page|site|website)|website|homepage|pdf|paper link|arxiv link|links?|url)\b(?:\s+(?:link|page|url))?\s*(?:(?:for|of|to)\s+.+?)?\s*\??\s*$/i;
const LINK_WORDS = new Set(analyze('source code github repo repository implementation project page site website homepage pdf paper arxiv link links url release share open'));
/** "what is the AI Economist?": the subject a definition question asks about, a few words at most. */
const WHAT_IS_SUBJECT = /^\s*(?:so\s+)?(?:what|who)(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(?:the\s+|an?\s+)?((?:[\p{L}\p{N}][\p{L}\p{N}.+-]*\s*){1,5}?)\s*\??\s*$/iu;
const WHY_Q =
  /\bwhy\b|\bhow come\b|\bwhat(?:'s|’s| is| was| are)? (?:the )?(?:motivation|reason|rationale|point|purpose|benefit|advantage)s?\b|\bwhat (?:problem|issue|limitation|gap|shortcoming|weakness|challenge|bottleneck)s? (?:does|do|did|is|are|with)\b|\bwhat (?:does|do|did) .{1,60}? (?:fix|solve|address|overcome|tackle)\b/i;
/** A bare measure after a name ("DPLNet trainable params?", "smoothcache speedup?"): a value is asked for. */
const MEASURE_Q = /\b(?:speed-?ups?|latency|throughput|memory(?: footprint| usage| cost)?|param(?:eter)?s|compression(?: ratio)?|model size|size|cost|budget|runtime|inference time|accuracy|win rate|success rate|score)\s*\??\s*$/i;
const WHO_Q = /\bwho (?:wrote|writes|are the authors|authored|is the author|proposed|made|built|created|developed)\b|\bauthors? (?:of|behind)\b|\bwritten by\b/i;
const DATE_Q = /\bwhen (?:was|were|did|is|does)\b|\bwhat (?:year|date|month)\b|\bhow (?:old|recent) is\b/i;
const COUNT_Q = /\bhow many\b|\bnumber of\b|\bhow much (?:data|training data|text|images?|videos?|samples?|tokens?|examples?)\b|\bcount of\b/i;
const AMOUNT_Q = /\bhow (?:much|large|big|long|fast|small|deep|wide|tall|high|heavy|far|many times|expensive|costly|quickly|slow)\b|\bwhat (?:size|length|scale|speed|budget|cost|frame rate|resolution)\b|\bby how much\b/i;
const SCORE_Q =
  /\b(?:score[sd]?|accuracy|accuracies|f1|bleu|rouge|auc|precision|recall|success rate|win rate|pass@\d+|error rate|percentage|percent|fraction|how well|how accurate|top result|best result|sota|state of the art)\b/i;
const NAME_Q =
  /\bwhat(?:'s|’s| is| was)? (?:the )?name\b|\bwhat (?:is|was|are) (?:it|they|that|this) called\b|\bwhat (?:do|does|did) (?:they|the authors|you|we|it|people) call\b|\bcalled what\b|\b(?:which|what) (?:(?!papers?\b|works?\b|stud(?:y|ies)\b|articles?\b)[\p{L}\p{N}-]+ )?(?:method|model|models|approach|framework|system|benchmark|dataset|architecture|algorithm|technique|tool|agent|library|metric|loss|backbone|encoder|decoder|llm|language model|base model|policy|optimizer)s?\b/iu;
const PAPER_Q =
  /\b(?:which|what|any|a) (?:paper|work|study|article|preprint|publication)\b|\b(?:is|are) there (?:a|an|any|some)\b|\bpaper (?:that|which|where|about|on)\b/i;
const CLAIM_Q =
  /^\s*(?:is it (?:true|the case|correct|right) (?:that )?|(?:do|does|did|is|are|was|were|can|could|will|would|has|have|had|should)\s)/i;
const DEFINITION_Q = /^\s*(?:so\s+)?(?:what(?:'s|’s| is| are| was| were)|explain|define|describe|tell me about|how does .+ work|what does .+ do)\b/i;

/** Question words people often mistype ("wat", "stnd"); a typo of one of them is not a subject word. */
const QUESTION_WORDS = ['what', 'which', 'where', 'when', 'how', 'many', 'much', 'does', 'stand', 'stands', 'paper', 'papers', 'about', 'explain', 'describe', 'mean', 'means', 'anyone'];

function isMistypedQuestionWord(term: string): boolean {
  return QUESTION_WORDS.some((word) => Math.abs(word.length - term.length) <= 1 && withinOneEdit(term, word));
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

interface Meaning {
  terms: string[];
  unknownNameParts: Set<string>;
  names: Set<string>;
  properNames: Set<string>;
  writtenNames: string[];
}

/**
 * The question's terms. A known compound ("GPT-4" -> gpt4) stands for itself: its parts (gpt, 4)
 * would otherwise let any paper mentioning "phi-4" look like it covers the question.
 */
function meaningTerms(text: string, isKnownTerm: (term: string) => boolean): Meaning {
  const tokens = tokenize(text);
  const terms: string[] = [];
  const names = new Set<string>();
  const properNames = new Set<string>();
  const writtenNames: string[] = [];
  const unknownNameParts = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let end = i + 1;
    while (end < tokens.length && tokens[end]!.start === token.start) end++;
    const group = tokens.slice(i, end).map((t) => t.term);
    const kept = group.length > 1 && isKnownTerm(group[0]!) ? [group[0]!] : group;
    const word = text.slice(token.start, token.end);
    const framing = kept.every((t) => FRAMING.has(t)) && !looksLikeName(word);
    if (!framing) terms.push(...kept);
    if (/\p{L}/u.test(word) && looksLikeName(word)) {
      for (const t of kept) names.add(t);
      writtenNames.push(word);
      if (kept.length > 1) for (const t of kept.slice(1)) unknownNameParts.add(t);
    }
    if (names.has(kept[0]!) || (token.start > 0 && /^\p{Lu}/u.test(word))) for (const t of kept) properNames.add(t);
    i = end - 1;
  }
  const meaningful = terms.filter((t) => isKnownTerm(t) || names.has(t) || !isMistypedQuestionWord(t));
  return { terms: [...new Set(meaningful)], unknownNameParts, names, properNames, writtenNames };
}

const ASKED_STOP = /^(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|in|on|at|for|from|of|by|to|with|were|they|it|the|this|that|these|those|we|you|there|per|does|used|use|get|got)$/i;

/** "how many img-text pairs did they pretrain on" -> the analysed words of "image-text pairs"; "DPLNet trainable params?" -> trainable parameters. */
function askedThing(text: string): string[] {
  // "how much did it cost?", "how long does training take?": the verb says what is measured.
  const measured = /\bhow (?:much|long)\b.*?\b(cost|weigh|take|last)s?\b/i.exec(text)?.[1];
  if (measured) return analyze(measured === 'take' || measured === 'last' ? 'time' : measured);
  const match =
    /\b(?:how many|number of|count of|how much)\s+(.+)$/i.exec(text) ??
    /\bhow (?:long|big|large|fast|deep|wide|heavy|far|expensive|costly)\s+(?:is|are|was|were|does|do|did)\s+(?:the\s+|its\s+|their\s+|that\s+|this\s+)?(.+)$/i.exec(text);
  if (!match) {
    const measure = MEASURE_Q.exec(text);
    if (!measure) return [];
    // The word before the measure qualifies it ("trainable params"), unless it is the name asked about.
    const words = writtenWords(text.slice(0, measure.index));
    const before = words.length >= 2 && !looksLikeName(words.at(-1)!) ? [words.at(-1)!] : [];
    return analyze([...before, measure[0]].join(' ')).filter((t) => !FRAMING.has(t));
  }
  const words: string[] = [];
  for (const word of match[1]!.split(/\s+/)) {
    const clean = word.replace(/[^\p{L}\p{N}-]+/gu, '');
    if (!clean || ASKED_STOP.test(clean)) break;
    words.push(clean);
    if (words.length === 3) break;
  }
  return analyze(words.join(' '));
}

function answerType(text: string, meaning: Meaning, whatIs: string | undefined): { type: AnswerType; acronym?: string } {
  const meant = WHAT_DOES_MEAN.exec(text)?.[1] ?? WHAT_IS_PART.exec(text)?.[1];
  if (meant && looksLikeName(meant)) return { type: 'expansion', acronym: meant };
  if (EXPANSION_Q.test(text)) {
    const acronym = (whatIs && looksLikeName(whatIs) ? whatIs : undefined) ?? meaning.writtenNames[0];
    if (acronym) return { type: 'expansion', acronym };
  }
  if (whatIs && looksLikeName(whatIs)) return { type: 'definition', acronym: whatIs };
  if (WHO_Q.test(text)) return { type: 'who' };
  if (LINKS_Q.test(text)) return { type: 'links' };
  if (DATE_Q.test(text)) return { type: 'date' };
  if (LIST_Q.test(text)) return { type: 'list' };
  if (COUNT_Q.test(text)) return { type: 'count' };
  const measure = MEASURE_Q.exec(text)?.[0];
  if (measure && !/^\s*(?:what|which|how|why|who|when|where|is|are|does|do|did|can)\b/i.test(text)) return { type: /param|size/i.test(measure) ? 'count' : 'amount' };
  if (SCORE_Q.test(text) && /\b(?:what|which|how|did|does|score|reach|achiev|get|got)\b/i.test(text)) return { type: 'score' };
  if (NAME_Q.test(text)) return { type: 'name' };
  if (AMOUNT_Q.test(text)) return { type: 'amount' };
  if (PAPER_Q.test(text)) return { type: 'paper' };
  if (CLAIM_Q.test(text)) return { type: 'claim' };
  if (DEFINITION_Q.test(text)) return { type: 'definition' };
  return { type: 'general' };
}

/** "how big", "how long": the adjective only says that a quantity is asked for. */
const HOW_ADJECTIVE = /\bhow (much|many|large|big|long|fast|small|deep|wide|tall|high|heavy|far|expensive|costly|quick|quickly|slow|old|often|well|accurate|good)\b/gi;

export function parseQuestion(raw: string, isKnownTerm: (term: string) => boolean = () => true): Question {
  const text = expandShorthand(raw.trim());
  const frame = new Set([...text.matchAll(HOW_ADJECTIVE)].flatMap((m) => analyze(m[1]!)));
  const meaning = meaningTerms(text, isKnownTerm);
  meaning.terms = meaning.terms.filter((t) => !frame.has(t));
  const whatIs = WHAT_IS_ONE_WORD.exec(text)?.[1];
  const { type, acronym } = answerType(text, meaning, whatIs);
  const recent = type === 'list' && RECENT_Q.test(text);
  // "where's the code for NeoRL-2?": the paper is what the question is about, not code.
  if (type === 'links') meaning.terms = meaning.terms.filter((t) => !LINK_WORDS.has(t));
  if (type === 'list') {
    // "recommend some papers on", "best paper on", "good reads about" ask for a list, not about recommenders.
    const asking = new Set(analyze(LIST_Q.exec(text)?.[0] ?? ''));
    meaning.terms = meaning.terms.filter((t) => !asking.has(t) && !(recent && WHEN_WORDS.has(t)));
  }
  const question: Question = {
    raw: raw.trim(),
    text,
    type,
    terms: meaning.terms,
    unknownNameParts: meaning.unknownNameParts,
    names: meaning.names,
    properNames: meaning.properNames,
    nouns: new Set(nounWords(text).flatMap((w) => analyze(w))),
    writtenNames: meaning.writtenNames,
    asked: type === 'count' || type === 'amount' ? askedThing(text) : [],
    recent,
    why: WHY_Q.test(text),
  };
  const subject = type === 'definition' ? WHAT_IS_SUBJECT.exec(text)?.[1] : undefined;
  if (subject) question.subject = subject;
  if (acronym) {
    question.acronym = acronym;
    for (const t of termsOf(acronym)) if (!question.terms.includes(t)) question.terms.push(t);
  }
  return question;
}

/** The analysed terms of one written word (an acronym like "NeoRL-2" gives several). */
export function termsOf(word: string): string[] {
  return tokenize(word).map((t) => t.term);
}
