/** `/paper subscriptions`: the channel's daily highlights. */
import type { SubscriptionView } from '../../../src/digest/types.js';
import { fit, LIMITS, md, truncate } from './format.js';
import { COLOR, message, type Rendered } from './message.js';

function subscriptionLine(s: SubscriptionView): string {
  const parts = [`**${s.time}** ${md(s.timezone, 60)}`, `${s.count} papers`];
  if (s.topic) parts.push(`about “${md(s.topic, 120)}”`);
  if (s.nextPostLocal) parts.push(`next: ${md(s.nextPostLocal, 60)}`);
  if (s.origin === 'config') parts.push('from config');
  if (s.pausedReason) parts.push(`⏸ paused: ${md(s.pausedReason, 200)}`);
  return `• <#${/^\d+$/.test(s.channelId) ? s.channelId : '0'}> ${parts.join(' · ')}`;
}

export function renderSubscriptions(subscriptions: SubscriptionView[]): Rendered {
  const description =
    subscriptions.length === 0
      ? 'No daily highlights are set up here. A channel manager can start them with `/paper subscribe`.'
      : fit(LIMITS.embedDescription, (budget) => truncate(subscriptions.map(subscriptionLine).join('\n'), budget));
  return { ephemeral: false, message: message({ embeds: [{ title: 'Daily highlights', description, color: COLOR }] }) };
}
