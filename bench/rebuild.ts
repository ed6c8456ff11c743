/**
 * Rebuilding while serving: a corpus file changes, the index is rebuilt in a worker thread and swapped
 * in, and meanwhile slash commands keep arriving through real discord.js and mentions through real
 * Bolt (local fakes). Measured: how long the rebuild takes, how fast each interaction is acknowledged
 * (Discord invalidates it after 3 s), whether gateway heartbeats keep flowing, how long the event loop
 * is ever held up, and that answers during the rebuild come from the index that was serving.
 *
 * `node dist/bench/rebuild.js [--corpus PATH]... [--json]` runs it alone (default: the shared 33k corpus).
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CORPUS, PROJECT_ROOT } from '../src/config.js';
import { Library, type OpenReport } from '../src/library.js';
import { DELTA_LIMIT } from '../src/reload/delta.js';
import { logProgress } from '../src/progress.js';
import { startHarness, type Harness } from '../test/discord/harness.js';
import { eventEnvelope, mentionEvent, sendEvent } from '../test/fakes/slack.js';
import { memoryLogger, startSlackUnderTest, type SlackUnderTest } from '../test/slack/harness.js';
import { percentile, round } from './stats.js';

export interface Interaction {
  sentAt: number;
  /** The deferral reached Discord (performance.now()). */
  ackAt: number;
  answeredAt: number;
  /** A search for the paper the rebuild adds: did the answer have it? */
  probe: boolean;
  foundProbe: boolean;
}

export interface RebuildRun {
  report: OpenReport;
  startedAt: number;
  endedAt: number;
  interactions: Interaction[];
  /** How long each signed Slack mention took to be acknowledged (HTTP 200). */
  slackAckMs: number[];
  /** Gateway heartbeats that reached Discord while the rebuild ran. */
  heartbeats: number[];
  reconnects: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  peakRssMb: number;
}

export interface LoadOptions {
  library: Library;
  discord: Harness;
  slack: SlackUnderTest;
  /** A paper id `show` answers cheaply, asked most of the time. */
  showId: string;
  /** The title of the paper `change()` adds to the corpus, searched every fifth interaction. */
  probeTitle: string;
  change: () => void;
  /** Between two slash commands; a mention goes with every fifth. */
  intervalMs?: number;
}

/** Waits for an interaction's deferral and answer; NaN times when it never came (it was lost). */
async function track(h: Harness, subcommand: string, options: Record<string, string>, probe: string | undefined): Promise<Interaction> {
  const sent = h.fake.sendCommand(subcommand, options);
  const lost = { sentAt: sent.at, ackAt: Number.NaN, answeredAt: Number.NaN, probe: probe !== undefined, foundProbe: false };
  const arrived = await h.fake.waitForCallback(sent.id, [5], 30_000).then(
    () => true,
    () => false,
  );
  if (!arrived) return lost;
  const ack = h.fake.requests.find((r) => r.path === `/interactions/${sent.id}/${sent.token}/callback`);
  const edit = await h.fake.waitForEdit(sent.token, 30_000).catch(() => undefined);
  if (!edit) return { ...lost, ackAt: ack?.at ?? Number.NaN };
  // The results, not the echo of the query in the embed's title.
  const results = (edit.body as { embeds?: Array<{ description?: string }> }).embeds?.[0]?.description ?? '';
  return { sentAt: sent.at, ackAt: ack?.at ?? Number.NaN, answeredAt: edit.at, probe: probe !== undefined, foundProbe: probe !== undefined && results.includes(probe) };
}

/** Milliseconds until Bolt acknowledged a signed mention; NaN when the request failed. */
async function slackAck(slack: SlackUnderTest, text: string): Promise<number> {
  const started = performance.now();
  try {
    const response = await sendEvent(slack.url, eventEnvelope(mentionEvent(text)));
    return response.status === 200 ? performance.now() - started : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Changes the corpus, rebuilds, and keeps both chat platforms busy until the new index serves. */
export async function rebuildUnderLoad(options: LoadOptions): Promise<RebuildRun> {
  const { library, discord, slack, showId, probeTitle } = options;
  const interval = options.intervalMs ?? 200;
  const connections = discord.fake.connectQueries.length;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const asked: Array<Promise<Interaction>> = [];
  const mentions: Array<Promise<number>> = [];

  options.change();
  loop.enable();
  const startedAt = performance.now();
  let endedAt = Number.NaN;
  const reload = library.reload().finally(() => (endedAt = performance.now()));
  try {
    for (let i = 0; Number.isNaN(endedAt); i++) {
      const probe = i % 5 === 4;
      asked.push(probe ? track(discord, 'search', { query: probeTitle }, probeTitle) : track(discord, 'show', { paper: showId }, undefined));
      if (i % 5 === 0) mentions.push(slackAck(slack, `show ${showId}`));
      await sleep(interval);
    }
    const report = await reload;
    loop.disable();
    const [interactions, slackAckMs] = await Promise.all([Promise.all(asked), Promise.all(mentions)]);
    return {
      report,
      startedAt,
      endedAt,
      interactions,
      slackAckMs,
      heartbeats: discord.fake.heartbeats.filter((at) => at >= startedAt && at <= endedAt),
      reconnects: discord.fake.connectQueries.length - connections,
      eventLoopP99Ms: loop.percentile(99) / 1e6,
      eventLoopMaxMs: loop.max / 1e6,
      peakRssMb: peakRss / 2 ** 20,
    };
  } finally {
    clearInterval(rss);
    loop.disable();
  }
}

export interface RebuildFigures {
  papers: number;
  rebuildMs: number;
  interactions: number;
  /** Interactions never acknowledged (dispatched while the gateway was reconnecting). */
  lost: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  answerP99Ms: number;
  slackAckP99Ms: number;
  /** Mentions that got no 200 at all. */
  slackFailures: number;
  heartbeats: number;
  heartbeatMaxGapMs: number;
  reconnects: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  peakRssMb: number;
  /** Probe searches answered before the swap that already had the new paper (should be 0). */
  earlyProbeHits: number;
  /** A search right after the swap finds the new paper. */
  newPaperFound: boolean;
  /** Of the rebuild, the part on the serving thread: loading the worker's index in slices. */
  mainThreadLoadMs?: number;
  /** Resident memory of the serving process before the change (garbage collected when --expose-gc). */
  steadyRssMb?: number;
}

export function summarize(run: RebuildRun): RebuildFigures {
  const acks = run.interactions.map((i) => i.ackAt - i.sentAt).filter(Number.isFinite);
  const beats = [run.startedAt, ...run.heartbeats, run.endedAt];
  const gaps = beats.slice(1).map((at, i) => at - (beats[i] ?? at));
  return {
    papers: run.report.papers,
    rebuildMs: round(run.endedAt - run.startedAt),
    interactions: run.interactions.length,
    lost: run.interactions.filter((i) => !Number.isFinite(i.ackAt)).length,
    ackP50Ms: round(percentile(acks, 50)),
    ackP99Ms: round(percentile(acks, 99)),
    ackMaxMs: round(Math.max(...acks)),
    answerP99Ms: round(percentile(run.interactions.map((i) => i.answeredAt - i.sentAt).filter(Number.isFinite), 99)),
    slackAckP99Ms: round(percentile(run.slackAckMs.filter(Number.isFinite), 99)),
    slackFailures: run.slackAckMs.filter((ms) => !Number.isFinite(ms)).length,
    heartbeats: run.heartbeats.length,
    // One interval apart when nothing stalls (the first beat may come up to one interval after the start).
    heartbeatMaxGapMs: round(Math.max(0, ...gaps)),
    reconnects: run.reconnects,
    eventLoopP99Ms: round(run.eventLoopP99Ms),
    eventLoopMaxMs: round(run.eventLoopMaxMs),
    peakRssMb: round(run.peakRssMb, 1),
    earlyProbeHits: run.interactions.filter((i) => i.probe && i.answeredAt < run.endedAt && i.foundProbe).length,
    newPaperFound: false,
  };
}

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');
const PROBE_TITLE = 'Quokka Navigation Benchmarks for Rebuild Probing';
const HEARTBEAT_MS = 1_000;

function probeRecord(id: string, title: string): string {
  return `${JSON.stringify({
    id,
    title,
    abstract: `${title}: a paper appended to the corpus while the bot serves, so that the rebuilt index can be told from the old one. It describes quokkas that navigate by landmarks.`,
    authors: ['Rebuild Probe'],
  })}\n`;
}

/**
 * Opens `corpus` plus a small file of its own, serves it, then appends more papers to that file than
 * a change applied in place takes, the probe paper last: the heavier path, a second index built in
 * the worker and swapped in.
 */
export async function measureRebuild(corpus: string[], options: { intervalMs?: number; log?: (line: string) => void } = {}): Promise<RebuildFigures> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-rebuild-'));
  const probeFile = path.join(dir, 'probe.jsonl');
  writeFileSync(probeFile, probeRecord('probe-initial', 'An Initial Probe Record for the Rebuild Benchmark'));
  const lines: string[] = [];
  let discord: Harness | undefined;
  let slack: SlackUnderTest | undefined;
  try {
    log('rebuild: building the serving index…');
    const library = await Library.open({ corpus: [...corpus, probeFile], cacheDir: path.join(dir, 'cache'), onProgress: logProgress(memoryLogger(lines, 'info')) });
    discord = await startHarness(library, { heartbeatMs: HEARTBEAT_MS });
    slack = await startSlackUnderTest(library, { logLevel: 'warn' });
    const showId = library.search('reinforcement learning').results[0]?.id ?? 'probe-initial';
    global.gc?.();
    const steadyRssMb = round(process.memoryUsage().rss / 2 ** 20, 1);
    log(`rebuild: ${library.stats().papers} papers serving; changing the corpus and rebuilding under load…`);
    const run = await rebuildUnderLoad({
      library,
      discord,
      slack,
      showId,
      probeTitle: PROBE_TITLE,
      change: () => {
        const bulk = Array.from({ length: DELTA_LIMIT }, (_, i) =>
          JSON.stringify({ id: `bulk-${i}`, title: `Bulk Record ${i} on Tidal Flats`, abstract: `Bulk record ${i}: shorebirds feeding on tidal flats at low tide.`, authors: ['Bulk'] }),
        );
        appendFileSync(probeFile, `${bulk.join('\n')}\n${probeRecord('probe-added', PROBE_TITLE)}`);
      },
      ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    });
    const figures = summarize(run);
    figures.steadyRssMb = steadyRssMb;
    figures.newPaperFound = library.search(PROBE_TITLE).results[0]?.id === 'probe-added';
    const loaded = lines.map((line) => JSON.parse(line) as { msg?: string; ms?: number }).filter((l) => l.msg === 'index: loading index done').at(-1);
    if (loaded?.ms !== undefined) figures.mainThreadLoadMs = loaded.ms;
    return figures;
  } finally {
    await discord?.stop();
    await slack?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeRebuild(f: RebuildFigures): Array<[string, string]> {
  return [
    [`rebuild while serving (${f.papers} papers, worker thread)`, `${f.rebuildMs} ms${f.mainThreadLoadMs !== undefined ? ` (of which ${f.mainThreadLoadMs} ms loading it in slices on the serving thread)` : ''}`],
    [`Discord ack p50 / p99 / max during the rebuild (n=${f.interactions}, lost ${f.lost})`, `${f.ackP50Ms} / ${f.ackP99Ms} / ${f.ackMaxMs} ms`],
    ['Discord answer p99 during the rebuild', `${f.answerP99Ms} ms`],
    ['Slack mention ack p99 during the rebuild (failed requests)', `${f.slackAckP99Ms} ms (${f.slackFailures})`],
    ['gateway heartbeats during the rebuild (1 s interval): count, longest gap, reconnects', `${f.heartbeats}, ${f.heartbeatMaxGapMs} ms, ${f.reconnects}`],
    ['event loop delay p99 / max during the rebuild', `${f.eventLoopP99Ms} / ${f.eventLoopMaxMs} ms`],
    [
      'resident memory of the serving bots: steady / peak during the rebuild',
      f.steadyRssMb === undefined ? `peak ${f.peakRssMb} MB` : `${f.steadyRssMb} / ${f.peakRssMb} MB (peak x${round(f.peakRssMb / f.steadyRssMb, 2)} the steady state)`,
    ],
    ['answers from the old index until the swap; new paper found after', `${f.earlyProbeHits === 0 ? 'yes' : `no (${f.earlyProbeHits} early)`}; ${f.newPaperFound ? 'yes' : 'no'}`],
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--corpus') corpus.push(path.resolve(argv[++i] ?? ''));
    else throw new Error(`rebuild bench: unknown option ${argv[i]} (expected --corpus PATH, --json)`);
  }
  if (corpus.length === 0) corpus.push(existsSync(SHARED_CORPUS) ? SHARED_CORPUS : DEFAULT_CORPUS);
  const figures = await measureRebuild(corpus, { log: (line) => process.stderr.write(`${line}\n`) });
  if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else for (const [k, v] of describeRebuild(figures)) process.stdout.write(`${k}  ${v}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`rebuild bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
