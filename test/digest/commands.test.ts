import { afterEach, describe, expect, test } from 'vitest';
import type { Caller, CommandContext, CommandResult } from '../../commands/command.js';
import { commandsFor, findCommand } from '../../commands/index.js';
import { PaperbotError } from '../../src/errors.js';
import { ManualClock, seedLibrary, startTestHighlights, tempDatabase, testConfig, type RunningHighlights } from './helpers.js';

const running: RunningHighlights[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
});

async function setup(highlightsEnv = '') {
  const clock = new ManualClock('2026-03-28T12:00:00Z');
  const highlights = await startTestHighlights({
    config: testConfig({ DATABASE_PATH: tempDatabase(), HIGHLIGHTS: highlightsEnv }),
    core: await seedLibrary(),
    clock,
  });
  running.push(highlights);
  const core = await seedLibrary();
  const run = async (name: string, raw: Record<string, unknown>, caller: Partial<Caller> = {}): Promise<CommandResult> => {
    const command = findCommand(name, 'discord');
    if (!command) throw new Error(`no command ${name}`);
    const context: CommandContext = {
      core,
      subscriptions: highlights.subscriptions,
      caller: { platform: 'discord', channelId: 'D1', userId: 'U1', canManage: true, ...caller },
    };
    return command.run(raw, context);
  };
  return { highlights, run };
}

async function failure(promise: Promise<unknown>): Promise<PaperbotError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaperbotError);
  return error as PaperbotError;
}

test('subscribe stores the subscription and answers with the next post in the channel\'s zone', async () => {
  const { highlights, run } = await setup();
  const result = await run('subscribe', { time: '9:00', timezone: 'europe/berlin', topic: 'robot learning', count: '3' });
  expect(result).toEqual({
    kind: 'notice',
    result: {
      message:
        'Subscribed: 3 paper highlights on "robot learning" every day at 09:00 (Europe/Berlin). Next post: 2026-03-29 09:00 CEST.',
    },
  });
  expect(await highlights.subscriptions.list('discord', 'D1')).toEqual([
    {
      id: 1,
      platform: 'discord',
      channelId: 'D1',
      time: '09:00',
      timezone: 'Europe/Berlin',
      topic: 'robot learning',
      count: 3,
      origin: 'command',
      nextPostAt: '2026-03-29T07:00:00.000Z',
      nextPostLocal: '2026-03-29 09:00 CEST',
    },
  ]);
  expect(await run('subscriptions', {}, { canManage: false })).toMatchObject({
    kind: 'subscriptions',
    result: { subscriptions: [{ channelId: 'D1', nextPostLocal: '2026-03-29 09:00 CEST' }] },
  });
});

test('defaults: 09:00 UTC, five papers, no topic', async () => {
  const { highlights, run } = await setup();
  await run('subscribe', {});
  expect((await highlights.subscriptions.list('discord'))[0]).toMatchObject({ time: '09:00', timezone: 'UTC', count: 5 });
  expect((await highlights.subscriptions.list('discord'))[0]?.topic).toBeUndefined();
});

test('subscribing again replaces the channel\'s subscription; unsubscribe ends it', async () => {
  const { highlights, run } = await setup();
  await run('subscribe', { time: '08:00' });
  await run('subscribe', { time: '18:30', timezone: 'America/New_York' });
  expect((await highlights.subscriptions.list('discord')).map((s) => [s.time, s.timezone])).toEqual([['18:30', 'America/New_York']]);
  expect(await run('unsubscribe', {})).toEqual({
    kind: 'notice',
    result: { message: 'Unsubscribed: no more daily highlights in this channel.' },
  });
  expect(await run('unsubscribe', {})).toMatchObject({ result: { message: 'This channel has no daily highlights.' } });
  expect(await run('subscriptions', {})).toMatchObject({ kind: 'notice', result: { message: expect.stringContaining('no daily highlights') } });
});

describe('permissions', () => {
  test('subscribe and unsubscribe need manage rights; listing does not', async () => {
    const { highlights, run } = await setup();
    const refused = await failure(run('subscribe', { time: '09:00' }, { canManage: false }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toBe('subscribe: only members who can manage this channel may do this');
    expect(await highlights.subscriptions.list('discord')).toEqual([]);

    await run('subscribe', {});
    expect((await failure(run('unsubscribe', {}, { canManage: undefined }))).code).toBe('forbidden');
    expect(await highlights.subscriptions.list('discord')).toHaveLength(1);
    expect((await run('subscriptions', {}, { canManage: false })).kind).toBe('subscriptions');
  });

  test('the commands are marked for manage rights and served only on Discord and Slack', () => {
    expect(findCommand('subscribe')?.requiresManage).toBe(true);
    expect(findCommand('unsubscribe')?.requiresManage).toBe(true);
    expect(findCommand('subscriptions')?.requiresManage).toBe(false);
    expect(findCommand('search')?.requiresManage).toBe(false);
    expect(commandsFor('console').map((c) => c.name)).not.toContain('subscribe');
    expect(commandsFor('slack').map((c) => c.name)).toEqual(expect.arrayContaining(['subscribe', 'unsubscribe', 'subscriptions']));
  });

  test('a channel configured by HIGHLIGHTS cannot be changed from chat', async () => {
    const { run } = await setup(JSON.stringify([{ platform: 'discord', channel: 'D1', time: '07:00', timezone: 'UTC' }]));
    const error = await failure(run('subscribe', { time: '09:00' }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('HIGHLIGHTS');
    expect((await failure(run('unsubscribe', {}))).message).toContain('HIGHLIGHTS');
    expect(await run('subscriptions', {})).toMatchObject({ result: { subscriptions: [{ time: '07:00', origin: 'config' }] } });
  });
});

describe('every subscription input is validated with a specific message', () => {
  test.each([
    [{ time: '25:00' }, 'subscribe: option "time" must be HH:MM between 00:00 and 23:59, got "25:00"'],
    [{ time: '12:60' }, 'subscribe: option "time" must be HH:MM between 00:00 and 23:59, got "12:60"'],
    [{ time: '9am' }, 'subscribe: option "time" must be HH:MM between 00:00 and 23:59, got "9am"'],
    [{ timezone: 'Europe/Berln' }, 'subscribe: option "timezone" must be an IANA time zone such as Europe/Berlin: unknown time zone "Europe/Berln"'],
    [{ timezone: '+01:00' }, 'subscribe: option "timezone" must be an IANA time zone such as Europe/Berlin: unknown time zone "+01:00"'],
    [{ count: 0 }, 'subscribe: option "count" must be between 1 and 10'],
    [{ count: '11' }, 'subscribe: option "count" must be between 1 and 10'],
    [{ count: 'five' }, 'subscribe: option "count" expected a whole number'],
    [{ topic: 'x'.repeat(301) }, 'subscribe: option "topic" must be at most 300 characters'],
    [{ channel: 'C2' }, 'subscribe: unknown option "channel"'],
  ])('%j', async (raw, message) => {
    const { highlights, run } = await setup();
    const error = await failure(run('subscribe', raw));
    expect(error.code).toBe('bad_option');
    expect(error.message).toBe(message);
    expect(await highlights.subscriptions.list('discord')).toEqual([]);
  });

  test('the service checks its input too', async () => {
    const { highlights } = await setup();
    await expect(
      highlights.subscriptions.subscribe({ platform: 'slack', channelId: 'C1', time: '24:00', timezone: 'UTC', count: 5 }),
    ).rejects.toThrow('subscribe: option "time" must be HH:MM between 00:00 and 23:59, got "24:00"');
    await expect(
      highlights.subscriptions.subscribe({ platform: 'slack', channelId: 'C1', time: '09:00', timezone: 'Mars/Olympus', count: 5 }),
    ).rejects.toThrow('unknown time zone "Mars/Olympus"');
    await expect(
      highlights.subscriptions.subscribe({ platform: 'slack', channelId: 'C1', time: '09:00', timezone: 'UTC', count: 50 }),
    ).rejects.toThrow('subscribe: option "count" must be between 1 and 10');
  });

  test('outside a chat channel, or with highlights off, the commands say why', async () => {
    const { run } = await setup();
    expect((await failure(run('subscribe', {}, { channelId: undefined }))).message).toBe(
      'subscribe: run this in the Discord or Slack channel that should get the highlights',
    );
    const command = findCommand('subscriptions');
    const core = await seedLibrary();
    const error = await failure(Promise.resolve().then(() => command?.run({}, { core, caller: { platform: 'slack', channelId: 'C1' } })));
    expect(error.code).toBe('config_error');
  });
});
