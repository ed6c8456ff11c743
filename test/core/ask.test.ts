import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import { NOT_COVERED } from '../../src/answer/ask.js';
import { SEED_QUESTIONS, UNCOVERED_QUESTIONS } from '../../bench/questions.js';
import { seedLibrary } from './seed.js';

const lib = await seedLibrary();

describe('ask on the seed listing', () => {
  test.each(SEED_QUESTIONS)('$question', ({ question, paper, phrase }) => {
    const result = lib.ask(question);
    expect(result.found).toBe(true);
    expect(result.citations[0]?.title.toLowerCase().startsWith(paper!.toLowerCase())).toBe(true);
    expect(result.answer.toLowerCase()).toContain(phrase!.toLowerCase());
    expect(result.answer.length).toBeLessThanOrEqual(600);
  });

  test.each(UNCOVERED_QUESTIONS)('not covered: $question', ({ question }) => {
    const result = lib.ask(question);
    expect(result.found).toBe(false);
    expect(result.answer).toBe(NOT_COVERED);
    expect(result.citations).toEqual([]);
  });

  test('every answer sentence is copied from the cited abstract and numbered', () => {
    const result = lib.ask('how many datasets does NeoRL-2 contain?');
    for (const sentence of result.sentences) {
      const cited = result.citations.find((c) => c.n === sentence.citation)!;
      const abstract = lib.getPaper(cited.id)!.abstract;
      expect(abstract).toContain(sentence.text.replace(/^…|…$/g, ''));
      expect(result.answer).toContain(`${sentence.text} [${sentence.citation}]`);
    }
    expect(result.citations[0]).toMatchObject({ n: 1, id: '2503.19267', url: 'https://arxiv.org/abs/2503.19267' });
  });

  test('"how many" is answered by a number of the asked thing, or not at all', () => {
    expect(lib.ask('how many apps were studied in the Google Play paper?').answer).toContain('60 such apps');
    // No listed paper mentions GPUs: at most the closest match, saying so, and never an answer.
    const gpus = lib.ask('how many GPUs were used to train NeoRL-2?');
    expect(gpus.outcome).not.toBe('answered');
    expect(gpus.hedge).toMatch(/^No listed paper mentions GPUs\. Closest: “NeoRL-2/);
  });

  test('"who wrote" is not answered for a paper listed without authors, but points at the paper', () => {
    const result = lib.ask('who wrote PRDC?');
    expect(result.found).toBe(false);
    expect(result.nearest[0]?.title).toMatch(/^Policy Regularization with Dataset Constraint/);
  });

  test('"who wrote" is answered from the authors the sidecar gives a listed paper', () => {
    const result = lib.ask('who wrote NeoRL-2?');
    expect(result.found).toBe(true);
    expect(result.answer).toContain('Songyi Gao, Zuolin Tu, Rong-Jun Qin');
    expect(result.citations[0]?.id).toBe('2503.19267');
  });

  test('a question is not stretched over a paper that only shares its common words', () => {
    expect(lib.ask('what is the best programming language?').found).toBe(false);
    expect(lib.ask('what is the stock price of Apple?').found).toBe(false);
  });

  test('a question without any content word is not answered', () => {
    expect(lib.ask('what is it?').found).toBe(false);
  });
});

describe('ask on a feed with authors (Hugging Face fixture)', async () => {
  const feed = await Library.open({ corpus: [path.resolve(import.meta.dirname, '../fixtures/hf-daily-papers.json')], cacheDir: null });

  test('"who wrote" names the authors of the paper asked about', () => {
    const result = feed.ask('who wrote the Ovis-U1 technical report?');
    expect(result.found).toBe(true);
    expect(result.answer).toContain('Guo-Hua Wang');
    expect(result.citations[0]?.title).toBe('Ovis-U1 Technical Report');
  });
});
