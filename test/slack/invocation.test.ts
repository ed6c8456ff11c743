// How Slack text becomes a command: mention stripping, Slack markup, the first word, flags.
import { describe, expect, test } from 'vitest';
import { parseInvocation, plainText } from '../../adapters/slack/invocation.js';
import { withProgress } from '../../adapters/slack/progress.js';
import { RecentKeys } from '../../adapters/slack/recent.js';

describe('plainText', () => {
  test("drops the bot's own mention and turns Slack markup into what the user saw", () => {
    expect(plainText('<@UBOT> search <https://x.org|this> &amp; &lt;that&gt; <@U1|bob> <!here> <#C1|general>', 'UBOT')).toBe(
      'search this & <that> @bob @here #general',
    );
    expect(plainText('hey <@UBOT>   what is   PRDC?', 'UBOT')).toBe('hey what is PRDC?');
  });
});

describe('parseInvocation', () => {
  test('the first word picks the command; its positional option takes the rest', () => {
    const { command, raw } = parseInvocation('Search diffusion policy');
    expect(command.name).toBe('search');
    expect(raw).toEqual({ query: 'diffusion policy' });
  });

  test('--flags fill the other options, with =, straight or curly quotes', () => {
    expect(parseInvocation('search offline RL --limit 3 --author="Ada Lovelace" --since 2025-01-01').raw).toEqual({
      query: 'offline RL',
      limit: '3',
      author: 'Ada Lovelace',
      since: '2025-01-01',
    });
    expect(parseInvocation('highlights --topic “reinforcement learning” --limit 2').raw).toEqual({
      topic: 'reinforcement learning',
      limit: '2',
    });
  });

  test('quotes around the whole positional text only group it', () => {
    expect(parseInvocation('highlights "reinforcement learning" --limit 2').raw).toEqual({ topic: 'reinforcement learning', limit: '2' });
    expect(parseInvocation('search "diffusion" policy').raw).toEqual({ query: '"diffusion" policy' });
  });

  test('text that does not start with a command is a question, taken whole', () => {
    const { command, raw } = parseInvocation('what does PRDC stand for? --limit 3');
    expect(command.name).toBe('ask');
    expect(raw).toEqual({ question: 'what does PRDC stand for? --limit 3' });
  });

  test('nothing at all asks for help', () => {
    expect(parseInvocation('  ').command.name).toBe('help');
  });

  test('text after a command that takes none is an error, not silently ignored', () => {
    expect(() => parseInvocation('stats please')).toThrow('stats takes no text, but got "please"');
  });
});

describe('RecentKeys', () => {
  test('a key is new once within the TTL, and new again after it', () => {
    let now = 0;
    const keys = new RecentKeys(1000, () => now);
    expect(keys.firstTime('Ev1')).toBe(true);
    expect(keys.firstTime('Ev1')).toBe(false);
    now = 999;
    expect(keys.firstTime('Ev1')).toBe(false);
    now = 1001;
    expect(keys.firstTime('Ev1')).toBe(true);
  });
});

describe('withProgress', () => {
  test('slow work shows progress after the delay and hides it when done; quick work shows nothing', async () => {
    const seen: string[] = [];
    const indicator = { show: async () => void seen.push('show'), hide: async () => void seen.push('hide') };
    const slow = await withProgress(() => new Promise<string>((r) => setTimeout(() => r('done'), 60)), 10, indicator);
    expect(slow).toBe('done');
    expect(seen).toEqual(['show', 'hide']);
    seen.length = 0;
    await withProgress(async () => 'quick', 50, indicator);
    expect(seen).toEqual([]);
  });

  test('progress is hidden even when the work fails', async () => {
    const seen: string[] = [];
    const indicator = { show: async () => void seen.push('show'), hide: async () => void seen.push('hide') };
    await expect(withProgress(async () => Promise.reject(new Error('boom')), 0, indicator)).rejects.toThrow('boom');
    expect(seen).toEqual(['show', 'hide']);
  });
});
