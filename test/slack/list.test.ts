// Adding and removing papers from Slack (`/paper add …` and the same words in a mention), through
// the real Bolt against the local fake Slack, with papers from the local fake arXiv.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { FakeArxiv } from '../fakes/arxiv.js';
import { useSeedWithList } from '../list/helpers.js';
import { eventEnvelope, mentionEvent, sendEvent, sendSlashCommand } from '../fakes/slack.js';
import { startSlackUnderTest, type SlackUnderTest } from './harness.js';

const DATA_SCIENCE = '1501.05039';

const f = useSeedWithList();
let slack: SlackUnderTest;

beforeEach(async () => {
  // No "Working on it…" note: each test reads the one answer a command gets.
  slack = await startSlackUnderTest(f.library, { list: f.list.list, progressDelayMs: 60_000, env: { SLACK_SUBSCRIPTION_ADMINS: 'U0CAROL' } });
});

afterEach(async () => {
  expect(slack.fake.calls.filter((c) => c.rejected).map((c) => `${c.method}: ${c.rejected}`)).toEqual([]);
  await slack.stop();
});

async function slash(text: string, user: string): Promise<{ response_type?: unknown; text?: unknown; blocks?: unknown }> {
  const before = slack.fake.responses().length;
  await sendSlashCommand(slack.url, { text, user_id: user, channel_id: 'C0PAPERS', response_url: slack.fake.responseUrl() });
  return (await slack.fake.waitFor(() => slack.fake.responses()[before])).args;
}

test('/paper add by a workspace admin posts the paper card to the channel; the paper is searchable at once', async () => {
  const answer = await slash(`add https://arxiv.org/abs/${DATA_SCIENCE}v1`, 'U0ADMIN');
  expect(answer.response_type).toBe('in_channel');
  expect(answer.text).toBe(`Added “Defining Data Science” (${DATA_SCIENCE}) to the list.`);
  const blocks = JSON.stringify(answer.blocks);
  expect(blocks).toContain('"type":"header","text":{"type":"plain_text","text":"Defining Data Science"');
  expect(blocks).toContain(`https://arxiv.org/abs/${DATA_SCIENCE}`);
  expect(f.arxiv.requests[0]?.query.get('id_list')).toBe(DATA_SCIENCE);
  expect(f.library.search('datanature').results[0]?.id).toBe(DATA_SCIENCE);
});

test('a member on SLACK_SUBSCRIPTION_ADMINS may add and remove; the old-style id and the Hugging Face link work', async () => {
  expect((await slash('add quant-ph/0210005', 'U0CAROL')).text).toBe('Added “Quantum information science and complex quantum systems” (quant-ph/0210005) to the list.');
  expect((await slash(`add https://huggingface.co/papers/${DATA_SCIENCE}`, 'U0CAROL')).text).toContain('Added “Defining Data Science”');
  const removed = await slash('remove quant-ph/0210005', 'U0CAROL');
  expect(removed).toMatchObject({ response_type: 'in_channel', text: 'Removed “Quantum information science and complex quantum systems” (quant-ph/0210005) from the list.' });
  expect(f.library.stats().fromChat).toBe(1);
});

test('anyone else is refused privately, before anything is fetched', async () => {
  for (const text of [`add ${DATA_SCIENCE}`, 'remove 2503.19267']) {
    const refused = await slash(text, 'U0ALICE');
    expect(refused.response_type).toBe('ephemeral');
    expect(String(refused.text)).toContain('only members who can manage this channel may do this');
  }
  expect(f.arxiv.requests).toHaveLength(0);
});

test('the same words in a mention: an admin gets the card in the thread, anyone else a private refusal', async () => {
  const byAdmin = mentionEvent(`add <https://arxiv.org/abs/${DATA_SCIENCE}>`, { user: 'U0ADMIN' });
  await sendEvent(slack.url, eventEnvelope(byAdmin));
  const posted = await slack.fake.waitFor(() => slack.fake.posted()[0]);
  expect(posted).toMatchObject({ channel: 'C0GENERAL', thread_ts: byAdmin.ts, text: `Added “Defining Data Science” (${DATA_SCIENCE}) to the list.` });

  const byMember = mentionEvent('remove 1501.05039', { user: 'U0ALICE' });
  await sendEvent(slack.url, eventEnvelope(byMember));
  const refusal = await slack.fake.waitFor(() => slack.fake.callsTo('chat.postEphemeral')[0]);
  expect(refusal.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0ALICE', thread_ts: byMember.ts });
  expect(String(refusal.args.text)).toContain('remove: only members who can manage this channel may do this');
  expect(slack.fake.posted()).toHaveLength(1);
  expect(f.library.getPaper(DATA_SCIENCE)).toBeDefined();
});

test('unknown id, arXiv down, timeout, malformed answer, corpus paper: each explained privately', async () => {
  const cases: Array<[FakeArxiv['mode'], string, string]> = [
    ['ok', 'add 2503.99999', 'arXiv has no paper 2503.99999'],
    ['500', `add ${DATA_SCIENCE}`, 'arXiv did not answer (HTTP 500'],
    ['hang', `add ${DATA_SCIENCE}`, 'no complete response within 2000 ms'],
    ['malformed', `add ${DATA_SCIENCE}`, "arXiv's answer could not be read"],
    ['ok', 'remove 2503.19267', 'comes from the corpus file papers-listing.txt, line'],
  ];
  for (const [mode, text, message] of cases) {
    f.arxiv.mode = mode;
    const answer = await slash(text, 'U0ADMIN');
    expect(answer.response_type, text).toBe('ephemeral');
    expect(String(answer.text)).toContain(message);
  }
  expect(f.library.stats()).toMatchObject({ papers: 50, fromChat: 0 });
});

test('/paper stats says how many papers came from chat', async () => {
  await slash(`add ${DATA_SCIENCE}`, 'U0ADMIN');
  const stats = await slash('stats', 'U0ALICE');
  expect(JSON.stringify(stats.blocks)).toContain('1 added from chat');
});
