/**
 * The Discord adapter: logs in with discord.js, answers `/paper` interactions and mentions, and
 * posts daily highlights. Reconnects and resumes are discord.js's job; shutdown is the composition
 * root's, through `stop()`.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Status, type ClientOptions } from 'discord.js';
import { PaperbotError } from '../../src/errors.js';
import { ConversationMemory } from '../conversation.js';
import { InFlight } from '../in-flight.js';
import type { AdapterDeps, AdapterHealth, RunningAdapter } from '../types.js';
import { createInteractionHandler, turnAway } from './interactions.js';
import { createMentionHandler } from './mentions.js';
import { createPoster } from './poster.js';

export { commandDefinitions } from './definitions.js';
export { describeRegistration, inviteUrl, registerCommands, type RegisterOptions, type RegistrationReport } from './register.js';

/** Client settings a caller may tighten (tests and the benchmark: no retries, short timeouts). */
export interface DiscordTuning {
  rest?: { retries?: number; timeout?: number };
  waitGuildTimeout?: number;
}

export async function startDiscord(deps: AdapterDeps, tuning: DiscordTuning = {}): Promise<RunningAdapter> {
  const { env } = deps.config;
  if (!env.DISCORD_TOKEN) throw new PaperbotError('config_error', 'configuration: DISCORD_TOKEN: required to start the Discord adapter');
  // Discord sends the text of messages that mention the bot without the privileged Message Content
  // intent, so GuildMessages is enough to answer mentions. MessageContent is only asked for on request.
  const messageContent = env.DISCORD_MESSAGE_CONTENT;
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (messageContent) intents.push(GatewayIntentBits.MessageContent);

  const options: ClientOptions = {
    intents,
    // No message may ping anyone: paper text and users' queries can contain @everyone or <@id>.
    allowedMentions: { parse: [] },
    rest: { ...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}), ...tuning.rest },
    ...(tuning.waitGuildTimeout !== undefined ? { waitGuildTimeout: tuning.waitGuildTimeout } : {}),
  };
  const client = new Client(options);
  const logger = deps.logger.child({ adapter: 'discord' });
  const handlerDeps = {
    core: deps.core,
    logger,
    ...(deps.subscriptions ? { subscriptions: deps.subscriptions } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.list ? { list: deps.list } : {}),
    ...(deps.answerer ? { answerer: deps.answerer } : {}),
    ...(deps.conversations ? { conversations: new ConversationMemory(deps.conversations, logger) } : {}),
  };
  const botUserId = () => client.user?.id;
  const work = deps.work ?? new InFlight();
  const onInteraction = createInteractionHandler(handlerDeps);
  const onMention = createMentionHandler(handlerDeps, botUserId);

  // The gateway stays connected while shutdown drains: new interactions are told to retry, and the
  // answers under way can still be sent.
  client.on(Events.InteractionCreate, (interaction) => {
    void work.track(() => (work.accepting ? onInteraction(interaction) : turnAway(interaction, logger)));
  });
  client.on(Events.MessageCreate, (message) => {
    if (work.accepting) void work.track(() => onMention(message));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord: client error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'discord: gateway disconnected'));

  const ready = once(client, Events.ClientReady);
  ready.catch(() => undefined); // observed below; this only keeps a failed login from leaving it unhandled
  try {
    await client.login(env.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new PaperbotError('config_error', `discord: could not log in (check DISCORD_TOKEN): ${reason}`);
  }
  logger.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, messageContentIntent: messageContent },
    'discord: ready',
  );

  return {
    name: 'discord',
    poster: createPoster(client.rest, botUserId),
    // Per shard: the manager's own status stays "ready" while a shard reconnects.
    health(): AdapterHealth {
      const down = client.ws.shards.filter((shard) => shard.status !== Status.Ready);
      if (client.ws.shards.size > 0 && down.size === 0) return { ready: true, detail: 'gateway connected' };
      if (down.size === 0) return { ready: false, detail: 'gateway not connected' };
      return { ready: false, detail: down.map((shard) => `gateway shard ${shard.id} ${(Status[shard.status] ?? String(shard.status)).toLowerCase()}`).join(', ') };
    },
    async stopReceiving() {
      work.close();
    },
    async stop() {
      await client.destroy();
      logger.info('discord: stopped');
    },
  };
}
