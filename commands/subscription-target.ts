/** What the subscription commands share: the highlights service and the chat channel they act on. */
import type { DigestPlatform, SubscriptionService } from '../src/digest/types.js';
import { PaperbotError } from '../src/errors.js';
import type { CommandContext } from './command.js';

export function subscriptionTarget(
  command: string,
  { subscriptions, caller }: CommandContext,
): { service: SubscriptionService; platform: DigestPlatform; channelId: string } {
  if (!subscriptions) {
    throw new PaperbotError('config_error', `${command}: daily highlights are not enabled on this bot (HIGHLIGHTS_ENABLED)`, { command });
  }
  if (caller.platform === 'console' || !caller.channelId) {
    throw new PaperbotError('bad_option', `${command}: run this in the Discord or Slack channel that should get the highlights`, {
      command,
    });
  }
  return { service: subscriptions, platform: caller.platform, channelId: caller.channelId };
}
