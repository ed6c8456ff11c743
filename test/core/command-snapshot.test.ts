import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEED_BATCH, SEED_SNAPSHOT, differences, runCommandBatch, type CommandOutcome } from '../../bench/command-snapshot.js';
import { DEFAULT_CORPUS } from '../../src/config.js';
import { Library } from '../../src/library.js';

/**
 * The results kept in the snapshot were taken before the index cache changed format; an index built
 * now and one loaded back from the cache must answer every command of the batch exactly the same.
 * After an intended change to answers, rewrite the snapshot:
 *   node dist/bench/command-snapshot.js --batch test/fixtures/command-batch.jsonl --write test/fixtures/command-snapshot.json
 */
describe('command results on the bundled listing', () => {
  const kept = JSON.parse(readFileSync(SEED_SNAPSHOT, 'utf8')) as CommandOutcome[];

  test('a freshly built index and the same index loaded from the cache answer as the snapshot says', async () => {
    const cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'paperbot-snapshot-')), 'cache');
    const built = await Library.open({ corpus: [DEFAULT_CORPUS], cacheDir });
    expect(built.lastLoad.fromCache).toBe(false);
    expect(differences(kept, await runCommandBatch(built, SEED_BATCH))).toEqual([]);
    const loaded = await Library.open({ corpus: [DEFAULT_CORPUS], cacheDir });
    expect(loaded.lastLoad.fromCache).toBe(true);
    expect(differences(kept, await runCommandBatch(loaded, SEED_BATCH))).toEqual([]);
    expect(kept.length).toBeGreaterThan(60);
  });
});
