import { defineCommand, usage, type Command, type HelpEntry } from './command.js';
import { text } from './options.js';

/** `help` lists the commands available on the caller's platform, or explains one of them. */
export function helpCommand(all: () => readonly Command[]): Command {
  return defineCommand({
    name: 'help',
    description: 'List the commands, or explain one',
    example: 'help search',
    options: {
      command: text({ description: 'A command to explain', positional: true, maxLength: 32 }),
    },
    handler: ({ command }, { caller }) => {
      const available = all().filter((c) => c.platforms.includes(caller.platform));
      const chosen = command ? available.filter((c) => c.name === command.toLowerCase()) : available;
      if (command && chosen.length === 0) {
        return {
          kind: 'notice',
          result: { message: `There is no "${command}" command. Try: ${available.map((c) => c.name).join(', ')}.` },
        };
      }
      const commands: HelpEntry[] = chosen.map((c) => ({
        name: c.name,
        description: c.description,
        usage: usage(c),
        example: c.example,
        options: c.options,
      }));
      return { kind: 'help', result: { commands } };
    },
  });
}
