import { expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';

test('an empty variable, as in a copied .env.example, means its default', () => {
  const config = loadConfig({ LOG_LEVEL: '', PORT: ' ', PAPERS_CORPUS: '', HIGHLIGHTS_CATCHUP_HOURS: '' });
  expect(config.logLevel).toBe('info');
  expect(config.env.PORT).toBe(3000);
  expect(config.corpus[0]).toMatch(/data[\\/]papers-listing\.txt$/);
});

test('a bad value names the variable', () => {
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^configuration: LOG_LEVEL: /);
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^configuration: PORT: expected a port number/);
});

test('no LLM_ variable: no model answers', () => {
  expect(loadConfig({}).llm).toBeUndefined();
  expect(loadConfig({ LLM_BASE_URL: '', LLM_MODEL: ' ', LLM_TIMEOUT_SECONDS: '' }).llm).toBeUndefined();
});

test('a local model: base URL and model, no key; timeout and max tokens have defaults', () => {
  expect(loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3.1:8b' }).llm).toEqual({
    baseUrl: 'http://localhost:11434/v1',
    model: 'llama3.1:8b',
    timeoutMs: 20_000,
    maxTokens: 400,
  });
  expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'm', LLM_TIMEOUT_SECONDS: '2.5', LLM_MAX_TOKENS: '800' }).llm).toMatchObject({
    timeoutMs: 2_500,
    maxTokens: 800,
  });
});

test('OpenAI: a model and a key are enough; the key is required there', () => {
  expect(loadConfig({ LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: 'sk-x' }).llm).toMatchObject({ baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-x' });
  expect(() => loadConfig({ LLM_MODEL: 'gpt-4o-mini' })).toThrow(/^configuration: LLM_API_KEY: required for https:\/\/api\.openai\.com\/v1/);
});

test('bad or half-configured LLM_ variables name the variable', () => {
  expect(() => loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1' })).toThrow(/^configuration: LLM_MODEL: required when LLM_BASE_URL/);
  expect(() => loadConfig({ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' })).toThrow(/^configuration: LLM_BASE_URL: expected the server's OpenAI-compatible base URL/);
  expect(() => loadConfig({ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_TIMEOUT_SECONDS: '0' })).toThrow(/^configuration: LLM_TIMEOUT_SECONDS: must be more than 0/);
  expect(() => loadConfig({ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_MAX_TOKENS: 'lots' })).toThrow(/^configuration: LLM_MAX_TOKENS: expected a whole number/);
});
