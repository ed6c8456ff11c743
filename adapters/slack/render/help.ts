/** `/paper help`: every command, or one in detail. */
import type { HelpEntry } from '../../../commands/index.js';
import { assemble, context, fallback, header, section, type SlackMessage } from './blocks.js';
import { PRODUCT_NAME, SLASH_COMMAND, type Inline } from './format.js';

function optionLine(option: HelpEntry['options'][number]): Inline[] {
  const name = option.positional ? `<${option.name}>` : `--${option.name}`;
  const bounds: string[] = [];
  if (option.minValue !== undefined && option.maxValue !== undefined) bounds.push(`${option.minValue}–${option.maxValue}`);
  if (option.format) bounds.push(option.format);
  if (option.defaultValue !== undefined) bounds.push(`default ${option.defaultValue}`);
  return ['\n• ', { code: name }, ` ${option.description}${bounds.length > 0 ? ` (${bounds.join(', ')})` : ''}`];
}

export function renderHelp(commands: readonly HelpEntry[]): SlackMessage {
  const detailed = commands.length === 1;
  const items = commands.map((c) => [
    section([
      { bold: c.name },
      ` — ${c.description}\n`,
      { code: `${SLASH_COMMAND} ${c.usage}` },
      '\nExample: ',
      { code: `@${PRODUCT_NAME} ${c.example}` },
      ...(detailed ? c.options.flatMap(optionLine) : []),
    ]),
  ]);
  return assemble({
    text: fallback(`${PRODUCT_NAME} commands:`, commands.map((c) => c.name).join(', ')),
    head: [
      header(detailed ? `Help: ${commands[0]?.name ?? ''}` : `${PRODUCT_NAME} commands`),
      context([
        [
          `Mention me (@${PRODUCT_NAME} <command> …) and I answer in the thread, message me directly, or type ${SLASH_COMMAND} <command> …. Anything that is not a command is a question.`,
        ],
      ]),
    ],
    items,
  });
}
