/**
 * One-shot CLI commands (`paperbot search "diffusion policy" --limit 3 --json`) and the CLI's usage
 * text. With `--json`, stdout carries exactly one JSON object: the result, or `{"error":{...}}`.
 */
import { commandsFor, findCommand, usage, type CommandResult } from '../../commands/index.js';
import type { PaperCore } from '../../src/core.js';
import { errorJson, type PaperbotError } from '../../src/errors.js';
import { exitCodeFor, isMiss, resultJson } from './invoke.js';
import { renderError, renderResult, styleFor } from './render.js';

export interface CliOutput {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

const CLI_COMMANDS = [
  ['start', 'Run the Discord/Slack bots whose tokens are set; with none, the interactive console (default)'],
  ['shards', 'Run Discord as several shards (DISCORD_SHARDS, default auto), one process each, sharing the database'],
  ['batch', 'Read JSON lines ({"command":"ask","text":"..."}) from stdin, write one JSON result per line'],
  ['register [--guild ID] [--global]', 'Register the Discord slash commands (DISCORD_TOKEN, DISCORD_APPLICATION_ID)'],
  ['invite', 'Print the URL that adds the Discord bot to a server'],
  ['doctor', 'Check the configuration, corpus, Discord and Slack setup, database and feeds; say how to fix each problem'],
  ['enrich [--corpus FILE] [--check]', "Look up arXiv ids, dates and authors of a listing's papers by exact title; write them to FILE.ids.json"],
] as const;

/** `paperbot --help`: the commands from `commands/`, then what only the CLI does. */
export function cliUsage(): string {
  const lines = ['Usage: paperbot [command] [words...] [--option value]... [--corpus PATH]... [--json]', '', 'Commands:'];
  for (const command of commandsFor('console')) lines.push(`  ${usage(command)}`, `      ${command.description}`);
  for (const [name, description] of CLI_COMMANDS) lines.push(`  ${name}`, `      ${description}`);
  lines.push(
    '',
    'Options:',
    '  --corpus PATH   A paper list to load (repeatable); default: PAPERS_CORPUS, else the bundled listing',
    '  --json          Print the structured result as one JSON object on stdout',
    '  --help, -h      This text; `paperbot help <command>` explains one command',
    '',
    'Examples:',
    ...commandsFor('console').map((c) => `  paperbot ${c.example}`),
  );
  return lines.join('\n');
}

/** A command's help without loading a corpus: `help` never touches the core. */
export const NO_CORE = new Proxy({} as PaperCore, {
  get(_target, property) {
    throw new Error(`help does not read the corpus (asked for ${String(property)})`);
  },
});

export function isCorpusFree(name: string): boolean {
  return findCommand(name, 'console')?.name === 'help';
}

/** Prints a command's outcome; returns the exit code. */
export function printOutcome(outcome: CommandResult, json: boolean, out: CliOutput): number {
  if (json) {
    out.stdout.write(`${JSON.stringify(resultJson(outcome))}\n`);
  } else {
    const full = outcome.kind === 'help' && outcome.result.commands.length > 1;
    out.stdout.write(`${full ? cliUsage() : renderResult(outcome, styleFor(out.stdout.isTTY))}\n`);
  }
  return isMiss(outcome) ? 1 : 0;
}

/** Prints an error (JSON on stdout with `--json`, text on stderr without); returns the exit code. */
export function printError(error: PaperbotError, json: boolean, out: CliOutput): number {
  const code = exitCodeFor(error);
  if (json) {
    const suggestions = error.details?.suggestions;
    const body = { error: { ...errorJson(error).error, ...(Array.isArray(suggestions) ? { suggestions } : {}) } };
    out.stdout.write(`${JSON.stringify(body)}\n`);
  } else {
    const hint = code === 2 ? '\n(see paperbot --help)' : '';
    out.stderr.write(`${renderError(error)}${hint}\n`);
  }
  return code;
}
