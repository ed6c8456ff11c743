/**
 * Wall-clock arithmetic for daily posts in a subscription's IANA zone. croner resolves "09:00 in
 * Europe/Berlin" to instants, including the days a DST change adds or removes an hour (a time inside
 * the spring gap runs at the first valid minute after it; a time repeated in autumn runs once).
 */
import { Cron } from 'croner';

const TIME_RE = /^(\d{1,2}):(\d{2})$/;

/** "9:05" -> "09:05"; null for anything that is not a time of day between 00:00 and 23:59. */
export function normalizeTime(value: string): string | null {
  const match = TIME_RE.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function timeError(value: string): string {
  return `must be HH:MM between 00:00 and 23:59, got "${value}"`;
}

/** "europe/berlin" -> "Europe/Berlin"; null when the runtime does not know the zone. */
export function canonicalTimeZone(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function timeZoneError(value: string): string {
  return `must be an IANA time zone such as Europe/Berlin: unknown time zone "${value}"`;
}

export interface DailyTime {
  /** HH:MM */
  time: string;
  timezone: string;
}

const crons = new Map<string, Cron>();

function cronFor({ time, timezone }: DailyTime): Cron {
  const key = `${time} ${timezone}`;
  let cron = crons.get(key);
  if (!cron) {
    const [hours, minutes] = time.split(':').map(Number);
    // A paused job never starts a timer: it is used only to compute run times.
    cron = new Cron(`${minutes} ${hours} * * *`, { timezone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

/** The first run strictly after `after`. */
export function nextOccurrence(schedule: DailyTime, after: Date): Date {
  const next = cronFor(schedule).nextRun(after);
  if (!next) throw new Error(`no next run for ${schedule.time} ${schedule.timezone}`);
  return next;
}

/** Runs in (from, to], oldest first. */
export function occurrencesBetween(schedule: DailyTime, from: Date, to: Date): Date[] {
  const runs: Date[] = [];
  for (let run = nextOccurrence(schedule, from); run.getTime() <= to.getTime(); run = nextOccurrence(schedule, run)) {
    runs.push(run);
  }
  return runs;
}

/** The calendar date of `instant` in `timezone`, YYYY-MM-DD. */
export function localDate(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** "2026-03-30 09:00 CEST": the zone's abbreviation where the locale data has one, else "GMT+5:30". */
export function localLabel(instant: Date, timezone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return `${localDate(instant, timezone)} ${time} ${zoneAbbreviation(instant, timezone)}`;
}

function zoneAbbreviation(instant: Date, timezone: string): string {
  let fallback = '';
  for (const locale of ['en-US', 'en-GB']) {
    const part = new Intl.DateTimeFormat(locale, { timeZone: timezone, timeZoneName: 'short' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part && !part.startsWith('GMT')) return part;
    fallback ||= part ?? timezone;
  }
  return fallback;
}
