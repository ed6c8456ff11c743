/**
 * Draws the evidence for the checker's labelled set from the shared corpus, once: papers picked at
 * random with a fixed seed, and from each one passage (a sentence with its neighbours) as `ask`
 * would hand it to a model. Pairs of papers form a group, so a sentence can borrow a name or a
 * number from the other paper's passage. Writes bench/data/checker-groups.json: 90 groups drawn with
 * one seed (the first 60 were drawn first; drawing 90 added 30 and left those unchanged), then the
 * held-out groups with a second seed from the papers not drawn yet, so adding them changes none of
 * the first 90. The labelled sentences are written against it (bench/data/checker-hand.jsonl) and,
 * for the first 90, also generated from it (bench/checker-set.ts).
 * Run: `npm run build && node dist/bench/checker-draw.js`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { splitSentences } from '../src/text/sentences.js';
import { seededRandom } from './stats.js';

export interface DrawnPassage {
  n: number;
  paperId: string;
  title: string;
  text: string;
}

export interface CheckerGroup {
  id: string;
  /**
   * tuning: the checker was fitted here. test: held out from the first version, then read (its misses
   * are reported in docs/benchmark.md). fresh: drawn and labelled after that, before the last changes, and
   * measured once, then tuned on. heldout: drawn with a second seed and written entirely by hand
   * before the checker's next round of changes; its verdicts were read only after that round.
   */
  split: 'tuning' | 'test' | 'fresh' | 'heldout';
  passages: DrawnPassage[];
}

export const GROUPS_FILE = path.join(PROJECT_ROOT, 'bench', 'data', 'checker-groups.json');
const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');
const BATCHES = [
  {
    seed: 20_260_412,
    splits: [
      { below: 30, split: 'tuning' },
      { below: 60, split: 'test' },
      { below: 90, split: 'fresh' },
    ],
  },
  { seed: 20_261_127, splits: [{ below: 126, split: 'heldout' }] },
] as const;

interface Record {
  id: string;
  title: string;
  abstract: string;
}

function passageOf(paper: Record, random: () => number, wantNumber: boolean): string | undefined {
  const sentences = splitSentences(paper.abstract).map((s) => s.text);
  const usable = sentences.map((s, i) => ({ s, i })).filter(({ s }) => s.length >= 60 && s.length <= 320 && !/https?:\/\//.test(s));
  const withNumber = usable.filter(({ s }) => /\d/.test(s));
  const pool = wantNumber && withNumber.length > 0 ? withNumber : usable;
  if (pool.length === 0) return undefined;
  const { i } = pool[Math.floor(random() * pool.length)]!;
  return sentences.slice(Math.max(0, i - 1), i + 2).join(' ');
}

function main(): void {
  const papers = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record);
  const used = new Set<number>();
  const groups: CheckerGroup[] = [];
  for (const batch of BATCHES) {
    const random = seededRandom(batch.seed);
    const pick = (): Record => {
      for (;;) {
        const at = Math.floor(random() * papers.length);
        if (!used.has(at)) {
          used.add(at);
          return papers[at]!;
        }
      }
    };
    const last = batch.splits.at(-1)!.below;
    while (groups.length < last) {
      const index = groups.length;
      const [a, b] = [pick(), pick()];
      // Every other group's main passage holds a number, so number swaps have something to swap.
      const first = passageOf(a, random, index % 2 === 0);
      const second = passageOf(b, random, false);
      if (!first || !second) continue;
      groups.push({
        id: `g${String(index + 1).padStart(2, '0')}`,
        split: batch.splits.find((s) => index < s.below)!.split,
        passages: [
          { n: 1, paperId: a.id, title: a.title, text: first },
          { n: 2, paperId: b.id, title: b.title, text: second },
        ],
      });
    }
  }
  writeFileSync(GROUPS_FILE, `${JSON.stringify(groups, null, 1)}\n`);
  process.stderr.write(`wrote ${groups.length} groups to ${path.relative(PROJECT_ROOT, GROUPS_FILE)}\n`);
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) main();
