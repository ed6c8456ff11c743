/**
 * `@paperbot what does PRDC stand for?` answers as a reply to that message. The first word may name
 * a command (`@paperbot search diffusion --limit 3`); anything else is a question for `ask`. A reply
 * to one of paperbot's answers that mentions it is a follow-up: asked with that answer's papers.
 * Needs no privileged intent: Discord includes the content of messages that mention the bot.
 */
import { PermissionFlagsBits, type Message } from 'discord.js';
import { findCommand, type Command } from '../../commands/index.js';
import { toPaperbotError } from '../../src/errors.js';
import { commandContext, conversationBefore, conversationKey, type HandlerDeps } from './interactions.js';
import { renderError, renderNotice, renderResult, toOptions } from './render.js';

export const MENTION_POINTER =
  'Hi! Ask me with `/paper ask question:…`, or mention me followed by your question. `/paper help` lists everything I can do.';

/** Splits `search offline RL --limit 3` into the command and its raw options. */
export function parseMention(text: string): { command: Command; raw: Record<string, unknown> } | null {
  const [first = '', ...rest] = text.split(/\s+/);
  const named = findCommand(first, 'discord');
  const command = named ?? findCommand('ask', 'discord');
  if (!command) return null;
  const words = named ? rest : [first, ...rest];
  const raw: Record<string, unknown> = {};
  const free: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const flag = word.startsWith('--') ? command.options.find((o) => o.name === word.slice(2)) : undefined;
    if (flag && i + 1 < words.length) raw[flag.name] = words[++i];
    else if (word) free.push(word);
  }
  const positional = command.options.find((o) => o.positional);
  if (positional && free.length > 0) raw[positional.name] = free.join(' ');
  return { command, raw };
}

/** Manage Channels in this channel, with its overrides, as far as the cached guild tells; unknown means no. */
function canManage(message: Message): boolean {
  if (!message.inGuild() || !message.member) return false;
  try {
    return message.member.permissionsIn(message.channelId).has(PermissionFlagsBits.ManageChannels);
  } catch {
    return false;
  }
}

export function createMentionHandler(deps: HandlerDeps, botUserId: () => string | undefined): (message: Message) => Promise<void> {
  return async (message) => {
    const me = botUserId();
    if (!me || message.author.bot || !message.mentions.users.has(me)) return;
    // A bare mention, or one whose content Discord withheld, gets the pointer to `/paper ask`.
    const text = message.content.replace(new RegExp(`<@!?${me}>`, 'g'), ' ').trim();
    const parsed = text ? parseMention(text) : null;
    try {
      if (!parsed) {
        await message.reply(toOptions(renderNotice(MENTION_POINTER).message));
        return;
      }
      const before = await conversationBefore(deps, message.reference?.messageId);
      const caller = { platform: 'discord' as const, channelId: message.channelId, userId: message.author.id, canManage: canManage(message) };
      const context = commandContext(deps, caller, before.papers);
      let rendered;
      let result;
      try {
        result = await parsed.command.run(parsed.raw, context);
        rendered = renderResult(result, { version: deps.core.stats().version, followUps: deps.conversations !== undefined });
      } catch (error) {
        const failure = toPaperbotError(error);
        if (failure.code === 'internal') {
          deps.logger.error({ err: error, command: parsed.command.name, channel: message.channelId, message: message.id }, 'discord: mention failed');
        }
        rendered = renderError(failure, parsed.command.name);
      }
      const reply = await message.reply(toOptions(rendered.message));
      if (result) await deps.conversations?.remember(conversationKey(reply.id), result, before.papers);
    } catch (error) {
      deps.logger.error({ err: error, channel: message.channelId, message: message.id }, 'discord: could not reply to a mention');
    }
  };
}
