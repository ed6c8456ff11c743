/**
 * The Slack listeners: mentions and DMs answered in place, `/paper`, and the "More results" and
 * "Ask [n]" buttons. Each one receives, runs a `commands/` command, renders with `render.ts` and
 * posts. Nothing here knows a command by heart except `search` (for paging) and `ask` (for "Ask
 * [n]"), found through `findCommand`.
 *
 * Conversations: a thread where paperbot answered is one (a mention in it is a follow-up, asked with
 * the papers every answer in the thread cited, latest first); a DM outside threads is one whose
 * follow-ups are asked with the previous answer's papers. The turns live in the database.
 */
import type { App, RespondFn, webApi } from '@slack/bolt';
import { findCommand, type CommandContext, type CommandResult } from '../../commands/index.js';
import type { PaperCore } from '../../src/core.js';
import type { SubscriptionService } from '../../src/digest/types.js';
import type { PaperListService } from '../../src/list/types.js';
import { PaperbotError, toPaperbotError } from '../../src/errors.js';
import type { ModelAnswerer } from '../../src/llm/answerer.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import type { HandledEvents } from '../../src/storage/events.js';
import type { ConversationMemory } from '../conversation.js';
import { ASK_PAPER_ACTION, decodeAskPaper } from './ask-paper.js';
import { parseInvocation, plainText, type Invocation } from './invocation.js';
import { decodePage, MORE_RESULTS_ACTION, type PageRequest } from './paging.js';
import type { BotIdentity } from './poster.js';
import { withProgress, type ProgressIndicator } from './progress.js';
import { RecentKeys } from './recent.js';
import { LINK_ACTION_PATTERN, renderError, renderResult, SLASH_COMMAND, type SlackMessage } from './render.js';
import { describeSlackError, isBlocksRejected, slackErrorCode } from './slack-errors.js';

export const PROGRESS_REACTION = 'hourglass_flowing_sand';

export interface HandlerDeps {
  core: PaperCore;
  logger: Logger;
  subscriptions?: SubscriptionService;
  list?: PaperListService;
  /** Present when a model is configured (LLM_*). */
  answerer?: ModelAnswerer;
  /** Users who may manage daily highlights without being workspace admins (SLACK_SUBSCRIPTION_ADMINS). */
  subscriptionAdmins: ReadonlySet<string>;
  identity: BotIdentity;
  progressDelayMs: number;
  recent: RecentKeys;
  metrics?: Metrics;
  /** Shared with the other replicas on the database; without it, this process alone dedupes. */
  handledEvents?: Pick<HandledEvents, 'claim'>;
  /** Where answers are remembered for follow-ups in their thread or DM; without it, every question is new. */
  conversations?: ConversationMemory;
}

/** A thread, or a DM outside threads (whose follow-ups weigh the previous answer only). */
interface Conversation {
  key: string;
  turns?: number;
}

function conversationOf(channel: string, threadTs: string | undefined): Conversation {
  return threadTs ? { key: `slack:${channel}:${threadTs}` } : { key: `slack:${channel}`, turns: 1 };
}

/** The fields of a message-like event this adapter reads, checked at runtime. */
interface IncomingMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
  channelType?: string;
  fromBot: boolean;
  subtype?: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readMessage(event: object): IncomingMessage | null {
  const e = event as Record<string, unknown>;
  const channel = str(e.channel);
  const ts = str(e.ts);
  if (!channel || !ts) return null;
  return {
    channel,
    ts,
    user: str(e.user) ?? '',
    text: str(e.text) ?? '',
    threadTs: str(e.thread_ts),
    channelType: str(e.channel_type),
    fromBot: e.bot_id !== undefined || e.bot_profile !== undefined || e.subtype === 'bot_message',
    subtype: str(e.subtype),
  };
}

/** Search options a result was made with, for the "More results" button. */
function searchFilters(invocation: Invocation): Pick<PageRequest, 'since' | 'until' | 'author'> {
  const pick = (name: string) => (typeof invocation.raw[name] === 'string' ? (invocation.raw[name] as string) : undefined);
  return { since: pick('since'), until: pick('until'), author: pick('author') };
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  const { core, logger, identity, recent } = deps;

  const commandContext = (channelId: string, userId: string, canManage = false, conversation: readonly string[] = []): CommandContext => ({
    core,
    caller: { platform: 'slack', channelId, userId, canManage },
    subscriptions: deps.subscriptions,
    metrics: deps.metrics,
    list: deps.list,
    answerer: deps.answerer,
    ...(conversation.length > 0 ? { conversation } : {}),
  });

  /**
   * Managing a channel's daily highlights and the paper list is for the allow-list and for workspace
   * admins and owners (users.info, users:read scope). Asked only for commands that need it; any
   * failure means no.
   */
  async function canManage(client: webApi.WebClient, userId: string): Promise<boolean> {
    if (deps.subscriptionAdmins.has(userId)) return true;
    try {
      const { user } = await client.users.info({ user: userId });
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    } catch (error) {
      logger.warn({ user: userId, slackError: describeSlackError(error) }, 'slack: could not check admin rights');
      return false;
    }
  }

  /**
   * Parses and runs, with the papers of the conversation it belongs to (none for a slash command,
   * whose answer goes through its response URL, outside any thread); a failure comes back rendered
   * as a friendly message and is logged with context.
   */
  async function execute(
    client: webApi.WebClient,
    text: string,
    where: { channel: string; user: string; via: string },
    conversation?: readonly string[],
  ): Promise<{ message: SlackMessage; ok: boolean; result?: CommandResult; error?: PaperbotError }> {
    let invocation: Invocation | undefined;
    try {
      invocation = parseInvocation(plainText(text, identity.botUserId));
      const manager = invocation.command.requiresManage ? await canManage(client, where.user) : false;
      const result = await invocation.command.run(invocation.raw, commandContext(where.channel, where.user, manager, conversation));
      const version = result.kind === 'search' ? core.stats().version : undefined;
      const followUpHint = conversation !== undefined && deps.conversations !== undefined;
      return { message: renderResult(result, { version, filters: searchFilters(invocation), followUpHint }), ok: true, result };
    } catch (thrown) {
      const error = toPaperbotError(thrown);
      const log = { ...where, command: invocation?.command.name, code: error.code };
      if (error.code === 'internal') logger.error({ ...log, err: thrown }, 'slack: command failed');
      else logger.info({ ...log, reason: error.message }, 'slack: user error');
      return { message: renderError(error), ok: false, error };
    }
  }

  /** Posts a rendered message; if Slack refuses the blocks, the fallback text alone still answers. */
  async function post(client: webApi.WebClient, channel: string, threadTs: string | undefined, message: SlackMessage) {
    const base = { channel, unfurl_links: false, unfurl_media: false, ...(threadTs ? { thread_ts: threadTs } : {}) };
    try {
      return await client.chat.postMessage({ ...base, text: message.text, blocks: message.blocks });
    } catch (error) {
      if (!isBlocksRejected(error)) throw error;
      logger.error({ channel, slackError: slackErrorCode(error) }, 'slack: blocks rejected, posting text only');
      return client.chat.postMessage({ ...base, text: message.text });
    }
  }

  async function postPrivately(client: webApi.WebClient, message: IncomingMessage, threadTs: string | undefined, reply: SlackMessage) {
    await client.chat.postEphemeral({
      channel: message.channel,
      user: message.user,
      text: reply.text,
      blocks: reply.blocks,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }

  function reaction(client: webApi.WebClient, channel: string, timestamp: string): ProgressIndicator {
    const call = async (method: 'add' | 'remove') => {
      try {
        await client.reactions[method]({ channel, timestamp, name: PROGRESS_REACTION });
      } catch (error) {
        logger.debug({ channel, method, slackError: describeSlackError(error) }, 'slack: progress reaction failed');
      }
    };
    return { show: () => call('add'), hide: () => call('remove') };
  }

  async function answer(client: webApi.WebClient, message: IncomingMessage, threadTs: string | undefined, via: string) {
    const where = { channel: message.channel, user: message.user, via };
    const conversation = conversationOf(message.channel, threadTs);
    // The reaction stays until the answer is posted, not merely computed.
    await withProgress(
      async () => {
        const before = deps.conversations ? await deps.conversations.context(conversation.key, conversation) : { papers: [] };
        const { message: reply, error: failure, result } = await execute(client, message.text, where, before.papers);
        try {
          // A refusal is for the person who asked, not for the whole thread.
          if (failure?.code === 'forbidden') await postPrivately(client, message, threadTs, reply);
          else await post(client, message.channel, threadTs, reply);
        } catch (error) {
          logger.error({ ...where, slackError: describeSlackError(error) }, 'slack: could not post the answer');
          return;
        }
        if (result) await deps.conversations?.remember(conversation.key, result);
      },
      deps.progressDelayMs,
      reaction(client, message.channel, message.ts),
    );
  }

  let sharedDedupeDown = false;
  /**
   * True the first time any replica sees `key`. This process's memory answers a repeat without a
   * round trip; the database settles which replica answers. If the database does not answer, this
   * process answers rather than leave the question unanswered.
   */
  async function firstTime(key: string): Promise<boolean> {
    if (!recent.firstTime(key)) return false;
    if (!deps.handledEvents) return true;
    try {
      const first = await deps.handledEvents.claim(key);
      if (sharedDedupeDown) logger.info('slack: the database answers again; duplicate deliveries are caught across replicas');
      sharedDedupeDown = false;
      return first;
    } catch (error) {
      if (!sharedDedupeDown) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'slack: cannot reach the database; catching duplicate deliveries in this process only');
      }
      sharedDedupeDown = true;
      return true;
    }
  }

  /**
   * One answer per message: retries keep their `event_id`, and a DM that also mentions the bot arrives
   * as two events for one message `ts`.
   */
  async function firstDelivery(eventId: string | undefined, message: IncomingMessage, retryNum: unknown): Promise<boolean> {
    const eventFresh = eventId ? await firstTime(`event:${eventId}`) : true;
    const messageFresh = eventFresh && (await firstTime(`message:${message.channel}:${message.ts}`));
    if (!messageFresh) logger.debug({ eventId, retryNum, channel: message.channel }, 'slack: duplicate delivery ignored');
    return messageFresh;
  }

  /** Bots (this one included) never get answers: no loops between bots. */
  function fromHuman(message: IncomingMessage): boolean {
    return !message.fromBot && message.user !== '' && message.user !== identity.botUserId;
  }

  app.event('app_mention', async ({ event, body, client, context }) => {
    const message = readMessage(event);
    if (!message || !fromHuman(message) || message.subtype) return;
    if (!(await firstDelivery(body.event_id, message, context.retryNum))) return;
    await answer(client, message, message.threadTs ?? message.ts, 'mention');
  });

  app.event('message', async ({ event, body, client, context }) => {
    const message = readMessage(event);
    // Edits, deletions, joins and bot posts arrive as subtypes; only new human messages in a DM count.
    if (!message || message.channelType !== 'im' || message.subtype || !fromHuman(message)) return;
    if (!(await firstDelivery(body.event_id, message, context.retryNum))) return;
    await answer(client, message, message.threadTs, 'dm');
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const where = { channel: command.channel_id, user: command.user_id, via: 'slash' };
    const working: ProgressIndicator = {
      show: async () => {
        await respond({ response_type: 'ephemeral', text: `:${PROGRESS_REACTION}: Working on it…` }).catch(() => undefined);
      },
      hide: async () => undefined,
    };
    await withProgress(
      async () => {
        const { message, ok, result } = await execute(client, command.text, where);
        // Errors, help and notices are for the person who typed the command; answers are for the channel.
        const publicAnswer = ok && result?.kind !== 'help' && result?.kind !== 'notice';
        await reply(respond, message, publicAnswer, where);
      },
      deps.progressDelayMs,
      working,
    );
  });

  async function reply(respond: RespondFn, message: SlackMessage, publicAnswer: boolean, where: object) {
    const responseType = publicAnswer ? ('in_channel' as const) : ('ephemeral' as const);
    try {
      await respond({ response_type: responseType, text: message.text, blocks: message.blocks });
    } catch (error) {
      logger.error({ ...where, err: describeSlackError(error) }, 'slack: response_url post failed, retrying as text');
      await respond({ response_type: responseType, text: message.text }).catch((second: unknown) =>
        logger.error({ ...where, err: describeSlackError(second) }, 'slack: could not answer the command'),
      );
    }
  }

  /**
   * Posts a button's answer in the thread of the message the button sits on; where the bot may not
   * post (a channel it is not in, after a slash command), the response URL still can. True when it
   * went into the thread.
   */
  async function postUnder(client: webApi.WebClient, respond: RespondFn, channel: string, threadTs: string | undefined, message: SlackMessage, where: { via: string }) {
    try {
      await post(client, channel, threadTs, message);
      return true;
    } catch (error) {
      logger.info({ ...where, slackError: describeSlackError(error) }, 'slack: answering a button via response_url');
      await reply(respond, message, true, where);
      return false;
    }
  }

  app.action(MORE_RESULTS_ACTION, async ({ ack, action, body, client, respond }) => {
    await ack();
    const channel = body.channel?.id ?? '';
    const user = body.user.id;
    const where = { channel, user, via: 'more-results' };
    const container = 'message' in body ? body.message : undefined;
    const page = decodePage(action.type === 'button' ? action.value : undefined);
    const search = findCommand('search', 'slack');
    if (!page || !search) {
      await reply(respond, renderError(new PaperbotError('stale_button', 'That button no longer works; please search again.')), false, where);
      return;
    }
    if (page.version !== core.stats().version) {
      const stale = new PaperbotError(
        'stale_button',
        `These results come from an older version of the paper list, so the next page would not match. Search again: ${SLASH_COMMAND} search ${page.query}`,
      );
      logger.info({ ...where, buttonVersion: page.version }, 'slack: stale More results button');
      await reply(respond, renderError(stale), false, where);
      return;
    }
    const messageTs = str(container?.ts);
    if (messageTs && !(await firstTime(`more:${channel}:${messageTs}:${page.offset}`))) return;

    let message: SlackMessage;
    try {
      const raw = { query: page.query, offset: page.offset, limit: page.limit, since: page.since, until: page.until, author: page.author };
      const result = await search.run(raw, commandContext(channel, user));
      message = renderResult(result, { version: page.version, filters: { since: page.since, until: page.until, author: page.author } });
    } catch (thrown) {
      const error = toPaperbotError(thrown);
      logger.error({ ...where, code: error.code, err: thrown }, 'slack: paging failed');
      await reply(respond, renderError(error), false, where);
      return;
    }
    // The next page goes under the results it continues.
    await postUnder(client, respond, channel, str(container?.thread_ts) ?? messageTs, message, where);
  });

  // "Ask [n]": the question of the answer the button sits on, of that paper alone, answered in its thread.
  app.action(ASK_PAPER_ACTION, async ({ ack, action, body, client, respond }) => {
    await ack();
    const channel = body.channel?.id ?? '';
    const user = body.user.id;
    const where = { channel, user, via: 'ask-paper' };
    const container = 'message' in body ? body.message : undefined;
    const request = decodeAskPaper(action.type === 'button' ? action.value : undefined);
    const ask = findCommand('ask', 'slack');
    if (!request || !ask) {
      await reply(respond, renderError(new PaperbotError('stale_button', 'That button no longer works; please ask again.')), false, where);
      return;
    }
    const messageTs = str(container?.ts);
    if (messageTs && !(await firstTime(`ask-paper:${channel}:${messageTs}:${request.paperId}`))) return;
    const threadTs = str(container?.thread_ts) ?? messageTs;
    let result: CommandResult;
    try {
      result = await ask.run({ question: request.question, paper: request.paperId }, commandContext(channel, user));
    } catch (thrown) {
      const error = toPaperbotError(thrown);
      if (error.code === 'internal') logger.error({ ...where, err: thrown }, 'slack: asking one paper failed');
      await reply(respond, renderError(error), false, where);
      return;
    }
    const message = renderResult(result, { followUpHint: threadTs !== undefined && deps.conversations !== undefined });
    const inThread = await postUnder(client, respond, channel, threadTs, message, where);
    if (inThread && threadTs) await deps.conversations?.remember(conversationOf(channel, threadTs).key, result);
  });

  // Link buttons open their URL in the browser, but Slack still reports the click; ack so it shows no error.
  app.action(LINK_ACTION_PATTERN, async ({ ack }) => ack());

  app.error(async (error) => {
    logger.error({ err: { message: error.message, code: error.code } }, 'slack: unhandled error in a listener');
  });
}
