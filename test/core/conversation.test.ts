import { describe, expect, test } from 'vitest';
import { PaperbotError } from '../../src/errors.js';
import { seedLibrary } from './seed.js';

const lib = await seedLibrary();
const NEORL2 = '2503.19267';
const first = lib.ask('how many datasets does NeoRL-2 contain?');
const context = first.citations.map((c) => c.id);

describe('a question put to one paper (ask --paper)', () => {
  test('is answered from that paper', () => {
    const result = lib.ask('how many datasets does it contain?', { paper: 'NeoRL-2' });
    expect(result.outcome).toBe('answered');
    expect(result.citations.map((c) => c.id)).toEqual([NEORL2]);
    expect(result.answer).toContain('7 datasets');
  });

  test('says so when its abstract does not answer, and shows the paper', () => {
    const result = lib.ask('how many GPUs were used?', { paper: 'NeoRL-2' });
    expect(result.outcome).toBe('not_covered');
    expect(result.found).toBe(false);
    expect(result.answer).toBe("NeoRL-2's abstract doesn't say that.");
    expect(result.nearest.map((p) => p.id)).toEqual([NEORL2]);
    expect(result.nearest[0]?.snippet.length).toBeGreaterThan(20);
  });

  test('is never answered from another paper, even one that holds the answer', () => {
    const result = lib.ask('what does PRDC stand for?', { paper: 'NeoRL-2' });
    expect(result.citations.every((c) => c.id === NEORL2)).toBe(true);
    expect(result.answer).not.toContain('Policy Regularization with Dataset Constraint');
  });

  test('names the paper by id, link or title as show does; an unknown one is a not-found error with suggestions', () => {
    expect(lib.ask('who wrote it?', { paper: `https://arxiv.org/abs/${NEORL2}` }).answer).toContain('Songyi Gao');
    expect(() => lib.ask('who wrote it?', { paper: 'Zorblax-9' })).toThrow(PaperbotError);
  });

  test('a question that only names the paper gets what it is about', () => {
    const result = lib.ask('tldr', { paper: 'NeoRL-2' });
    expect(result.outcome).toBe('answered');
    expect(result.answer).toMatch(/^NeoRL-2: Near Real-World Benchmarks/);
  });
});

describe('a follow-up question, with the papers of the answer before as context', () => {
  test.each([
    ['who wrote it?', 'Songyi Gao, Zuolin Tu'],
    ['where is the code?', 'https://github.com/polixir/NeoRL2'],
    ['is there a github repo?', 'https://github.com/polixir/NeoRL2'],
  ])('"%s" is answered from the record of the paper before', (question, expected) => {
    const result = lib.ask(question, { context });
    expect(result.outcome).toBe('answered');
    expect(result.citations[0]?.id).toBe(NEORL2);
    expect(result.answer).toContain(expected);
  });

  test('a question that points back stays with the paper, and says when its abstract does not answer', () => {
    const result = lib.ask('how many GPUs did they use?', { context });
    expect(result.outcome).toBe('not_covered');
    expect(result.answer).toBe("NeoRL-2's abstract doesn't say that.");
    expect(result.nearest[0]?.id).toBe(NEORL2);
  });

  test('a question that names another paper is a new question', () => {
    const result = lib.ask('what does PRDC stand for?', { context });
    expect(result.outcome).toBe('answered');
    expect(result.citations[0]?.title).toMatch(/^Policy Regularization with Dataset Constraint/);
  });

  test('a question about another topic the list answers, with nothing that points back, is a new question', () => {
    const result = lib.ask('how does behavior retrieval use unlabeled data?', { context });
    expect(result.outcome).toBe('answered');
    expect(result.citations[0]?.title).toMatch(/^Behavior Retrieval/);
  });

  test('a question naming something none of its papers has is a new question, even a name the list lacks', () => {
    const result = lib.ask('what does PRDX stand for?', { context });
    expect(result.answer).not.toContain("NeoRL-2's abstract");
    expect(result.citations.map((c) => c.id)).not.toContain(NEORL2);
  });

  test('a list question is a new question', () => {
    const result = lib.ask('any papers on diffusion policy?', { context });
    expect(result.answerType).toBe('list');
    expect(result.citations.map((c) => c.id)).not.toContain(NEORL2);
  });

  test('papers no longer listed are left out of the context', () => {
    const result = lib.ask('who wrote it?', { context: ['9999.99999', ...context] });
    expect(result.citations[0]?.id).toBe(NEORL2);
  });
});

describe('links from the record', () => {
  test('"where is the code for NeoRL-2?" gives its links', () => {
    const result = lib.ask('where is the code for NeoRL-2?');
    expect(result.answerType).toBe('links');
    expect(result.answer).toContain('Code: https://github.com/polixir/NeoRL2');
    expect(result.answer).toContain(`Paper: https://arxiv.org/abs/${NEORL2}`);
  });
});
