/**
 * Posts daily highlights. The digest key goes out as the message `nonce` with `enforce_nonce`, so a
 * retry within Discord's dedupe window returns the first message instead of a second one. Discord
 * does not store nonces, so the key is also in the footer, which is what `findPosted` looks for.
 */
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import { ChannelUnavailableError, type Digest, type DigestPoster, type PostedMessage } from '../../src/digest/types.js';
import { digestMarker, renderDigest } from './render.js';

/** How far back `findPosted` looks: one page of channel history. */
const HISTORY_LIMIT = 50;

interface PostedJson {
  id: string;
  author?: { id: string };
  nonce?: string | number;
  embeds?: Array<{ footer?: { text?: string } }>;
}

function unavailable(channelId: string, error: unknown): never {
  if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) {
    throw new ChannelUnavailableError(channelId, `${error.message} (Discord code ${error.code})`);
  }
  throw error;
}

function carries(message: PostedJson, key: string): boolean {
  if (message.nonce !== undefined && String(message.nonce) === key) return true;
  const marker = digestMarker(key);
  return (message.embeds ?? []).some((embed) => {
    const footer = embed.footer?.text ?? '';
    return footer === marker || footer.endsWith(` · ${marker}`);
  });
}

export function createPoster(rest: REST, botUserId: () => string | undefined): DigestPoster {
  return {
    platform: 'discord',
    async post(channelId: string, digest: Digest, key: string): Promise<PostedMessage> {
      const body = { ...renderDigest(digest, key), nonce: key, enforce_nonce: true };
      try {
        const posted = (await rest.post(Routes.channelMessages(channelId), { body })) as PostedJson;
        return { messageId: posted.id };
      } catch (error) {
        return unavailable(channelId, error);
      }
    },
    async findPosted(channelId: string, key: string): Promise<PostedMessage | null> {
      let recent: PostedJson[];
      try {
        recent = (await rest.get(Routes.channelMessages(channelId), {
          query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }),
        })) as PostedJson[];
      } catch (error) {
        return unavailable(channelId, error);
      }
      const me = botUserId();
      const found = recent.find((message) => message.author?.id === me && carries(message, key));
      return found ? { messageId: found.id } : null;
    },
  };
}
