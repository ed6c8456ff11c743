// The benchmark hook runs: signed mentions in, answers out, timings that make sense.
import { expect, test } from 'vitest';
import { measureSlackRoundTrip } from '../../bench/slack-roundtrip.js';
import { Library } from '../../src/library.js';

test('measureSlackRoundTrip reports n round trips with p50 <= p99 through real Bolt and the fake', async () => {
  const library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
  const result = await measureSlackRoundTrip(library, 20);
  expect(result.n).toBe(20);
  expect(result.p50Ms).toBeGreaterThan(0);
  expect(result.p50Ms).toBeLessThanOrEqual(result.p99Ms);
  console.log(`slack mention round trip: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (n=${result.n})`);
});
