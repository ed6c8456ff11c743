import { defineCommand } from './command.js';
import { subscriptionTarget } from './subscription-target.js';

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: 'Stop the daily paper highlights in this channel',
  example: 'unsubscribe',
  platforms: ['discord', 'slack'],
  requiresManage: true,
  options: {},
  handler: async (_options, context) => {
    const { service, platform, channelId } = subscriptionTarget('unsubscribe', context);
    const removed = await service.unsubscribe(platform, channelId);
    return {
      kind: 'notice',
      result: { message: removed ? 'Unsubscribed: no more daily highlights in this channel.' : 'This channel has no daily highlights.' },
    };
  },
});
