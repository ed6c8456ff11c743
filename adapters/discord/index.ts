/**
 * The Discord adapter: logs in with discord.js, answers `/paper` interactions and mentions, and
 * posts daily highlights. Reconnects and resumes are discord.js's job; shutdown is the composition
 * root's, through `stop()`.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { PaperbotError } from '../../src/errors.js';
import type { AdapterDeps, RunningAdapter } from '../types.js';
import { createInteractionHandler } from './interactions.js';
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
    ...(deps.list ? { list: deps.list } : {}),
    ...(deps.answerer ? { answerer: deps.answerer } : {}),
  };
  const botUserId = () => client.user?.id;

  client.on(Events.InteractionCreate, createInteractionHandler(handlerDeps));
  client.on(Events.MessageCreate, createMentionHandler(handlerDeps, botUserId));
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
    async stop() {
      await client.destroy();
      logger.info('discord: stopped');
    },
  };
}
