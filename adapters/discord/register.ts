/**
 * Slash-command registration, run from `paperbot register` (a deploy step, never at start-up): one
 * bulk overwrite (PUT) of the application's commands, in one guild (instant; for testing) or
 * globally, reporting what changed against the list Discord held before.
 */
import { OAuth2Scopes, PermissionFlagsBits, REST, Routes, type APIApplicationCommand } from 'discord.js';
import { commandDefinitions } from './definitions.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in this guild only (changes show at once) instead of globally. */
  guildId?: string;
  /** REST base, like `DISCORD_API_URL` (`http://127.0.0.1:8080/api`); Discord's by default. */
  apiUrl?: string;
}

export interface RegistrationReport {
  scope: 'global' | 'guild';
  guildId?: string;
  /** `/paper search`-style names. */
  added: string[];
  removed: string[];
  updated: string[];
  unchanged: string[];
  commands: APIApplicationCommand[];
}

/** Only what we send decides whether a command changed; Discord adds ids, versions and defaults. */
interface Shape {
  description: string;
  type?: number;
  required: boolean;
  autocomplete: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  options: Record<string, Shape>;
}

interface CommandLike {
  name: string;
  description?: string;
  type?: number;
  required?: boolean;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  options?: readonly CommandLike[];
}

function shape(command: CommandLike): Shape {
  const options: Record<string, Shape> = {};
  for (const child of command.options ?? []) options[child.name] = shape(child);
  return {
    description: command.description ?? '',
    ...(command.type !== undefined ? { type: command.type } : {}),
    required: command.required ?? false,
    autocomplete: command.autocomplete ?? false,
    ...(command.min_value !== undefined ? { min_value: command.min_value } : {}),
    ...(command.max_value !== undefined ? { max_value: command.max_value } : {}),
    ...(command.min_length !== undefined ? { min_length: command.min_length } : {}),
    ...(command.max_length !== undefined ? { max_length: command.max_length } : {}),
    options,
  };
}

/** Flattens commands to `/name` and, for subcommands, `/name sub`, each with a comparable signature. */
function signatures(commands: readonly CommandLike[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const command of commands) {
    const { options, ...own } = shape(command);
    const subcommands = Object.entries(options).filter(([, o]) => o.type === 1 || o.type === 2);
    const values = Object.fromEntries(Object.entries(options).filter(([, o]) => o.type !== 1 && o.type !== 2));
    out.set(`/${command.name}`, JSON.stringify({ ...own, options: values }));
    for (const [name, sub] of subcommands) out.set(`/${command.name} ${name}`, JSON.stringify(sub));
  }
  return out;
}

export function diffCommands(
  before: readonly CommandLike[],
  after: readonly CommandLike[],
): Pick<RegistrationReport, 'added' | 'removed' | 'updated' | 'unchanged'> {
  const old = signatures(before);
  const next = signatures(after);
  const report = { added: [] as string[], removed: [] as string[], updated: [] as string[], unchanged: [] as string[] };
  for (const [name, signature] of next) {
    if (!old.has(name)) report.added.push(name);
    else if (old.get(name) !== signature) report.updated.push(name);
    else report.unchanged.push(name);
  }
  for (const name of old.keys()) if (!next.has(name)) report.removed.push(name);
  return report;
}

export async function registerCommands(options: RegisterOptions): Promise<RegistrationReport> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const body = commandDefinitions();
  const before = (await rest.get(route)) as APIApplicationCommand[];
  const commands = (await rest.put(route, { body })) as APIApplicationCommand[];
  return {
    scope: options.guildId ? 'guild' : 'global',
    ...(options.guildId ? { guildId: options.guildId } : {}),
    ...diffCommands(before, body),
    commands,
  };
}

/** What `paperbot register` prints. */
export function describeRegistration(report: RegistrationReport): string {
  const where = report.scope === 'guild' ? `in guild ${report.guildId} (visible at once)` : 'globally (may take up to an hour to show everywhere)';
  const lines = [`Registered ${report.commands.length} command(s) ${where}.`];
  const section = (label: string, names: string[]) => names.length > 0 && lines.push(`  ${label}: ${names.join(', ')}`);
  section('added', report.added);
  section('updated', report.updated);
  section('removed', report.removed);
  if (report.added.length + report.updated.length + report.removed.length === 0) lines.push('  nothing changed');
  return lines.join('\n');
}

/** What the bot needs in a channel: see it, read the history (digest recovery), post embeds, in threads too. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.SendMessagesInThreads;

/** The URL a server admin opens to add the bot with its slash commands and the minimal permissions. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
