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
