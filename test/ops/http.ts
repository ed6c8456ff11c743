/** Small helpers for the tests of the operations endpoints: a free port, a GET, polling. */
export { freePort } from '../support/net.js';

export interface HttpReply {
  status: number;
  contentType: string;
  text: string;
}

export async function get(port: number, path: string): Promise<HttpReply> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** GET that resolves to null when nothing listens on the port. */
export async function tryGet(port: number, path: string): Promise<HttpReply | null> {
  try {
    return await get(port, path);
  } catch {
    return null;
  }
}

/** Polls `check` until it returns a value, or throws after `ms`. */
export async function until<T>(check: () => Promise<T | undefined | null | false>, ms = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The value of one sample line of Prometheus text, e.g. `paperbot_commands_total{platform="slack",...}`. */
export function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
