/**
 * `paperbot doctor`, Discord part: the token, the application it belongs to, the privileged intents
 * the bot would ask for, and whether the registered slash commands are the ones this version defines.
 */
import { ApplicationFlags, DiscordAPIError, HTTPError, REST, Routes, type APIApplication, type APIApplicationCommand, type APIUser } from 'discord.js';
import type { Env } from '../../src/config.js';
import { fail, networkProblem, ok, warn, type CheckResult } from '../doctor/check.js';
import { commandDefinitions } from './definitions.js';
import { diffCommands } from './register.js';

const TIMEOUT_MS = 10_000;
const PORTAL = 'https://discord.com/developers/applications';
const PRIVILEGED_MESSAGE_CONTENT = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;

function statusOf(error: unknown): number | undefined {
  return error instanceof DiscordAPIError || error instanceof HTTPError ? error.status : undefined;
}

function unreachable(check: string, error: unknown, apiUrl: string | undefined): CheckResult {
  return fail(
    check,
    `could not reach Discord at ${apiUrl ?? 'https://discord.com/api'}: ${networkProblem(error)}`,
    apiUrl ? 'check DISCORD_API_URL (leave it empty for Discord itself)' : 'check this machine can reach discord.com over HTTPS',
  );
}

export async function checkDiscord(env: Env): Promise<CheckResult[]> {
  const apiUrl = env.DISCORD_API_URL;
  const rest = new REST({ ...(apiUrl ? { api: apiUrl } : {}), retries: 0, timeout: TIMEOUT_MS }).setToken(env.DISCORD_TOKEN ?? '');

  let me: APIUser;
  try {
    me = (await rest.get(Routes.user('@me'))) as APIUser;
  } catch (error) {
    if (statusOf(error) === 401) {
      return [fail('discord token', 'Discord rejected DISCORD_TOKEN (401 Unauthorized)', `${PORTAL} → your application → Bot → Reset Token; put the new token in DISCORD_TOKEN`)];
    }
    return [statusOf(error) ? fail('discord token', `Discord answered ${statusOf(error)} to GET /users/@me`, 'try again later; see https://discordstatus.com') : unreachable('discord token', error, apiUrl)];
  }
  if (!me.bot) {
    return [fail('discord token', `DISCORD_TOKEN belongs to the user ${me.username}, not to a bot`, `use the bot's token: ${PORTAL} → your application → Bot → Reset Token`)];
  }
  const results = [ok('discord token', `valid: logged in as ${me.username} (bot user ${me.id})`)];

  let application: APIApplication;
  try {
    application = (await rest.get(Routes.currentApplication())) as APIApplication;
  } catch (error) {
    return [...results, unreachable('discord application', error, apiUrl)];
  }
  const configured = env.DISCORD_APPLICATION_ID;
  if (!configured) {
    results.push(warn('discord application', `DISCORD_APPLICATION_ID is not set (the token's application is ${application.id}, "${application.name}"); register and invite need it`, `set DISCORD_APPLICATION_ID=${application.id}`));
  } else if (configured !== application.id) {
    results.push(fail('discord application', `DISCORD_APPLICATION_ID is ${configured}, but the token belongs to application ${application.id} ("${application.name}")`, `set DISCORD_APPLICATION_ID=${application.id}, or use that application's bot token`));
  } else {
    results.push(ok('discord application', `DISCORD_APPLICATION_ID matches the token's application "${application.name}"`));
  }

  results.push(intentsCheck(env.DISCORD_MESSAGE_CONTENT, application.flags ?? 0));
  results.push(...(await commandsCheck(rest, application.id, env.DISCORD_GUILD_ID)));
  return results;
}

/** Guilds and GuildMessages are not privileged; Message Content is, and only asked for on request. */
function intentsCheck(messageContent: boolean, flags: number): CheckResult {
  const enabled = (flags & PRIVILEGED_MESSAGE_CONTENT) !== 0;
  if (!messageContent) return ok('discord intents', 'Guilds and GuildMessages only: no privileged intent to enable');
  if (enabled) return ok('discord intents', 'DISCORD_MESSAGE_CONTENT=true, and the Message Content intent is enabled');
  return fail(
    'discord intents',
    'DISCORD_MESSAGE_CONTENT=true asks for the privileged Message Content intent, which is not enabled: Discord would refuse the connection (4014 Disallowed intents)',
    `enable it at ${PORTAL} → your application → Bot → Privileged Gateway Intents, or unset DISCORD_MESSAGE_CONTENT (mentions work without it)`,
  );
}

/** What `paperbot register` would send, against what Discord holds where it would send it. */
async function commandsCheck(rest: REST, applicationId: string, guildId: string | undefined): Promise<CheckResult[]> {
  const where = guildId ? `in guild ${guildId}` : 'globally';
  const register = guildId ? 'run `npm run register` (it registers in DISCORD_GUILD_ID)' : 'run `npm run register`';
  let registered: APIApplicationCommand[];
  let global: APIApplicationCommand[] = [];
  try {
    registered = (await rest.get(guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId))) as APIApplicationCommand[];
    if (guildId) global = (await rest.get(Routes.applicationCommands(applicationId))) as APIApplicationCommand[];
  } catch (error) {
    const status = statusOf(error);
    if (guildId && (status === 403 || status === 404)) {
      return [fail('discord commands', `cannot read the commands of guild ${guildId} (${status}): the bot is not in it, or DISCORD_GUILD_ID is wrong`, 'invite the bot with the URL from `paperbot invite`, or fix DISCORD_GUILD_ID')];
    }
    return [fail('discord commands', `could not read the registered commands: ${status ? `HTTP ${status}` : networkProblem(error)}`, 'try again; check DISCORD_API_URL if set')];
  }
  const definitions = commandDefinitions();
  const results: CheckResult[] = [];
  if (registered.length === 0) {
    results.push(fail('discord commands', `no slash commands are registered ${where}: users cannot see /paper`, register));
  } else {
    const diff = diffCommands(registered, definitions);
    const stale = [
      diff.added.length > 0 ? `missing ${diff.added.join(', ')}` : '',
      diff.updated.length > 0 ? `changed ${diff.updated.join(', ')}` : '',
      diff.removed.length > 0 ? `no longer defined ${diff.removed.join(', ')}` : '',
    ].filter(Boolean);
    if (stale.length > 0) results.push(fail('discord commands', `the commands registered ${where} are out of date: ${stale.join('; ')}`, register));
    else {
      const subcommands = diff.unchanged.filter((name) => name.includes(' ')).length;
      results.push(ok('discord commands', `/paper and its ${subcommands} subcommands are registered ${where} as this version defines them`));
    }
  }
  const rootNames = new Set(definitions.map((d) => d.name));
  if (global.some((command) => rootNames.has(command.name)) && registered.length > 0) {
    results.push(warn('discord commands', `/paper is registered both globally and in guild ${guildId}: members of that guild see it twice`, 'remove the one you do not want (e.g. register globally once you are done testing, then clear the guild commands)'));
  }
  return results;
}
