import { add } from './add.js';
import { ask } from './ask.js';
import type { Command, Platform } from './command.js';
import { helpCommand } from './help.js';
import { highlights } from './highlights.js';
import { remove } from './remove.js';
import { search } from './search.js';
import { show } from './show.js';
import { similar } from './similar.js';
import { stats } from './stats.js';
import { subscribe } from './subscribe.js';
import { subscriptions } from './subscriptions.js';
import { unsubscribe } from './unsubscribe.js';

export const commands: readonly Command[] = [
  search,
  ask,
  show,
  similar,
  highlights,
  stats,
  add,
  remove,
  subscribe,
  unsubscribe,
  subscriptions,
  helpCommand(() => commands),
];

export function commandsFor(platform: Platform): Command[] {
  return commands.filter((command) => command.platforms.includes(platform));
}

export function findCommand(name: string, platform?: Platform): Command | undefined {
  const lower = name.toLowerCase();
  return commands.find((c) => c.name === lower && (!platform || c.platforms.includes(platform)));
}

export type { Caller, Command, CommandContext, CommandResult, HelpEntry, Platform } from './command.js';
export { refusal, usage } from './command.js';
export type { OptionSpec } from './options.js';
export { answerPapers } from './ask.js';
export { listedBy } from './search.js';
