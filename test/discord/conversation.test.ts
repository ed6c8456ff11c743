/**
 * Conversations on Discord, through real discord.js against the local fake, on the seed listing: the
 * Follow-up button and its modal, a reply that mentions paperbot, "Ask [n]" under a closest match,
 * and `ask` with a paper. The turns live in a real database, so a restarted process (or another
 * replica on PostgreSQL) answers a follow-up to an answer it never gave.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Library } from '../../src/library.js';
import type { Storage } from '../../src/storage/index.js';
import { FAKE_BOT_ID, FAKE_CHANNEL_ID, FakeDiscord, type FakeMessage } from '../fakes/discord.js';
import { openTestStorage, type Backend } from '../support/databases.js';
import { seedLibrary, startHarness, type Harness } from './harness.js';

const NEORL2 = 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios';
const PRDC = 'Policy Regularization with Dataset Constraint for Offline Reinforcement Learning';

interface Button {
  style: number;
  label: string;
  url?: string;
  custom_id?: string;
}
interface Embed {
  title?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
}

let library: Library;
const cleanup: Array<() => Promise<void>> = [];
const harnesses: Harness[] = [];

beforeAll(async () => {
  library = await seedLibrary();
});

afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    // Every message the bot sent: within Discord's limits (modals included), and pinging nobody.
    expect(h.fake.rejected.map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`)).toEqual([]);
    for (const payload of h.fake.messagePayloads) expect(payload.allowed_mentions).toEqual({ parse: [] });
  }
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

async function storageOn(backend: Backend, env?: Record<string, string>): Promise<{ storage: Storage; env: Record<string, string> }> {
  const opened = await openTestStorage(backend, env);
  cleanup.push(() => opened.storage.close());
  return opened;
}

async function bot(storage: Storage, fake?: FakeDiscord, core: Library = library): Promise<Harness> {
  const h = await startHarness(core, { conversations: storage.conversations, ...(fake ? { fake } : {}) });
  harnesses.push(h);
  cleanup.push(() => h.adapter.stop());
  if (!fake) cleanup.push(() => h.fake.stop());
  return h;
}

/** The library, noting what each question was asked with. */
function recordingCore(): { core: Library; asked: Array<{ question: string; context?: readonly string[] }> } {
  const asked: Array<{ question: string; context?: readonly string[] }> = [];
  const core = Object.create(library) as Library;
  core.ask = (question, options = {}) => {
    asked.push({ question, ...(options.context ? { context: options.context } : {}) });
    return library.ask(question, options);
  };
  return { core, asked };
}

const buttonsOf = (message: FakeMessage) => (message.components as Array<{ components: Button[] }>).flatMap((row) => row.components);
const embedOf = (message: FakeMessage) => (message.embeds[0] ?? {}) as Embed;

/** `/paper ask`, as the channel sees the answer. */
async function ask(h: Harness, options: Record<string, string>): Promise<FakeMessage> {
  const interaction = h.fake.sendCommand('ask', options);
  await h.fake.waitForEdit(interaction.token);
  return h.fake.original(interaction.token)!;
}

/** Clicks Follow-up under `answer`, types `question` in the modal it opens, and returns the answer posted for it. */
async function followUp(h: Harness, answer: FakeMessage, question: string): Promise<FakeMessage> {
  const button = buttonsOf(answer).find((b) => b.label === 'Follow-up');
  expect(button?.custom_id).toBeDefined();
  const click = h.fake.sendButton(button!.custom_id!, answer);
  const modal = await h.fake.waitForCallback(click.id, [9]);
  expect(modal.data).toMatchObject({ custom_id: `q|${answer.id}`, title: 'Follow-up question' });
  const submit = h.fake.sendModalSubmit(String(modal.data?.custom_id), { question }, answer);
  // Deferred publicly, then answered in the channel like the first answer.
  expect((await h.fake.waitForCallback(submit.id, [5, 4])).type).toBe(5);
  await h.fake.waitForEdit(submit.token);
  return h.fake.original(submit.token)!;
}

describe('follow-ups on SQLite', () => {
  test('a follow-up is put to the core with the papers of the answers before it, latest first; a new question with none', async () => {
    const { core: recording, asked } = recordingCore();
    const { storage } = await storageOn('sqlite');
    const h = await bot(storage, undefined, recording);
    const first = await ask(h, { question: 'how many datasets does NeoRL-2 contain?' });
    const second = await followUp(h, first, 'what does PRDC stand for?');
    await followUp(h, second, 'who wrote it?');
    h.fake.sendUserMessage('where is the code?', { mentionBot: true, replyTo: first });
    await h.fake.waitFor(() => asked.length === 4, 5_000, 'the reply to the mention');
    const prdc = 'policy-regularization-with-dataset-constraint-for-offline';
    expect(asked).toEqual([
      { question: 'how many datasets does NeoRL-2 contain?' },
      { question: 'what does PRDC stand for?', context: ['2503.19267'] },
      { question: 'who wrote it?', context: [prdc, '2503.19267'] },
      { question: 'where is the code?', context: ['2503.19267'] },
    ]);
  });

  test('the Follow-up button opens a modal; the question is answered from the first answer\'s paper, and one naming another paper from that paper', async () => {
    const { storage } = await storageOn('sqlite');
    const h = await bot(storage);
    const first = await ask(h, { question: 'how many datasets does NeoRL-2 contain?' });
    expect(embedOf(first).description).toContain('7 datasets');
    expect(buttonsOf(first).map((b) => b.label)).toContain('Follow-up');

    const who = await followUp(h, first, 'who wrote it?');
    expect(embedOf(who).title).toBe('who wrote it?');
    expect(embedOf(who).description).toContain('Songyi Gao');
    expect(embedOf(who).description).toContain(NEORL2);

    // A follow-up to the follow-up that names another paper is a new question.
    const other = await followUp(h, who, 'what does PRDC stand for?');
    expect(embedOf(other).description).toContain('Policy Regularization with Dataset Constraint (PRDC)');
    expect(embedOf(other).description).not.toContain(NEORL2);
  });

  test('a reply to an answer that mentions paperbot is a follow-up to it', async () => {
    const { storage } = await storageOn('sqlite');
    const h = await bot(storage);
    const first = await ask(h, { question: 'how many datasets does NeoRL-2 contain?' });
    const before = h.fake.channelMessages().length;
    h.fake.sendUserMessage('where is the code?', { mentionBot: true, replyTo: first });
    await h.fake.waitFor(() => h.fake.channelMessages().length > before + 1, 5_000, 'the reply to the follow-up');
    const reply = h.fake.channelMessages().at(-1)!;
    expect(reply.author.id).toBe(FAKE_BOT_ID);
    expect(reply.message_reference).toBeDefined();
    expect(JSON.stringify(reply.embeds)).toContain('github.com/polixir/NeoRL2');
    expect(buttonsOf(reply).map((b) => b.label)).toContain('Follow-up');
  });

  test('a closest match is yellow and hedged first; "Ask [2]" asks the same question of the second candidate alone', async () => {
    const { storage } = await storageOn('sqlite');
    const h = await bot(storage);
    const asked = 'does regularization help offline agents?';
    // Which papers are the candidates is the answer engine's business; the adapter shows them in its order.
    const expected = library.ask(asked);
    expect(expected.outcome).toBe('closest');
    const [first, second] = [expected.citations[0]!.title, expected.nearest[0]!.title];
    const closest = await ask(h, { question: asked });
    const embed = embedOf(closest);
    expect(embed.color).toBe(0xfee75c);
    expect(embed.description).toMatch(/^\*\*Not sure the list answers this exactly\. Closest: /);
    expect(embed.footer?.text).toMatch(/^Closest match, not a sure answer\./);
    expect(embed.description).toContain(`**Other candidates**\n**2.** [${second.slice(0, 20)}`);
    const askTwo = buttonsOf(closest).find((b) => b.label.startsWith('Ask [2] '));
    expect(askTwo?.label.startsWith(`Ask [2] ${second.slice(0, 20)}`)).toBe(true);
    expect(askTwo!.label.length).toBeLessThanOrEqual(80);
    expect(askTwo!.custom_id!.length).toBeLessThanOrEqual(100);

    const click = h.fake.sendButton(askTwo!.custom_id!, closest);
    await h.fake.waitForEdit(click.token);
    const again = h.fake.original(click.token)!;
    expect(embedOf(again).title).toBe('does regularization help offline agents?');
    expect(JSON.stringify(again.embeds)).toContain(second.slice(0, 40));
    expect(JSON.stringify(again.embeds)).not.toContain(first.slice(0, 40));
  });

  test('/paper ask with paper: answers from that paper; when its abstract does not say, says so and shows its card and links', async () => {
    const { storage } = await storageOn('sqlite');
    const h = await bot(storage);
    const answered = await ask(h, { question: 'how many datasets?', paper: '2503.19267' });
    expect(embedOf(answered).description).toContain('7 datasets');

    const silent = await ask(h, { question: 'how many GPUs did they use?', paper: '2503.19267' });
    expect(embedOf(silent).description).toMatch(/^NeoRL-2's abstract doesn.t say/);
    expect(embedOf(silent).description).toContain(NEORL2);
    expect(buttonsOf(silent).find((b) => b.label === 'Code')?.url).toBe('https://github.com/polixir/NeoRL2');
  });

  test('ask offers paper titles as the paper option is typed', async () => {
    const { storage } = await storageOn('sqlite');
    const h = await bot(storage);
    const interaction = h.fake.sendAutocomplete('ask', 'paper', 'NeoRL');
    const callback = await h.fake.waitForCallback(interaction.id, [8]);
    const [choice] = callback.data?.choices as Array<{ name: string; value: string }>;
    expect(choice?.value).toBe('2503.19267');
    expect(NEORL2.startsWith(choice!.name.replace(/…$/, ''))).toBe(true);
  });
});

test('on PostgreSQL, a restarted process (or another replica) answers a follow-up to an answer it never gave', async () => {
  const { storage: first, env } = await storageOn('postgres');
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.stop());
  const a = await bot(first, fake);
  const answer = await ask(a, { question: 'how many datasets does NeoRL-2 contain?' });
  await a.adapter.stop();

  const { storage: second } = await storageOn('postgres', env);
  const { core, asked } = recordingCore();
  const b = await bot(second, fake, core);
  const stored = fake.channelMessages(FAKE_CHANNEL_ID).find((m) => m.id === answer.id)!;
  const who = await followUp(b, stored, 'who wrote it?');
  expect(asked).toEqual([{ question: 'who wrote it?', context: ['2503.19267'] }]);
  expect(embedOf(who).description).toContain('Songyi Gao');
});
