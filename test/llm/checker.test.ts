/**
 * The checker on passages of two real abstracts from the bundled listing (NeoRL-2 and PRDC): what a
 * faithful paraphrase keeps, and each kind of unfaithful sentence it drops, with the reason.
 */
import { describe, expect, test } from 'vitest';
import { checkSentence } from '../../src/llm/checker.js';
import type { Passages } from '../../src/llm/passages.js';

const NEORL2 = {
  id: '2503.19267',
  title: 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios',
  text:
    'To address this, we constructed the extended Near Real-World Offline RL Benchmark (NeoRL-2), which consists of 7 datasets from 7 simulated tasks along with their corresponding evaluation simulators. ' +
    'Benchmarking results from state-of-the-art offline RL approaches demonstrate that current methods often struggle to outperform the data-collection behavior policy, highlighting the need for more effective methods.',
};
const PRDC = {
  id: '2306.06569',
  title: 'Policy Regularization with Dataset Constraint for Offline Reinforcement Learning',
  text:
    'When updating the policy in a given state, PRDC searches the entire dataset for the nearest state-action sample and then restricts the policy with the action of this sample. ' +
    'Unlike previous works, PRDC can guide the policy with proper behaviors from the dataset, allowing it to choose actions that do not appear in the dataset along with the given state.',
};

const evidence: Passages = {
  passages: [
    { n: 1, paperId: NEORL2.id, title: NEORL2.title, url: 'https://arxiv.org/abs/2503.19267', text: NEORL2.text },
    { n: 2, paperId: PRDC.id, title: PRDC.title, url: 'https://github.com/LAMDA-RL/PRDC', text: PRDC.text },
  ],
  papers: new Map([
    [NEORL2.id, `${NEORL2.title}\n${NEORL2.text}`],
    [PRDC.id, `${PRDC.title}\n${PRDC.text}`],
  ]),
};

const check = (text: string, passages: number[]) => checkSentence({ text, passages }, evidence);

describe('kept', () => {
  test.each([
    ['NeoRL-2 consists of 7 datasets from 7 simulated tasks, each with its evaluation simulator.', [1]],
    ['Current offline RL methods often struggle to outperform the data-collection behavior policy on NeoRL-2.', [1]],
    ['PRDC searches the entire dataset for the nearest state-action sample and restricts the policy with its action.', [2]],
    ['PRDC lets the policy choose actions that do not appear in the dataset with the given state.', [2]],
    ['NeoRL-2 has seven datasets, and PRDC restricts the policy with the action of the nearest state-action sample.', [1, 2]],
  ])('%s', (text, passages) => {
    const verdict = check(text, passages);
    expect(verdict.details).toEqual([]);
    expect(verdict.kept).toBe(true);
  });

  test('markdown emphasis and control characters are removed from the text that would be shown', () => {
    const verdict = check('**NeoRL-2** consists of `7` datasets from 7 simulated\u202e tasks.', [1]);
    expect(verdict.kept).toBe(true);
    expect(verdict.text).toBe('NeoRL-2 consists of 7 datasets from 7 simulated tasks.');
  });
});

describe('dropped', () => {
  test.each([
    ['a changed number', 'NeoRL-2 consists of 9 datasets from 7 simulated tasks.', [1], 'number'],
    ['a number in words that is not there', 'NeoRL-2 consists of twelve datasets.', [1], 'number'],
    ['a name from no passage', 'NeoRL-2 builds its 7 simulated tasks on MuJoCo.', [1], 'name'],
    ['an acronym of the other paper, cited to this one', 'NeoRL-2 restricts the policy with PRDC.', [1], 'name'],
    ['the right words credited to the wrong passage', 'PRDC searches the entire dataset for the nearest state-action sample.', [1], 'name'],
    ['a citation to a passage that was not given', 'NeoRL-2 consists of 7 datasets from 7 simulated tasks.', [3], 'unknown_passage'],
    ['no citation', 'NeoRL-2 consists of 7 datasets from 7 simulated tasks.', [], 'uncited'],
    ['an added negation', 'Current methods do not struggle to outperform the data-collection behavior policy.', [1], 'negation'],
    ['a dropped negation', 'PRDC allows the policy to choose actions that appear in the dataset along with the given state.', [2], 'negation'],
    ['a flipped direction word', 'Benchmarking results highlight the need for less effective methods.', [1], 'direction'],
    ['the two sides of a comparison swapped', 'The data-collection behavior policy often struggles to outperform current offline RL methods.', [1], 'swap'],
    ['words the passages do not have', 'NeoRL-2 is the most popular benchmark among industrial practitioners worldwide.', [1], 'overlap'],
  ])('%s', (_what, text, passages, reason) => {
    const verdict = check(text as string, passages as number[]);
    expect(verdict.kept).toBe(false);
    expect(verdict.reasons).toContain(reason);
  });

  test.each([
    ['@everyone NeoRL-2 consists of 7 datasets from 7 simulated tasks.'],
    ['NeoRL-2 consists of 7 datasets from 7 simulated tasks, see @here.'],
    ['NeoRL-2 consists of 7 datasets <@123456789012345678> from 7 simulated tasks.'],
    ['NeoRL-2 consists of 7 datasets from 7 simulated tasks <!channel>.'],
    ['[NeoRL-2](https://evil.example/x) consists of 7 datasets from 7 simulated tasks.'],
    ['NeoRL-2 consists of 7 datasets from 7 simulated tasks (https://github.com/polixir/NeoRL2).'],
    ['NeoRL-2 consists of 7 datasets from 7 simulated tasks, listed at www.neorl.example.org.'],
  ])('a mention or a link: %s', (text) => {
    const verdict = check(text, [1]);
    expect(verdict.kept).toBe(false);
    expect(verdict.reasons).toContain('markup');
  });

  test('a sentence too long for a chat answer', () => {
    const text = `NeoRL-2 consists of 7 datasets from 7 simulated tasks${', along with their corresponding evaluation simulators'.repeat(8)}.`;
    expect(check(text, [1]).reasons).toContain('too_long');
  });
});
