/**
 * The post ledger: one row per (subscription, local date). A process claims the row before posting
 * and marks it with the platform message id after, so the same digest is never posted twice, even
 * by two processes sharing the database or across a crash between posting and marking.
 */
import type { SqlClient } from './sql.js';

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
    private readonly sql: SqlClient,
    /** This process: claims it makes carry this owner. */
    readonly owner: string,
    private readonly claimTimeoutMs: number,
  ) {}

  claim(due: DueDigest, now: Date): Promise<Claim> {
    const at = now.getTime();
    return this.sql.transaction(async (tx): Promise<Claim> => {
      const row = await tx.get<Row>(
        'SELECT state, claim_owner, claimed_at, attempts, paper_ids FROM posts WHERE subscription_id = $1 AND local_date = $2',
        [due.subscriptionId, due.localDate],
      );
      if (!row) {
        await tx.run(
          `INSERT INTO posts (subscription_id, local_date, digest_key, scheduled_for, state, claim_owner, claimed_at, attempts)
           VALUES ($1, $2, $3, $4, 'claimed', $5, $6, 1)`,
          [due.subscriptionId, due.localDate, due.key, due.scheduledFor.getTime(), this.owner, at],
        );
        return { kind: 'new' };
      }
      if (row.state !== 'claimed') return { kind: 'done' };
      const expires = (row.claimed_at ?? 0) + this.claimTimeoutMs;
      if (row.claim_owner !== null && row.claim_owner !== this.owner && expires > at) {
        return { kind: 'busy', until: new Date(expires) };
      }
      await tx.run(
        `UPDATE posts SET claim_owner = $1, claimed_at = $2, attempts = attempts + 1
         WHERE subscription_id = $3 AND local_date = $4`,
        [this.owner, at, due.subscriptionId, due.localDate],
      );
      return { kind: 'takeover', paperIds: JSON.parse(row.paper_ids) as string[], attempts: row.attempts + 1 };
    }, { lock: 'ledger' });
  }

  /** Records the papers about to be posted, so a takeover that finds the post knows what went out. */
  async recordPick(due: DueDigest, paperIds: string[]): Promise<void> {
    await this.sql.run(`UPDATE posts SET paper_ids = $1 WHERE subscription_id = $2 AND local_date = $3 AND state = 'claimed'`, [
      JSON.stringify(paperIds),
      due.subscriptionId,
      due.localDate,
    ]);
  }

  async markPosted(due: DueDigest, messageId: string, paperIds: string[], now: Date): Promise<void> {
    await this.sql.run(
      `UPDATE posts SET state = 'posted', message_id = $1, paper_ids = $2, claim_owner = NULL, finished_at = $3
       WHERE subscription_id = $4 AND local_date = $5 AND state = 'claimed'`,
      [messageId, JSON.stringify(paperIds), now.getTime(), due.subscriptionId, due.localDate],
    );
  }

  /**
   * Gives up our claim after a failed attempt. The row stays claimed without an owner: the post may
   * have gone out (a timeout after the platform accepted it), so whoever retries asks the platform first.
   */
  async release(due: DueDigest): Promise<void> {
    await this.sql.run(
      `UPDATE posts SET claim_owner = NULL WHERE subscription_id = $1 AND local_date = $2 AND state = 'claimed' AND claim_owner = $3`,
      [due.subscriptionId, due.localDate, this.owner],
    );
  }

  /**
   * Gives up every claim this process still holds (at shutdown, when a post did not finish in time),
   * like `release`: another replica may take them over at once, asking the platform first.
   */
  releaseOwned(): Promise<number> {
    return this.sql.run(`UPDATE posts SET claim_owner = NULL WHERE state = 'claimed' AND claim_owner = $1`, [this.owner]);
  }

  /** Closes the day without a post (nothing new, missed while down, channel gone); the note says why. */
  skip(due: DueDigest, note: string, now: Date): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const changed = await tx.run(
        `INSERT INTO posts (subscription_id, local_date, digest_key, scheduled_for, state, note, finished_at)
         VALUES ($1, $2, $3, $4, 'skipped', $5, $6)
         ON CONFLICT (subscription_id, local_date) DO UPDATE SET state = 'skipped', note = excluded.note, claim_owner = NULL,
           finished_at = excluded.finished_at
         WHERE posts.state = 'claimed' AND (posts.claim_owner IS NULL OR posts.claim_owner = $7)`,
        [due.subscriptionId, due.localDate, due.key, due.scheduledFor.getTime(), note, now.getTime(), this.owner],
      );
      return changed > 0;
    }, { lock: 'ledger' });
  }

  async state(subscriptionId: number, localDate: string): Promise<Row['state'] | undefined> {
    const row = await this.sql.get<Pick<Row, 'state'>>('SELECT state FROM posts WHERE subscription_id = $1 AND local_date = $2', [
      subscriptionId,
      localDate,
    ]);
    return row?.state;
  }

  /** Every day's outcome, oldest first: for tests and for operators looking into the ledger. */
  rows(): Promise<Array<{ subscription_id: number; local_date: string; state: Row['state']; note: string | null; message_id: string | null }>> {
    return this.sql.all('SELECT subscription_id, local_date, state, note, message_id FROM posts ORDER BY subscription_id, local_date');
  }

  /** Every paper ever posted for this subscription (it keeps its id per channel). */
  async postedPaperIds(subscriptionId: number): Promise<Set<string>> {
    const rows = await this.sql.all<{ paper_ids: string }>(`SELECT paper_ids FROM posts WHERE subscription_id = $1 AND state = 'posted'`, [
      subscriptionId,
    ]);
    return new Set(rows.flatMap((row) => JSON.parse(row.paper_ids) as string[]));
  }
}
