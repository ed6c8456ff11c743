import { expect, test } from 'vitest';
import { measureDiscordRoundTrip } from '../../bench/discord-roundtrip.js';
import { seedLibrary } from './harness.js';

test('the benchmark hook measures interaction → editReply round trips on the seed', async () => {
  const result = await measureDiscordRoundTrip(await seedLibrary(), 40);
  console.log(`discord round trip: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (n=${result.n})`);
  expect(result.n).toBe(40);
  expect(result.p50Ms).toBeGreaterThan(0);
  // Far inside Discord's 3-second window, even on a loaded 2-core machine.
  expect(result.p99Ms).toBeLessThan(1_000);
});
