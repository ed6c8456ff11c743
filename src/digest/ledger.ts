/**
 * The post ledger: one row per (subscription, local date). A process claims the row before posting
 * and marks it with the platform message id after, so the same digest is never posted twice, even
 * by two processes sharing the database or across a crash between posting and marking.
 */
import type { Db } from './db.js';

/** What a claim attempt found. */
export type Claim =
  /** The row is ours and nobody tried before: post. */
  | { kind: 'new' }
  /** The row is ours, but an earlier attempt may have gone out: ask the platform before posting. */
  | { kind: 'takeover'; paperIds: string[]; attempts: number }
  /** Another process holds a fresh claim; look again after `until`. */
  | { kind: 'busy'; until: Date }
  /** Posted or skipped already. */
  | { kind: 'done' };

export interface DueDigest {
  subscriptionId: number;
  localDate: string;
  key: string;
  scheduledFor: Date;
}

interface Row {
  state: 'claimed' | 'posted' | 'skipped';
  claim_owner: string | null;
  claimed_at: number | null;
  attempts: number;
  paper_ids: string;
}

/** `pb-<subscription>-<YYYYMMDD>`: at most 25 characters for ids below 10^14, fit for a Discord nonce. */
export function digestKey(subscriptionId: number, localDate: string): string {
  return `pb-${subscriptionId}-${localDate.replaceAll('-', '')}`;
}

export class Ledger {
  constructor(
    private readonly db: Db,
    /** This process: claims it makes carry this owner. */
    readonly owner: string,
    private readonly claimTimeoutMs: number,
  ) {}

  claim(due: DueDigest, now: Date): Claim {
    const at = now.getTime();
    return this.db
      .transaction((): Claim => {
        const row = this.db
          .prepare<[number, string], Row>(
            'SELECT state, claim_owner, claimed_at, attempts, paper_ids FROM posts WHERE subscription_id = ? AND local_date = ?',
          )
          .get(due.subscriptionId, due.localDate);
        if (!row) {
          this.db
            .prepare(
              `INSERT INTO posts (subscription_id, local_date, digest_key, scheduled_for, state, claim_owner, claimed_at, attempts)
               VALUES (?, ?, ?, ?, 'claimed', ?, ?, 1)`,
            )
            .run(due.subscriptionId, due.localDate, due.key, due.scheduledFor.getTime(), this.owner, at);
          return { kind: 'new' };
        }
        if (row.state !== 'claimed') return { kind: 'done' };
        const expires = (row.claimed_at ?? 0) + this.claimTimeoutMs;
        if (row.claim_owner !== null && row.claim_owner !== this.owner && expires > at) {
          return { kind: 'busy', until: new Date(expires) };
        }
        this.db
          .prepare(
            `UPDATE posts SET claim_owner = ?, claimed_at = ?, attempts = attempts + 1
             WHERE subscription_id = ? AND local_date = ?`,
          )
          .run(this.owner, at, due.subscriptionId, due.localDate);
        return { kind: 'takeover', paperIds: JSON.parse(row.paper_ids) as string[], attempts: row.attempts + 1 };
      })
      .immediate();
  }

  /** Records the papers about to be posted, so a takeover that finds the post knows what went out. */
  recordPick(due: DueDigest, paperIds: string[]): void {
    this.db
      .prepare(`UPDATE posts SET paper_ids = ? WHERE subscription_id = ? AND local_date = ? AND state = 'claimed'`)
      .run(JSON.stringify(paperIds), due.subscriptionId, due.localDate);
  }

  markPosted(due: DueDigest, messageId: string, paperIds: string[], now: Date): void {
    this.db
      .prepare(
        `UPDATE posts SET state = 'posted', message_id = ?, paper_ids = ?, claim_owner = NULL, finished_at = ?
         WHERE subscription_id = ? AND local_date = ? AND state = 'claimed'`,
      )
      .run(messageId, JSON.stringify(paperIds), now.getTime(), due.subscriptionId, due.localDate);
  }

  /**
   * Gives up our claim after a failed attempt. The row stays claimed without an owner: the post may
   * have gone out (a timeout after the platform accepted it), so whoever retries asks the platform first.
   */
  release(due: DueDigest): void {
    this.db
      .prepare(
        `UPDATE posts SET claim_owner = NULL WHERE subscription_id = ? AND local_date = ? AND state = 'claimed' AND claim_owner = ?`,
      )
      .run(due.subscriptionId, due.localDate, this.owner);
  }

  /**
   * At shutdown: gives up every claim this process still holds, as `release` does, so another
   * process takes over at once (asking the platform first) instead of after the claim timeout.
   */
  releaseOwned(): number {
    return this.db.prepare(`UPDATE posts SET claim_owner = NULL WHERE state = 'claimed' AND claim_owner = ?`).run(this.owner).changes;
  }

  /** Closes the day without a post (nothing new, missed while down, channel gone); the note says why. */
  skip(due: DueDigest, note: string, now: Date): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO posts (subscription_id, local_date, digest_key, scheduled_for, state, note, finished_at)
         VALUES (@subscriptionId, @localDate, @key, @scheduledFor, 'skipped', @note, @now)
         ON CONFLICT (subscription_id, local_date) DO UPDATE SET state = 'skipped', note = @note, claim_owner = NULL,
           finished_at = @now
         WHERE state = 'claimed' AND (claim_owner IS NULL OR claim_owner = @owner)`,
      )
      .run({
        subscriptionId: due.subscriptionId,
        localDate: due.localDate,
        key: due.key,
        scheduledFor: due.scheduledFor.getTime(),
        note,
        now: now.getTime(),
        owner: this.owner,
      });
    return result.changes > 0;
  }

  state(subscriptionId: number, localDate: string): Row['state'] | undefined {
    return this.db
      .prepare<[number, string], Pick<Row, 'state'>>('SELECT state FROM posts WHERE subscription_id = ? AND local_date = ?')
      .get(subscriptionId, localDate)?.state;
  }

  /** Every paper ever posted for this subscription (it keeps its id per channel). */
  postedPaperIds(subscriptionId: number): Set<string> {
    const rows = this.db
      .prepare<[number], { paper_ids: string }>(`SELECT paper_ids FROM posts WHERE subscription_id = ? AND state = 'posted'`)
      .all(subscriptionId);
    return new Set(rows.flatMap((row) => JSON.parse(row.paper_ids) as string[]));
  }
}
