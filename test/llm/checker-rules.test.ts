/**
 * The checker's rules for changes of meaning that keep the passage's words: opposites said of the
 * same thing, negations written another way, number words in compounds, figures moved within a list
 * or a change reversed, and roles traded between two places. Each rule is pinned by a sentence it
 * drops and a faithful one it keeps, on passages written for these tests in the style of abstracts.
 */
import { describe, expect, test } from 'vitest';
import { antonymsOf, areAntonyms } from '../../src/llm/check/antonyms.js';
import { checkSentence } from '../../src/llm/checker.js';
import type { Passages } from '../../src/llm/passages.js';

function evidenceOf(...texts: string[]): Passages {
  const passages = texts.map((text, i) => ({ n: i + 1, paperId: `2601.0000${i + 1}`, title: `Test paper ${i + 1}`, url: `https://arxiv.org/abs/2601.0000${i + 1}`, text }));
  return { passages, papers: new Map(passages.map((p) => [p.paperId, `${p.title}\n${p.text}`])) };
}

function verdict(evidence: Passages, text: string) {
  return checkSentence({ text, passages: [1] }, evidence);
}

function expectKept(evidence: Passages, text: string) {
  expect(verdict(evidence, text).details).toEqual([]);
}

function expectDropped(evidence: Passages, text: string, reason: string) {
  const v = verdict(evidence, text);
  expect(v.kept).toBe(false);
  expect(v.reasons).toContain(reason);
}

describe('WordNet antonyms', () => {
  test('head words, their satellites and inflected forms are opposites', () => {
    expect(areAntonyms('well', 'poorly')).toBe(true);
    expect(areAntonyms('verbose', 'concise')).toBe(true);
    expect(areAntonyms('largest', 'smaller')).toBe(true);
    expect(areAntonyms('increases', 'decreased')).toBe(true);
    expect(areAntonyms('highly', 'low')).toBe(true);
  });

  test('synonyms and unrelated words are not', () => {
    expect(areAntonyms('large', 'big')).toBe(false);
    expect(areAntonyms('fast', 'fast')).toBe(false);
    expect(antonymsOf('transformer').size).toBe(0);
  });
});

describe('an opposite said of the same thing', () => {
  const evidence = evidenceOf(
    'Sparse autoencoders are widely used to interpret language models. However, how their features arise during training remains poorly understood. ' +
      'Our pruning method yields more concise reasoning traces with less redundant self-verification, and it lowers the risk of reward hacking.',
  );

  test.each([
    ['an antonym from WordNet', 'How the features of sparse autoencoders arise during training is well understood.'],
    ['a satellite of the opposite head', 'The pruning method yields more verbose reasoning traces.'],
    ['an up word where the passage says down of the same thing', 'The pruning method raises the risk of reward hacking.'],
    ['a comparative reversed', 'The pruning method yields reasoning traces with more redundant self-verification.'],
  ])('%s is dropped', (_what, text) => expectDropped(evidence, text, 'direction'));

  test.each([
    'How features of sparse autoencoders arise during training is still poorly understood.',
    'The pruning method reduces the risk of reward hacking and gives more concise reasoning traces.',
  ])('a paraphrase with the same direction is kept: %s', (text) => expectKept(evidence, text));

  test('a sentence that says both of the same thing, as its source does, is kept', () => {
    const ranking = evidenceOf('Frontier LLMs perform the best (61.2%) while specialised provers perform the worst (22.5%).');
    expectKept(ranking, 'Frontier LLMs perform best at 61.2%, while specialised provers perform worst at 22.5%.');
  });
});

describe('negations written another way', () => {
  const evidence = evidenceOf(
    'Aligning the two encoders within one latent space is non-trivial, because they are trained on mismatched objectives. ' +
      'We challenge the assumption that larger vision encoders are required for fine-grained recognition.',
  );

  test('"trivial" where the passage says "non-trivial" is dropped', () => {
    expectDropped(evidence, 'Aligning the two encoders within one latent space is trivial.', 'negation');
  });

  test('a claim the passage challenges is dropped', () => {
    expectDropped(evidence, 'Larger vision encoders are required for fine-grained recognition.', 'negation');
  });

  test('the negation restated is kept', () => {
    expectKept(evidence, 'Aligning the two encoders in one latent space is not trivial because of their mismatched objectives.');
  });
});

describe('number words in compounds and dimensions', () => {
  const evidence = evidenceOf(
    'The planner adopts a two-stage curriculum: the first stage learns from 3D scene graphs and the second refines the policy with 2D image features.',
  );

  test('"three-stage" where the passage says "two-stage" is dropped', () => {
    expectDropped(evidence, 'The planner adopts a three-stage curriculum.', 'number');
  });

  test('"2D scene graphs" where the passage has 3D scene graphs and 2D image features is dropped', () => {
    expectDropped(evidence, 'The first stage of the planner learns from 2D scene graphs.', 'number');
  });

  test('the same compound and dimension are kept', () => {
    expectKept(evidence, 'The planner uses a two-stage curriculum whose first stage learns from 3D scene graphs.');
  });
});

describe('figures moved within a list or a change reversed', () => {
  const evidence = evidenceOf(
    'On ALFWorld, the success rate of the planner rises from 42% to 77%, while the reflexive agent improves from 63% to 77%. ' +
      'Across three backbones, the method gains +3.1 on Mistral-7B, +1.4 on Gemma-2B and +2.2 on Phi-3. ' +
      'For the Falcon-40B and Yi-34B models, memory use falls by 38.5% and 41.2%, respectively.',
  );

  test.each([
    ['two figures of different items joined into one change', 'On ALFWorld, the success rate of the planner rises from 42% to 63%.'],
    ['a change told backwards', 'On ALFWorld, the success rate of the planner drops from 77% to 42%.'],
    ['a figure given to the neighbouring item of a list', 'The method gains +3.1 on Gemma-2B.'],
    ['a figure given to the other item of "respectively"', 'Memory use of Yi-34B falls by 38.5%.'],
  ])('%s is dropped', (_what, text) => expectDropped(evidence, text, 'number'));

  test.each([
    'The reflexive agent improves from 63% to 77% on ALFWorld.',
    'The method gains +1.4 on Gemma-2B and +2.2 on Phi-3.',
    'Memory use falls by 41.2% for Yi-34B.',
    'Across three backbones, the method gains +3.1 on Mistral-7B.',
  ])('a figure kept with its own item is kept: %s', (text) => expectKept(evidence, text));
});

describe('roles traded between two places', () => {
  const evidence = evidenceOf(
    'The toolkit has two parts: TraceGen, which records execution traces of the agent, and TraceLens, which uses these traces to locate the faulty step. ' +
      'While short tasks can be solved by greedy decoding, long tasks with branching subgoals remain a challenge for current agents.',
  );

  test('two names that traded places are dropped', () => {
    expectDropped(evidence, 'TraceLens records execution traces of the agent, and TraceGen locates the faulty step.', 'swap');
  });

  test('two clauses that traded what they say are dropped', () => {
    expectDropped(evidence, 'Short tasks remain a challenge for current agents, while long tasks can be solved by greedy decoding.', 'swap');
  });

  test.each([
    'TraceGen records execution traces of the agent, and TraceLens uses them to locate the faulty step.',
    'Long tasks with branching subgoals remain a challenge for current agents, while short tasks can be solved by greedy decoding.',
    'For current agents, long tasks with branching subgoals remain a challenge.',
  ])('the roles kept in place are kept: %s', (text) => expectKept(evidence, text));

  test('a compound turned into a clause is no swap', () => {
    const compound = evidenceOf('We present a trace-based fault localization toolkit for LLM agents.');
    expectKept(compound, 'The toolkit localizes faults in LLM agents from traces.');
  });
});
