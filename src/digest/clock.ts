/**
 * Time as the scheduler sees it. Production uses the system clock; tests inject a clock they advance
 * by hand, so a simulated week runs in milliseconds and every post time is exact.
 */
export interface Clock {
  now(): Date;
  /** Calls `task` at `at` (or soon after); the returned function cancels it. */
  setTimer(at: Date, task: () => Promise<void> | void): () => void;
}

/** setTimeout overflows above 2^31-1 ms; waking earlier is harmless because the scheduler re-plans. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(at, task) {
    const delay = Math.min(Math.max(at.getTime() - Date.now(), 0), MAX_TIMEOUT_MS);
    const timer = setTimeout(() => void task(), delay);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
