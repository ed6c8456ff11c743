import { describe, expect, test } from 'vitest';
import { summarize } from '../../src/text/summarize.js';
import { makeSnippet } from '../../src/search/snippet.js';
import { analyze } from '../../src/text/analyzer.js';
import { splitSentences, truncateWords } from '../../src/text/sentences.js';

describe('analyzer', () => {
  test('keeps acronyms and hyphenated names whole, and their parts', () => {
    expect(analyze('NeoRL-2')).toEqual(['neorl2', 'neorl', '2']);
    expect(analyze('RT-H')).toEqual(['rth', 'rt']);
    expect(analyze('PRDC and DPO')).toEqual(['prdc', 'dpo']);
    expect(analyze("GPT-4o's")).toContain('gpt4o');
  });

  test('stems words, drops stopwords, keeps acronyms that look like stopwords', () => {
    expect(analyze('the policies of learning')).toEqual(['polici', 'learn']);
    expect(analyze('what does DID stand for')).toEqual(['did', 'stand']);
  });

  test('folds accents so names match however they are typed', () => {
    expect(analyze('Schölkopf')).toEqual(analyze('Scholkopf'));
  });
});

describe('sentences', () => {
  test('split at sentence ends, not at abbreviations or decimals', () => {
    expect(splitSentences('We use e.g. PPO. It gains 3.5 points (Fig. 2). Smith et al. agree. Done!').map((s) => s.text)).toEqual([
      'We use e.g. PPO.',
      'It gains 3.5 points (Fig. 2).',
      'Smith et al. agree.',
      'Done!',
    ]);
  });

  test('truncation cuts on a word boundary and marks it', () => {
    expect(truncateWords('one two three four', 12)).toBe('one two…');
    expect(truncateWords('short', 12)).toBe('short');
  });
});

describe('snippet and summary', () => {
  const abstract =
    'Offline reinforcement learning (RL) aims to learn from historical data. We constructed NeoRL-2, which consists of 7 datasets from 7 simulated tasks. Experiments show current methods often fail to beat the behavior policy.';

  test('a snippet centres on the matched words and marks them', () => {
    const { snippet, highlights } = makeSnippet(abstract, new Set(['dataset']), 80);
    expect(snippet.length).toBeLessThanOrEqual(82);
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['datasets']);
  });

  test('a summary is whole sentences, favouring the query', () => {
    const summary = summarize(abstract, { maxSentences: 1, queryTerms: new Set(analyze('datasets')) });
    expect(summary).toBe('We constructed NeoRL-2, which consists of 7 datasets from 7 simulated tasks.');
  });
});
