/**
 * The model-answer checker measured on its own: on the labelled set (bench/checker-set.ts), how many
 * unfaithful sentences it drops and how many faithful ones it keeps, on each split (tuning, test,
 * fresh, heldout: see bench/checker-draw.ts), by origin (hand-written, generated) and by kind of
 * change. The held-out split is the honest figure: it stays out of the by-origin and by-kind rows,
 * which describe the splits the checker was fitted on, and has its own. Part of `npm run bench`;
 * alone: `npm run bench:checker` (add --json for one JSON object, --misses to list every error,
 * --blind to leave the held-out split out entirely while tuning the checker, so its verdicts stay unread).
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

type ByChange = Record<string, { sentences: number; correct: number }>;

export interface CheckerBench {
  tuning: Rates;
  test: Rates;
  fresh: Rates;
  /** Absent when measured blind. */
  heldout?: Rates;
  /** Tuning, test and fresh together. */
  byOrigin: Record<string, Rates>;
  /** Tuning, test and fresh together. */
  byChange: ByChange;
  heldoutByChange?: ByChange;
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

const correct = (j: Judged) => j.kept === (j.item.label === 'faithful');

function byChange(judged: readonly Judged[]): ByChange {
  const rows: ByChange = {};
  for (const j of judged) {
    const row = (rows[`${j.item.label} ${j.item.change}`] ??= { sentences: 0, correct: 0 });
    row.sentences++;
    if (correct(j)) row.correct++;
  }
  return rows;
}

export function measureChecker(options: { blind?: boolean } = {}): CheckerBench {
  const groups = loadGroups();
  const evidence = new Map(groups.map((g) => [g.id, groupEvidence(g)]));
  const judged: Judged[] = loadLabelledSet(groups)
    .filter((item) => !(options.blind && item.split === 'heldout'))
    .map((item) => {
      const verdict = checkSentence({ text: item.sentence, passages: item.cites }, evidence.get(item.group)!);
      return { item, kept: verdict.kept, reasons: verdict.reasons };
    });
  const split = (name: LabelledSentence['split']) => judged.filter((j) => j.item.split === name);
  const fitted = judged.filter((j) => j.item.split !== 'heldout');
  return {
    tuning: rates(split('tuning')),
    test: rates(split('test')),
    fresh: rates(split('fresh')),
    ...(options.blind ? {} : { heldout: rates(split('heldout')), heldoutByChange: byChange(split('heldout')) }),
    byOrigin: {
      hand: rates(fitted.filter((j) => j.item.origin === 'hand')),
      generated: rates(fitted.filter((j) => j.item.origin === 'generated')),
    },
    byChange: byChange(fitted),
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
    ...(bench.heldout ? [['LLM checker, held-out split (never tuned on)', line(bench.heldout)] as [string, string]] : []),
    ['LLM checker, tuning split', line(bench.tuning)],
    ['LLM checker, test split', line(bench.test)],
    ['LLM checker, fresh split', line(bench.fresh)],
    ['LLM checker, hand-written (tuning, test, fresh)', line(bench.byOrigin.hand!)],
    ['LLM checker, generated (tuning, test, fresh)', line(bench.byOrigin.generated!)],
  ];
}

function changeRows(title: string, rows: ByChange): Array<[string, string]> {
  return [
    [title, ''],
    ...Object.entries(rows)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([change, r]): [string, string] => [`  ${change}`, `${r.correct}/${r.sentences} right`]),
  ];
}

function main(argv: string[]): void {
  const bench = measureChecker({ blind: argv.includes('--blind') });
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(bench)}\n`);
    return;
  }
  const rows: Array<[string, string]> = [
    ...checkerRows(bench),
    ...(bench.heldoutByChange ? changeRows('by kind, held-out split', bench.heldoutByChange) : []),
    ...changeRows('by kind, tuning + test + fresh', bench.byChange),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  if (argv.includes('--misses')) {
    for (const m of bench.misses) process.stdout.write(`  miss ${m.id} [${m.split}] ${m.label} ${m.change}: ${m.sentence} (${m.reasons.join(', ') || 'kept'})\n`);
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) main(process.argv.slice(2));
