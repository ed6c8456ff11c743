/**
 * How each renderer shows a model answer: which kind it is and by which model, every citation of a
 * sentence, the sources with links, and model text escaped like paper text (the checker drops
 * markup, and the renderers would neutralise whatever got past it).
 */
import { describe, expect, test } from 'vitest';
import { renderAnswer as consoleAnswer, plain } from '../../adapters/console/render.js';
import { renderAnswer as discordAnswer, LIMITS } from '../../adapters/discord/render.js';
import { renderAnswer as slackAnswer } from '../../adapters/slack/render.js';
import type { AskResult } from '../../src/results.js';
import { blockKitViolations } from '../fakes/slack.js';

const synthesised: AskResult = {
  question: 'how does PRDC differ from NeoRL-2?',
  outcome: 'answered',
  found: true,
  kind: 'synthesised',
  model: 'llama3.1:8b',
  answerType: 'general',
  answer: 'PRDC restricts the policy *with* <@U123> the nearest sample. [1] NeoRL-2 is a benchmark of 7 datasets. [2, 1]',
  sentences: [
    { text: 'PRDC restricts the policy *with* <@U123> the nearest sample.', citation: 1, citations: [1] },
    { text: 'NeoRL-2 is a benchmark of 7 datasets.', citation: 2, citations: [2, 1] },
  ],
  citations: [
    { n: 1, id: '2306.06569', title: 'Policy Regularization with Dataset Constraint for Offline Reinforcement Learning', url: 'https://github.com/LAMDA-RL/PRDC' },
    { n: 2, id: '2503.19267', title: 'NeoRL-2: Near Real-World Benchmarks', url: 'https://arxiv.org/abs/2503.19267' },
  ],
  nearest: [],
};

const quoted: AskResult = { ...synthesised, kind: 'quoted', sentences: synthesised.sentences.map((s) => ({ ...s, citations: [s.citation] })) };
delete quoted.model;

describe('Discord', () => {
  test('a synthesised answer: every citation of a sentence, escaped text, the model in the footer, link buttons', () => {
    const { message } = discordAnswer(synthesised);
    const embed = message.embeds[0]!;
    expect(embed.description).toContain('PRDC restricts the policy \\*with\\* \\<@U123\\> the nearest sample. **[1]**');
    expect(embed.description).toContain('NeoRL-2 is a benchmark of 7 datasets. **[2, 1]**');
    expect(embed.description).toContain('**[2]** [NeoRL-2: Near Real-World Benchmarks](https://arxiv.org/abs/2503.19267)');
    expect(embed.footer?.text).toBe('Written by llama3.1:8b from the abstracts; each sentence was checked against the sources it cites [n].');
    expect(message.components.flatMap((row) => row.components).map((b) => ('url' in b ? b.url : undefined))).toEqual([
      'https://github.com/LAMDA-RL/PRDC',
      'https://arxiv.org/abs/2503.19267',
    ]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  test('a quoted answer says so; a very long model name stays within the footer', () => {
    expect(discordAnswer(quoted).message.embeds[0]!.footer?.text).toBe('Quoted from the paper abstracts; [n] is the source.');
    const long = discordAnswer({ ...synthesised, model: `org/${'m'.repeat(3000)}` }).message.embeds[0]!;
    expect(long.footer!.text.length).toBeLessThanOrEqual(LIMITS.footer);
    expect(long.footer!.text).toMatch(/^Written by org\/m+…/);
  });
});

describe('Slack', () => {
  test('a synthesised answer: every citation, mrkdwn-escaped text, the model in the context line, valid blocks', () => {
    const message = slackAnswer(synthesised);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('PRDC restricts the policy *with* &lt;@U123&gt; the nearest sample. [1]');
    expect(json).toContain('NeoRL-2 is a benchmark of 7 datasets. [2, 1]');
    expect(json).toContain('<https://arxiv.org/abs/2503.19267|NeoRL-2: Near Real-World Benchmarks>');
    expect(json).toContain('Written by llama3.1:8b from the paper abstracts; each sentence was checked against the sources it cites [n].');
    expect(message.text).not.toMatch(/<@/);
    expect(blockKitViolations(message.blocks)).toEqual([]);
  });

  test('a quoted answer says so', () => {
    expect(JSON.stringify(slackAnswer(quoted).blocks)).toContain('Quoted from the paper abstracts; [n] points to the source.');
  });
});

describe('console', () => {
  test('the answer, the sources, and how it was made', () => {
    const text = consoleAnswer(synthesised, plain);
    expect(text).toContain('NeoRL-2 is a benchmark of 7 datasets. [2, 1]');
    expect(text).toContain('  [2] NeoRL-2: Near Real-World Benchmarks\n      https://arxiv.org/abs/2503.19267');
    expect(text.split('\n').at(-1)).toBe('(Written by llama3.1:8b from the abstracts; each sentence checked against the sources it cites.)');
    expect(consoleAnswer(quoted, plain).split('\n').at(-1)).toBe('(Quoted from the abstracts.)');
  });
});
