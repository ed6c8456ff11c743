import { DEFAULT_COUNT, DEFAULT_TIME, DEFAULT_TIMEZONE, MAX_COUNT } from '../src/digest/settings.js';
import { defineCommand } from './command.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { integer, text, time, timezone } from './options.js';
import { subscriptionTarget } from './subscription-target.js';

export const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Post daily paper highlights in this channel',
  example: 'subscribe "reinforcement learning" --time 09:00 --timezone Europe/Berlin --count 5',
  platforms: ['discord', 'slack'],
  requiresManage: true,
  options: {
    topic: text({ description: 'Favour papers on this topic', positional: true, maxLength: MAX_QUERY_LENGTH }),
    time: time({ description: 'Local time of the daily post (24-hour)', defaultValue: DEFAULT_TIME }),
    timezone: timezone({ description: 'IANA time zone of that time, e.g. Europe/Berlin', defaultValue: DEFAULT_TIMEZONE }),
    count: integer({ description: 'Papers per post', min: 1, max: MAX_COUNT, defaultValue: DEFAULT_COUNT }),
  },
  handler: async (options, context) => {
    const { service, platform, channelId } = subscriptionTarget('subscribe', context);
    const sub = await service.subscribe({ platform, channelId, ...options, createdBy: context.caller.userId });
    const topic = sub.topic ? ` on "${sub.topic}"` : '';
    return {
      kind: 'notice',
      result: {
        message: `Subscribed: ${sub.count} paper highlights${topic} every day at ${sub.time} (${sub.timezone}). Next post: ${sub.nextPostLocal ?? 'not scheduled'}.`,
      },
    };
  },
});
