/** Subscriptions in the database: one per platform channel, made by a command or by `HIGHLIGHTS`. */
import type { HighlightsEntry } from '../digest/settings.js';
import type { DigestPlatform, SubscriptionOrigin, SubscriptionSchedule } from '../digest/types.js';
import type { SqlClient, SqlRunner } from './sql.js';

export interface Subscription extends SubscriptionSchedule {
  id: number;
  origin: SubscriptionOrigin;
  /** Runs before this instant are not owed to the channel. */
  activeSince: Date;
  pausedReason?: string;
}

export interface SubscriptionFields extends SubscriptionSchedule {
  origin: SubscriptionOrigin;
  createdBy?: string;
}

interface Row {
  id: number;
  platform: DigestPlatform;
  channel_id: string;
  time: string;
  timezone: string;
  topic: string | null;
  count: number;
  origin: 'command' | 'config';
  active: number;
  active_since: number;
  paused_reason: string | null;
}

function fromRow(row: Row): Subscription {
  return {
    id: row.id,
    platform: row.platform,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    ...(row.topic ? { topic: row.topic } : {}),
    count: row.count,
    origin: row.origin,
    activeSince: new Date(row.active_since),
    ...(row.paused_reason ? { pausedReason: row.paused_reason } : {}),
  };
}

export class SubscriptionStore {
  constructor(private readonly sql: SqlClient) {}

  async find(platform: DigestPlatform, channelId: string, tx: SqlRunner = this.sql): Promise<(Subscription & { active: boolean }) | undefined> {
    const row = await tx.get<Row>('SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return row ? { ...fromRow(row), active: row.active === 1 } : undefined;
  }

  async byId(id: number): Promise<Subscription | undefined> {
    const row = await this.sql.get<Row>('SELECT * FROM subscriptions WHERE id = $1 AND active = 1', [id]);
    return row ? fromRow(row) : undefined;
  }

  /** Active subscriptions, paused ones included, in a stable order. */
  async active(platform?: DigestPlatform, channelId?: string, tx: SqlRunner = this.sql): Promise<Subscription[]> {
    const rows = await tx.all<Row>(
      `SELECT * FROM subscriptions
       WHERE active = 1 AND ($1 = '' OR platform = $1) AND ($2 = '' OR channel_id = $2)
       ORDER BY platform, channel_id`,
      [platform ?? '', channelId ?? ''],
    );
    return rows.map(fromRow);
  }

  /**
   * Creates or replaces the channel's subscription and clears a pause. The channel keeps its id (and
   * so its history of posted papers) across unsubscribe/subscribe. A new schedule only owes runs from now on.
   */
  save(fields: SubscriptionFields, now: Date): Promise<Subscription> {
    return this.sql.transaction((tx) => this.saveIn(tx, fields, now));
  }

  async deactivate(platform: DigestPlatform, channelId: string, now: Date, tx: SqlRunner = this.sql): Promise<boolean> {
    const changed = await tx.run('UPDATE subscriptions SET active = 0, updated_at = $1 WHERE platform = $2 AND channel_id = $3 AND active = 1', [
      now.getTime(),
      platform,
      channelId,
    ]);
    return changed > 0;
  }

  async pause(id: number, reason: string, now: Date): Promise<void> {
    await this.sql.run('UPDATE subscriptions SET paused_reason = $1, updated_at = $2 WHERE id = $3', [reason, now.getTime(), id]);
  }

  /**
   * Makes the database match `HIGHLIGHTS`: each entry becomes (or replaces) its channel's subscription,
   * and config-made subscriptions no longer listed are switched off. Restarting retries paused ones.
   */
  syncConfig(entries: HighlightsEntry[], now: Date): Promise<{ removed: Subscription[] }> {
    return this.sql.transaction(async (tx) => {
      const listed = new Set(entries.map((e) => `${e.platform} ${e.channelId}`));
      for (const entry of entries) await this.saveIn(tx, { ...entry, origin: 'config' }, now);
      const removed = (await this.active(undefined, undefined, tx)).filter((s) => s.origin === 'config' && !listed.has(`${s.platform} ${s.channelId}`));
      for (const sub of removed) await this.deactivate(sub.platform, sub.channelId, now, tx);
      return { removed };
    });
  }

  private async saveIn(tx: SqlRunner, fields: SubscriptionFields, now: Date): Promise<Subscription> {
    const existing = await this.find(fields.platform, fields.channelId, tx);
    const scheduleChanged =
      !existing || !existing.active || existing.time !== fields.time || existing.timezone !== fields.timezone;
    const activeSince = scheduleChanged ? now.getTime() : (existing?.activeSince.getTime() ?? now.getTime());
    await tx.run(
      `INSERT INTO subscriptions (platform, channel_id, time, timezone, topic, count, origin, active, active_since,
                                  paused_reason, created_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, NULL, $9, $10)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         time = excluded.time, timezone = excluded.timezone, topic = excluded.topic, count = excluded.count,
         origin = excluded.origin, active = 1, active_since = excluded.active_since, paused_reason = NULL,
         created_by = COALESCE(excluded.created_by, subscriptions.created_by), updated_at = excluded.updated_at`,
      [
        fields.platform,
        fields.channelId,
        fields.time,
        fields.timezone,
        fields.topic ?? null,
        fields.count,
        fields.origin,
        activeSince,
        fields.createdBy ?? null,
        now.getTime(),
      ],
    );
    const saved = await this.find(fields.platform, fields.channelId, tx);
    if (!saved) throw new Error(`subscription for ${fields.platform} ${fields.channelId} was not saved`);
    return saved;
  }
}
