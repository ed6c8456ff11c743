/**
 * The answers being worked on, so a shutdown can stop taking new work and still finish what it
 * accepted. Adapters run every incoming request through `track`; the composition root closes the
 * gate on SIGTERM and waits for `idle`.
 */
export class InFlight {
  private running = 0;
  private open = true;
  private readonly waiters = new Set<() => void>();

  /** False once shutdown began: adapters turn new requests away. */
  get accepting(): boolean {
    return this.open;
  }

  get count(): number {
    return this.running;
  }

  close(): void {
    this.open = false;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) for (const wake of this.waiters) wake();
    }
  }

  /** Resolves true once nothing is running, or false when `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (finished: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(finished);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), Math.max(0, timeoutMs));
      this.waiters.add(wake);
    });
  }
}

/** True when `work` settles within `ms`, false when the time runs out first. */
export async function withinTime(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
