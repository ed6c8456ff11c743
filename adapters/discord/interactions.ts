/**
 * Interactions: `/paper <subcommand>`, autocomplete for paper options, and the buttons on our
 * messages. Every chat command is deferred before any work: the core is synchronous, so a timer
 * could never interrupt a slow search to acknowledge in time; acknowledging first keeps Discord's
 * 3-second window whatever the work costs (an arXiv fetch for `add` included), for one extra request.
 * Only a refusal (a command that needs Manage Channels) is answered at once, privately.
 */
import {
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type ModalSubmitInteraction,
} from 'discord.js';
import { findCommand, refusal, type Caller, type CommandContext, type CommandResult } from '../../commands/index.js';
import { MAX_QUERY_LENGTH } from '../../commands/limits.js';
import type { PaperCore } from '../../src/core.js';
import type { SubscriptionService } from '../../src/digest/types.js';
import type { PaperListService } from '../../src/list/types.js';
import { PaperbotError, toPaperbotError } from '../../src/errors.js';
import type { ModelAnswerer } from '../../src/llm/answerer.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import type { ConversationContext } from '../../src/storage/conversations.js';
import type { ConversationMemory } from '../conversation.js';
import { buttonVersion, decodeButton, decodeModal, encodeModal, type PageState } from './custom-id.js';
import { ROOT_COMMAND } from './definitions.js';
import { renderChoices, renderError, renderNotice, renderResult, STALE_BUTTON_TEXT, toOptions, type Rendered } from './render.js';

export interface HandlerDeps {
  core: PaperCore;
  logger: Logger;
  subscriptions?: SubscriptionService;
  metrics?: Metrics;
  list?: PaperListService;
  answerer?: ModelAnswerer;
  /** Where answers are remembered for their follow-ups; without it, answers carry no Follow-up button. */
  conversations?: ConversationMemory;
}

/** An answer message's conversation: its own turn, and those of the answers it followed. */
export function conversationKey(messageId: string): string {
  return `discord:${messageId}`;
}

/** What a click on "Ask [n]" is told when its answer is no longer remembered (kept a week). */
export const FORGOTTEN_TEXT = 'I no longer remember the question of that answer. Ask it again with `/paper ask`, naming the paper in `paper:`.';

const QUESTION_INPUT = 'question';

/** The modal a Follow-up button opens: one line for the question, named after the answer it follows. */
function followUpModal(messageId: string): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(QUESTION_INPUT)
    .setStyle(TextInputStyle.Short)
    .setMaxLength(MAX_QUERY_LENGTH)
    .setRequired(true)
    .setPlaceholder('who wrote it? is there code? how many GPUs did they use?');
  return new ModalBuilder()
    .setCustomId(encodeModal(messageId))
    .setTitle('Follow-up question')
    .addLabelComponents(new LabelBuilder().setLabel('Your question about this answer').setTextInputComponent(input));
}

/** What an interaction arriving during shutdown is told: another process (or this one, restarted) will answer. */
export const RESTARTING_TEXT = 'paperbot is restarting. Please try again in a few seconds.';

type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;
type DeliveryMode = 'public' | 'private' | 'update';

const ephemeral = (rendered: Rendered) => ({ ...toOptions(rendered.message), flags: MessageFlags.Ephemeral as const });

function caller(interaction: Interaction): Caller {
  return {
    platform: 'discord',
    channelId: interaction.channelId ?? undefined,
    userId: interaction.user.id,
    // In a DM the user owns the conversation; in a server it takes Manage Channels.
    canManage: interaction.inGuild() ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false) : true,
  };
}

export function commandContext(deps: HandlerDeps, caller: Caller, conversation: readonly string[] = []): CommandContext {
  return {
    core: deps.core,
    caller,
    ...(deps.subscriptions ? { subscriptions: deps.subscriptions } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.list ? { list: deps.list } : {}),
    ...(deps.answerer ? { answerer: deps.answerer } : {}),
    ...(conversation.length > 0 ? { conversation } : {}),
  };
}

function context(deps: HandlerDeps, interaction: Interaction, conversation?: readonly string[]): CommandContext {
  return commandContext(deps, caller(interaction), conversation);
}

/** The conversation an answer follows: read from the database by the message it followed; none for a new question. */
export async function conversationBefore(deps: HandlerDeps, follows: string | undefined): Promise<ConversationContext> {
  return follows && deps.conversations ? deps.conversations.context(conversationKey(follows)) : { papers: [] };
}

/**
 * Answers an interaction that arrives while the bot shuts down, so the user is not left with
 * "The application did not respond"; autocomplete gets no choices.
 */
export async function turnAway(interaction: Interaction, logger: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) await interaction.reply(ephemeral(renderNotice(RESTARTING_TEXT)));
  } catch (error) {
    logger.warn({ err: error, interaction: interaction.id }, 'discord: could not turn an interaction away during shutdown');
  }
}

/** The search filters that page buttons must carry along with the query. */
function pageFilters(raw: Record<string, unknown>): Partial<PageState> {
  const filters: Partial<PageState> = {};
  for (const key of ['since', 'until', 'author'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim()) filters[key] = value.trim();
  }
  return filters;
}

export function createInteractionHandler(deps: HandlerDeps): (interaction: Interaction) => Promise<void> {
  const version = () => deps.core.stats().version;
  const renderContext = () => ({ version: version(), followUps: deps.conversations !== undefined });

  async function chatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const name = interaction.options.getSubcommand(false) ?? '';
    const command = interaction.commandName === ROOT_COMMAND ? findCommand(name, 'discord') : undefined;
    if (!command) {
      const text = `This bot no longer has \`/${interaction.commandName} ${name}\`. An admin should run \`npm run register\`.`;
      await interaction.reply(ephemeral(renderNotice(text)));
      return;
    }
    const raw: Record<string, unknown> = {};
    for (const option of interaction.options.data[0]?.options ?? []) raw[option.name] = option.value;
    const ctx = context(deps, interaction);
    if (command.requiresManage && !ctx.caller.canManage) {
      // Refused before deferring, so nothing public ("paperbot is thinking…") shows for a refusal.
      await interaction.reply(ephemeral(renderError(refusal(command.name), command.name)));
      return;
    }
    await interaction.deferReply();
    await answer(interaction, command.name, raw, 'public', async () => command.run(raw, ctx), { filters: pageFilters(raw) });
  }

  /**
   * Runs after the interaction was deferred; always ends with an edit or an ephemeral follow-up. A
   * public answer is remembered under its message, after the conversation it `follows` (a message
   * id), whose context `run` is given.
   */
  async function answer(
    interaction: Repliable,
    name: string,
    raw: Record<string, unknown>,
    mode: DeliveryMode,
    run: (before: ConversationContext) => Promise<CommandResult>,
    options: { filters?: Partial<PageState>; follows?: string } = {},
  ): Promise<void> {
    let rendered: Rendered;
    let result: CommandResult | undefined;
    const before = await conversationBefore(deps, options.follows);
    try {
      result = await run(before);
      rendered = renderResult(result, renderContext(), options.filters);
    } catch (error) {
      const failure = toPaperbotError(error);
      if (failure.code === 'internal') {
        deps.logger.error(
          { err: error, command: name, options: raw, user: interaction.user.id, channel: interaction.channelId, interaction: interaction.id },
          'discord: command failed',
        );
      }
      rendered = renderError(failure, name);
    }
    const sent = await deliver(interaction, rendered, mode);
    if (sent && result && mode === 'public') await deps.conversations?.remember(conversationKey(sent.id), result, before.papers);
  }

  /**
   * `public`: a deferred public reply, which an ephemeral answer (an error, an unknown paper)
   * replaces with a private follow-up; `private`: deferred ephemerally; `update`: a button that edits
   * the message it sits on, whose errors go to the clicker alone. Returns the message when it is the
   * public answer.
   */
  async function deliver(interaction: Repliable, rendered: Rendered, mode: DeliveryMode): Promise<Message | undefined> {
    if (mode === 'private' || !rendered.ephemeral) {
      const message = await interaction.editReply(toOptions(rendered.message));
      return rendered.ephemeral ? undefined : message;
    }
    if (mode === 'public') await interaction.deleteReply();
    await interaction.followUp({ ...toOptions(rendered.message), flags: MessageFlags.Ephemeral });
    return undefined;
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const prefix = typeof focused.value === 'string' ? focused.value : String(focused.value);
    const spec = findCommand(interaction.options.getSubcommand(false) ?? '', 'discord')?.options.find((o) => o.name === focused.name);
    let choices: ReturnType<typeof renderChoices> = [];
    try {
      // `remove` offers only what chat added (all of it before anything is typed); the rest offer any listed paper.
      const suggestions = spec?.autocomplete === 'chat-papers' ? (deps.list?.suggest(prefix) ?? []) : prefix.trim() ? deps.core.suggest(prefix) : [];
      choices = renderChoices(suggestions);
    } catch (error) {
      deps.logger.error({ err: error, prefix, interaction: interaction.id }, 'discord: autocomplete failed');
    }
    await interaction.respond(choices);
  }

  async function button(interaction: ButtonInteraction): Promise<void> {
    const state = decodeButton(interaction.customId);
    if (!state) {
      await interaction.reply(ephemeral(renderNotice('This button is from an older version of the bot. Run the command again.')));
      return;
    }
    if (state.kind === 'follow-up') {
      await interaction.showModal(followUpModal(interaction.message.id));
      return;
    }
    if (state.kind === 'ask-paper') {
      // The same question, of this paper alone: an answer of its own, in the channel.
      await interaction.deferReply();
      const raw = { paper: state.paperId };
      await answer(interaction, 'ask', raw, 'public', async (before) => {
        if (!before.question) throw new PaperbotError('stale_button', FORGOTTEN_TEXT);
        return askCommand().run({ question: before.question, paper: state.paperId }, context(deps, interaction, before.papers));
      }, { follows: interaction.message.id });
      return;
    }
    if (state.version !== buttonVersion(version())) {
      await interaction.reply(ephemeral(renderNotice(STALE_BUTTON_TEXT)));
      return;
    }
    if (state.kind === 'page') {
      const search = findCommand('search', 'discord');
      if (!search) throw new PaperbotError('internal', 'the search command is missing');
      const { query, offset, limit, since, until, author } = state;
      const raw = { query, offset, limit, ...(since ? { since } : {}), ...(until ? { until } : {}), ...(author ? { author } : {}) };
      await interaction.deferUpdate();
      await answer(interaction, 'search', raw, 'update', async () => search.run(raw, context(deps, interaction)), { filters: pageFilters(raw) });
      return;
    }
    const similar = findCommand('similar', 'discord');
    if (!similar) throw new PaperbotError('internal', 'the similar command is missing');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const raw = { paper: state.paperId };
    await answer(interaction, 'similar', raw, 'private', async () => similar.run(raw, context(deps, interaction)));
  }

  function askCommand() {
    const ask = findCommand('ask', 'discord');
    if (!ask) throw new PaperbotError('internal', 'the ask command is missing');
    return ask;
  }

  /** A follow-up question typed in the modal of an answer: answered in the channel, with that answer's papers as context. */
  async function modalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const follows = decodeModal(interaction.customId);
    if (!follows) {
      await interaction.reply(ephemeral(renderNotice('This form is from an older version of the bot. Ask again with `/paper ask`.')));
      return;
    }
    const question = interaction.fields.getTextInputValue(QUESTION_INPUT);
    await interaction.deferReply();
    const raw = { question };
    await answer(interaction, 'ask', raw, 'public', async (before) => askCommand().run(raw, context(deps, interaction, before.papers)), { follows });
  }

  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await chatInput(interaction);
      else if (interaction.isButton()) await button(interaction);
      else if (interaction.isModalSubmit()) await modalSubmit(interaction);
    } catch (error) {
      deps.logger.error({ err: error, interaction: interaction.id, type: interaction.type }, 'discord: could not answer an interaction');
      await rescue(interaction);
    }
  };

  /** Last resort after a failed reply: make sure no "thinking…" is left behind. */
  async function rescue(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    const text = ephemeral(renderError(new PaperbotError('internal', 'reply failed')));
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp(text);
      else await interaction.reply(text);
    } catch (error) {
      deps.logger.warn({ err: error, interaction: interaction.id }, 'discord: could not report the failure either');
    }
  }
}
