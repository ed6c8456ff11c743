/** One doctor check's verdict: what it found and, when something is wrong, how to fix it. */

/** `fail`: paperbot will not work as configured (non-zero exit); `warn`: worth a look; `skip`: not configured. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  message: string;
  fix?: string;
}

export const ok = (check: string, message: string): CheckResult => ({ check, status: 'ok', message });
export const skip = (check: string, message: string): CheckResult => ({ check, status: 'skip', message });
export const warn = (check: string, message: string, fix?: string): CheckResult => ({ check, status: 'warn', message, ...(fix ? { fix } : {}) });
export const fail = (check: string, message: string, fix: string): CheckResult => ({ check, status: 'fail', message, fix });

/** A timeout or a connection that did not happen, as one short phrase. */
export function networkProblem(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
}
