/** `/paper help` and the descriptions registered with Discord. */
import type { APIEmbedField } from 'discord.js';
import type { HelpEntry } from '../../../commands/index.js';
import { LIMITS, md, plain, truncate } from './format.js';
import { COLOR, message, type Rendered } from './message.js';

/** `search offline RL --limit 3` → `/paper search query:offline RL limit:3`. */
export function slashExample(entry: Pick<HelpEntry, 'name' | 'example' | 'options'>): string {
  const [head = '', ...flags] = entry.example.split(/\s--/);
  const positional = head.slice(entry.name.length).trim().replace(/^"(.*)"$/, '$1');
  const parts = [`/paper ${entry.name}`];
  const first = entry.options.find((o) => o.positional);
  if (positional && first) parts.push(`${first.name}:${positional}`);
  for (const flag of flags) {
    const [name = '', ...value] = flag.trim().split(/\s+/);
    parts.push(`${name}:${value.join(' ').replace(/^"(.*)"$/, '$1')}`);
  }
  return parts.join(' ');
}

function slashUsage(entry: HelpEntry): string {
  const options = entry.options.map((o) => {
    const value = o.format ?? (o.type === 'integer' ? 'N' : o.autocomplete ? 'paper' : 'text');
    return o.required ? `${o.name}:<${value}>` : `[${o.name}:${value}]`;
  });
  return [`/paper ${entry.name}`, ...options].join(' ');
}

const inlineCode = (text: string) => `\`${text.replaceAll('`', 'ˋ')}\``;

export function renderHelp(entries: HelpEntry[]): Rendered {
  const detailed = entries.length === 1;
  const fields: APIEmbedField[] = entries.slice(0, LIMITS.embedFields).map((entry) => {
    const lines = [md(entry.description, 300), inlineCode(truncate(slashUsage(entry), 300)), `e.g. ${inlineCode(truncate(slashExample(entry), 300))}`];
    if (detailed) for (const o of entry.options) lines.push(`• **${o.name}**: ${md(o.description, 100)}`);
    return { name: plain(`/paper ${entry.name}`, LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
  });
  const description = detailed ? '' : 'Type `/paper` and pick a subcommand. You can also mention me with a question.';
  return {
    ephemeral: false,
    message: message({ embeds: [{ title: 'paperbot commands', ...(description ? { description } : {}), fields, color: COLOR }] }),
  };
}

/** Command and option descriptions for registration. */
export function commandDescription(text: string): string {
  return plain(text, LIMITS.commandDescription) || 'No description';
}
