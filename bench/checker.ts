/**
 * The model-answer checker measured on its own: on the labelled set (bench/checker-set.ts), how many
 * unfaithful sentences it drops and how many faithful ones it keeps, on each split (tuning, test,
 * fresh: see bench/checker-draw.ts), by origin (hand-written, generated) and by kind of change. Part of `npm run bench`;
 * alone: `npm run bench:checker` (add --json for one JSON object, --misses to list every error).
 */
import path from 'node:path';
import { checkSentence, type DropReason } from '../src/llm/checker.js';
import { groupEvidence, loadGroups, loadLabelledSet, type LabelledSentence } from './checker-set.js';
import { round } from './stats.js';

export interface Rates {
  sentences: number;
  faithful: number;
  unfaithful: number;
  /** Share of unfaithful sentences dropped (target >= 0.95). */
  unfaithfulDropped: number;
  /** Share of faithful sentences kept (target >= 0.90). */
  faithfulKept: number;
  /** Of the dropped sentences, the share that were unfaithful. */
  dropPrecision: number;
}

export interface CheckerMiss {
  id: string;
  split: string;
  label: string;
  change: string;
  sentence: string;
  reasons: DropReason[];
}

export interface CheckerBench {
  tuning: Rates;
  test: Rates;
  fresh: Rates;
  byOrigin: Record<string, Rates>;
  byChange: Record<string, { sentences: number; correct: number }>;
  misses: CheckerMiss[];
}

interface Judged {
  item: LabelledSentence;
  kept: boolean;
  reasons: DropReason[];
}

function rates(judged: readonly Judged[]): Rates {
  const faithful = judged.filter((j) => j.item.label === 'faithful');
  const unfaithful = judged.filter((j) => j.item.label === 'unfaithful');
  const dropped = judged.filter((j) => !j.kept);
  return {
    sentences: judged.length,
    faithful: faithful.length,
    unfaithful: unfaithful.length,
    unfaithfulDropped: round(unfaithful.filter((j) => !j.kept).length / Math.max(1, unfaithful.length), 3),
    faithfulKept: round(faithful.filter((j) => j.kept).length / Math.max(1, faithful.length), 3),
    dropPrecision: round(dropped.filter((j) => j.item.label === 'unfaithful').length / Math.max(1, dropped.length), 3),
  };
}

export function measureChecker(): CheckerBench {
  const groups = loadGroups();
  const evidence = new Map(groups.map((g) => [g.id, groupEvidence(g)]));
  const judged: Judged[] = loadLabelledSet(groups).map((item) => {
    const verdict = checkSentence({ text: item.sentence, passages: item.cites }, evidence.get(item.group)!);
    return { item, kept: verdict.kept, reasons: verdict.reasons };
  });
  const correct = (j: Judged) => j.kept === (j.item.label === 'faithful');
  const byChange: CheckerBench['byChange'] = {};
  for (const j of judged) {
    const key = `${j.item.label} ${j.item.change}`;
    const row = (byChange[key] ??= { sentences: 0, correct: 0 });
    row.sentences++;
    if (correct(j)) row.correct++;
  }
  return {
    tuning: rates(judged.filter((j) => j.item.split === 'tuning')),
    test: rates(judged.filter((j) => j.item.split === 'test')),
    fresh: rates(judged.filter((j) => j.item.split === 'fresh')),
    byOrigin: {
      hand: rates(judged.filter((j) => j.item.origin === 'hand')),
      generated: rates(judged.filter((j) => j.item.origin === 'generated')),
    },
    byChange,
    misses: judged
      .filter((j) => !correct(j))
      .map((j) => ({ id: j.item.id, split: j.item.split, label: j.item.label, change: j.item.change, sentence: j.item.sentence, reasons: j.reasons })),
  };
}

const pct = (x: number) => `${round(x * 100, 1)}%`;

/** Rows for the benchmark table. */
export function checkerRows(bench: CheckerBench): Array<[string, string]> {
  const line = (r: Rates) =>
    `${pct(r.unfaithfulDropped)} of ${r.unfaithful} unfaithful dropped / ${pct(r.faithfulKept)} of ${r.faithful} faithful kept (drop precision ${pct(r.dropPrecision)})`;
  return [
    ['LLM checker, tuning split', line(bench.tuning)],
    ['LLM checker, test split', line(bench.test)],
    ['LLM checker, fresh split', line(bench.fresh)],
    ['LLM checker, hand-written (all splits)', line(bench.byOrigin.hand!)],
    ['LLM checker, generated (all splits)', line(bench.byOrigin.generated!)],
  ];
}

function main(argv: string[]): void {
  const bench = measureChecker();
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(bench)}\n`);
    return;
  }
  const rows: Array<[string, string]> = [
    ...checkerRows(bench),
    ...Object.entries(bench.byChange)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([change, r]): [string, string] => [`  ${change}`, `${r.correct}/${r.sentences} right`]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  if (argv.includes('--misses')) {
    for (const m of bench.misses) process.stdout.write(`  miss ${m.id} [${m.split}] ${m.label} ${m.change}: ${m.sentence} (${m.reasons.join(', ') || 'kept'})\n`);
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) main(process.argv.slice(2));
