/**
 * Slack mention round trip through real Bolt in HTTP mode: a signed `app_mention` goes in over HTTP,
 * the timer stops when the answer's `chat.postMessage` reaches the local fake Web API. The first
 * few round trips warm up Bolt, the HTTP keep-alive pool and the core, and are not counted.
 */
import type { PaperCore } from '../src/core.js';
import { eventEnvelope, mentionEvent, sendEvent } from '../test/fakes/slack.js';
import { startSlackUnderTest } from '../test/slack/harness.js';
import { percentile, round } from './stats.js';

const WARM_UP = 5;
const QUESTIONS = ['what does PRDC stand for?', 'search diffusion policy', 'show NeoRL-2', 'similar NeoRL-2', 'search offline reinforcement learning --limit 3'];

export async function measureSlackRoundTrip(core: PaperCore, n: number): Promise<{ p50Ms: number; p99Ms: number; n: number }> {
  const slack = await startSlackUnderTest(core, { logLevel: 'warn' });
  const { fake, url } = slack;
  const timings: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + n; i++) {
      const before = fake.callsTo('chat.postMessage').length;
      const started = performance.now();
      const response = await sendEvent(url, eventEnvelope(mentionEvent(QUESTIONS[i % QUESTIONS.length] ?? 'help')));
      if (response.status !== 200) throw new Error(`slack round trip: Bolt answered ${response.status}`);
      const post = await fake.waitFor(() => fake.callsTo('chat.postMessage')[before]);
      if (i >= WARM_UP) timings.push(post.at - started);
    }
  } finally {
    await slack.stop();
  }
  return { p50Ms: round(percentile(timings, 50)), p99Ms: round(percentile(timings, 99)), n: timings.length };
}
