/** `paperbot start` on the seed listing as a process of its own (the built binary), for the shutdown tests. */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { SEED, spawnBin } from '../cli/run-bin.js';

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  stderr: () => string;
}

/** Starts it with `env`; `cleanup` gets a step that kills it if it still runs and waits for it to end. */
export function startBotProcess(env: Record<string, string>, cleanup: Array<() => Promise<void>>): BotProcess {
  const child = spawnBin(['start', '--corpus', SEED], { env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, exited, stderr: () => stderr };
}
