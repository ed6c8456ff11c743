/**
 * The real adapter with real discord.js against the local fake Discord, serving the seed listing.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { FAKE_BOT_ID, INTENTS, PERMISSIONS, type FakeMessage } from '../fakes/discord.js';
import type { SearchOptions } from '../../src/core.js';
import type { Library } from '../../src/library.js';
import { seedLibrary, startHarness, type Harness } from './harness.js';

const NEORL2 = 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios';
const PRDC = 'Policy Regularization with Dataset Constraint for Offline Reinforcement Learning';

interface Embed {
  title?: string;
  url?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
}
interface Button {
  style: number;
  label: string;
  url?: string;
  custom_id?: string;
  disabled?: boolean;
}
interface Body {
  content?: string;
  embeds?: Embed[];
  components?: Array<{ components: Button[] }>;
  flags?: number;
  allowed_mentions?: unknown;
}

const buttons = (body: Body | FakeMessage) => (body.components as Body['components'] ?? []).flatMap((row) => row.components);

let library: Library;
let h: Harness;

beforeAll(async () => {
  library = await seedLibrary();
});

afterEach(async () => {
  // Every message the bot sent in the test: within Discord's limits, and pinging nobody.
  expect(h.fake.rejected.map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`)).toEqual([]);
  for (const payload of h.fake.messagePayloads) expect(payload.allowed_mentions).toEqual({ parse: [] });
  await h.stop();
});

async function run(subcommand: string, options: Record<string, string | number>, extra: { permissions?: string } = {}) {
  const interaction = h.fake.sendCommand(subcommand, options, extra);
  const edit = await h.fake.waitForEdit(interaction.token);
  return { interaction, body: edit.body as Body };
}

describe('slash commands on the seed listing', () => {
  test('login: gateway URL from /gateway/bot, IDENTIFY without compression, no privileged intent by default', async () => {
    h = await startHarness(library);
    expect(h.fake.connectQueries[0]?.get('v')).toBe('10');
    expect(h.fake.connectQueries[0]?.has('compress')).toBe(false);
    const identify = h.fake.identifies[0] as { token: string; intents: number; compress?: boolean };
    expect(identify.token).toBe('fake.bot.token');
    expect(identify.compress).not.toBe(true);
    expect(identify.intents).toBe(INTENTS.guilds | INTENTS.guildMessages);
  });

  test('DISCORD_MESSAGE_CONTENT=true adds the privileged MessageContent intent', async () => {
    h = await startHarness(library, { messageContent: true });
    expect((h.fake.identifies[0] as { intents: number }).intents).toBe(INTENTS.guilds | INTENTS.guildMessages | INTENTS.messageContent);
  });

  test('/paper search: defers first, then edits in an embed with bolded terms, paging and Similar buttons', async () => {
    h = await startHarness(library);
    const { interaction, body } = await run('search', { query: 'offline reinforcement learning', limit: 3 });
    expect(h.fake.callbacksOf(interaction.id).map((c) => c.type)).toEqual([5]);
    const embed = body.embeds?.[0];
    expect(embed?.title).toBe('Search: “offline reinforcement learning”');
    expect(embed?.description).toContain(PRDC);
    expect(embed?.description).toMatch(/\*\*[Oo]ffline\*\*/);
    expect(embed?.footer?.text).toMatch(/^Results 1–3 of \d+$/);
    const labels = buttons(body).map((b) => b.label);
    expect(labels).toEqual(['◀ Prev', 'Next ▶', 'Similar to #1', 'Similar to #2', 'Similar to #3']);
    expect(buttons(body)[0]?.disabled).toBe(true);
  });

  test('/paper show: the NeoRL-2 embed links its page, summarises, and has link buttons and Similar', async () => {
    h = await startHarness(library);
    const { body } = await run('show', { paper: 'NeoRL-2' });
    const embed = body.embeds?.[0];
    expect(embed?.title).toBe(NEORL2);
    expect(embed?.url).toBe(library.show(NEORL2).paper?.url);
    expect(embed?.description).toMatch(/^Offline reinforcement learning \(RL\)/);
    const links = buttons(body).filter((b) => b.style === 5);
    expect(links.map((b) => b.label)).toEqual(expect.arrayContaining([expect.stringMatching(/arXiv/), 'Code']));
    expect(links.find((b) => b.label === 'Code')?.url).toBe('https://github.com/polixir/NeoRL2');
    expect(buttons(body).some((b) => b.label === 'Similar papers' && b.custom_id?.startsWith('m|'))).toBe(true);
  });

  test('/paper ask: the answer cites PRDC with a numbered citation and a source list', async () => {
    h = await startHarness(library);
    const { body } = await run('ask', { question: 'what does PRDC stand for?' });
    const description = body.embeds?.[0]?.description ?? '';
    expect(description).toContain('Policy Regularization with Dataset Constraint (PRDC). **[1]**');
    expect(description).toContain(`**Sources**\n**[1]** [${PRDC}](https://github.com/LAMDA-RL/PRDC)`);
  });

  test('/paper ask about something the papers do not cover says so once; nearest papers only when they share its topic, each with the line that makes it near', async () => {
    h = await startHarness(library);
    const { body } = await run('ask', { question: 'how do emperor penguins keep their eggs warm?' });
    expect(body.embeds?.[0]?.description).toBe("The listed papers don't seem to cover that.");

    const near = (await run('ask', { question: 'which kitchen did the bimanual manipulation robot cook in?' })).body.embeds?.[0]?.description ?? '';
    expect(near.match(/cover that/g)).toHaveLength(1);
    expect(near).toMatch(/^The listed papers don't seem to cover that\.\n\n\*\*Nearest papers\*\*\n\*\*1\.\*\* \[/);
    // Each nearest paper with the line of it that makes it near.
    expect(near.match(/\n\*\*\d\.\*\* \[[^\n]+\n[^\n]*\n?> \S/g)?.length).toBeGreaterThanOrEqual(1);
  });

  test('/paper similar: papers related to PRDC, each with its own Similar button', async () => {
    h = await startHarness(library);
    const { body } = await run('similar', { paper: PRDC, limit: 3 });
    expect(body.embeds?.[0]?.title).toBe(`Papers similar to “${PRDC}”`);
    expect(body.embeds?.[0]?.description).toMatch(/^\*\*1\.\*\* \[/);
    expect(buttons(body).map((b) => b.label)).toEqual(['Similar to #1', 'Similar to #2', 'Similar to #3']);
  });

  test('/paper highlights: a numbered pick with one link button per paper', async () => {
    h = await startHarness(library);
    const { body } = await run('highlights', { limit: 4 });
    expect(body.embeds?.[0]?.title).toBe('Highlights');
    expect(body.embeds?.[0]?.description?.match(/^\*\*\d\.\*\* /gm)).toHaveLength(4);
    expect(buttons(body).map((b) => b.style)).toEqual([5, 5, 5, 5]);
  });

  test('/paper help: one field per Discord command, with slash-syntax examples', async () => {
    h = await startHarness(library);
    const { body } = await run('help', {});
    const fields = body.embeds?.[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toContain('/paper search');
    expect(fields.find((f) => f.name === '/paper search')?.value).toContain('`/paper search query:offline reinforcement learning limit:3`');
  });

  test('a bad option is answered privately and specifically, and the "thinking…" reply is removed', async () => {
    h = await startHarness(library);
    const interaction = h.fake.sendCommand('search', { query: 'offline', since: '2025-13-45' });
    await h.fake.waitFor(() => h.fake.requests.some((r) => r.method === 'POST' && r.path.endsWith(interaction.token)));
    const followUp = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith(interaction.token))?.body as Body;
    expect(followUp.flags).toBe(64);
    expect(followUp.content).toBe('⚠️ search: option "since" expected a date like 2025-01-31, got "2025-13-45"');
    expect(h.fake.requests.some((r) => r.method === 'DELETE' && r.path.includes(`${interaction.token}/messages/@original`))).toBe(true);
  });

  test('an unknown paper gets a private "did you mean" instead of a public embed', async () => {
    h = await startHarness(library);
    const interaction = h.fake.sendCommand('show', { paper: 'zzzz qqqq xxxx' });
    await h.fake.waitFor(() => h.fake.requests.some((r) => r.method === 'POST' && r.path.endsWith(interaction.token)));
    const followUp = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith(interaction.token))?.body as Body;
    expect(followUp.flags).toBe(64);
    expect(followUp.content).toMatch(/No paper matches “zzzz qqqq xxxx”/);
  });

  test('subscribe and unsubscribe need Manage Channels: a plain member is told so, privately and at once; a manager is not', async () => {
    h = await startHarness(library);
    for (const subcommand of ['subscribe', 'unsubscribe']) {
      const interaction = h.fake.sendCommand(subcommand, subcommand === 'subscribe' ? { time: '09:00' } : {}, { permissions: PERMISSIONS.member });
      // Refused in the first response: no public "thinking…" is ever shown for it.
      const refused = await h.fake.waitForCallback(interaction.id, [4, 5]);
      expect(refused.type).toBe(4);
      expect(refused.data?.flags).toBe(64);
      expect(refused.data?.content).toBe(`⚠️ ${subcommand}: only members who can manage this channel may do this`);
    }
    // A manager passes the check; this harness runs without the highlights service, which is the next thing said.
    const interaction = h.fake.sendCommand('subscribe', { time: '09:00' }, { permissions: PERMISSIONS.manager });
    await h.fake.waitFor(() => h.fake.requests.some((r) => r.method === 'POST' && r.path.endsWith(interaction.token)));
    const answer = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith(interaction.token))?.body as Body;
    expect(answer.content).not.toContain('only members who can manage');
  });

  test('an internal failure is logged with context and answered, never left "thinking…"', async () => {
    const broken = Object.create(library) as Library;
    broken.search = () => {
      throw new Error('index exploded');
    };
    h = await startHarness(broken);
    const interaction = h.fake.sendCommand('search', { query: 'offline' });
    await h.fake.waitFor(() => h.fake.requests.some((r) => r.method === 'POST' && r.path.endsWith(interaction.token)));
    const followUp = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith(interaction.token))?.body as Body;
    expect(followUp.content).toMatch(/^Sorry, something went wrong on my side while running `\/paper search`/);
    expect(followUp.content).not.toContain('exploded');
    const log = h.logs.find((l) => l.msg === 'discord: command failed');
    expect(log).toMatchObject({ command: 'search', options: { query: 'offline' }, interaction: interaction.id });
  });
});

describe('autocomplete', () => {
  test('paper options are completed from suggest(): title as name, paper id as value', async () => {
    h = await startHarness(library);
    const interaction = h.fake.sendAutocomplete('show', 'paper', 'Policy Reg');
    const callback = await h.fake.waitForCallback(interaction.id, [8]);
    const choices = (callback.data?.choices ?? []) as Array<{ name: string; value: string }>;
    expect(choices[0]).toEqual({ name: PRDC, value: 'policy-regularization-with-dataset-constraint-for-offline' });
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  test('the chosen id then shows that paper', async () => {
    h = await startHarness(library);
    const { body } = await run('show', { paper: 'policy-regularization-with-dataset-constraint-for-offline' });
    expect(body.embeds?.[0]?.title).toBe(PRDC);
  });
});

describe('buttons', () => {
  async function searchMessage(query: string, limit: number) {
    const { interaction } = await run('search', { query, limit });
    return h.fake.original(interaction.token) as FakeMessage;
  }

  test('Next pages the same message in place; Prev comes back', async () => {
    h = await startHarness(library);
    const first = await searchMessage('offline reinforcement learning', 3);
    const next = buttons(first).find((b) => b.label === 'Next ▶')?.custom_id ?? '';
    const click = h.fake.sendButton(next, first);
    const edit = await h.fake.waitForEdit(click.token);
    expect(h.fake.callbacksOf(click.id).map((c) => c.type)).toEqual([6]);
    const page2 = edit.body as Body;
    expect(page2.embeds?.[0]?.footer?.text).toMatch(/^Results 4–6 of \d+$/);
    expect(page2.embeds?.[0]?.description).toMatch(/^\*\*4\.\*\* /);
    expect(buttons(page2).map((b) => b.label)).toContain('Similar to #6');
    const prev = buttons(page2).find((b) => b.label === '◀ Prev');
    expect(prev?.disabled).toBeUndefined();
    const back = h.fake.sendButton(prev?.custom_id ?? '', h.fake.original(click.token) as FakeMessage);
    const page1 = (await h.fake.waitForEdit(back.token)).body as Body;
    expect(page1.embeds?.[0]?.footer?.text).toMatch(/^Results 1–3 of/);
  });

  test('page buttons carry the search filters along to the next page', async () => {
    // The seed has no dates, so a date filter would leave nothing to page: record what the core is asked.
    const asked: Array<SearchOptions | undefined> = [];
    const recording = Object.create(library) as Library;
    recording.search = (query, options) => {
      asked.push(options);
      return library.search(query, { ...options, since: undefined });
    };
    h = await startHarness(recording);
    const interaction = h.fake.sendCommand('search', { query: 'reinforcement learning', limit: 2, since: '2020-01-01' });
    await h.fake.waitForEdit(interaction.token);
    const first = h.fake.original(interaction.token) as FakeMessage;
    const next = buttons(first).find((b) => b.label === 'Next ▶')?.custom_id ?? '';
    const click = h.fake.sendButton(next, first);
    const page2 = (await h.fake.waitForEdit(click.token)).body as Body;
    expect(asked.map((o) => [o?.offset, o?.since])).toEqual([
      [0, '2020-01-01'],
      [2, '2020-01-01'],
    ]);
    expect(buttons(page2).find((b) => b.label === '◀ Prev')?.custom_id).toContain('|20200101|');
  });

  test('a paging button keeps working after a restart (state lives in custom_id)', async () => {
    h = await startHarness(library);
    const first = await searchMessage('offline reinforcement learning', 3);
    await h.stop();
    h = await startHarness(library);
    const next = buttons(first).find((b) => b.label === 'Next ▶')?.custom_id ?? '';
    const click = h.fake.sendButton(next, first);
    const page2 = (await h.fake.waitForEdit(click.token)).body as Body;
    expect(page2.embeds?.[0]?.footer?.text).toMatch(/^Results 4–6 of/);
  });

  test('a button from an older paper list answers clearly instead of failing', async () => {
    h = await startHarness(library);
    const first = await searchMessage('offline reinforcement learning', 3);
    const next = (buttons(first).find((b) => b.label === 'Next ▶')?.custom_id ?? '').replace(/^p\|[^|]+/, 'p|0ldc0rpus');
    const click = h.fake.sendButton(next, first);
    const callback = await h.fake.waitForCallback(click.id, [4]);
    expect(callback.data?.flags).toBe(64);
    expect(callback.data?.content).toBe('These results are from an older paper list. Run the search again to get fresh results.');
  });

  test('Similar on a result answers privately with papers related to it', async () => {
    h = await startHarness(library);
    const first = await searchMessage('dataset constraint policy regularization', 3);
    const similar = buttons(first).find((b) => b.label === 'Similar to #1')?.custom_id ?? '';
    const click = h.fake.sendButton(similar, first);
    const edit = (await h.fake.waitForEdit(click.token)).body as Body;
    expect(h.fake.callbacksOf(click.id)[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(edit.embeds?.[0]?.title).toMatch(/^Papers similar to “/);
  });
});

describe('mentions (default config: no Message Content intent)', () => {
  test('a mention with a question is answered as a reply to that message', async () => {
    h = await startHarness(library);
    const question = h.fake.sendUserMessage('what does PRDC stand for?', { mentionBot: true });
    await h.fake.waitFor(() => h.fake.channelMessages().some((m) => m.author.id === FAKE_BOT_ID));
    const post = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    const body = post?.body as Body & { message_reference?: { message_id: string } };
    expect(body.message_reference?.message_id).toBe(question.id);
    expect(body.embeds?.[0]?.description).toContain('(PRDC). **[1]**');
  });

  test('the first word may pick a command, with --flags', async () => {
    h = await startHarness(library);
    h.fake.sendUserMessage('search offline reinforcement learning --limit 2', { mentionBot: true });
    await h.fake.waitFor(() => h.fake.channelMessages().some((m) => m.author.id === FAKE_BOT_ID));
    const body = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/messages'))?.body as Body;
    expect(body.embeds?.[0]?.footer?.text).toMatch(/^Results 1–2 of/);
  });

  test('a bare mention gets a pointer to /paper ask; messages without a mention are ignored', async () => {
    h = await startHarness(library);
    h.fake.sendUserMessage('what does PRDC stand for?');
    h.fake.sendUserMessage('', { mentionBot: true });
    await h.fake.waitFor(() => h.fake.channelMessages().some((m) => m.author.id === FAKE_BOT_ID));
    const posts = h.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posts).toHaveLength(1);
    expect((posts[0]?.body as Body).content).toContain('/paper ask');
  });

  test('a mention whose content Discord withheld gets the pointer to /paper ask', async () => {
    h = await startHarness(library);
    const question = h.fake.sendUserMessage('what does PRDC stand for?', { mentionBot: true, withholdContent: true });
    await h.fake.waitFor(() => h.fake.channelMessages().some((m) => m.author.id === FAKE_BOT_ID));
    const body = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/messages'))?.body as Body & {
      message_reference?: { message_id: string };
    };
    expect(body.message_reference?.message_id).toBe(question.id);
    expect(body.content).toContain('/paper ask');
    expect(body.embeds ?? []).toEqual([]);
  });
});
