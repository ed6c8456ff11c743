/**
 * The built `paperbot` binary with LLM_* in its environment, as an operator would try it: `ask
 * --json` against the fake model server, the quoted fallback, and configuration mistakes.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { runBin } from '../cli/run-bin.js';
import { answerJson, FAKE_MODEL, FakeOpenAi } from '../fakes/openai.js';

/** Each test starts the binary, which loads the listing: slow on a busy machine, so waits are generous. */
const PROCESS_TIMEOUT = 60_000;

const SECRET = 'sk-test-0000-never-printed';
const QUESTION = 'how many datasets does NeoRL-2 contain?';

let fake: FakeOpenAi;

afterEach(async () => {
  await fake?.stop();
});

function env(): Record<string, string> {
  return { LLM_BASE_URL: fake.baseUrl, LLM_MODEL: FAKE_MODEL, LLM_API_KEY: SECRET, LLM_TIMEOUT_SECONDS: '5' };
}

describe('paperbot ask --json with a model configured', () => {
  test('the JSON says the kind, the model and each sentence\'s citations; the key is sent, never printed', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ content: answerJson([{ text: 'NeoRL-2 consists of 7 datasets from 7 simulated tasks.', passages: [1] }]) });
    const run = await runBin(['ask', QUESTION, '--json'], { env: env() });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      found: true,
      kind: 'synthesised',
      model: FAKE_MODEL,
      answer: 'NeoRL-2 consists of 7 datasets from 7 simulated tasks. [1]',
      sentences: [{ text: 'NeoRL-2 consists of 7 datasets from 7 simulated tasks.', citation: 1, citations: [1] }],
      citations: [{ n: 1, id: '2503.19267' }],
    });
    expect(fake.completions[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, PROCESS_TIMEOUT);

  test('a failing model: the quoted answer on stdout, one warning on stderr', async () => {
    fake = await FakeOpenAi.start();
    fake.script({ status: 500, json: { error: { message: 'model crashed' } } });
    const run = await runBin(['ask', QUESTION, '--json'], { env: env() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ found: true, kind: 'quoted' });
    const warnings = run.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'llm: no usable model answer; quoted answer used', model: FAKE_MODEL })]);
    expect(String(warnings[0]!.reason)).toMatch(/^server_error: HTTP 500/);
    expect(run.stderr).not.toContain(SECRET);
  }, PROCESS_TIMEOUT);

  test('a half-configured model is a configuration error naming the variable', async () => {
    fake = await FakeOpenAi.start();
    const run = await runBin(['ask', QUESTION, '--json'], { env: { LLM_BASE_URL: fake.baseUrl } });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: { code: 'config_error', message: expect.stringMatching(/^configuration: LLM_MODEL: required when LLM_BASE_URL/) },
    });
    expect(fake.requests).toHaveLength(0);
  }, PROCESS_TIMEOUT);
});
