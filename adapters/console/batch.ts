/**
 * Batch mode: JSON lines in (`{"command":"ask","text":"..."}`), one JSON line out per non-blank input
 * line, in order, on one loaded corpus. `text` fills the command's positional option; every other
 * key is an option. A bad line answers with an error naming its line number; the rest carry on.
 */
import { createInterface } from 'node:readline';
import type { PaperCore } from '../../src/core.js';
import { PaperbotError, errorJson, toPaperbotError } from '../../src/errors.js';
import { consoleCommand, invoke, resultJson, type ConsoleServices } from './invoke.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badLine(problem: string): PaperbotError {
  return new PaperbotError('bad_option', problem);
}

/** The result of one input line (without its line number). */
export async function runBatchLine(line: string, core: PaperCore, services: ConsoleServices = {}): Promise<unknown> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (error) {
    throw badLine(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(request)) throw badLine('expected a JSON object like {"command":"search","text":"diffusion policy"}');
  const { command: name, text, ...options } = request;
  if (typeof name !== 'string' || name.trim() === '') throw badLine('"command" is required (search, ask, show, similar, highlights, stats, help)');
  const command = consoleCommand(name.trim());
  const raw: Record<string, unknown> = { ...options };
  if (text !== undefined) {
    const positional = command.options.find((o) => o.positional);
    if (!positional) throw badLine(`${command.name}: takes no "text"`);
    raw[positional.name] = text;
  }
  return resultJson(await invoke(command, raw, core, services));
}

export async function runBatch(
  core: PaperCore,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  services: ConsoleServices = {},
): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let lineNumber = 0;
  for await (const line of rl) {
    lineNumber++;
    if (line.trim() === '') continue;
    let answer: unknown;
    try {
      answer = await runBatchLine(line, core, services);
    } catch (error) {
      const failure = errorJson(toPaperbotError(error));
      answer = { error: { ...failure.error, message: `line ${lineNumber}: ${failure.error.message}`, line: lineNumber } };
    }
    output.write(`${JSON.stringify(answer)}\n`);
  }
}
