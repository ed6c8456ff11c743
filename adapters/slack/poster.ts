/**
 * Posts the daily highlights. Each digest message carries its key in Slack message metadata, so after
 * a crash between posting and recording, `findPosted` can look the message up in the channel history.
 */
import type { webApi } from '@slack/bolt';
import {
  ChannelUnavailableError,
  type Digest,
  type DigestPoster,
  type PostedMessage,
} from '../../src/digest/types.js';
import type { Logger } from '../../src/log.js';
import { renderDigest } from './render.js';
import { slackErrorCode } from './slack-errors.js';

export const DIGEST_EVENT_TYPE = 'paperbot_digest';
/** How far back `findPosted` looks: a digest key names one local date, so two days covers every zone. */
const LOOKBACK_SECONDS = 2 * 24 * 3600;
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;

/** Slack errors that mean "this channel cannot take our posts any more", not "try again later". */
export const CHANNEL_UNAVAILABLE_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'is_archived',
  'channel_is_archived',
  'not_in_channel',
  'missing_scope',
  'access_denied',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

export class SlackDigestPoster implements DigestPoster {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly identity: BotIdentity,
    private readonly logger: Logger,
  ) {}

  async post(channelId: string, digest: Digest, key: string): Promise<PostedMessage> {
    const { text, blocks } = renderDigest(digest);
    try {
      const response = await this.client.chat.postMessage({
        channel: channelId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key } },
      });
      this.logger.info({ channel: channelId, key, ts: response.ts }, 'slack: digest posted');
      return { messageId: response.ts ?? '' };
    } catch (error) {
      throw this.unavailable(channelId, error, 'post');
    }
  }

  async findPosted(channelId: string, key: string): Promise<PostedMessage | null> {
    const oldest = String(Math.floor(Date.now() / 1000) - LOOKBACK_SECONDS);
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const response = await this.client.conversations.history({
          channel: channelId,
          oldest,
          limit: HISTORY_PAGE,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        });
        const found = (response.messages ?? []).find(
          (m) =>
            m.metadata?.event_type === DIGEST_EVENT_TYPE &&
            (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key &&
            (m.bot_id === this.identity.botId || m.user === this.identity.botUserId),
        );
        if (found?.ts) return { messageId: found.ts };
        cursor = response.response_metadata?.next_cursor || undefined;
        if (!response.has_more || !cursor) break;
      }
      return null;
    } catch (error) {
      throw this.unavailable(channelId, error, 'history');
    }
  }

  private unavailable(channelId: string, error: unknown, step: string): unknown {
    const code = slackErrorCode(error);
    this.logger.warn({ channel: channelId, step, slackError: code ?? String(error) }, 'slack: digest call failed');
    return code && CHANNEL_UNAVAILABLE_ERRORS.has(code) ? new ChannelUnavailableError(channelId, code) : error;
  }
}
