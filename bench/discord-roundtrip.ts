/**
 * Discord slash-command round trip through real discord.js: the timer starts when the local fake
 * gateway dispatches INTERACTION_CREATE and stops when the answer's editReply (PATCH @original)
 * reaches the fake REST API, so it includes the deferral, the command and the rendering. The
 * first few round trips warm up discord.js, the keep-alive pool and the core, and are not counted.
 */
import type { PaperCore } from '../src/core.js';
import { startHarness } from '../test/discord/harness.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, round } from './stats.js';

const WARM_UP = 5;
/**
 * discord.js keeps Discord's global limit of 50 requests per second, and each round trip makes two
 * (defer, edit). Back to back, every 25th interaction would wait for the next second; paced at 20 per
 * second (still far above a busy channel), the figure measures paperbot and discord.js, not the limiter.
 */
const INTERVAL_MS = 50;
const COMMANDS: Array<[string, Record<string, string | number>]> = [
  ['ask', { question: 'what does PRDC stand for?' }],
  ['search', { query: 'diffusion policy' }],
  ['show', { paper: 'NeoRL-2' }],
  ['similar', { paper: 'NeoRL-2' }],
  ['search', { query: 'offline reinforcement learning', limit: 3 }],
];

export async function measureDiscordRoundTrip(core: PaperCore, n: number): Promise<{ p50Ms: number; p99Ms: number; n: number }> {
  const discord = await startHarness(core);
  const timings: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + n; i++) {
      const started = performance.now();
      const [name, options] = COMMANDS[i % COMMANDS.length] ?? ['help', {}];
      const interaction = discord.fake.sendCommand(name, options);
      const edit = await discord.fake.waitForEdit(interaction.token);
      if (i >= WARM_UP) timings.push(edit.at - interaction.at);
      await sleep(Math.max(0, INTERVAL_MS - (performance.now() - started)));
    }
    if (discord.fake.rejected.length > 0) throw new Error(`discord round trip: the fake rejected ${discord.fake.rejected.length} payload(s)`);
  } finally {
    await discord.stop();
  }
  return { p50Ms: round(percentile(timings, 50)), p99Ms: round(percentile(timings, 99)), n: timings.length };
}
