#!/usr/bin/env node
/**
 * Checks questions.json against the shared corpus and exits non-zero, listing every bad entry, when:
 *   - a paper id does not exist, or a question's `draw` is not where draw.mjs puts that paper;
 *   - a drawn paper before the last one used is neither used nor in `skipped` (no cherry-picking);
 *   - an expected phrase is not in its paper (title/abstract; authors for `who`, published for `when`);
 *   - the `identify` terms do not single the paper out (all in it, not all together in any other record);
 *   - an out-of-scope question's `absent` terms occur together in some record (a fictional name anywhere,
 *     authors included);
 *   - a list topic matches fewer than 5 papers, or its recorded `matching` count is stale;
 *   - splits do not alternate tuning/test within a style (within a kind for out-of-scope questions);
 *   - a style has fewer questions than the set promises.
 * On success it prints the counts per style and split.
 *
 *   node bench/fresh-questions/verify.mjs [questions.json]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED, loadCorpus, drawOrder } from './draw.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FILE = process.argv[2] ?? path.join(HERE, 'questions.json');

const ANSWERED_STYLES = ['number', 'score', 'name', 'acronym', 'which', 'typo', 'paraphrase', 'casual', 'who', 'when'];
const MIN_PER_STYLE = { number: 18, score: 18, name: 18, acronym: 18, which: 18, typo: 18, paraphrase: 18, casual: 18, who: 3, when: 3 };
const OUT_OF_SCOPE_KINDS = ['off-domain', 'fictional', 'no-fact'];
const MIN_OUT_OF_SCOPE = 35;
const MIN_LIST = 20;
const MIN_LIST_MATCHES = 5;

const norm = (text) => text.toLowerCase().replace(/\s+/g, ' ').trim();

const data = JSON.parse(readFileSync(FILE, 'utf8'));
const corpus = loadCorpus();
const byId = new Map(corpus.map((paper) => [paper.id, paper]));
const content = new Map(corpus.map((paper) => [paper.id, norm(`${paper.title}\n${paper.abstract}`)]));
const everything = new Map(corpus.map((paper) => [paper.id, norm(`${paper.title}\n${paper.abstract}\n${paper.authors.join(', ')}`)]));
const drawn = drawOrder(corpus, data.seed);

const problems = [];
const fail = (index, q, message) => problems.push(`#${index} "${q?.question ?? ''}": ${message}`);
const holding = (texts, terms) => [...texts].filter(([, text]) => terms.every((term) => text.includes(norm(term)))).map(([id]) => id);

if (data.seed !== SEED) problems.push(`seed ${data.seed} differs from draw.mjs's SEED ${SEED}`);
if (data.drawnFrom !== '../shared/corpus/papers.jsonl') problems.push(`drawnFrom should be ../shared/corpus/papers.jsonl, is ${data.drawnFrom}`);
if (!Array.isArray(data.skipped) || !Array.isArray(data.questions)) problems.push('skipped and questions must be arrays');

const drawIndex = new Map(drawn.map((paper, i) => [paper.id, i + 1]));
const used = new Set();
for (const skip of data.skipped ?? []) {
  if (!byId.has(skip.id)) problems.push(`skipped ${skip.id}: no such paper`);
  if (!skip.reason) problems.push(`skipped ${skip.id}: give a reason`);
  used.add(skip.id);
}

const splitSeen = new Map();
const questionTexts = new Set();
data.questions.forEach((q, i) => {
  const index = i + 1;
  if (typeof q.question !== 'string' || q.question.trim() === '') return fail(index, q, 'empty question');
  if (questionTexts.has(norm(q.question))) fail(index, q, 'asked twice');
  questionTexts.add(norm(q.question));

  const group = q.style === 'out-of-scope' ? `out-of-scope/${q.kind}` : q.style;
  const nth = (splitSeen.get(group) ?? 0) + 1;
  splitSeen.set(group, nth);
  const expectedSplit = nth % 2 === 1 ? 'tuning' : 'test';
  if (q.split !== expectedSplit) fail(index, q, `split should be ${expectedSplit} (question ${nth} of ${group})`);

  if (ANSWERED_STYLES.includes(q.style)) {
    const paper = byId.get(q.paper);
    if (!paper) return fail(index, q, `no paper ${q.paper} in the corpus`);
    if (used.has(q.paper)) fail(index, q, `${q.paper} is used twice`);
    used.add(q.paper);
    if (drawIndex.get(q.paper) !== q.draw) fail(index, q, `draw ${q.draw}, but draw.mjs draws ${q.paper} at ${drawIndex.get(q.paper)}`);
    if (typeof q.phrase !== 'string' || q.phrase.trim() === '') return fail(index, q, 'no expected phrase');
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
    if (!OUT_OF_SCOPE_KINDS.includes(q.kind)) fail(index, q, `kind must be one of ${OUT_OF_SCOPE_KINDS.join(', ')}`);
    if (!Array.isArray(q.absent) || q.absent.length === 0) return fail(index, q, 'list the key terms no paper holds in `absent`');
    // A fictional name must not occur anywhere, authors included; other kinds check what papers say.
    const ids = holding(q.kind === 'fictional' ? everything : content, q.absent);
    if (ids.length > 0) fail(index, q, `${JSON.stringify(q.absent)} occur together in ${ids.slice(0, 5).join(', ')}`);
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

const lastDraw = Math.max(0, ...data.questions.filter((q) => ANSWERED_STYLES.includes(q.style)).map((q) => q.draw));
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
for (const [style, min] of Object.entries(MIN_PER_STYLE)) {
  if (total(style) < min) problems.push(`style ${style}: ${total(style)} questions, fewer than ${min}`);
}
const outOfScope = OUT_OF_SCOPE_KINDS.reduce((sum, kind) => sum + total(`out-of-scope/${kind}`), 0);
if (outOfScope < MIN_OUT_OF_SCOPE) problems.push(`${outOfScope} out-of-scope questions, fewer than ${MIN_OUT_OF_SCOPE}`);
if (total('list') < MIN_LIST) problems.push(`${total('list')} list questions, fewer than ${MIN_LIST}`);

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
