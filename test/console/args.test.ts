import { expect, test } from 'vitest';
import { findCommand } from '../../commands/index.js';
import { commandOptions, parseArgs, tokenize } from '../../adapters/console/args.js';
import { emphasize, ansi, formatAuthors, plain } from '../../adapters/console/render.js';

test('quotes group words; an apostrophe inside a word is just a character', () => {
  expect(tokenize(`search "diffusion policy" --author 'Le Cun'`)).toEqual(['search', 'diffusion policy', '--author', 'Le Cun']);
  expect(tokenize("ask what's RT-H?")).toEqual(['ask', "what's", 'RT-H?']);
  expect(tokenize('show "unclosed')).toEqual(['show', '"unclosed']);
  expect(tokenize('search “curly quotes” x')).toEqual(['search', 'curly quotes', 'x']);
  expect(tokenize('  ')).toEqual([]);
});

test('options take the next word or =value; flags take none; -- ends options', () => {
  const parsed = parseArgs(['search', 'a', '--limit', '3', '--json', '--since=2025-01-01', 'b', '--', '--not-an-option'], { flags: new Set(['json']) });
  expect(parsed.words).toEqual(['search', 'a', 'b', '--not-an-option']);
  expect(Object.fromEntries(parsed.options)).toEqual({ limit: ['3'], since: ['2025-01-01'] });
  expect([...parsed.flags]).toEqual(['json']);
  expect(() => parseArgs(['search', 'x', '--limit'])).toThrow('option --limit needs a value');
  expect(() => parseArgs(['search', '--limit', '--json'], { flags: new Set(['json']) })).toThrow('option --limit needs a value');
});

test('positional words fill the positional option; unknown options list the valid ones', () => {
  const search = findCommand('search');
  const stats = findCommand('stats');
  if (!search || !stats) throw new Error('commands missing');
  expect(commandOptions(search, ['offline', 'RL'], new Map([['limit', ['2', '3']]]))).toEqual({ query: 'offline RL', limit: '3' });
  expect(() => commandOptions(search, ['x'], new Map([['lmit', ['2']]]))).toThrow(
    'search: unknown option --lmit (valid options: --query, --limit, --offset, --since, --until, --author)',
  );
  expect(() => commandOptions(stats, ['x'], new Map())).toThrow('stats: takes no text');
  expect(() => commandOptions(search, ['x'], new Map([['query', ['y']]]))).toThrow('either as text or as --query');
});

test('three authors are listed, a fourth becomes et al.', () => {
  expect(formatAuthors(['A', 'B', 'C'])).toBe('A, B, C');
  expect(formatAuthors(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
  expect(formatAuthors([])).toBe('');
});

test('matched terms are bold only with the terminal style', () => {
  const spans = [{ start: 0, end: 7 }, { start: 12, end: 16 }];
  expect(emphasize('offline RL: data', spans, plain)).toBe('offline RL: data');
  expect(emphasize('offline RL: data', spans, ansi)).toBe('\u001b[1moffline\u001b[22m RL: \u001b[1mdata\u001b[22m');
});
