/**
 * The chat client (the real `openai` package) against the local fake server: what it sends, and how
 * each way a server can fail becomes one classified `LlmFailure`, within LLM_TIMEOUT_SECONDS.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createChatModel, LlmFailure, retryAfterMs, type ChatModel } from '../../src/llm/client.js';
import type { LlmSettings } from '../../src/llm/settings.js';
import { FAKE_MODEL, FakeOpenAi } from '../fakes/openai.js';

const MESSAGES = { system: 'answer in JSON', user: '{"question":"q","passages":[]}' };

let fake: FakeOpenAi;

afterEach(async () => {
  await fake?.stop();
});

function model(overrides: Partial<LlmSettings> = {}): ChatModel {
  return createChatModel({ baseUrl: fake.baseUrl, model: FAKE_MODEL, timeoutMs: 3_000, maxTokens: 300, ...overrides });
}

/** The classified failure a call ends in. */
async function failure(promise: Promise<unknown>): Promise<LlmFailure> {
  await expect(promise).rejects.toBeInstanceOf(LlmFailure);
  return (await promise.catch((error: unknown) => error)) as LlmFailure;
}

describe('requests', () => {
  test('one chat completion: the model, both messages, temperature 0, max_tokens, JSON mode', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ content: '{"answerable": false}' });
    const reply = await model().complete(MESSAGES);
    expect(reply).toEqual({ content: '{"answerable": false}', finishReason: 'stop' });
    const body = fake.completions[0]!.body;
    expect(body).toMatchObject({
      model: FAKE_MODEL,
      temperature: 0,
      max_tokens: 300,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: MESSAGES.system },
        { role: 'user', content: MESSAGES.user },
      ],
    });
    expect(body.stream).toBeUndefined();
  });

  test('LLM_API_KEY goes out as a bearer token; without one, no Authorization header at all', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ content: '{}' }, { content: '{}' });
    await model({ apiKey: 'sk-test-secret' }).complete(MESSAGES);
    await model().complete(MESSAGES);
    expect(fake.completions[0]!.headers.authorization).toBe('Bearer sk-test-secret');
    expect(fake.completions[1]!.headers.authorization).toBeUndefined();
  });

  test('OPENAI_* variables in the environment do not leak into the requests', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ content: '{}' });
    const saved = { ...process.env };
    Object.assign(process.env, { OPENAI_API_KEY: 'sk-from-env', OPENAI_ORG_ID: 'org-env', OPENAI_PROJECT_ID: 'proj-env' });
    try {
      await model().complete(MESSAGES);
    } finally {
      for (const key of ['OPENAI_API_KEY', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID']) if (!(key in saved)) delete process.env[key];
    }
    const headers = fake.completions[0]!.headers;
    expect(headers.authorization).toBeUndefined();
    expect(headers['openai-organization']).toBeUndefined();
    expect(headers['openai-project']).toBeUndefined();
  });

  test('the models the server lists', async () => {
    fake = await FakeOpenAi.start({ models: [FAKE_MODEL, 'llama3.1:8b'] });
    expect(await model().listModels()).toEqual([FAKE_MODEL, 'llama3.1:8b']);
  });
});

describe('failures', () => {
  test('429 with Retry-After that fits in the timeout: one retry after the wait, which succeeds', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'slow down' } } }, { content: '{"ok":1}' });
    const reply = await model().complete(MESSAGES);
    expect(reply.content).toBe('{"ok":1}');
    const [first, second] = fake.completions;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
  });

  test('429 whose Retry-After does not fit in the timeout: no retry, rate_limited at once', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ status: 429, headers: { 'retry-after': '30' } });
    const started = Date.now();
    const error = await failure(model().complete(MESSAGES));
    expect(error.reason).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(fake.completions).toHaveLength(1);
  });

  test('429 twice: the retry is only once', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ status: 429, headers: { 'retry-after-ms': '50' } }, { status: 429, headers: { 'retry-after-ms': '50' } }, { content: '{}' });
    expect((await failure(model().complete(MESSAGES))).reason).toBe('rate_limited');
    expect(fake.completions).toHaveLength(2);
  });

  test('429 without Retry-After, 500 and 502: no retry', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ status: 429 }, { status: 500 }, { status: 502 });
    expect((await failure(model().complete(MESSAGES))).reason).toBe('rate_limited');
    expect((await failure(model().complete(MESSAGES))).reason).toBe('server_error');
    expect((await failure(model().complete(MESSAGES))).reason).toBe('server_error');
    expect(fake.completions).toHaveLength(3);
  });

  test('a server that stalls is given up at the timeout', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ hang: true });
    const started = Date.now();
    const error = await failure(model({ timeoutMs: 400 }).complete(MESSAGES));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a reply slower than the timeout is a timeout too', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ content: '{}', delayMs: 2_000 });
    expect((await failure(model({ timeoutMs: 300 }).complete(MESSAGES))).reason).toBe('timeout');
  });

  test('connection refused and a dropped connection are "unreachable"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    fake = await FakeOpenAi.start();
    const refused = await failure(model({ baseUrl: `http://127.0.0.1:${port}/v1` }).complete(MESSAGES));
    expect(refused.reason).toBe('unreachable');
    expect(refused.message).toContain(`127.0.0.1:${port}`);
    fake.script({ drop: true });
    expect((await failure(model().complete(MESSAGES))).reason).toBe('unreachable');
  });

  test('an unknown model and a bad key are "rejected", with the status', async () => {
    fake = await FakeOpenAi.start();
    const unknown = await failure(model({ model: 'no-such-model' }).complete(MESSAGES));
    expect(unknown).toMatchObject({ reason: 'rejected', status: 404 });
    fake.script({ status: 401, json: { error: { message: 'Incorrect API key provided' } } });
    const bad = await failure(model({ apiKey: 'sk-wrong-secret' }).complete(MESSAGES));
    expect(bad).toMatchObject({ reason: 'rejected', status: 401 });
    expect(bad.message).not.toContain('sk-wrong-secret');
  });

  test('empty content and a body that is not JSON', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ content: '   ' }, { raw: '<html>502 Bad Gateway</html' }, { raw: '{"choices": [' });
    expect((await failure(model().complete(MESSAGES))).reason).toBe('empty');
    expect(['bad_response', 'empty']).toContain((await failure(model().complete(MESSAGES))).reason);
    expect(['bad_response', 'empty']).toContain((await failure(model().complete(MESSAGES))).reason);
  });
});

test('Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2_000);
  expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5_000);
  expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  expect(retryAfterMs(new Headers(), now)).toBeUndefined();
});
