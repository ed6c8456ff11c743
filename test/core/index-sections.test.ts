// A derived section registered with the index (what a feature above search caches with it): built
// with the index, written into the same cache entry, read back from it, rebuilt when its version
// changes, and built in the rebuild worker too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { rebuildOffThread } from '../../src/reload/off-thread.js';
import { prepareIndex } from '../../src/reload/prepare.js';
import { viewAs } from '../../src/search/image.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import type { SectionSpec } from '../../src/search/sections.js';
import { SEED } from './seed.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A plain module, so that the worker thread can import it as it is: each paper's title length.
const builder = path.join(dir, 'title-lengths.mjs');
writeFileSync(
  builder,
  `export function buildSection(index) {
  const lengths = new Uint32Array(index.size);
  for (const [doc, head] of index.live()) lengths[doc] = head.title.length;
  return new Uint8Array(lengths.buffer);
}
`,
);
const spec = (version: number): SectionSpec => ({ name: 'title-lengths', version, module: pathToFileURL(builder).href });

function titleLengths(index: PaperIndex): number[] {
  const bytes = index.section('title-lengths');
  expect(bytes).toBeDefined();
  return [...viewAs(bytes!, Uint32Array)];
}

describe('derived index sections', () => {
  const cacheDir = path.join(dir, 'cache');
  const options = { corpus: [SEED], cacheDir, sections: [spec(1)] };

  test('are built with the index, cached with it and read back from the cache', async () => {
    const built = await prepareIndex(options);
    expect(built.fromCache).toBe(false);
    const index = PaperIndex.fromImage(built.image, [SEED]);
    const expected = [...index.live()].map(([, head]) => head.title.length);
    expect(titleLengths(index)).toEqual(expected);

    const cached = await prepareIndex(options);
    expect(cached.fromCache).toBe(true);
    expect(titleLengths(PaperIndex.fromImage(cached.image, [SEED]))).toEqual(expected);
    expect(PaperIndex.fromImage((await prepareIndex({ corpus: [SEED], cacheDir: null })).image, [SEED]).section('title-lengths')).toBeUndefined();
  });

  test('a new version of a section rebuilds the entry; the rebuild worker builds it too', async () => {
    const bumped = await prepareIndex({ ...options, sections: [spec(2)] });
    expect(bumped.fromCache).toBe(false);
    const rebuilt = await rebuildOffThread({ corpus: [SEED], cacheDir: path.join(dir, 'worker-cache'), sections: [spec(1)] });
    if (!rebuilt || !('index' in rebuilt)) throw new Error('expected a new index, not a change');
    const { index } = rebuilt;
    expect(titleLengths(index)).toEqual([...index.live()].map(([, head]) => head.title.length));
  });
});
