import { defineCommand } from './command.js';
import { subscriptionTarget } from './subscription-target.js';

export const subscriptions = defineCommand({
  name: 'subscriptions',
  description: "Show this channel's daily highlights and when the next post is due",
  example: 'subscriptions',
  platforms: ['discord', 'slack'],
  options: {},
  handler: async (_options, context) => {
    const { service, platform, channelId } = subscriptionTarget('subscriptions', context);
    const list = await service.list(platform, channelId);
    if (list.length === 0) {
      return { kind: 'notice', result: { message: 'This channel has no daily highlights. Start them with `subscribe`.' } };
    }
    return { kind: 'subscriptions', result: { subscriptions: list } };
  },
});
