import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { commandDefinitions } from '../../adapters/discord/definitions.js';
import { describeRegistration, diffCommands, inviteUrl, registerCommands } from '../../adapters/discord/register.js';
import { commandsFor } from '../../commands/index.js';
import { FAKE_APP_ID, FAKE_GUILD_ID, FakeDiscord } from '../fakes/discord.js';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  await fake.stop();
});

interface Option {
  name: string;
  type: number;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  max_length?: number;
  options?: Option[];
}

describe('the /paper definition', () => {
  const [paper] = commandDefinitions() as unknown as [Option];

  test('one subcommand per Discord command in commands/, nothing declared twice', () => {
    expect(paper.name).toBe('paper');
    expect(paper.options?.map((o) => o.name)).toEqual(commandsFor('discord').map((c) => c.name));
    expect(paper.options?.every((o) => o.type === 1)).toBe(true);
  });

  test('options follow their specs: types, bounds, required first, autocomplete for papers', () => {
    const search = paper.options?.find((o) => o.name === 'search');
    // Optional: `search author:Meng` lists an author's papers without words.
    expect(search?.options?.[0]).toMatchObject({ name: 'query', type: 3, required: false, max_length: 300 });
    expect(search?.options?.find((o) => o.name === 'limit')).toMatchObject({ type: 4, required: false, min_value: 1, max_value: 10 });
    const show = paper.options?.find((o) => o.name === 'show');
    expect(show?.options?.[0]).toMatchObject({ name: 'paper', type: 3, required: true, autocomplete: true });
    const ask = paper.options?.find((o) => o.name === 'ask');
    expect(ask?.options?.map((o) => [o.name, o.required, 'autocomplete' in o && o.autocomplete === true])).toEqual([
      ['question', true, false],
      ['paper', false, true],
    ]);
    for (const sub of paper.options ?? []) {
      const required = (sub.options ?? []).map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  test('no default_member_permissions: it would apply to all of /paper, so subscribe is checked at run time', () => {
    const definition = paper as Option & { default_member_permissions?: unknown };
    expect(definition.default_member_permissions ?? null).toBeNull();
    expect(paper.options?.find((o) => o.name === 'subscribe')).toBeDefined();
  });

  test('every description fits in 100 characters', () => {
    const all = (o: Option): Option[] => [o, ...(o.options ?? []).flatMap(all)];
    for (const option of all(paper)) expect(option.description.length).toBeLessThanOrEqual(100);
  });
});

describe('registerCommands', () => {
  test('guild registration: bulk PUT to the guild route with the bot token, body = the definitions', async () => {
    const report = await registerCommands({ token: 'reg.token', applicationId: FAKE_APP_ID, guildId: FAKE_GUILD_ID, apiUrl: fake.apiUrl });
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${FAKE_APP_ID}/guilds/${FAKE_GUILD_ID}/commands`);
    expect(put?.headers.authorization).toBe('Bot reg.token');
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
    expect(fake.rejected).toEqual([]);
    expect(report.scope).toBe('guild');
    expect(report.added).toEqual(['/paper', ...commandsFor('discord').map((c) => `/paper ${c.name}`)]);
    expect(describeRegistration(report)).toMatch(/^Registered 1 command\(s\) in guild \d+ \(visible at once\)\.\n {2}added: \/paper, \/paper search/);
  });

  test('global registration: PUT to the application route; a second run reports nothing changed', async () => {
    await registerCommands({ token: 't', applicationId: FAKE_APP_ID, apiUrl: fake.apiUrl });
    const again = await registerCommands({ token: 't', applicationId: FAKE_APP_ID, apiUrl: fake.apiUrl });
    expect(fake.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
      `/applications/${FAKE_APP_ID}/commands`,
      `/applications/${FAKE_APP_ID}/commands`,
    ]);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(describeRegistration(again)).toContain('nothing changed');
  });

  test('a previous list with an old command and a changed subcommand is reported as removed and updated', async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken('t');
    const old = JSON.parse(JSON.stringify(commandDefinitions())) as Option[];
    const search = old[0]?.options?.find((o) => o.name === 'search') as Option;
    search.description = 'An older description';
    old[0]!.options = old[0]!.options?.filter((o) => o.name !== 'help');
    await rest.put(`/applications/${FAKE_APP_ID}/commands`, { body: [...old, { name: 'legacy', description: 'Old', type: 1 }] });
    const report = await registerCommands({ token: 't', applicationId: FAKE_APP_ID, apiUrl: fake.apiUrl });
    expect(report.removed).toEqual(['/legacy']);
    expect(report.updated).toEqual(['/paper search']);
    expect(report.added).toEqual(['/paper help']);
  });

  test('defaults Discord adds to stored commands do not count as changes', () => {
    const sent = [{ name: 'paper', description: 'd', type: 1, options: [{ name: 'q', description: 'x', type: 3 }] }];
    const stored = [{ name: 'paper', description: 'd', type: 1, id: '1', version: '2', nsfw: false, options: [{ name: 'q', description: 'x', type: 3, required: false }] }];
    expect(diffCommands(stored, sent)).toMatchObject({ added: [], removed: [], updated: [] });
  });
});

test('the invite URL asks for bot + applications.commands and only the minimal permissions', () => {
  const url = new URL(inviteUrl('123'));
  expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
  expect(url.searchParams.get('client_id')).toBe('123');
  expect(url.searchParams.get('scope')).toBe('bot applications.commands');
  // View Channel 1<<10, Send Messages 1<<11, Embed Links 1<<14, Read Message History 1<<16, Send Messages in Threads 1<<38
  expect(BigInt(url.searchParams.get('permissions') ?? '0')).toBe((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 38n));
});
