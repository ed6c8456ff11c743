/**
 * `ask` with a model configured, end to end through the command layer: the real openai client against
 * the local fake server, scripted per test, on the bundled listing. Every way the model can go wrong
 * still ends in an answer: the checked part of its reply, or the quoted answer and a log line.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { findCommand, type CommandResult } from '../../commands/index.js';
import { Library } from '../../src/library.js';
import { answererFromSettings, createModelAnswerer, probeModel, type ModelAnswerer } from '../../src/llm/answerer.js';
import { createChatModel } from '../../src/llm/client.js';
import type { AskResult } from '../../src/results.js';
import { answerJson, FAKE_MODEL, FakeOpenAi, REFUSAL_JSON, type FakeReply } from '../fakes/openai.js';
import { memoryLogger } from '../slack/harness.js';

const QUESTION = 'how many datasets does NeoRL-2 contain?';
const NEORL2_TITLE = 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios';
const FAITHFUL = [
  { text: 'NeoRL-2 consists of 7 datasets from 7 simulated tasks, each with its evaluation simulator.', passages: [1] },
  { text: 'Current offline RL methods often struggle to outperform the data-collection behavior policy on it.', passages: [1] },
];

let library: Library;
let fake: FakeOpenAi;
let logs: string[];
let answerer: ModelAnswerer;

beforeAll(async () => {
  library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
});

async function start(timeoutMs = 3_000): Promise<void> {
  fake = await FakeOpenAi.start();
  logs = [];
  const model = createChatModel({ baseUrl: fake.baseUrl, model: FAKE_MODEL, timeoutMs, maxTokens: 400 });
  answerer = createModelAnswerer({ model, logger: memoryLogger(logs, 'info') });
}

afterEach(async () => {
  await fake?.stop();
});

async function ask(question = QUESTION, withAnswerer: ModelAnswerer | null = answerer): Promise<AskResult> {
  const command = findCommand('ask')!;
  const outcome: CommandResult = await command.run({ question }, { core: library, caller: { platform: 'console' }, ...(withAnswerer ? { answerer: withAnswerer } : {}) });
  if (outcome.kind !== 'answer') throw new Error(`expected an answer, got ${outcome.kind}`);
  return outcome.result;
}

const logged = (message: string) => logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === message);

describe('a checked model answer', () => {
  test('faithful paraphrases: a synthesised answer, credited to the model, each sentence with its citations', async () => {
    await start();
    fake.script({ content: answerJson(FAITHFUL) });
    const result = await ask();
    expect(result).toMatchObject({ question: QUESTION, found: true, kind: 'synthesised', model: FAKE_MODEL, nearest: [] });
    expect(result.sentences).toEqual([
      { text: FAITHFUL[0]!.text, citation: 1, citations: [1] },
      { text: FAITHFUL[1]!.text, citation: 1, citations: [1] },
    ]);
    expect(result.citations).toEqual([{ n: 1, id: '2503.19267', title: NEORL2_TITLE, url: expect.stringMatching(/^https:\/\//) }]);
    expect(result.answer).toBe(`${FAITHFUL[0]!.text} [1] ${FAITHFUL[1]!.text} [1]`);

    // What the model was given: the question and the quoted sentence with its neighbours, as data.
    const user = JSON.parse((fake.completions[0]!.body.messages as Array<{ content: string }>)[1]!.content) as {
      question: string;
      passages: Array<{ n: number; paper: string; text: string }>;
    };
    expect(user.question).toBe(QUESTION);
    expect(user.passages).toHaveLength(1);
    expect(user.passages[0]).toMatchObject({ n: 1, paper: NEORL2_TITLE });
    expect(user.passages[0]!.text).toContain('which consists of 7 datasets from 7 simulated tasks');
    expect(user.passages[0]!.text).toContain('These challenges are underrepresented');
  });

  test('a changed number is dropped and logged; the sentences that pass remain', async () => {
    await start();
    fake.script({ content: answerJson([...FAITHFUL, { text: 'NeoRL-2 consists of 9 datasets from 7 simulated tasks.', passages: [1] }]) });
    const result = await ask();
    expect(result.kind).toBe('synthesised');
    expect(result.sentences.map((s) => s.text)).toEqual(FAITHFUL.map((s) => s.text));
    const dropped = logged('llm: sentences dropped by the check')[0]!.dropped as Array<{ text: string; why: string[] }>;
    expect(dropped).toEqual([{ text: 'NeoRL-2 consists of 9 datasets from 7 simulated tasks.', why: ['number: 9 is not in the cited passages'] }]);
  });

  test('a name from no passage, a citation to a passage not given, an uncited sentence: too little survives, so the quoted answer', async () => {
    await start();
    fake.script({
      content: answerJson([
        FAITHFUL[0]!,
        { text: 'NeoRL-2 builds its 7 simulated tasks on MuJoCo.', passages: [1] },
        { text: 'NeoRL-2 consists of 7 datasets from 7 simulated tasks.', passages: [4] },
        { text: 'NeoRL-2 consists of 7 datasets from 7 simulated tasks.', passages: [] },
      ]),
    });
    const result = await ask();
    expect(result.kind).toBe('quoted');
    expect(result).toEqual(library.ask(QUESTION));
    const reasons = (logged('llm: sentences dropped by the check')[0]!.dropped as Array<{ why: string[] }>).map((d) => d.why[0]!.split(':')[0]);
    expect(reasons).toEqual(['name', 'unknown_passage', 'uncited']);
    expect(logged('llm: quoted answer used')[0]!.reason).toBe('3 of 4 sentences failed the check');
  });

  test('@everyone, mentions and markdown links never reach the answer; emphasis is removed', async () => {
    await start();
    fake.script({
      content: answerJson([
        { text: '**NeoRL-2** consists of 7 datasets from 7 simulated tasks.', passages: [1] },
        { text: 'Current offline RL methods often struggle to outperform the data-collection behavior policy.', passages: [1] },
        { text: '@everyone NeoRL-2 consists of 7 datasets.', passages: [1] },
        { text: 'See [NeoRL-2](https://evil.example/x) <@123456789012345678>.', passages: [1] },
      ]),
    });
    const result = await ask();
    expect(result.kind).toBe('synthesised');
    expect(result.sentences.map((s) => s.text)).toEqual([
      'NeoRL-2 consists of 7 datasets from 7 simulated tasks.',
      'Current offline RL methods often struggle to outperform the data-collection behavior policy.',
    ]);
    expect(JSON.stringify(result)).not.toMatch(/@everyone|evil\.example|<@|\*\*/);
  });

  test('a refusal gives the quoted answer', async () => {
    await start();
    fake.script({ content: REFUSAL_JSON });
    const result = await ask();
    expect(result).toEqual(library.ask(QUESTION));
    expect(logged('llm: quoted answer used')[0]!.reason).toBe('the model said the passages do not answer the question');
  });

  test('a question the papers do not cover never reaches the model', async () => {
    await start();
    const result = await ask('what is the capital of France?');
    expect(result).toMatchObject({ found: false, kind: 'quoted' });
    expect(fake.completions).toHaveLength(0);
  });

  test('with no model configured, ask is the quoted answer, as before', async () => {
    await start();
    const result = await ask(QUESTION, null);
    expect(result).toEqual(library.ask(QUESTION));
    expect(result.kind).toBe('quoted');
    expect(result.sentences[0]!.citations).toEqual([result.sentences[0]!.citation]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('failures never cost an answer', () => {
  const cases: Array<[string, FakeReply, RegExp]> = [
    ['429 without Retry-After', { status: 429, json: { error: { message: 'Rate limit reached' } } }, /^rate_limited: HTTP 429/],
    ['429 whose Retry-After does not fit', { status: 429, headers: { 'retry-after': '60' } }, /^rate_limited/],
    ['500', { status: 500, json: { error: { message: 'boom' } } }, /^server_error: HTTP 500/],
    ['503', { status: 503 }, /^server_error: HTTP 503/],
    ['a stalled server', { hang: true }, /^timeout: no reply within 1\.5 s/],
    ['a dropped connection', { drop: true }, /^unreachable/],
    ['garbage JSON', { content: '{"answerable": true, "sentences": [{"text": "NeoRL-2 has 7 datasets.", passages: [1]}]}' }, /^malformed reply: not JSON/],
    ['a reply cut short', { content: '{"answerable": true, "sentences": [{"text": "NeoRL-2 has' }, /^malformed reply: no JSON object/],
    ['prose instead of JSON', { content: 'NeoRL-2 has 7 datasets [1].' }, /^malformed reply: no JSON object/],
    ['a reply cut at max tokens', { content: '{"answerable": true, "sentences": [', finishReason: 'length' }, /^malformed reply \(cut at LLM_MAX_TOKENS\)/],
    ['empty content', { content: '' }, /^empty/],
  ];
  test.each(cases)('%s: the quoted answer, and a warning in the log', async (_what, reply, reason) => {
    await start(1_500);
    fake.script(reply);
    const result = await ask();
    expect(result).toEqual(library.ask(QUESTION));
    const warning = logged('llm: no usable model answer; quoted answer used')[0];
    expect(warning?.model).toBe(FAKE_MODEL);
    expect(String(warning?.reason)).toMatch(reason);
  });

  test('429 with a Retry-After that fits: one retry, then the model answer', async () => {
    await start();
    fake.script({ status: 429, headers: { 'retry-after': '1' } }, { content: answerJson(FAITHFUL) });
    expect((await ask()).kind).toBe('synthesised');
    expect(fake.completions).toHaveLength(2);
  });

  test('nothing listens at LLM_BASE_URL', async () => {
    await start();
    const gone = createChatModel({ baseUrl: 'http://127.0.0.1:9/v1', model: FAKE_MODEL, timeoutMs: 2_000, maxTokens: 400 });
    const offline = createModelAnswerer({ model: gone, logger: memoryLogger(logs, 'info') });
    expect(await ask(QUESTION, offline)).toEqual(library.ask(QUESTION));
    expect(String(logged('llm: no usable model answer; quoted answer used')[0]?.reason)).toMatch(/^unreachable: cannot reach http:\/\/127\.0\.0\.1:9\/v1/);
  });
});

describe('the cache', () => {
  test('an identical question on the same papers is answered from the cache, whatever its case and spacing', async () => {
    await start();
    fake.script({ content: answerJson(FAITHFUL) });
    const first = await ask();
    const again = await ask('How many  datasets does NEORL-2 contain?');
    expect(fake.completions).toHaveLength(1);
    expect(again.sentences).toEqual(first.sentences);
    expect(again.question).toBe('How many  datasets does NEORL-2 contain?');
  });

  test('questions asked while the model works share its one reply', async () => {
    await start();
    fake.script({ content: answerJson(FAITHFUL), delayMs: 200 });
    const results = await Promise.all([ask(), ask(), ask()]);
    expect(fake.completions).toHaveLength(1);
    expect(results.map((r) => r.kind)).toEqual(['synthesised', 'synthesised', 'synthesised']);
  });

  test('a failure is not cached: the next identical question asks the model again', async () => {
    await start();
    fake.script({ status: 500 }, { content: answerJson(FAITHFUL) });
    expect((await ask()).kind).toBe('quoted');
    expect((await ask()).kind).toBe('synthesised');
    expect(fake.completions).toHaveLength(2);
  });

  test('a refusal is cached like an answer', async () => {
    await start();
    fake.script({ content: REFUSAL_JSON });
    await ask();
    await ask();
    expect(fake.completions).toHaveLength(1);
  });
});

describe('checking the server at start-up', () => {
  test('probeModel: reachable and listed, reachable but not listed, unreachable', async () => {
    await start();
    const chat = (name: string, baseUrl = fake.baseUrl) => createChatModel({ baseUrl, model: name, timeoutMs: 2_000, maxTokens: 400 });
    expect(await probeModel(chat(FAKE_MODEL))).toEqual({ reachable: true, listed: true, models: [FAKE_MODEL, 'other-model'] });
    expect(await probeModel(chat('llama3.1:70b'))).toMatchObject({ reachable: true, listed: false });
    expect(await probeModel(chat(FAKE_MODEL, 'http://127.0.0.1:9/v1'))).toMatchObject({ reachable: false, problem: expect.stringMatching(/^unreachable/) });
  });

  test('a misnamed model is reported in the log at start, without delaying it; answers still work', async () => {
    await start();
    const lines: string[] = [];
    const settings = { baseUrl: fake.baseUrl, model: 'llama3:8b', apiKey: 'sk-secret-probe', timeoutMs: 2_000, maxTokens: 400 };
    const started = answererFromSettings(settings, memoryLogger(lines, 'info'), { probe: true })!;
    expect(started.model).toBe('llama3:8b');
    const warn = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'llm: the server does not list LLM_MODEL; check the name');
    await expect.poll(warn).toMatchObject({ model: 'llama3:8b', server: `${fake.baseUrl}`, served: [FAKE_MODEL, 'other-model'] });
    expect(lines.join('\n')).not.toContain('sk-secret-probe');
  });
});
