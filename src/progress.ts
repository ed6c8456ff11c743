/**
 * Progress of long work (parsing, indexing, writing and loading the index cache): structured events
 * from the core, and the three ways they are shown. A terminal gets a bar on stderr (done / total,
 * elapsed, ETA); anything else gets a few plain lines, only for work that lasts; the bots log the
 * same milestones. stdout is never touched, so `--json` output stays one clean object.
 */
import cliProgress from 'cli-progress';
import type { Logger } from './log.js';

export type ProgressPhase = 'parsing' | 'indexing' | 'writing cache' | 'loading index' | 'applying changes' | 'looking up';

export interface ProgressEvent {
  phase: ProgressPhase;
  done: number;
  total: number;
  /** What is counted. */
  unit: 'papers';
}

export type OnProgress = (event: ProgressEvent) => void;

/** How long a phase runs before plain output mentions it: a small corpus prints nothing. */
const QUIET_MS = 1_000;
const TICK_MS = 100;

/**
 * Calls `report` for the first and last event of a phase and at most every `everyMs` between, so a
 * loop may report every item without the cost of drawing each one.
 */
export function throttle(report: OnProgress, everyMs = TICK_MS): OnProgress {
  let phase: ProgressPhase | undefined;
  let last = 0;
  return (event) => {
    const now = performance.now();
    const boundary = event.phase !== phase || event.done === 0 || event.done >= event.total;
    if (!boundary && now - last < everyMs) return;
    phase = event.phase;
    last = now;
    report(event);
  };
}

/** Counts the items of `items` as they are consumed, reporting each (callers throttle). */
export function* counted<T>(items: Iterable<T>, total: number, phase: ProgressPhase, unit: ProgressEvent['unit'], onProgress?: OnProgress): Generator<T> {
  if (!onProgress) return yield* items;
  let done = 0;
  onProgress({ phase, done, total, unit });
  for (const item of items) {
    yield item;
    onProgress({ phase, done: ++done, total, unit });
  }
  if (done < total) onProgress({ phase, done: total, total, unit });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

interface Phase {
  name: ProgressPhase;
  started: number;
  /** Quarters already printed (plain output). */
  quarters: number;
  bar?: cliProgress.SingleBar;
}

/**
 * Progress on stderr: a redrawn bar on a terminal, plain lines otherwise (after a phase has run for a
 * second: its progress at each quarter, then how long it took).
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): OnProgress {
  const terminal = stream.isTTY === true;
  let current: Phase | undefined;

  const finish = (phase: Phase, event: ProgressEvent) => {
    const elapsed = performance.now() - phase.started;
    if (phase.bar) {
      phase.bar.update(event.total);
      phase.bar.stop();
    } else if (!terminal && elapsed >= QUIET_MS) {
      stream.write(`${phase.name}: ${event.total} ${event.unit} in ${seconds(elapsed)}\n`);
    }
  };

  return throttle((event) => {
    if (current?.name !== event.phase) {
      current = { name: event.phase, started: performance.now(), quarters: 0 };
    }
    const phase = current;
    const elapsed = performance.now() - phase.started;
    if (terminal && !phase.bar && elapsed >= QUIET_MS / 4 && event.done < event.total) {
      phase.bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${event.phase.padEnd(13)} [{bar}] {value}/{total} ${event.unit} | {duration_formatted} elapsed | ETA {eta_formatted}`,
          hideCursor: false,
          clearOnComplete: false,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      phase.bar.start(event.total, event.done);
    }
    if (event.done >= event.total) {
      finish(phase, event);
      current = undefined;
      return;
    }
    if (phase.bar) {
      phase.bar.update(event.done);
    } else if (!terminal && elapsed >= QUIET_MS && event.total > 0) {
      const quarter = Math.floor((event.done / event.total) * 4);
      if (quarter > phase.quarters) {
        phase.quarters = quarter;
        stream.write(`${phase.name}: ${event.done}/${event.total} ${event.unit} (${Math.round((event.done / event.total) * 100)}%), ${seconds(elapsed)}\n`);
      }
    }
  });
}

/** The bots: each phase's start and end as log lines, with counts and times. */
export function logProgress(logger: Logger): OnProgress {
  let current: { name: ProgressPhase; started: number } | undefined;
  return throttle((event) => {
    if (current?.name !== event.phase) {
      current = { name: event.phase, started: performance.now() };
      logger.info({ phase: event.phase, total: event.total, unit: event.unit }, `index: ${event.phase}…`);
    }
    if (event.done >= event.total) {
      logger.info({ phase: event.phase, total: event.total, unit: event.unit, ms: Math.round(performance.now() - current.started) }, `index: ${event.phase} done`);
      current = undefined;
    }
  });
}
