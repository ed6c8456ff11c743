/**
 * The contract between the daily-highlights scheduler (core) and the platform adapters that post.
 * The scheduler decides what and when; an adapter only renders and delivers.
 */
import type { HighlightsResult } from '../results.js';

export type DigestPlatform = 'discord' | 'slack';

/** One day's highlights post for one channel. */
export interface Digest {
  /** The subscription's local date, YYYY-MM-DD: the header shows it. */
  date: string;
  timezone: string;
  topic?: string;
  highlights: HighlightsResult;
}

export interface PostedMessage {
  messageId: string;
}

/**
 * Posting side of an adapter. `key` identifies the digest (subscription + local date); the adapter
 * carries it in the message (Discord: `nonce` with `enforce_nonce`; Slack: message `metadata`) so
 * that after a crash between posting and recording, `findPosted` can tell whether it went out.
 */
export interface DigestPoster {
  platform: DigestPlatform;
  post(channelId: string, digest: Digest, key: string): Promise<PostedMessage>;
  findPosted(channelId: string, key: string): Promise<PostedMessage | null>;
}

/**
 * Thrown by a poster when the channel can no longer be posted to (deleted, archived, bot removed,
 * missing permission): the subscription is paused with this reason instead of retried.
 */
export class ChannelUnavailableError extends Error {
  override readonly name = 'ChannelUnavailableError';
  constructor(
    readonly channelId: string,
    readonly reason: string,
  ) {
    super(`channel ${channelId} is unavailable: ${reason}`);
  }
}

/** Where and when a channel's daily post goes: what a subscription, a command and `HIGHLIGHTS` share. */
export interface SubscriptionSchedule {
  platform: DigestPlatform;
  channelId: string;
  /** HH:MM, local to `timezone`. */
  time: string;
  timezone: string;
  topic?: string;
  count: number;
}

/** "command" (made in chat) or "config" (HIGHLIGHTS). */
export type SubscriptionOrigin = 'command' | 'config';

/** A subscription as commands show it. */
export interface SubscriptionView extends SubscriptionSchedule {
  id: number;
  origin: SubscriptionOrigin;
  /** Next post, ISO instant, and as the channel's local wall time ("2026-03-30 09:00 CEST"). */
  nextPostAt?: string;
  nextPostLocal?: string;
  /** Set when posting is paused (e.g. the bot lost access to the channel). */
  pausedReason?: string;
}

export interface SubscribeInput extends SubscriptionSchedule {
  createdBy?: string;
}

/** What the subscribe/unsubscribe/subscriptions commands need. */
export interface SubscriptionService {
  subscribe(input: SubscribeInput): Promise<SubscriptionView>;
  unsubscribe(platform: DigestPlatform, channelId: string): Promise<boolean>;
  list(platform: DigestPlatform, channelId?: string): Promise<SubscriptionView[]>;
}

/**
 * The process's index follower on the stored papers (the serving core's `PaperSync`): after feeds
 * store papers, a sync puts them, and whatever another process stored, into the index.
 */
export interface PaperFollower {
  sync(): Promise<unknown>;
}
