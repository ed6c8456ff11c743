/**
 * `/readyz`: the process may take traffic when the index is loaded, every configured adapter is
 * connected and the database answers. Each of these is a named probe; the report names what is
 * not ready and why.
 */

export interface ProbeResult {
  ready: boolean;
  detail: string;
}

export type Probe = () => ProbeResult | Promise<ProbeResult>;

export interface ReadinessReport {
  ready: boolean;
  /** The probes that failed, by name: what an operator reads first. */
  notReady: string[];
  checks: Record<string, ProbeResult>;
}

/** A probe slower than this counts as not ready (a database that hangs is not answering). */
export const PROBE_TIMEOUT_MS = 2_000;

export class Readiness {
  private readonly probes = new Map<string, Probe>();
  private stopping = false;

  constructor(private readonly probeTimeoutMs = PROBE_TIMEOUT_MS) {}

  /** Adds or replaces a probe; until a probe is set, `pending` names something still starting. */
  set(name: string, probe: Probe): void {
    this.probes.set(name, probe);
  }

  pending(name: string, detail: string): void {
    this.set(name, () => ({ ready: false, detail }));
  }

  /** From SIGTERM on, never ready again: load balancers stop sending work here. */
  shuttingDown(): void {
    this.stopping = true;
  }

  async check(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.probes].map(async ([name, probe]): Promise<[string, ProbeResult]> => [name, await runProbe(probe, this.probeTimeoutMs)]),
    );
    if (this.stopping) entries.unshift(['process', { ready: false, detail: 'shutting down' }]);
    const checks = Object.fromEntries(entries);
    const notReady = entries.filter(([, result]) => !result.ready).map(([name]) => name);
    return { ready: notReady.length === 0, notReady, checks };
  }
}

async function runProbe(probe: Probe, timeoutMs: number): Promise<ProbeResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(probe), timeout]);
  } catch (error) {
    return { ready: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
