/**
 * Picks up edited corpus files while the bots serve: a change to a corpus file or its `.ids.json`
 * sidecar (seen by watching their folders, so editors that save by renaming are caught too), after a
 * quiet moment, triggers one rebuild; changes during a rebuild trigger one more after it. A rebuild
 * that fails keeps the serving index and logs the file and line that broke it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import type { OpenReport } from '../library.js';
import { sidecarPath } from '../ingest/sidecar.js';
import { toPaperbotError } from '../errors.js';

/** Editors and `cp` write a file in several steps; one rebuild after the last of them. */
export const WATCH_DEBOUNCE_MS = 500;

export interface CorpusWatcherOptions {
  files: string[];
  reload: () => Promise<OpenReport>;
  logger: Logger;
  debounceMs?: number;
  /** Watch the files (default); off, only `trigger` (SIGHUP) rebuilds. */
  watch?: boolean;
}

export interface CorpusWatcher {
  /** Rebuild now (or right after the rebuild in progress), e.g. on SIGHUP. */
  trigger(reason: string): void;
  /** Resolves once no rebuild is running or waiting. */
  idle(): Promise<void>;
  close(): void;
}

export function watchCorpus(options: CorpusWatcherOptions): CorpusWatcher {
  const { logger, reload } = options;
  const debounceMs = options.debounceMs ?? WATCH_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again: string | undefined;
  let closed = false;

  async function rebuild(reason: string): Promise<void> {
    logger.info({ reason }, 'corpus: rebuilding the index in the background; answers keep coming from the current one');
    try {
      const report = await reload();
      if (report.changed) logger.info({ reason, papers: report.papers, fromCache: report.fromCache, ms: Math.round(report.ms) }, 'corpus: new index serving');
      else logger.info({ reason }, 'corpus: files unchanged; index kept');
    } catch (error) {
      const failure = toPaperbotError(error);
      const { file, location } = failure.details ?? {};
      logger.error({ reason, file, line: location, err: failure.message }, 'corpus: rebuild failed; still serving the previous index');
    }
  }

  function start(reason: string): void {
    if (closed) return;
    if (running) {
      again = reason;
      return;
    }
    running = rebuild(reason).finally(() => {
      running = undefined;
      const next = again;
      again = undefined;
      if (next) start(next);
    });
  }

  function schedule(reason: string): void {
    clearTimeout(timer);
    timer = setTimeout(() => start(reason), debounceMs);
    timer.unref();
  }

  const watched = new Map<string, Set<string>>();
  for (const file of options.files) {
    for (const name of [file, sidecarPath(file)]) {
      const dir = path.dirname(name);
      const names = watched.get(dir) ?? new Set<string>();
      names.add(path.basename(name));
      watched.set(dir, names);
    }
  }
  const watchers: fs.FSWatcher[] = [];
  if (options.watch !== false) {
    for (const [dir, names] of watched) {
      try {
        const watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
          const name = filename?.toString();
          if (name && names.has(name)) schedule(`${path.join(dir, name)} changed`);
        });
        watcher.on('error', (error) => logger.warn({ dir, err: error.message }, 'corpus: cannot watch this folder any more; send SIGHUP to reload'));
        watchers.push(watcher);
      } catch (error) {
        logger.warn({ dir, err: error instanceof Error ? error.message : String(error) }, 'corpus: cannot watch this folder; send SIGHUP to reload');
      }
    }
  }

  return {
    trigger: (reason) => start(reason),
    async idle() {
      while (running) await running;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
