/** Shared by the list tests: an arXiv client for the local fake, and the seed listing with a list service on a fresh database. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ArxivClient } from '../../src/arxiv/client.js';
import { Library } from '../../src/library.js';
import { openPaperList, type OpenList } from '../../src/list/open.js';
import { createLogger, type Logger } from '../../src/log.js';
import { tempDatabase, testConfig } from '../digest/helpers.js';
import { startFakeArxiv, type FakeArxiv } from '../fakes/arxiv.js';

/** One retry, short spacing; a timeout generous enough for a loaded machine. */
export function testArxivClient(arxiv: FakeArxiv): ArxivClient {
  return new ArxivClient({ apiUrl: arxiv.url, timeoutMs: 2_000, retries: 1, backoffMs: 10, spacingMs: 20 });
}

/**
 * A list service over `core` on the database `env` names (DATABASE_PATH or DATABASE_URL; a fresh
 * SQLite file by default), fetching from the fake arXiv: what one paperbot process opens.
 */
export function openTestList(arxiv: FakeArxiv, core: Library, options: { env?: Record<string, string>; logger?: Logger } = {}): Promise<OpenList> {
  const config = testConfig(options.env ?? { DATABASE_PATH: tempDatabase() });
  return openPaperList(config, core, options.logger ?? createLogger('silent'), testArxivClient(arxiv));
}

/** The seed listing (50 papers) with its own list service: for tests that add and remove. */
export async function seedWithList(arxiv: FakeArxiv): Promise<{ library: Library; list: OpenList }> {
  const library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
  return { library, list: await openTestList(arxiv, library) };
}

export interface SeedWithList {
  arxiv: FakeArxiv;
  library: Library;
  list: OpenList;
}

/**
 * Registers the hooks of a test file about adding and removing: one fake arXiv for the file, and for
 * each test a fresh seed library with its list service (closed after the test's own clean-up).
 */
export function useSeedWithList(): SeedWithList {
  const fixture = {} as SeedWithList;
  beforeAll(async () => {
    fixture.arxiv = await startFakeArxiv();
  });
  afterAll(async () => {
    await fixture.arxiv.stop();
  });
  beforeEach(async () => {
    fixture.arxiv.mode = 'ok';
    fixture.arxiv.requests.length = 0;
    Object.assign(fixture, await seedWithList(fixture.arxiv));
  });
  afterEach(async () => {
    await fixture.list.close();
  });
  return fixture;
}
