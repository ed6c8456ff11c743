/**
 * Adding and removing papers from chat, on both storage backends: each test on a fresh database, a
 * second "process" (the CLI, another replica) as a second list service with its own connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { PaperbotError } from '../../src/errors.js';
import { Library } from '../../src/library.js';
import type { OpenList } from '../../src/list/open.js';
import type { Actor } from '../../src/list/types.js';
import type { Paper } from '../../src/model/paper.js';
import type { Storage } from '../../src/storage/index.js';
import { freshLibrary, memoryLogger, openTestStorage, testConfig } from '../digest/helpers.js';
import { startFakeArxiv, type FakeArxiv } from '../fakes/arxiv.js';
import { BACKENDS, databaseEnv, setDatabaseAvailable, type Backend } from '../support/databases.js';
import { openTestList } from './helpers.js';

const ADMIN: Actor = { platform: 'discord', userId: '42', channelId: '100' };
const DATA_SCIENCE = '1501.05039';

let arxiv: FakeArxiv;
beforeAll(async () => {
  arxiv = await startFakeArxiv();
});
afterAll(async () => {
  await arxiv.stop();
});

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<PaperbotError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof PaperbotError) return error;
    throw error;
  }
  throw new Error('expected a PaperbotError');
}

describe.each(BACKENDS)('the list on %s', (backend: Backend) => {
  let env: Record<string, string>;
  const opened: Array<OpenList | Storage> = [];
  beforeEach(async () => {
    env = await databaseEnv(backend);
    arxiv.mode = 'ok';
    arxiv.withdrawn.clear();
    arxiv.requests.length = 0;
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
  });

  /** One paperbot process's list on this test's database. */
  async function open(core: Library, logger = memoryLogger().logger): Promise<OpenList> {
    const list = await openTestList(arxiv, core, { env, logger });
    opened.push(list);
    return list;
  }

  /** Another process's connection to this test's database. */
  async function connect(): Promise<Storage> {
    const storage = await openTestStorage(testConfig(env));
    opened.push(storage);
    return storage;
  }

  async function storedChatIds(): Promise<string[]> {
    const { papers } = await (await connect()).papers.list();
    return papers.filter((p) => p.source === 'chat').map((p) => p.paper.id);
  }

  /** A paper another replica's feed refresh stored (not yet in this process's index). */
  async function fetchedByFeed(feed: string, id: string, title: string, finding: string): Promise<Paper> {
    const paper: Paper = { id, title, abstract: `${finding} We report results over a year.`, authors: [], tags: [], links: {}, source: `${feed}:entry 1` };
    await (await connect()).papers.save([paper], feed, new Date());
    return paper;
  }

  /** The database stops answering (PostgreSQL refuses connections; SQLite is locked by another writer) until `restore`. */
  async function breakDatabase(): Promise<{ restore(): Promise<void> }> {
    if (backend === 'postgres') {
      const url = env.DATABASE_URL ?? '';
      await setDatabaseAvailable(url, false);
      return { restore: () => setDatabaseAvailable(url, true) };
    }
    const writer = new Database(env.DATABASE_PATH ?? '');
    writer.exec('BEGIN IMMEDIATE');
    return {
      restore: async () => {
        writer.exec('ROLLBACK');
        writer.close();
      },
    };
  }

  describe('add', () => {
    test('every accepted spelling of an id or link fetches that paper with id_list and lists it at once', async () => {
      const core = await freshLibrary();
      const { list } = await open(core);
      const forms = [
        DATA_SCIENCE,
        `${DATA_SCIENCE}v1`,
        `arXiv:${DATA_SCIENCE}`,
        `https://arxiv.org/abs/${DATA_SCIENCE}`,
        `https://arxiv.org/pdf/${DATA_SCIENCE}v1.pdf`,
        `https://arxiv.org/html/${DATA_SCIENCE}v1`,
        `arxiv.org/abs/${DATA_SCIENCE}?context=cs`,
        `https://huggingface.co/papers/${DATA_SCIENCE}`,
      ];
      for (const form of forms) {
        const change = await list.add(form, ADMIN);
        expect(change.action, form).toBe('added');
        expect(change.paper.title).toBe('Defining Data Science');
        expect(arxiv.requests.at(-1)?.query.get('id_list'), form).toBe(DATA_SCIENCE);
        expect(core.search('datanature').results[0]?.id).toBe(DATA_SCIENCE);
        expect(await storedChatIds()).toEqual([DATA_SCIENCE]);
        expect((await list.remove(DATA_SCIENCE, ADMIN)).action).toBe('removed');
        expect(core.search('datanature').results).toEqual([]);
      }
      expect(await storedChatIds()).toEqual([]);
      expect(arxiv.requests.every((r) => /^paperbot\/\d+\.\d+\.\d+ \(\+.+\)$/.test(r.userAgent ?? ''))).toBe(true);
    });

    test('an old-style id (archive/number) is fetched and listed under it, with who added it', async () => {
      const core = await freshLibrary();
      const change = await (await open(core)).list.add('arXiv:quant-ph/0210005v1', ADMIN);
      expect(change).toMatchObject({ action: 'added', paper: { id: 'quant-ph/0210005', title: 'Quantum information science and complex quantum systems' } });
      expect(arxiv.requests[0]?.query.get('id_list')).toBe('quant-ph/0210005');
      expect(core.show('quant-ph/0210005').paper?.links.arxiv).toBe('https://arxiv.org/abs/quant-ph/0210005');
      expect(await (await connect()).papers.get('quant-ph/0210005')).toMatchObject({ source: 'chat', addedBy: 'discord:42' });
    });

    test('a paper already listed is shown, not fetched again: from a corpus file or from chat', async () => {
      const core = await freshLibrary();
      const { list } = await open(core);
      const fromCorpus = await list.add('https://arxiv.org/abs/2503.19267v2', ADMIN);
      expect(fromCorpus.action).toBe('already_listed');
      expect(fromCorpus.message).toContain('is already on the list (from papers-listing.txt)');
      expect(fromCorpus.paper.title).toMatch(/^NeoRL-2/);
      expect(arxiv.requests).toHaveLength(0);
      await list.add(DATA_SCIENCE, ADMIN);
      const again = await list.add(`https://huggingface.co/papers/${DATA_SCIENCE}`, ADMIN);
      expect(again).toMatchObject({ action: 'already_listed', message: '“Defining Data Science” is already on the list (added from chat).' });
      expect(arxiv.requests).toHaveLength(1);
    });

    test('added meanwhile by another process: shown as already listed, stored once, with the first adder kept', async () => {
      const bot = await freshLibrary();
      const botList = (await open(bot)).list;
      const cli = (await open(await freshLibrary())).list;
      await cli.add(DATA_SCIENCE, { platform: 'console', userId: 'alice' });
      expect(bot.getPaper(DATA_SCIENCE)).toBeUndefined(); // the bot's next sync has not run yet
      const change = await botList.add(DATA_SCIENCE, ADMIN);
      expect(change).toMatchObject({ action: 'already_listed', message: '“Defining Data Science” is already on the list (added from chat).' });
      expect(bot.getPaper(DATA_SCIENCE)?.title).toBe('Defining Data Science');
      expect(await storedChatIds()).toEqual([DATA_SCIENCE]);
      expect(await (await connect()).papers.get(DATA_SCIENCE)).toMatchObject({ addedBy: 'console:alice' });
    });

    test('unknown id, withdrawn paper, arXiv 500, timeout and malformed XML: a clear message and nothing stored', async () => {
      const core = await freshLibrary();
      const { list } = await open(core);
      const before = core.stats().papers;

      const unknown = await failure(list.add('2503.99999', ADMIN));
      expect(unknown.code).toBe('not_found');
      expect(unknown.message).toBe('arXiv has no paper 2503.99999; check the id (nothing was added)');

      arxiv.withdrawn.add(DATA_SCIENCE);
      const withdrawn = await failure(list.add(DATA_SCIENCE, ADMIN));
      expect(withdrawn.message).toBe('arXiv lists 1501.05039 (“Defining Data Science”) as withdrawn; it was not added');
      arxiv.withdrawn.clear();

      arxiv.mode = '500';
      arxiv.requests.length = 0;
      const down = await failure(list.add(DATA_SCIENCE, ADMIN));
      expect(down.code).toBe('unavailable');
      expect(down.message).toMatch(/^arXiv did not answer \(HTTP 500 Internal Server Error \(gave up after 2 attempts\)\); nothing was changed/);
      expect(arxiv.requests).toHaveLength(2);

      arxiv.mode = 'hang';
      const slow = await failure(list.add(DATA_SCIENCE, ADMIN));
      expect(slow.message).toContain('no complete response within 2000 ms');

      arxiv.mode = 'malformed';
      const broken = await failure(list.add(DATA_SCIENCE, ADMIN));
      expect(broken.code).toBe('unavailable');
      expect(broken.message).toMatch(/^arXiv's answer could not be read \(.*not well-formed XML/);

      expect(core.stats().papers).toBe(before);
      expect(core.stats().fromChat).toBe(0);
      expect(await storedChatIds()).toEqual([]);
    });

    test('a database that does not answer: add and remove say so and change nothing; once it answers, they work', async () => {
      const core = await freshLibrary();
      const { list } = await open(core);
      await list.add('quant-ph/0210005', ADMIN);
      const outage = await breakDatabase();
      try {
        const add = await failure(list.add(DATA_SCIENCE, ADMIN));
        expect(add.code).toBe('unavailable');
        expect(add.message).toMatch(/^add: the database did not answer \(.+\); nothing was added, try again later$/);
        expect(core.getPaper(DATA_SCIENCE)).toBeUndefined();
        const remove = await failure(list.remove('quant-ph/0210005', ADMIN));
        expect(remove.message).toMatch(/^remove: the database did not answer \(.+\); nothing was removed, try again later$/);
        expect(core.getPaper('quant-ph/0210005')).toBeDefined();
      } finally {
        await outage.restore();
      }
      expect((await list.add(DATA_SCIENCE, ADMIN)).action).toBe('added');
      expect((await list.remove('quant-ph/0210005', ADMIN)).action).toBe('removed');
      expect(await storedChatIds()).toEqual([DATA_SCIENCE]);
    });

    test('text that is not an arXiv id or link is refused before anything is fetched', async () => {
      const error = await failure((await open(await freshLibrary())).list.add('https://example.org/paper.pdf', ADMIN));
      expect(error.code).toBe('bad_option');
      expect(error.message).toContain('is not an arXiv paper (expected an arXiv id or link such as 2503.19267');
      expect(arxiv.requests).toHaveLength(0);
    });

    test('every add and remove is logged with who did it', async () => {
      const { logger, lines } = memoryLogger();
      const { list } = await open(await freshLibrary(), logger);
      await list.add(DATA_SCIENCE, ADMIN);
      await list.remove(DATA_SCIENCE, { platform: 'slack', userId: 'U0ADMIN', channelId: 'C1' });
      const changes = lines().filter((l) => l.action);
      expect(changes).toEqual([
        expect.objectContaining({ action: 'add', id: DATA_SCIENCE, by: 'discord:42', channel: '100', msg: 'list: paper added' }),
        expect.objectContaining({ action: 'remove', id: DATA_SCIENCE, by: 'slack:U0ADMIN', channel: 'C1', msg: 'list: paper removed' }),
      ]);
    });
  });

  describe('papers added from chat count everywhere', () => {
    test('search, ask, show, similar, highlights and stats', async () => {
      const core = await freshLibrary();
      await (await open(core)).list.add(DATA_SCIENCE, ADMIN);
      expect(core.search('data science datanature').results[0]?.id).toBe(DATA_SCIENCE);
      expect(core.ask('what is data science defined as?').citations[0]?.id).toBe(DATA_SCIENCE);
      expect(core.show('Defining Data Science').paper?.id).toBe(DATA_SCIENCE);
      expect(core.similar(DATA_SCIENCE).paper.id).toBe(DATA_SCIENCE);
      expect(core.highlights({ limit: 10, topic: 'data science' }).highlights.map((h) => h.id)).toContain(DATA_SCIENCE);
      expect(core.stats()).toMatchObject({ papers: 51, fromChat: 1 });
      expect(core.suggest('Defining Da').map((s) => s.id)).toEqual([DATA_SCIENCE]);
    });

    test('a feed bringing a chat paper again refreshes its title everywhere, and it stays chat\'s to remove', async () => {
      const core = await freshLibrary();
      const { list, sync } = await open(core);
      await list.add(DATA_SCIENCE, ADMIN);
      const paper = core.getPaper(DATA_SCIENCE) as Paper;
      await (await connect()).papers.save([{ ...paper, title: 'Defining Data Science, Revised', source: 'hf-daily 2026-03-02' }], 'hf-daily 2026-03-02', new Date());
      expect(await sync.sync()).toMatchObject({ added: 0, updated: 1 });
      expect(core.suggest('Defining Data Science').filter((s) => s.id === DATA_SCIENCE).map((s) => s.title)).toEqual(['Defining Data Science, Revised']);
      expect(core.show('Defining Data Science, Revised').paper?.id).toBe(DATA_SCIENCE);
      expect(core.stats()).toMatchObject({ fromChat: 1, fromFeeds: 0 });
      expect(await (await connect()).papers.get(DATA_SCIENCE)).toMatchObject({ source: 'chat', addedBy: 'discord:42' });
      await list.remove(DATA_SCIENCE, ADMIN);
      expect(core.suggest('Defining Data').map((s) => s.id)).not.toContain(DATA_SCIENCE);
      expect(core.show('Defining Data Science, Revised').paper).toBeNull();
      expect(core.show('NeoRL-2').paper?.id).toBe('2503.19267');
    });

    test('a restart keeps them (and keeps removals)', async () => {
      const first = await freshLibrary();
      const { list } = await open(first);
      await list.add(DATA_SCIENCE, ADMIN);
      await list.add('quant-ph/0210005', ADMIN);
      await list.remove('quant-ph/0210005', ADMIN);
      for (const handle of opened.splice(0)) await handle.close();

      const restarted = await freshLibrary();
      await open(restarted);
      expect(restarted.getPaper(DATA_SCIENCE)?.title).toBe('Defining Data Science');
      expect(restarted.getPaper('quant-ph/0210005')).toBeUndefined();
      expect(restarted.stats()).toMatchObject({ papers: 51, fromChat: 1 });
      expect(restarted.provenance(DATA_SCIENCE)).toEqual({ origin: 'chat' });
    });

    test('a running bot picks up what another process added or removed on the same database', async () => {
      const bot = await freshLibrary();
      const { sync } = await open(bot);
      const cli = (await open(await freshLibrary())).list;
      await cli.add(DATA_SCIENCE, { platform: 'console' });
      expect(bot.getPaper(DATA_SCIENCE)).toBeUndefined();
      expect(await sync.sync()).toEqual({ added: 1, updated: 0, removed: 0, invalid: 0 });
      expect(bot.getPaper(DATA_SCIENCE)?.title).toBe('Defining Data Science');
      expect(bot.stats().fromChat).toBe(1);
      await cli.remove(DATA_SCIENCE, { platform: 'console' });
      expect(await sync.sync()).toMatchObject({ added: 0, removed: 1 });
      expect(bot.getPaper(DATA_SCIENCE)).toBeUndefined();
      expect(bot.stats().fromChat).toBe(0);
    });

    test('a rebuilt index (edited corpus file) still lists them, and the papers feeds brought', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperbot-list-'));
      try {
        const corpus = path.join(dir, 'papers.txt');
        fs.copyFileSync(path.join(PROJECT_ROOT, 'data', 'papers-listing.txt'), corpus);
        const core = await Library.open({ corpus: [corpus], cacheDir: null });
        const { list, sync } = await open(core);
        await list.add(DATA_SCIENCE, ADMIN);
        const feedPaper = await fetchedByFeed('arxiv cat:q-bio', '2401.00011', 'Quokka: Retrieval for Marsupial Genomics', 'Quokka retrieves marsupial genomes.');
        await sync.sync();
        fs.appendFileSync(corpus, '\n\nA Newly Listed Paper\n\nThis abstract was appended to the corpus file while the bot was serving, so the index has to be rebuilt to find it.\n');
        const report = await core.reload();
        expect(report).toMatchObject({ changed: true, papers: 53 });
        expect(core.getPaper(DATA_SCIENCE)?.title).toBe('Defining Data Science');
        expect(core.search('marsupial genomics').results[0]?.id).toBe(feedPaper.id);
        expect(core.show('A Newly Listed Paper').paper).not.toBeNull();
        expect(core.stats()).toMatchObject({ fromChat: 1, fromFeeds: 1 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('remove', () => {
    test('a paper from a corpus file cannot be removed from chat: the answer names the file and line', async () => {
      const core = await freshLibrary();
      const error = await failure((await open(core)).list.remove('2503.19267', ADMIN));
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/^remove: “NeoRL-2: .*” comes from the corpus file papers-listing\.txt, line \d+; only papers added from chat can be removed here/);
      expect(core.getPaper('2503.19267')).toBeDefined();
    });

    test('a paper a feed brought cannot be removed from chat: the answer names the feed, and it stays stored', async () => {
      const core = await freshLibrary();
      const { list, sync } = await open(core);
      const paper = await fetchedByFeed('hf-daily 2026-03-02', '2401.00012', 'Wombat Burrows as Thermal Refuges', 'Wombat burrows keep a steady temperature.');
      await sync.sync();
      const error = await failure(list.remove('Wombat Burrows as Thermal Refuges', ADMIN));
      expect(error.code).toBe('forbidden');
      expect(error.message).toBe('remove: “Wombat Burrows as Thermal Refuges” came from the feed "hf-daily 2026-03-02:entry 1"; only papers added from chat can be removed here');
      expect(await (await connect()).papers.get(paper.id)).toMatchObject({ source: 'hf-daily 2026-03-02' });
      expect(core.stats().fromFeeds).toBe(1);
    });

    test('by link or whole title; part of a title is not enough for a removal', async () => {
      const core = await freshLibrary();
      const { list } = await open(core);
      await list.add(DATA_SCIENCE, ADMIN);
      const partial = await failure(list.remove('Defining Data', ADMIN));
      expect(partial.code).toBe('not_found');
      expect(partial.details?.suggestions).toEqual([{ id: DATA_SCIENCE, title: 'Defining Data Science' }]);
      expect((await list.remove('defining data science', ADMIN)).action).toBe('removed');
      await list.add(DATA_SCIENCE, ADMIN);
      expect((await list.remove(`https://arxiv.org/abs/${DATA_SCIENCE}v1`, ADMIN)).message).toBe('Removed “Defining Data Science” (1501.05039) from the list.');
      expect(await storedChatIds()).toEqual([]);
    });

    test('removed meanwhile by another process: still answered as removed, and gone here too', async () => {
      const bot = await freshLibrary();
      const botList = (await open(bot)).list;
      await botList.add(DATA_SCIENCE, ADMIN);
      // `paperbot remove` from the shell: a process started after the add.
      await (await open(await freshLibrary())).list.remove(DATA_SCIENCE, { platform: 'console' });
      expect((await botList.remove(DATA_SCIENCE, ADMIN)).action).toBe('removed');
      expect(bot.getPaper(DATA_SCIENCE)).toBeUndefined();
      expect(await storedChatIds()).toEqual([]);
    });

    test('autocomplete offers only papers added from chat, newest first', async () => {
      const core = await freshLibrary();
      const { list } = await open(core);
      await list.add(DATA_SCIENCE, ADMIN);
      await list.add('quant-ph/0210005', ADMIN);
      expect(list.suggest('').map((s) => s.id)).toEqual(['quant-ph/0210005', DATA_SCIENCE]);
      expect(list.suggest('quantum').map((s) => s.id)).toEqual(['quant-ph/0210005']);
      expect(list.suggest('neorl')).toEqual([]);
    });
  });
});
