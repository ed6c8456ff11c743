/** `/paper subscriptions`: the channel's daily highlights. */
import type { SubscriptionView } from '../../../src/digest/types.js';
import { assemble, fallback, header, section, type SlackMessage } from './blocks.js';
import type { Inline } from './format.js';

function channelRef(channelId: string): Inline {
  // A channel reference the bot builds itself from a Slack id; anything else is shown as text.
  return /^[CGD][A-Z0-9]{2,}$/.test(channelId) ? { code: channelId } : channelId;
}

export function renderSubscriptions(subscriptions: readonly SubscriptionView[]): SlackMessage {
  if (subscriptions.length === 0) {
    return assemble({ text: fallback('No daily highlights are set up here.'), head: [section(['No daily highlights are set up here.'])] });
  }
  const items = subscriptions.map((s) => [
    section([
      channelRef(s.channelId),
      `: ${s.count} papers every day at ${s.time} (${s.timezone})`,
      s.topic ? `, topic “${s.topic}”` : '',
      s.nextPostLocal ? `\nNext post: ${s.nextPostLocal}` : '',
      s.pausedReason ? `\nPaused: ${s.pausedReason}` : '',
      s.origin === 'config' ? '\nSet in the configuration.' : '',
    ]),
  ]);
  return assemble({
    text: fallback(`${subscriptions.length} daily highlights subscription(s).`),
    head: [header('Daily highlights')],
    items,
  });
}
