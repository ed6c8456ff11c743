/**
 * Leases: a named job (the feed fetch) that one process at a time may run. The holder's row carries
 * an expiry, so a replica that died holding it blocks the others only until then.
 */
import type { SqlClient } from './sql.js';

export class Leases {
  constructor(
    private readonly sql: SqlClient,
    /** This process. */
    readonly owner: string,
  ) {}

  /** Takes (or renews) the lease unless another process holds it unexpired; true when it is ours. */
  async acquire(name: string, ttlMs: number, now: Date = new Date()): Promise<boolean> {
    const at = now.getTime();
    const row = await this.sql.get<{ owner: string }>(
      `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.expires_at <= $4 OR leases.owner = excluded.owner
       RETURNING owner`,
      [name, this.owner, at + ttlMs, at],
    );
    return row !== undefined;
  }

  /** Who holds the lease now, if anyone. */
  async holder(name: string, now: Date = new Date()): Promise<string | undefined> {
    const row = await this.sql.get<{ owner: string }>('SELECT owner FROM leases WHERE name = $1 AND expires_at > $2', [name, now.getTime()]);
    return row?.owner;
  }

  async release(name: string): Promise<void> {
    await this.sql.run('DELETE FROM leases WHERE name = $1 AND owner = $2', [name, this.owner]);
  }

  /** Gives up every lease this process holds (at shutdown). */
  releaseOwned(): Promise<number> {
    return this.sql.run('DELETE FROM leases WHERE owner = $1', [this.owner]);
  }
}
