/**
 * `/paper add` and `/paper remove` through the real discord.js against the local fake Discord, with
 * the papers fetched from the local fake arXiv and stored in a temporary database.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { commandDefinitions } from '../../adapters/discord/index.js';
import type { FakeArxiv } from '../fakes/arxiv.js';
import { useSeedWithList } from '../list/helpers.js';
import { PERMISSIONS } from '../fakes/discord.js';
import { startHarness, type Harness } from './harness.js';

interface Body {
  content?: string;
  flags?: number;
  embeds?: Array<{ title?: string; url?: string; description?: string }>;
}

const DATA_SCIENCE = '1501.05039';

const f = useSeedWithList();
let h: Harness;

beforeEach(async () => {
  h = await startHarness(f.library, { list: f.list.list });
});

afterEach(async () => {
  expect(h.fake.rejected.map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`)).toEqual([]);
  await h.stop();
});

/** A command by a member with Manage Channels; resolves with the public edit or the private follow-up. */
async function asManager(subcommand: string, paper: string): Promise<Body> {
  const interaction = h.fake.sendCommand(subcommand, { paper }, { permissions: PERMISSIONS.manager });
  const answered = () =>
    h.fake.requests.find(
      (r) => (r.method === 'PATCH' && r.path.includes(`/${interaction.token}/messages/@original`)) || (r.method === 'POST' && r.path.endsWith(interaction.token)),
    );
  await h.fake.waitFor(() => answered() !== undefined, 5_000, `the answer to ${subcommand} ${paper}`);
  return answered()?.body as Body;
}

describe('/paper add', () => {
  test('each accepted id form adds the paper and answers publicly with its card; search finds it next', async () => {
    const forms = [
      DATA_SCIENCE,
      `${DATA_SCIENCE}v1`,
      `arXiv:${DATA_SCIENCE}`,
      `https://arxiv.org/abs/${DATA_SCIENCE}`,
      `https://arxiv.org/pdf/${DATA_SCIENCE}v1`,
      `https://arxiv.org/html/${DATA_SCIENCE}v1`,
      `https://huggingface.co/papers/${DATA_SCIENCE}`,
    ];
    for (const form of forms) {
      const added = await asManager('add', form);
      expect(added.flags, form).toBeUndefined();
      expect(added.content).toBe(`Added “Defining Data Science” (${DATA_SCIENCE}) to the list.`);
      expect(added.embeds?.[0]).toMatchObject({ title: 'Defining Data Science', url: `https://arxiv.org/abs/${DATA_SCIENCE}` });
      expect(f.arxiv.requests.at(-1)?.query.get('id_list')).toBe(DATA_SCIENCE);
      const interaction = h.fake.sendCommand('search', { query: 'datanature' });
      const found = (await h.fake.waitForEdit(interaction.token)).body as Body;
      expect(found.embeds?.[0]?.description).toContain('Defining Data Science');
      expect((await asManager('remove', DATA_SCIENCE)).content).toBe(`Removed “Defining Data Science” (${DATA_SCIENCE}) from the list.`);
    }
    const old = await asManager('add', 'quant-ph/0210005');
    expect(old.embeds?.[0]?.title).toBe('Quantum information science and complex quantum systems');
  });

  test('a paper already listed is shown with a note, without asking arXiv', async () => {
    const body = await asManager('add', 'https://arxiv.org/abs/2503.19267');
    expect(body.content).toMatch(/^“NeoRL-2: .*” is already on the list \(from papers-listing\.txt\)\.$/);
    expect(body.embeds?.[0]?.title).toMatch(/^NeoRL-2/);
    expect(f.arxiv.requests).toHaveLength(0);
  });

  test('a member without Manage Channels is refused privately, before anything is fetched', async () => {
    for (const [subcommand, paper] of [['add', DATA_SCIENCE], ['remove', '2503.19267']] as const) {
      const interaction = h.fake.sendCommand(subcommand, { paper }, { permissions: PERMISSIONS.member });
      const refused = await h.fake.waitForCallback(interaction.id, [4, 5]);
      expect(refused).toMatchObject({ type: 4, data: { flags: 64, content: `⚠️ ${subcommand}: only members who can manage this channel may do this` } });
    }
    expect(f.arxiv.requests).toHaveLength(0);
    expect(f.library.stats().fromChat).toBe(0);
  });

  test('unknown id, arXiv 500, timeout and malformed XML: a private message each, nothing listed', async () => {
    const cases: Array<[FakeArxiv['mode'], string, RegExp]> = [
      ['ok', '2503.99999', /^⚠️ arXiv has no paper 2503\.99999; check the id \(nothing was added\)$/],
      ['500', DATA_SCIENCE, /^⚠️ arXiv did not answer \(HTTP 500 Internal Server Error/],
      ['hang', DATA_SCIENCE, /^⚠️ arXiv did not answer \(no complete response within 2000 ms/],
      ['malformed', DATA_SCIENCE, /^⚠️ arXiv's answer could not be read \(.*not well-formed XML/],
    ];
    for (const [mode, paper, message] of cases) {
      f.arxiv.mode = mode;
      const body = await asManager('add', paper);
      expect(body.flags, mode).toBe(64);
      expect(body.content).toMatch(message);
    }
    expect(f.library.stats()).toMatchObject({ papers: 50, fromChat: 0 });
  });

  test('text that is not an arXiv paper is explained privately', async () => {
    const body = await asManager('add', 'attention is all you need');
    expect(body.flags).toBe(64);
    expect(body.content).toContain('is not an arXiv paper (expected an arXiv id or link such as 2503.19267');
  });
});

describe('/paper remove', () => {
  test('autocomplete offers only the papers added from chat, even before anything is typed', async () => {
    await asManager('add', DATA_SCIENCE);
    await asManager('add', 'quant-ph/0210005');
    const interaction = h.fake.sendAutocomplete('remove', 'paper', '');
    const callback = await h.fake.waitForCallback(interaction.id, [8]);
    expect(callback.data?.choices).toEqual([
      { name: 'Quantum information science and complex quantum systems', value: 'quant-ph/0210005' },
      { name: 'Defining Data Science', value: DATA_SCIENCE },
    ]);
    const typed = h.fake.sendAutocomplete('remove', 'paper', 'NeoRL');
    expect((await h.fake.waitForCallback(typed.id, [8])).data?.choices).toEqual([]);
  });

  test('a paper from a corpus file stays, and the private answer names the file', async () => {
    const body = await asManager('remove', '2503.19267');
    expect(body.flags).toBe(64);
    expect(body.content).toMatch(/^⚠️ remove: “NeoRL-2: .*” comes from the corpus file papers-listing\.txt, line \d+;/);
    expect(f.library.getPaper('2503.19267')).toBeDefined();
  });

  test('a removed paper is gone from the next answer on', async () => {
    await asManager('add', DATA_SCIENCE);
    const removed = await asManager('remove', DATA_SCIENCE);
    expect(removed.flags).toBeUndefined();
    const interaction = h.fake.sendCommand('show', { paper: DATA_SCIENCE });
    await h.fake.waitFor(() => h.fake.requests.some((r) => r.method === 'POST' && r.path.endsWith(interaction.token)));
    const followUp = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith(interaction.token))?.body as Body;
    expect(followUp.content).toContain(`No paper matches “${DATA_SCIENCE}”`);
  });
});

test('registration: add takes free text, remove autocompletes; both come from the command definitions', () => {
  const root = commandDefinitions()[0] as { options?: Array<{ name: string; options?: Array<Record<string, unknown>> }> };
  const option = (name: string) => root.options?.find((s) => s.name === name)?.options?.[0];
  expect(option('add')).toMatchObject({ name: 'paper', required: true, type: 3 });
  expect(option('add')?.autocomplete).toBeUndefined();
  expect(option('remove')).toMatchObject({ name: 'paper', required: true, type: 3, autocomplete: true });
});
