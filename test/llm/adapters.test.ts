/**
 * Model answers through the real adapters: real discord.js and real Bolt against their local fakes,
 * the real openai client against the fake model server. What a user sees: the kind of answer and
 * the model, numbered citations and links, nothing the model wrote that could ping or link, and the
 * usual "working on it" signs while the model thinks.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import { createModelAnswerer, type ModelAnswerer } from '../../src/llm/answerer.js';
import { createChatModel } from '../../src/llm/client.js';
import { seedLibrary, startHarness, type Harness } from '../discord/harness.js';
import { answerJson, FAKE_MODEL, FakeOpenAi } from '../fakes/openai.js';
import { eventEnvelope, mentionEvent, sendEvent, sendSlashCommand } from '../fakes/slack.js';
import { memoryLogger, startSlackUnderTest, type SlackUnderTest } from '../slack/harness.js';

const QUESTION = 'how many datasets does NeoRL-2 contain?';
const REPLY = answerJson([
  { text: 'NeoRL-2 consists of 7 datasets from 7 simulated tasks, each with its evaluation simulator.', passages: [1] },
  { text: 'Current offline RL methods often struggle to outperform the data-collection behavior policy.', passages: [1] },
  { text: '@everyone NeoRL-2 has 7 datasets, see [here](https://evil.example/x).', passages: [1] },
]);

let library: Library;
let model: FakeOpenAi;
let discord: Harness | undefined;
let slack: SlackUnderTest | undefined;

beforeAll(async () => {
  library = await seedLibrary();
});

afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
  await model?.stop();
  discord = undefined;
  slack = undefined;
});

async function answerer(): Promise<ModelAnswerer> {
  model = await FakeOpenAi.start();
  const chat = createChatModel({ baseUrl: model.baseUrl, model: FAKE_MODEL, timeoutMs: 3_000, maxTokens: 400 });
  return createModelAnswerer({ model: chat, logger: memoryLogger([], 'info') });
}

describe('Discord', () => {
  test('/paper ask: deferred before the model is asked, then a checked answer credited to the model', async () => {
    discord = await startHarness(library, { answerer: await answerer() });
    const fake = discord.fake;
    let deferredFirst = false;
    const interaction = fake.sendCommand('ask', { question: QUESTION });
    model.respondWith(() => {
      deferredFirst = fake.callbacksOf(interaction.id).some((c) => c.type === 5);
      return { content: REPLY, delayMs: 300 };
    });
    const edit = await fake.waitForEdit(interaction.token);
    expect(deferredFirst).toBe(true);

    const body = edit.body as { embeds: Array<{ description: string; footer?: { text: string } }>; allowed_mentions: unknown };
    const embed = body.embeds[0]!;
    expect(embed.description).toContain('NeoRL-2 consists of 7 datasets from 7 simulated tasks, each with its evaluation simulator. **[1]**');
    expect(embed.description).toContain('**Sources**\n**[1]** [NeoRL-2: Near Real-World Benchmarks');
    expect(embed.description).not.toMatch(/everyone|evil\.example/);
    expect(embed.footer?.text).toBe(`Written by ${FAKE_MODEL} from the abstracts; each sentence was checked against the sources it cites [n].`);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(fake.rejected).toEqual([]);
  });

  test('a model that fails: the quoted answer says so in its footer', async () => {
    discord = await startHarness(library, { answerer: await answerer() });
    model.script({ status: 500 });
    const interaction = discord.fake.sendCommand('ask', { question: QUESTION });
    const edit = await discord.fake.waitForEdit(interaction.token);
    const embed = (edit.body as { embeds: Array<{ description: string; footer?: { text: string } }> }).embeds[0]!;
    expect(embed.description).toContain('which consists of 7 datasets from 7 simulated tasks');
    expect(embed.footer?.text).toBe('Quoted from the paper abstracts; [n] is the source.');
  });

  test('a mention is answered by the model too', async () => {
    discord = await startHarness(library, { answerer: await answerer() });
    model.script({ content: REPLY });
    const before = discord.fake.channelMessages().length;
    discord.fake.sendUserMessage(QUESTION, { mentionBot: true });
    await discord.fake.waitFor(() => discord!.fake.channelMessages().length > before + 1, 5_000, 'mention reply');
    const reply = discord.fake.channelMessages().at(-1)!;
    const embed = reply.embeds[0] as { footer?: { text: string } };
    expect(embed.footer?.text).toContain(`Written by ${FAKE_MODEL}`);
  });
});

describe('Slack', () => {
  test('a mention: hourglass while the model works, then the checked answer in the thread, escaped', async () => {
    slack = await startSlackUnderTest(library, { answerer: await answerer(), progressDelayMs: 100 });
    model.script({ content: REPLY, delayMs: 600 });
    const event = mentionEvent(QUESTION);
    await sendEvent(slack.url, eventEnvelope(event));
    const fake = slack.fake;
    await fake.waitFor(() => fake.callsTo('reactions.remove').length > 0);
    expect(fake.calls.map((c) => c.method).filter((m) => m !== 'auth.test')).toEqual(['reactions.add', 'chat.postMessage', 'reactions.remove']);

    const post = fake.callsTo('chat.postMessage')[0]!.args;
    expect(post.thread_ts).toBe(event.ts);
    const text = JSON.stringify(post.blocks);
    expect(text).toContain('NeoRL-2 consists of 7 datasets from 7 simulated tasks, each with its evaluation simulator. [1]');
    expect(text).toContain(`Written by ${FAKE_MODEL} from the paper abstracts; each sentence was checked against the sources it cites [n].`);
    expect(text).not.toMatch(/everyone|evil\.example/);
    expect(String(post.text)).not.toMatch(/<!|<@/);
  });

  test('/paper ask answers in the channel from the model', async () => {
    slack = await startSlackUnderTest(library, { answerer: await answerer() });
    model.script({ content: REPLY });
    await sendSlashCommand(slack.url, { text: `ask ${QUESTION}`, response_url: slack.fake.responseUrl() });
    const fake = slack.fake;
    const response = await fake.waitFor(() => fake.responses().find((r) => r.args.response_type === 'in_channel'));
    expect(JSON.stringify(response.args.blocks)).toContain(`Written by ${FAKE_MODEL}`);
  });
});
