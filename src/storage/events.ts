/**
 * Chat events already handled, shared by every replica: Slack redelivers an event (same `event_id`)
 * when an ack was late or lost, and the retry may reach another replica. The first to insert the key
 * answers; the others drop the event. Keys are kept at least an hour, well past Slack's last retry.
 */
import type { SqlClient } from './sql.js';

export const HANDLED_EVENT_TTL_MS = 60 * 60_000;
/** Expired keys are swept at most this often. */
const SWEEP_EVERY_MS = 10 * 60_000;

export class HandledEvents {
  private lastSweep = 0;

  constructor(private readonly sql: SqlClient) {}

  /** True for the first claim of `key` within the TTL, in any process on this database. */
  async claim(key: string, now: Date = new Date(), ttlMs: number = HANDLED_EVENT_TTL_MS): Promise<boolean> {
    const at = now.getTime();
    if (at - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = at;
      await this.sql.run('DELETE FROM handled_events WHERE expires_at <= $1', [at]);
    }
    const claimed = await this.sql.get<{ key: string }>(
      `INSERT INTO handled_events (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE handled_events.expires_at <= $3
       RETURNING key`,
      [key, at + ttlMs, at],
    );
    return claimed !== undefined;
  }
}
