/**
 * Interactions: `/paper <subcommand>`, autocomplete for paper options, and the buttons on our
 * messages. Every chat command is deferred before any work: the core is synchronous, so a timer
 * could never interrupt a slow search to acknowledge in time; acknowledging first keeps Discord's
 * 3-second window whatever the work costs (an arXiv fetch for `add` included), for one extra request.
 * Only a refusal (a command that needs Manage Channels) is answered at once, privately.
 */
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { findCommand, refusal, type Caller, type CommandContext, type CommandResult } from '../../commands/index.js';
import type { PaperCore } from '../../src/core.js';
import type { SubscriptionService } from '../../src/digest/types.js';
import type { PaperListService } from '../../src/list/types.js';
import { PaperbotError, toPaperbotError } from '../../src/errors.js';
import type { ModelAnswerer } from '../../src/llm/answerer.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import { buttonVersion, decodeButton, type PageState } from './custom-id.js';
import { ROOT_COMMAND } from './definitions.js';
import { renderChoices, renderError, renderNotice, renderResult, STALE_BUTTON_TEXT, toOptions, type Rendered } from './render.js';

export interface HandlerDeps {
  core: PaperCore;
  logger: Logger;
  subscriptions?: SubscriptionService;
  metrics?: Metrics;
  list?: PaperListService;
  answerer?: ModelAnswerer;
}

/** What an interaction arriving during shutdown is told: another process (or this one, restarted) will answer. */
export const RESTARTING_TEXT = 'paperbot is restarting. Please try again in a few seconds.';

type Repliable = ChatInputCommandInteraction | ButtonInteraction;
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

export function commandContext(deps: HandlerDeps, caller: Caller): CommandContext {
  return {
    core: deps.core,
    caller,
    ...(deps.subscriptions ? { subscriptions: deps.subscriptions } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.list ? { list: deps.list } : {}),
    ...(deps.answerer ? { answerer: deps.answerer } : {}),
  };
}

function context(deps: HandlerDeps, interaction: Interaction): CommandContext {
  return commandContext(deps, caller(interaction));
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
    await answer(interaction, command.name, raw, 'public', async () => command.run(raw, ctx), pageFilters(raw));
  }

  /** Runs after the interaction was deferred; always ends with an edit or an ephemeral follow-up. */
  async function answer(
    interaction: Repliable,
    name: string,
    raw: Record<string, unknown>,
    mode: DeliveryMode,
    run: () => Promise<CommandResult>,
    filters?: Partial<PageState>,
  ): Promise<void> {
    let rendered: Rendered;
    try {
      rendered = renderResult(await run(), { version: version() }, filters);
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
    await deliver(interaction, rendered, mode);
  }

  /**
   * `public`: a deferred public reply, which an ephemeral answer (an error, an unknown paper)
   * replaces with a private follow-up; `private`: deferred ephemerally; `update`: a button that edits
   * the message it sits on, whose errors go to the clicker alone.
   */
  async function deliver(interaction: Repliable, rendered: Rendered, mode: DeliveryMode): Promise<void> {
    if (mode === 'private' || !rendered.ephemeral) {
      await interaction.editReply(toOptions(rendered.message));
      return;
    }
    if (mode === 'public') await interaction.deleteReply();
    await interaction.followUp({ ...toOptions(rendered.message), flags: MessageFlags.Ephemeral });
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
      await answer(interaction, 'search', raw, 'update', async () => search.run(raw, context(deps, interaction)), pageFilters(raw));
      return;
    }
    const similar = findCommand('similar', 'discord');
    if (!similar) throw new PaperbotError('internal', 'the similar command is missing');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const raw = { paper: state.paperId };
    await answer(interaction, 'similar', raw, 'private', async () => similar.run(raw, context(deps, interaction)));
  }

  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await chatInput(interaction);
      else if (interaction.isButton()) await button(interaction);
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
