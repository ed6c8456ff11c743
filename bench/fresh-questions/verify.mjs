#!/usr/bin/env node
/**
 * Checks a question set against the shared corpus and exits non-zero, listing every bad entry, when:
 *   - a paper id does not exist, or a question's `draw` is not where draw.mjs puts that paper (with the set's seed);
 *   - a drawn paper before the last one used is neither used nor in `skipped` (no cherry-picking), or a
 *     paper an earlier set already asked about is used again;
 *   - an expected phrase is not in its paper (title/abstract; authors for `who`, published for `when`), or,
 *     where the set asks for it, is longer than its limit or holds LaTeX remains;
 *   - a yes/no question has no `answer` of "yes" or "no";
 *   - the `identify` terms do not single the paper out (all in it, not all together in any other record);
 *   - an out-of-scope question's `absent` terms occur together in some record (a fictional name anywhere,
 *     authors included); a near miss's `invented` name occurs anywhere, or its `near` real name is absent
 *     from the corpus or not one or two letters away from the invented one;
 *   - a list topic matches fewer than 5 papers, or its recorded `matching` count is stale;
 *   - splits do not alternate tuning/test within a style (within a kind for out-of-scope questions);
 *   - a style or kind has fewer questions than the set promises.
 * What a set promises is in SETS below, keyed by the seed the set file carries.
 * On success it prints the counts per style and split.
 *
 *   node bench/fresh-questions/verify.mjs [--set FILE]     (default questions.json; a bare FILE works too)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SET, loadCorpus, loadSet, drawOrder } from './draw.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIRST_STYLES = ['number', 'score', 'name', 'acronym', 'which', 'typo', 'paraphrase', 'casual', 'who', 'when'];

/**
 * The promises of each set, keyed by its seed. A set's rules never change once it is written, so a new
 * set with new styles or kinds gets a new entry rather than a loosened old one.
 */
const SETS = {
  20250917: {
    answeredStyles: FIRST_STYLES,
    minPerStyle: { number: 18, score: 18, name: 18, acronym: 18, which: 18, typo: 18, paraphrase: 18, casual: 18, who: 3, when: 3 },
    outOfScopeKinds: ['off-domain', 'fictional', 'no-fact'],
    minPerKind: {},
    minOutOfScope: 35,
    minList: 20,
  },
  20261207: {
    answeredStyles: [...FIRST_STYLES, 'dataset', 'yesno', 'why'],
    minPerStyle: {
      number: 12, score: 12, name: 12, dataset: 12, acronym: 12, which: 12, paraphrase: 12, casual: 12, typo: 12,
      yesno: 12, why: 12, who: 6, when: 6,
    },
    outOfScopeKinds: ['near-miss', 'everyday'],
    minPerKind: { 'near-miss': 30, everyday: 30 },
    minOutOfScope: 60,
    minList: 10,
    // Half of the near misses carry an invented name; several of those are a letter or two from a real one.
    minInvented: 15,
    minNearNames: 4,
    maxPhrase: 60,
    // Papers a developer may have read while tuning on the first set are not asked about again.
    avoidSets: ['questions.json'],
  },
};
const MIN_LIST_MATCHES = 5;
const LATEX_REMAINS = /[\\$^{}]/;

function setFileFrom(argv) {
  if (argv.length === 0) return DEFAULT_SET;
  if (argv.length === 1 && !argv[0].startsWith('--')) return argv[0];
  if (argv.length === 2 && argv[0] === '--set') return argv[1];
  throw new Error('usage: verify.mjs [--set FILE]');
}

/** Levenshtein distance, case-insensitive: how far an invented name is from the real one it imitates. */
function editDistance(a, b) {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[t.length];
}

let FILE;
let data;
try {
  FILE = setFileFrom(process.argv.slice(2));
  data = loadSet(FILE);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const rules = SETS[data.seed];
if (!rules) {
  console.error(`${FILE}: no rules for seed ${data.seed} in verify.mjs (known: ${Object.keys(SETS).join(', ')})`);
  process.exit(1);
}

const norm = (text) => text.toLowerCase().replace(/\s+/g, ' ').trim();

const corpus = loadCorpus();
const byId = new Map(corpus.map((paper) => [paper.id, paper]));
const content = new Map(corpus.map((paper) => [paper.id, norm(`${paper.title}\n${paper.abstract}`)]));
const everything = new Map(corpus.map((paper) => [paper.id, norm(`${paper.title}\n${paper.abstract}\n${paper.authors.join(', ')}`)]));
const drawn = drawOrder(corpus, data.seed);

const problems = [];
const fail = (index, q, message) => problems.push(`#${index} "${q?.question ?? ''}": ${message}`);
const holding = (texts, terms) => [...texts].filter(([, text]) => terms.every((term) => text.includes(norm(term)))).map(([id]) => id);

if (data.drawnFrom !== '../shared/corpus/papers.jsonl') problems.push(`drawnFrom should be ../shared/corpus/papers.jsonl, is ${data.drawnFrom}`);
if (!Array.isArray(data.skipped) || !Array.isArray(data.questions)) {
  console.error(`${FILE}: skipped and questions must be arrays`);
  process.exit(1);
}

const earlier = new Map();
const earlierTexts = new Set();
for (const name of rules.avoidSets ?? []) {
  for (const q of loadSet(path.join(HERE, name)).questions) {
    if (q.paper) earlier.set(q.paper, name);
    earlierTexts.add(norm(q.question));
  }
}

const drawIndex = new Map(drawn.map((paper, i) => [paper.id, i + 1]));
const used = new Set();
for (const skip of data.skipped) {
  if (!byId.has(skip.id)) problems.push(`skipped ${skip.id}: no such paper`);
  if (!skip.reason) problems.push(`skipped ${skip.id}: give a reason`);
  if (skip.draw !== undefined && drawIndex.get(skip.id) !== skip.draw) {
    problems.push(`skipped ${skip.id}: draw ${skip.draw}, but draw.mjs draws it at ${drawIndex.get(skip.id)}`);
  }
  used.add(skip.id);
}

const splitSeen = new Map();
const questionTexts = new Set();
let invented = 0;
let nearNames = 0;
data.questions.forEach((q, i) => {
  const index = i + 1;
  if (typeof q.question !== 'string' || q.question.trim() === '') return fail(index, q, 'empty question');
  if (questionTexts.has(norm(q.question))) fail(index, q, 'asked twice');
  if (earlierTexts.has(norm(q.question))) fail(index, q, `already asked in ${rules.avoidSets.join(', ')}`);
  questionTexts.add(norm(q.question));

  const group = q.style === 'out-of-scope' ? `out-of-scope/${q.kind}` : q.style;
  const nth = (splitSeen.get(group) ?? 0) + 1;
  splitSeen.set(group, nth);
  const expectedSplit = nth % 2 === 1 ? 'tuning' : 'test';
  if (q.split !== expectedSplit) fail(index, q, `split should be ${expectedSplit} (question ${nth} of ${group})`);

  if (rules.answeredStyles.includes(q.style)) {
    const paper = byId.get(q.paper);
    if (!paper) return fail(index, q, `no paper ${q.paper} in the corpus`);
    if (used.has(q.paper)) fail(index, q, `${q.paper} is used twice`);
    if (earlier.has(q.paper)) fail(index, q, `${q.paper} is already asked about in ${earlier.get(q.paper)}: skip it`);
    used.add(q.paper);
    if (drawIndex.get(q.paper) !== q.draw) fail(index, q, `draw ${q.draw}, but draw.mjs draws ${q.paper} at ${drawIndex.get(q.paper)}`);
    if (typeof q.phrase !== 'string' || q.phrase.trim() === '') return fail(index, q, 'no expected phrase');
    if (rules.maxPhrase !== undefined) {
      if (q.phrase.length > rules.maxPhrase) fail(index, q, `phrase is ${q.phrase.length} characters, more than ${rules.maxPhrase}`);
      if (LATEX_REMAINS.test(q.phrase)) fail(index, q, `phrase "${q.phrase}" holds LaTeX remains`);
    }
    if (q.style === 'yesno' && q.answer !== 'yes' && q.answer !== 'no') fail(index, q, 'a yes/no question needs answer "yes" or "no"');
    const where =
      q.style === 'who' ? norm(paper.authors.join(', ')) : q.style === 'when' ? paper.published : content.get(paper.id);
    if (!where.includes(norm(q.phrase))) {
      fail(index, q, `phrase "${q.phrase}" is not in ${q.style === 'who' ? 'the authors' : q.style === 'when' ? 'the published date' : 'the title or abstract'} of ${q.paper}`);
    }
    if (q.identify !== undefined) {
      const ids = holding(content, q.identify);
      if (!ids.includes(q.paper)) fail(index, q, `identify terms ${JSON.stringify(q.identify)} are not all in ${q.paper}`);
      const others = ids.filter((id) => id !== q.paper);
      if (others.length > 0) fail(index, q, `identify terms ${JSON.stringify(q.identify)} also fit ${others.slice(0, 5).join(', ')}`);
    }
  } else if (q.style === 'out-of-scope') {
    if (q.paper !== null) fail(index, q, 'an out-of-scope question has paper: null');
    if (!rules.outOfScopeKinds.includes(q.kind)) fail(index, q, `kind must be one of ${rules.outOfScopeKinds.join(', ')}`);
    if (!Array.isArray(q.absent) || q.absent.length === 0) return fail(index, q, 'list the key terms no paper holds in `absent`');
    // A fictional name must not occur anywhere, authors included; other kinds check what papers say.
    const ids = holding(q.kind === 'fictional' ? everything : content, q.absent);
    if (ids.length > 0) fail(index, q, `${JSON.stringify(q.absent)} occur together in ${ids.slice(0, 5).join(', ')}`);
    if (q.invented !== undefined) {
      if (q.kind !== 'near-miss') fail(index, q, 'only a near miss carries an invented name');
      if (typeof q.invented !== 'string' || q.invented.trim() === '') return fail(index, q, 'invented must be a name');
      invented++;
      if (!norm(q.question).includes(norm(q.invented))) fail(index, q, `the question does not ask about ${q.invented}`);
      const holders = holding(everything, [q.invented]);
      if (holders.length > 0) fail(index, q, `invented name "${q.invented}" occurs in ${holders.slice(0, 5).join(', ')}`);
    }
    if (q.near !== undefined) {
      if (q.invented === undefined) return fail(index, q, 'near names the real name an invented one imitates: give invented too');
      nearNames++;
      if (holding(everything, [q.near]).length === 0) fail(index, q, `near name "${q.near}" is not in the corpus`);
      const distance = editDistance(q.invented, q.near);
      if (distance < 1 || distance > 2) fail(index, q, `"${q.invented}" is ${distance} letters from "${q.near}", not 1-2`);
    }
  } else if (q.style === 'list') {
    if (q.paper !== null) fail(index, q, 'a list question has paper: null');
    const topic = q.topic;
    if (!Array.isArray(topic) || topic.length < 1 || topic.length > 4) return fail(index, q, 'topic must hold 1-4 phrases');
    if (topic.some((t) => t !== t.toLowerCase())) fail(index, q, 'topic phrases are lowercase');
    const matching = [...content.values()].filter((text) => topic.some((t) => text.includes(norm(t)))).length;
    if (matching < MIN_LIST_MATCHES) fail(index, q, `topic matches ${matching} papers, fewer than ${MIN_LIST_MATCHES}`);
    if (q.matching !== matching) fail(index, q, `matching says ${q.matching}, the corpus has ${matching}`);
  } else {
    fail(index, q, `unknown style "${q.style}"`);
  }
});

const lastDraw = Math.max(0, ...data.questions.filter((q) => rules.answeredStyles.includes(q.style)).map((q) => q.draw));
for (let k = 0; k < lastDraw; k++) {
  if (!used.has(drawn[k].id)) problems.push(`draw ${k + 1} (${drawn[k].id}) is neither used nor skipped: papers are taken in drawn order`);
}

const counts = {};
for (const q of data.questions) {
  const key = q.style === 'out-of-scope' ? `out-of-scope/${q.kind}` : q.style;
  counts[key] ??= { tuning: 0, test: 0 };
  if (q.split === 'tuning' || q.split === 'test') counts[key][q.split]++;
}
const total = (key) => (counts[key] ? counts[key].tuning + counts[key].test : 0);
for (const [style, min] of Object.entries(rules.minPerStyle)) {
  if (total(style) < min) problems.push(`style ${style}: ${total(style)} questions, fewer than ${min}`);
}
for (const [kind, min] of Object.entries(rules.minPerKind)) {
  if (total(`out-of-scope/${kind}`) < min) problems.push(`out-of-scope ${kind}: ${total(`out-of-scope/${kind}`)} questions, fewer than ${min}`);
}
const outOfScope = rules.outOfScopeKinds.reduce((sum, kind) => sum + total(`out-of-scope/${kind}`), 0);
if (outOfScope < rules.minOutOfScope) problems.push(`${outOfScope} out-of-scope questions, fewer than ${rules.minOutOfScope}`);
if (total('list') < rules.minList) problems.push(`${total('list')} list questions, fewer than ${rules.minList}`);
if (invented < (rules.minInvented ?? 0)) problems.push(`${invented} near misses carry an invented name, fewer than ${rules.minInvented}`);
if (nearNames < (rules.minNearNames ?? 0)) problems.push(`${nearNames} invented names imitate a real one, fewer than ${rules.minNearNames}`);

if (problems.length > 0) {
  console.error(`${FILE}: ${problems.length} problem(s)`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}

const rows = Object.entries(counts).map(([key, c]) => `  ${key.padEnd(24)} ${String(c.tuning).padStart(6)} ${String(c.test).padStart(6)} ${String(c.tuning + c.test).padStart(6)}`);
const sum = (split) => Object.values(counts).reduce((n, c) => n + c[split], 0);
console.log(`${path.basename(FILE)}: ${data.questions.length} questions check out (seed ${data.seed}, papers drawn 1-${lastDraw}, ${data.skipped.length} skipped)`);
console.log(`  ${'style'.padEnd(24)} ${'tuning'.padStart(6)} ${'test'.padStart(6)} ${'all'.padStart(6)}`);
console.log(rows.join('\n'));
console.log(`  ${'total'.padEnd(24)} ${String(sum('tuning')).padStart(6)} ${String(sum('test')).padStart(6)} ${String(data.questions.length).padStart(6)}`);
