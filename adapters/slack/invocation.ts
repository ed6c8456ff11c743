/**
 * Turns what a Slack user typed (a mention, a DM, the text after `/paper`) into a command and its
 * raw options. The first word picks a command; its positional option takes the rest of the text and
 * `--name value` flags fill the others. Text that does not start with a command is a question for `ask`.
 */
import { commandsFor, type Command } from '../../commands/index.js';
import { PaperbotError } from '../../src/errors.js';

export interface Invocation {
  command: Command;
  raw: Record<string, unknown>;
}

/**
 * Slack delivers message text as mrkdwn: `&amp;`/`&lt;`/`&gt;` entities, `<@U…>` mentions, `<!here>`,
 * `<#C…|name>` channels and `<url|label>` links. The bot's own mention is dropped; the rest becomes
 * the plain text a user sees, so a query is searched as typed.
 */
export function plainText(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_match, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return botUserId && target === `@${botUserId}` ? ' ' : `@${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

// `--name value`, `--name=value`; values may be quoted with straight or curly quotes (Slack clients
// often turn " into “ ”).
const FLAG_RE = /(?:^|\s)--([a-zA-Z][\w-]*)(?:=|\s+)(?:"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+))/g;

export function parseInvocation(text: string, platformCommands: readonly Command[] = commandsFor('slack')): Invocation {
  const help = platformCommands.find((c) => c.name === 'help');
  const ask = platformCommands.find((c) => c.name === 'ask');
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const chosen = first ? platformCommands.find((c) => c.name === first.toLowerCase()) : undefined;

  if (!chosen) {
    if (!trimmed && help) return { command: help, raw: {} };
    if (!ask) throw new Error('the slack platform has no ask command');
    return { command: ask, raw: { question: trimmed } };
  }

  const raw: Record<string, unknown> = {};
  const remainder = rest
    .join(' ')
    .replace(FLAG_RE, (_match, name: string, q1?: string, q2?: string, q3?: string, bare?: string) => {
      raw[name] = q1 ?? q2 ?? q3 ?? bare ?? '';
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim()
    // `subscribe "reinforcement learning" --time 09:00`: the quotes only group the words.
    .replace(/^"([^"]*)"$|^“([^”]*)”$|^'([^']*)'$/, (_m, a?: string, b?: string, c?: string) => a ?? b ?? c ?? '');
  const positional = chosen.options.find((o) => o.positional);
  if (positional && remainder) raw[positional.name] = remainder;
  else if (remainder) {
    throw new PaperbotError('bad_option', `${chosen.name} takes no text, but got "${remainder}"`, { command: chosen.name });
  }
  return { command: chosen, raw };
}
