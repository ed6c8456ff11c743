/**
 * A TTL set of recently handled keys (event ids, message timestamps). Slack redelivers an event with
 * the same `event_id` when our ack was late or lost, and Bolt does not dedupe. This process's memory
 * catches a redelivery to the same process without a database round trip; replicas settle the rest
 * in the database (`HandledEvents`).
 */
export const DEDUPE_TTL_MS = 15 * 60_000;
const MAX_KEYS = 20_000;

export class RecentKeys {
  // Insertion order is expiry order (one TTL for all), so expired keys sit at the front.
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number = DEDUPE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `key` is seen within the TTL; false for a repeat. */
  firstTime(key: string): boolean {
    const now = this.now();
    for (const [old, expiry] of this.expiries) {
      if (expiry > now && this.expiries.size < MAX_KEYS) break;
      this.expiries.delete(old);
    }
    if (this.expiries.has(key)) return false;
    this.expiries.set(key, now + this.ttlMs);
    return true;
  }
}
