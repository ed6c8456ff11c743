/**
 * Argument parsing shared by the CLI, the interactive console and batch mode: splitting a line into
 * words (with quotes), separating `--name value` / `--name=value` options and flags from positional
 * words, and turning them into a command's raw options.
 */
import type { Command } from '../../commands/index.js';
import { PaperbotError } from '../../src/errors.js';

export interface ParsedArgs {
  /** Positional words, in order. */
  words: string[];
  /** Every value given per option name, in order (`--corpus a --corpus b`). */
  options: Map<string, string[]>;
  /** Boolean flags that were present (`--json`). */
  flags: Set<string>;
}

export interface ParseSpec {
  /** Options that take no value. */
  flags?: ReadonlySet<string>;
  /** Short aliases: `-h` -> `help`. */
  aliases?: Readonly<Record<string, string>>;
}

const OPENERS: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };

/**
 * Splits a line into words. A quote opens a quoted word only at the start of a word and when it is
 * closed later on, so an apostrophe in a question ("what's RT-H?") is just a character.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i] ?? '')) i++;
    if (i >= line.length) break;
    let word = '';
    let quoted = false;
    while (i < line.length && !/\s/.test(line[i] ?? '')) {
      const ch = line[i] ?? '';
      const closer = OPENERS[ch];
      const end = closer && word === '' ? line.indexOf(closer, i + 1) : -1;
      if (closer && end !== -1) {
        word += line.slice(i + 1, end);
        quoted = true;
        i = end + 1;
      } else {
        word += ch;
        i++;
      }
    }
    if (word !== '' || quoted) words.push(word);
  }
  return words;
}

/** Separates options from positional words. After `--`, everything is positional. */
export function parseArgs(tokens: readonly string[], spec: ParseSpec = {}): ParsedArgs {
  const parsed: ParsedArgs = { words: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token === '--') {
      parsed.words.push(...tokens.slice(i + 1));
      break;
    }
    const alias = spec.aliases?.[token];
    if (alias) {
      parsed.flags.add(alias);
      continue;
    }
    if (!token.startsWith('--') || token.length === 2) {
      parsed.words.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = (eq === -1 ? token.slice(2) : token.slice(2, eq)).toLowerCase();
    if (spec.flags?.has(name)) {
      parsed.flags.add(name);
      continue;
    }
    let value: string;
    if (eq !== -1) {
      value = token.slice(eq + 1);
    } else {
      const next = tokens[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new PaperbotError('bad_option', `option --${name} needs a value`, { option: name });
      }
      value = next;
      i++;
    }
    const values = parsed.options.get(name) ?? [];
    values.push(value);
    parsed.options.set(name, values);
  }
  return parsed;
}

/**
 * A command's raw options from parsed arguments: positional words join into its positional option,
 * `--name value` fills the named one (the last value wins). Unknown options are refused here, naming
 * the valid ones; the command's own schema checks the values.
 */
export function commandOptions(command: Command, words: readonly string[], options: ReadonlyMap<string, string[]>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const valid = command.options.map((o) => `--${o.name}`);
  for (const [name, values] of options) {
    if (!command.options.some((o) => o.name === name)) {
      const hint = valid.length > 0 ? `valid options: ${valid.join(', ')}` : 'it takes no options';
      throw new PaperbotError('bad_option', `${command.name}: unknown option --${name} (${hint})`, { command: command.name, option: name });
    }
    raw[name] = values[values.length - 1];
  }
  if (words.length > 0) {
    const positional = command.options.find((o) => o.positional);
    if (!positional) {
      throw new PaperbotError('bad_option', `${command.name}: takes no text (got "${words.join(' ')}")`, { command: command.name });
    }
    if (raw[positional.name] !== undefined) {
      throw new PaperbotError('bad_option', `${command.name}: give the ${positional.name} either as text or as --${positional.name}, not both`, {
        command: command.name,
        option: positional.name,
      });
    }
    raw[positional.name] = words.join(' ');
  }
  return raw;
}
