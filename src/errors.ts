/**
 * Coded errors. Expected user mistakes (a bad option, an unknown paper, a broken corpus file) are
 * `PaperbotError`s with a stable code that renderers turn into friendly text; anything else is wrapped
 * as `internal` at the edge.
 */
export const ERROR_CODES = [
  'bad_option',
  'unknown_command',
  'not_found',
  'corpus_error',
  'config_error',
  'stale_button',
  'forbidden',
  /** A service paperbot relies on (the arXiv API) failed or answered nonsense; nothing was changed. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class PaperbotError extends Error {
  override readonly name = 'PaperbotError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A corpus file that cannot be parsed: names the file, the line or record, the field and what was expected. */
export class CorpusError extends PaperbotError {
  constructor(
    readonly file: string,
    readonly location: string | undefined,
    problem: string,
  ) {
    super('corpus_error', `${file}${location ? `:${location}` : ''}: ${problem}`, { file, location });
  }
}

export function toPaperbotError(error: unknown): PaperbotError {
  if (error instanceof PaperbotError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PaperbotError('internal', `internal error: ${message}`);
}

export interface ErrorJson {
  error: { code: ErrorCode; message: string };
}

export function errorJson(error: PaperbotError): ErrorJson {
  return { error: { code: error.code, message: error.message } };
}
