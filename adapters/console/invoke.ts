/**
 * Running one console command: look it up, build its raw options from parsed words and options, call
 * it as the console platform. Shared by the CLI, the interactive console and batch mode.
 */
import { commandsFor, findCommand, type Command, type CommandResult } from '../../commands/index.js';
import type { PaperCore } from '../../src/core.js';
import { PaperbotError } from '../../src/errors.js';
import type { PaperListService } from '../../src/list/types.js';
import type { ModelAnswerer } from '../../src/llm/answerer.js';
import { commandOptions } from './args.js';

export function consoleCommand(name: string): Command {
  const command = findCommand(name, 'console');
  if (command) return command;
  const names = commandsFor('console').map((c) => c.name).join(', ');
  throw new PaperbotError('unknown_command', `unknown command "${name}" (commands: ${names})`, { command: name });
}

/**
 * What console commands may use besides the core: the list (`add`, `remove`), a model (`ask`), and
 * in the interactive console the papers of the previous answer (a follow-up's context).
 */
export interface ConsoleServices {
  list?: PaperListService;
  answerer?: ModelAnswerer;
  conversation?: readonly string[];
}

/** The console belongs to whoever runs paperbot on this machine: they may change the list. */
export async function invoke(command: Command, raw: Record<string, unknown>, core: PaperCore, services: ConsoleServices = {}): Promise<CommandResult> {
  return command.run(raw, { core, caller: { platform: 'console', canManage: true }, ...services });
}

export async function invokeWords(
  name: string,
  words: readonly string[],
  options: ReadonlyMap<string, string[]>,
  core: PaperCore,
  services: ConsoleServices = {},
): Promise<CommandResult> {
  const command = consoleCommand(name);
  return invoke(command, commandOptions(command, words, options), core, services);
}

/** The structured result `--json` prints: the core's result, without the renderer's tag. */
export function resultJson(outcome: CommandResult): unknown {
  return outcome.result;
}

/** `show` of a paper that is not in the list answers with suggestions, but still did not find it. */
export function isMiss(outcome: CommandResult): boolean {
  return outcome.kind === 'paper' && outcome.result.paper === null;
}

/** 2 for a mistake in how the command was typed, 1 for everything else that failed. */
export function exitCodeFor(error: PaperbotError): number {
  return error.code === 'bad_option' || error.code === 'unknown_command' ? 2 : 1;
}
