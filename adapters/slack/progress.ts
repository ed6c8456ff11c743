/**
 * Shows that an answer is on its way when it takes a while: `show` runs once the work has taken
 * `delayMs` (at once when `delayMs` is 0), `hide` after it settles. Quick answers cause no extra calls.
 */
export const PROGRESS_DELAY_MS = 800;

export interface ProgressIndicator {
  show(): Promise<void>;
  hide(): Promise<void>;
}

export async function withProgress<T>(work: () => Promise<T>, delayMs: number, indicator: ProgressIndicator): Promise<T> {
  let shown: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (delayMs <= 0) shown = indicator.show();
  else timer = setTimeout(() => (shown = indicator.show()), delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (shown) {
      await shown;
      await indicator.hide();
    }
  }
}
