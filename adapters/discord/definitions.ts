/**
 * The one `/paper` slash command, with a subcommand per command in `commands/` that Discord offers.
 * Nothing is declared here: names, descriptions, types, bounds and autocomplete come from the
 * command definitions.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { commandsFor, type Command, type OptionSpec } from '../../commands/index.js';
import { commandDescription } from './render.js';

export const ROOT_COMMAND = 'paper';
const ROOT_DESCRIPTION = 'Search, ask about and explore the research papers this bot knows';

function option(spec: OptionSpec): APIApplicationCommandBasicOption {
  const common = { name: spec.name, description: commandDescription(spec.description), required: spec.required };
  if (spec.type === 'integer') {
    return {
      ...common,
      type: ApplicationCommandOptionType.Integer,
      ...(spec.minValue !== undefined ? { min_value: spec.minValue } : {}),
      ...(spec.maxValue !== undefined ? { max_value: spec.maxValue } : {}),
    };
  }
  return {
    ...common,
    type: ApplicationCommandOptionType.String,
    ...(spec.minLength !== undefined ? { min_length: spec.minLength } : {}),
    ...(spec.maxLength !== undefined ? { max_length: spec.maxLength } : {}),
    ...(spec.autocomplete ? { autocomplete: true } : {}),
  };
}

function subcommand(command: Command): APIApplicationCommandSubcommandOption {
  // Discord wants required options before optional ones; the sort is stable otherwise.
  const specs = [...command.options].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: commandDescription(command.description),
    options: specs.map(option),
  };
}

/** The body of the bulk overwrite: exactly one command, `/paper`. */
export function commandDefinitions(commands: readonly Command[] = commandsFor('discord')): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: ROOT_COMMAND,
      description: ROOT_DESCRIPTION,
      options: commands.map(subcommand),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    },
  ];
}
