/**
 * Load: how many interactions per second `paperbot start` (the built binary, in processes of its
 * own) holds with acknowledgement p99 under 3 s, nothing lost and nothing answered twice, per
 * platform, against the local fakes: one process on SQLite, and two replicas on one PostgreSQL.
 * The rate climbs step by step (an open loop: requests go out on schedule whether or not earlier
 * ones were answered) until a step fails, then one step between the last rate held and the first
 * failed refines the figure. Half the requests search, half ask.
 *
 * Discord: the fake gateway dispatches `/paper search|ask` interactions; acknowledged = the deferral
 * reaches the fake REST API; answered = the edit of the deferred reply. Two replicas are the two
 * shards of `paperbot shards`, each serving its own server. Slack (HTTP mode): signed `app_mention`
 * events posted to /slack/events; acknowledged = Bolt's HTTP 200; answered = the chat.postMessage in
 * the mention's thread. Two replicas get the events in turn, as from a load balancer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FAKE_CHANNEL_2_ID, FAKE_CHANNEL_ID, FAKE_GUILD_2_ID, FAKE_GUILD_ID, FakeDiscord } from '../test/fakes/discord.js';
import { eventEnvelope, mentionEvent, sendEvent, startFakeSlack, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type FakeSlack } from '../test/fakes/slack.js';
import { freePort, tryGet, until } from '../test/ops/http.js';
import { startPostgresServer } from '../test/support/postgres-server.js';
import { percentile, round, seededRandom } from './stats.js';

export type LoadPlatform = 'discord' | 'slack';

/** Discord invalidates an interaction not acknowledged within 3 s; Slack retries an event not acked by then. */
export const ACK_LIMIT_MS = 3_000;
const RATES = [2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128];
const WARM_UP = 20;
/** How long after the last request of a step its answers may still arrive before they count as lost. */
const DRAIN_MS = 30_000;
/** Building the index of a large corpus without a cache takes about a minute here; two at once, longer. */
const START_TIMEOUT_MS = 900_000;

export const SEARCHES = [
  'diffusion policy',
  'offline reinforcement learning',
  'large language model reasoning',
  'video generation',
  'mixture of experts',
  'vision language model',
  'robot manipulation',
  'speech recognition',
  'reward model',
  'retrieval augmented generation',
  'watermark detection',
  'image editing',
  'code generation benchmark',
  'multimodal agents',
  'world model',
  'preference optimization',
  'tactile sensing',
  'autonomous driving planning',
  'protein structure',
  'graph neural networks',
];

export interface LoadStep {
  rate: number;
  sent: number;
  acknowledged: number;
  answered: number;
  lost: number;
  /** Requests answered more than once (a replica that missed another's answer). */
  duplicated: number;
  ackP50Ms: number;
  ackP99Ms: number;
  answerP50Ms: number;
  answerP99Ms: number;
  held: boolean;
}

export interface LoadResult {
  platform: LoadPlatform;
  replicas: number;
  database: 'sqlite' | 'postgres';
  /** The highest rate (interactions/s) at which every request was answered once and ack p99 < 3 s. */
  heldRate: number;
  /** False when even the highest rate tried was held: the figure is a lower bound. */
  limitFound: boolean;
  steps: LoadStep[];
  /** Mean compute time per command over the replicas, from their own /metrics. */
  commandMeanMs: Record<string, number>;
  /** Resident memory of each replica at the end (it reflects when the collector last ran). */
  botRssMb: number[];
  /** The machine's 1-minute load average when the measurement ended: other work competing for the cores. */
  loadAverage: number;
}

/** What one request is asked to the bot: `search <query>` or a question. */
interface Request {
  kind: 'search' | 'ask';
  text: string;
}

interface Timing {
  sentAt: number;
  ackAt?: number;
  answeredAt?: number;
  answers: number;
}

/** Drives one platform's fake and tells when each request was acknowledged and answered. */
interface Driver {
  env: Record<string, string>;
  send(request: Request): Timing;
  /** Reads what reached the fake since the last call and fills in the timings. */
  collect(): void;
  stop(): Promise<void>;
}

const SERVERS = [
  { id: FAKE_GUILD_ID, channelId: FAKE_CHANNEL_ID },
  { id: FAKE_GUILD_2_ID, channelId: FAKE_CHANNEL_2_ID },
];

/** With two shards, interactions come from two servers in turn, one on each shard. */
async function discordDriver(replicas: number): Promise<Driver> {
  const servers = SERVERS.slice(0, replicas);
  const fake = await FakeDiscord.start({ shards: replicas, maxConcurrency: replicas, guilds: servers });
  const byToken = new Map<string, Timing>();
  let seen = 0;
  let turn = 0;
  return {
    env: { DISCORD_TOKEN: 'fake.bot.token', DISCORD_API_URL: fake.apiUrl },
    send(request) {
      const server = servers[turn++ % servers.length] ?? SERVERS[0]!;
      const where = { guildId: server.id, channelId: server.channelId };
      const sent = request.kind === 'search' ? fake.sendCommand('search', { query: request.text }, where) : fake.sendCommand('ask', { question: request.text }, where);
      const timing: Timing = { sentAt: sent.at, answers: 0 };
      byToken.set(sent.token, timing);
      return timing;
    },
    collect() {
      for (; seen < fake.requests.length; seen++) {
        const request = fake.requests[seen];
        const token = request?.path.match(/^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/)?.[1];
        const timing = token ? byToken.get(token) : undefined;
        if (!request || !timing || request.status >= 400) continue;
        if (request.path.endsWith('/callback')) timing.ackAt ??= request.at;
        else if (request.method === 'PATCH' || request.method === 'POST') {
          timing.answeredAt ??= request.at;
          timing.answers++;
        }
      }
    },
    stop: () => fake.stop(),
  };
}

/** Events go to the replicas' /slack/events in turn, as a round-robin load balancer sends them. */
async function slackDriver(ports: number[]): Promise<Driver> {
  const fake: FakeSlack = await startFakeSlack();
  const byThread = new Map<string, Timing>();
  let seen = 0;
  let turn = 0;
  return {
    env: { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl },
    send(request) {
      const event = mentionEvent(request.kind === 'search' ? `search ${request.text}` : request.text);
      const timing: Timing = { sentAt: performance.now(), answers: 0 };
      byThread.set(String(event.ts), timing);
      const port = ports[turn++ % ports.length];
      sendEvent(`http://127.0.0.1:${port}/slack/events`, eventEnvelope(event)).then(
        (response) => {
          if (response.status === 200) timing.ackAt = performance.now();
        },
        () => undefined,
      );
      return timing;
    },
    collect() {
      for (; seen < fake.calls.length; seen++) {
        const call = fake.calls[seen];
        if (!call || call.method !== 'chat.postMessage' || call.rejected) continue;
        const timing = byThread.get(String(call.args.thread_ts));
        if (!timing) continue;
        timing.answeredAt ??= call.at;
        timing.answers++;
      }
    },
    stop: () => fake.stop(),
  };
}

/** One `paperbot` process (`start`, or `shards` supervising one process per shard) and the ports its endpoints are on. */
interface Bots {
  child: ChildProcess;
  ports: number[];
  exited: Promise<number | null>;
}

async function startBots(verb: 'start' | 'shards', corpus: string[], cacheDir: string, ports: number[], env: Record<string, string>): Promise<Bots> {
  const bin = path.join(import.meta.dirname, '..', 'bin', 'paperbot.js');
  const child = spawn(process.execPath, [bin, verb, ...corpus.flatMap((file) => ['--corpus', file])], {
    env: { PATH: process.env.PATH ?? '', PAPERBOT_CACHE_DIR: cacheDir, HIGHLIGHTS_ENABLED: 'false', LOG_LEVEL: 'warn', PORT: String(ports[0]), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (const port of ports) {
    await until(async () => (await tryGet(port, '/readyz'))?.status === 200 || child.exitCode !== null, START_TIMEOUT_MS, `the bot on port ${port} to be ready`);
    if (child.exitCode !== null) throw new Error(`load: paperbot ${verb} exited during start-up: ${stderr}`);
  }
  return { child, ports, exited };
}

async function stopBots(bots: Bots[]): Promise<void> {
  await Promise.all(
    bots.map(async (bot) => {
      bot.child.kill('SIGTERM');
      const code = await Promise.race([bot.exited, sleep(60_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') bot.child.kill('SIGKILL');
    }),
  );
}

function requests(questions: readonly string[]): () => Request {
  const random = seededRandom(10);
  let i = 0;
  return () => {
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    return i++ % 2 === 0 ? { kind: 'search', text: pick(SEARCHES) } : { kind: 'ask', text: pick(questions) };
  };
}

async function runStep(driver: Driver, next: () => Request, rate: number, seconds: number): Promise<LoadStep> {
  const count = Math.max(1, Math.round(rate * seconds));
  const timings: Timing[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    timings.push(driver.send(next()));
  }
  const done = () => {
    driver.collect();
    return timings.every((t) => t.answeredAt !== undefined && t.ackAt !== undefined);
  };
  const deadline = performance.now() + DRAIN_MS;
  while (!done() && performance.now() < deadline) await sleep(50);
  const acks = timings.filter((t) => t.ackAt !== undefined).map((t) => (t.ackAt as number) - t.sentAt);
  const answers = timings.filter((t) => t.answeredAt !== undefined).map((t) => (t.answeredAt as number) - t.sentAt);
  const lost = timings.filter((t) => t.answeredAt === undefined || t.ackAt === undefined).length;
  const duplicated = timings.filter((t) => t.answers > 1).length;
  const ackP99Ms = round(percentile(acks, 99));
  return {
    rate,
    sent: count,
    acknowledged: acks.length,
    answered: answers.length,
    lost,
    duplicated,
    ackP50Ms: round(percentile(acks, 50)),
    ackP99Ms,
    answerP50Ms: round(percentile(answers, 50)),
    answerP99Ms: round(percentile(answers, 99)),
    held: lost === 0 && duplicated === 0 && ackP99Ms < ACK_LIMIT_MS,
  };
}

/** Mean compute per command over every replica, and each replica's resident memory, from their Prometheus text. */
function readMetrics(texts: string[]): { commandMeanMs: Record<string, number>; botRssMb: number[] } {
  const value = (text: string, series: string) => Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? 0);
  const commandMeanMs: Record<string, number> = {};
  for (const command of ['search', 'ask']) {
    let sum = 0;
    let count = 0;
    for (const text of texts) {
      for (const platform of ['discord', 'slack']) {
        const labels = `{platform="${platform}",command="${command}"}`;
        sum += value(text, `paperbot_command_duration_seconds_sum${labels}`);
        count += value(text, `paperbot_command_duration_seconds_count${labels}`);
      }
    }
    if (count > 0) commandMeanMs[command] = round((sum / count) * 1000);
  }
  return { commandMeanMs, botRssMb: texts.map((text) => round(value(text, 'process_resident_memory_bytes') / 1_048_576, 1)) };
}

export interface LoadOptions {
  corpus: string[];
  cacheDir: string;
  questions: readonly string[];
  stepSeconds: number;
  log: (line: string) => void;
  /** Two replicas on this PostgreSQL; one process on SQLite when absent. */
  postgresUrl?: string;
}

async function listenable(port: number): Promise<boolean> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, () => resolve(true));
  });
  if (ok) await new Promise((resolve) => server.close(resolve));
  return ok;
}

/** Free ports for the endpoints; consecutive for `paperbot shards`, whose shard N serves on PORT + N. */
async function endpointPorts(n: number, consecutive: boolean): Promise<number[]> {
  if (!consecutive) return Promise.all(Array.from({ length: n }, () => freePort()));
  for (;;) {
    const base = await freePort();
    const ports = Array.from({ length: n }, (_, i) => base + i);
    if ((await Promise.all(ports.map(listenable))).every(Boolean)) return ports;
  }
}

export async function measureLoad(platform: LoadPlatform, options: LoadOptions): Promise<LoadResult> {
  const replicas = options.postgresUrl ? 2 : 1;
  const ports = await endpointPorts(replicas, platform === 'discord');
  const driver = platform === 'discord' ? await discordDriver(replicas) : await slackDriver(ports);
  const database: Record<string, string> = options.postgresUrl ? { DATABASE_URL: options.postgresUrl } : { DATABASE_PATH: path.join(options.cacheDir, `load-${platform}.db`) };
  const env = { ...driver.env, ...database };
  const next = requests(options.questions);
  const label = `load ${platform}${replicas > 1 ? ` ×${replicas}` : ''}`;
  const bots: Bots[] = [];
  try {
    if (platform === 'discord') bots.push(await startBots(replicas > 1 ? 'shards' : 'start', options.corpus, options.cacheDir, ports, { ...env, DISCORD_SHARDS: String(replicas) }));
    else for (const port of ports) bots.push(await startBots('start', options.corpus, options.cacheDir, [port], { ...env, PORT: String(port) }));
    await runStep(driver, next, 5, WARM_UP / 5);
    const steps: LoadStep[] = [];
    const step = async (rate: number) => {
      const result = await runStep(driver, next, rate, options.stepSeconds);
      const problems = [result.lost > 0 ? `${result.lost} lost` : '', result.duplicated > 0 ? `${result.duplicated} answered twice` : ''].filter(Boolean).join(', ');
      options.log(
        `${label} ${rate}/s: ack p50 ${result.ackP50Ms} ms, p99 ${result.ackP99Ms} ms; answered ${result.answered}/${result.sent}${problems ? ` (${problems})` : ''}${result.held ? '' : ' (not held)'}`,
      );
      steps.push(result);
      // A failed step leaves a backlog; the next step starts from an idle bot.
      if (!result.held) await sleep(2_000);
      return result;
    };
    let held = 0;
    let failed: number | undefined;
    for (const rate of RATES) {
      if ((await step(rate)).held) held = rate;
      else {
        failed = rate;
        break;
      }
    }
    if (failed !== undefined && failed - held > 1) {
      const middle = Math.round((held + failed) / 2);
      if ((await step(middle)).held) held = middle;
    }
    const texts = await Promise.all(ports.map(async (port) => (await tryGet(port, '/metrics'))?.text ?? ''));
    return {
      platform,
      replicas,
      database: options.postgresUrl ? 'postgres' : 'sqlite',
      heldRate: held,
      limitFound: failed !== undefined,
      steps,
      ...readMetrics(texts),
      loadAverage: round(os.loadavg()[0] ?? 0),
    };
  } finally {
    await stopBots(bots);
    await driver.stop();
  }
}

/** The same, for both platforms with two replicas on a PostgreSQL this run starts itself. */
export async function measureReplicaLoad(options: Omit<LoadOptions, 'postgresUrl'>): Promise<{ discord: LoadResult; slack: LoadResult }> {
  const server = await startPostgresServer();
  try {
    const discord = await measureLoad('discord', { ...options, postgresUrl: server.url });
    const slack = await measureLoad('slack', { ...options, postgresUrl: server.url });
    return { discord, slack };
  } finally {
    await server.stop();
  }
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${round(os.totalmem() / 1_073_741_824)} GiB, Node ${process.versions.node}`;
}
