/** Subscriptions in the database: one per platform channel, made by a command or by `HIGHLIGHTS`. */
import type { Db } from './db.js';
import type { HighlightsEntry } from './settings.js';
import type { DigestPlatform, SubscriptionOrigin, SubscriptionSchedule } from './types.js';

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
  constructor(private readonly db: Db) {}

  find(platform: DigestPlatform, channelId: string): (Subscription & { active: boolean }) | undefined {
    const row = this.db
      .prepare<[string, string], Row>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?')
      .get(platform, channelId);
    return row ? { ...fromRow(row), active: row.active === 1 } : undefined;
  }

  byId(id: number): Subscription | undefined {
    const row = this.db.prepare<[number], Row>('SELECT * FROM subscriptions WHERE id = ? AND active = 1').get(id);
    return row ? fromRow(row) : undefined;
  }

  /** Active subscriptions, paused ones included, in a stable order. */
  active(platform?: DigestPlatform, channelId?: string): Subscription[] {
    const rows = this.db
      .prepare<{ platform: string | null; channel: string | null }, Row>(
        `SELECT * FROM subscriptions
         WHERE active = 1 AND (@platform IS NULL OR platform = @platform) AND (@channel IS NULL OR channel_id = @channel)
         ORDER BY platform, channel_id`,
      )
      .all({ platform: platform ?? null, channel: channelId ?? null });
    return rows.map(fromRow);
  }

  /**
   * Creates or replaces the channel's subscription and clears a pause. The channel keeps its id (and
   * so its history of posted papers) across unsubscribe/subscribe. A new schedule only owes runs from now on.
   */
  save(fields: SubscriptionFields, now: Date): Subscription {
    const existing = this.find(fields.platform, fields.channelId);
    const scheduleChanged =
      !existing || !existing.active || existing.time !== fields.time || existing.timezone !== fields.timezone;
    const activeSince = scheduleChanged ? now.getTime() : (existing?.activeSince.getTime() ?? now.getTime());
    this.db
      .prepare(
        `INSERT INTO subscriptions (platform, channel_id, time, timezone, topic, count, origin, active, active_since,
                                    paused_reason, created_by, updated_at)
         VALUES (@platform, @channelId, @time, @timezone, @topic, @count, @origin, 1, @activeSince, NULL, @createdBy, @now)
         ON CONFLICT (platform, channel_id) DO UPDATE SET
           time = excluded.time, timezone = excluded.timezone, topic = excluded.topic, count = excluded.count,
           origin = excluded.origin, active = 1, active_since = excluded.active_since, paused_reason = NULL,
           created_by = COALESCE(excluded.created_by, created_by), updated_at = excluded.updated_at`,
      )
      .run({
        ...fields,
        topic: fields.topic ?? null,
        createdBy: fields.createdBy ?? null,
        activeSince,
        now: now.getTime(),
      });
    const saved = this.find(fields.platform, fields.channelId);
    if (!saved) throw new Error(`subscription for ${fields.platform} ${fields.channelId} was not saved`);
    return saved;
  }

  deactivate(platform: DigestPlatform, channelId: string, now: Date): boolean {
    const result = this.db
      .prepare('UPDATE subscriptions SET active = 0, updated_at = ? WHERE platform = ? AND channel_id = ? AND active = 1')
      .run(now.getTime(), platform, channelId);
    return result.changes > 0;
  }

  pause(id: number, reason: string, now: Date): void {
    this.db.prepare('UPDATE subscriptions SET paused_reason = ?, updated_at = ? WHERE id = ?').run(reason, now.getTime(), id);
  }

  /**
   * Makes the database match `HIGHLIGHTS`: each entry becomes (or replaces) its channel's subscription,
   * and config-made subscriptions no longer listed are switched off. Restarting retries paused ones.
   */
  syncConfig(entries: HighlightsEntry[], now: Date): { removed: Subscription[] } {
    return this.db
      .transaction(() => {
        const listed = new Set(entries.map((e) => `${e.platform} ${e.channelId}`));
        for (const entry of entries) this.save({ ...entry, origin: 'config' }, now);
        const removed = this.active().filter((s) => s.origin === 'config' && !listed.has(`${s.platform} ${s.channelId}`));
        for (const sub of removed) this.deactivate(sub.platform, sub.channelId, now);
        return { removed };
      })
      .immediate();
  }
}
