/**
 * The interactive console: one command per line (`search offline RL --limit 3`, `show NeoRL-2`), a
 * bare question is asked, `reload` re-reads the corpus, `quit`/`exit`/Ctrl-D leave. A bad line gets
 * a friendly message and the console carries on.
 */
import { createInterface } from 'node:readline';
import { answerPapers, findCommand } from '../../commands/index.js';
import { toPaperbotError } from '../../src/errors.js';
import type { Library } from '../../src/library.js';
import { parseArgs, tokenize } from './args.js';
import { invokeWords, resultJson, type ConsoleServices } from './invoke.js';
import { renderError, renderResult, type Style } from './render.js';

export const PROMPT = 'paperbot> ';
const QUIT = new Set(['quit', 'exit']);
const CONSOLE_EXTRAS = ['  reload', '      Re-read the corpus files (a broken file keeps the current papers)', '  quit', '      Leave (also exit or Ctrl-D)'];

export interface ReplIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Line editing and history when the input is a terminal. */
  terminal: boolean;
  style: Style;
}

export type LineOutcome = { quit: true } | { quit: false; text: string };

/** What the console remembers between lines: the papers of the last answer that had any, for a follow-up. */
export interface ConsoleSession {
  conversation: string[];
}

/** What one console line does; never throws. */
export async function handleLine(
  line: string,
  library: Library,
  style: Style,
  services: ConsoleServices = {},
  session: ConsoleSession = { conversation: [] },
): Promise<LineOutcome> {
  const trimmed = line.trim();
  if (trimmed === '') return { quit: false, text: '' };
  const [first = ''] = trimmed.split(/\s+/, 1);
  const verb = first.toLowerCase();
  if (QUIT.has(verb)) return { quit: true };
  const run = async (name: string, words: readonly string[], options: ReadonlyMap<string, string[]>) => {
    const outcome = await invokeWords(name, words, options, library, { ...services, conversation: session.conversation });
    const papers = outcome.kind === 'answer' ? answerPapers(outcome) : [];
    if (papers.length > 0) session.conversation = papers;
    return outcome;
  };
  try {
    if (verb === 'reload') return { quit: false, text: await reload(library) };
    if (!findCommand(verb, 'console')) {
      const outcome = await run('ask', [trimmed], new Map());
      return { quit: false, text: renderResult(outcome, style) };
    }
    const args = parseArgs(tokenize(trimmed), { flags: new Set(['json']) });
    const outcome = await run(verb, args.words.slice(1), args.options);
    if (args.flags.has('json')) return { quit: false, text: JSON.stringify(resultJson(outcome), null, 2) };
    const text = renderResult(outcome, style);
    return { quit: false, text: outcome.kind === 'help' && outcome.result.commands.length > 1 ? [text, ...CONSOLE_EXTRAS].join('\n') : text };
  } catch (error) {
    return { quit: false, text: renderError(toPaperbotError(error)) };
  }
}

async function reload(library: Library): Promise<string> {
  try {
    const report = await library.reload();
    if (!report.changed) return `The corpus files are unchanged; still serving ${library.size} papers.`;
    return `Reloaded ${report.papers} papers${report.fromCache ? ' (from cache)' : ''} in ${Math.round(report.ms)} ms.`;
  } catch (error) {
    const { message } = toPaperbotError(error);
    return `Reload failed; still serving the previous ${library.size} papers.\n${message}`;
  }
}

export async function runRepl(library: Library, io: ReplIo, services: ConsoleServices = {}): Promise<void> {
  const rl = createInterface({ input: io.input, output: io.output, prompt: PROMPT, terminal: io.terminal });
  const write = (text: string) => io.output.write(text.endsWith('\n') ? text : `${text}\n`);
  // Ctrl-C at the prompt leaves, like Ctrl-D; without a listener readline would only pause.
  rl.on('SIGINT', () => rl.close());
  const { papers, fromCache } = library.lastLoad;
  write(`paperbot: ${papers} papers loaded${fromCache ? ' from the index cache' : ''}. Type "help" for commands, "quit" to leave.`);
  rl.prompt();
  const session: ConsoleSession = { conversation: [] };
  for await (const line of rl) {
    const outcome = await handleLine(line, library, io.style, services, session);
    if (outcome.quit) break;
    if (outcome.text) write(outcome.text);
    rl.prompt();
  }
  rl.close();
}
