/**
 * One definition per command: name, help, options and a handler that calls the core and returns
 * structured results. Adapters derive their platform's command definitions from these and call
 * `runCommand`; none of them declares a command or an option again.
 */
import { z } from 'zod';
import type { PaperCore } from '../src/core.js';
import type { SubscriptionService, SubscriptionView } from '../src/digest/types.js';
import { PaperbotError } from '../src/errors.js';
import type { ListChange, PaperListService } from '../src/list/types.js';
import type { CommandOutcome, Metrics } from '../src/metrics.js';
import type { ModelAnswerer } from '../src/llm/answerer.js';
import type {
  AskResult,
  CorpusStats,
  HighlightsResult,
  PaperRef,
  SearchResult,
  ShowResult,
  SimilarResult,
} from '../src/results.js';
import type { Option, OptionSpec } from './options.js';

export type Platform = 'console' | 'discord' | 'slack';

/** Who is asking and where; adapters fill what their platform knows. */
export interface Caller {
  platform: Platform;
  channelId?: string;
  userId?: string;
  /** The caller may manage this channel (Discord Manage Channels / Slack admin or allow-list). */
  canManage?: boolean;
}

export interface CommandContext {
  core: PaperCore;
  caller: Caller;
  /** Present when daily highlights are enabled; subscription commands need it. */
  subscriptions?: SubscriptionService;
  /** Where each run is reported (count, outcome, duration); `paperbot start` sets it. */
  metrics?: Metrics;
  /** Present when the database that keeps papers added from chat is open; add and remove need it. */
  list?: PaperListService;
  /** Present when a model is configured (LLM_*): `ask` then tries a checked model answer first. */
  answerer?: ModelAnswerer;
  /**
   * A follow-up's conversation: the ids of the papers the answers before it were about, latest
   * first. `ask` answers a question with no subject of its own from them.
   */
  conversation?: readonly string[];
}

export interface HelpEntry {
  name: string;
  description: string;
  usage: string;
  example: string;
  options: OptionSpec[];
}

export type CommandResult =
  | { kind: 'search'; result: SearchResult }
  /** `paper`: the paper a question was put to (the `paper` option). */
  | { kind: 'answer'; result: AskResult; paper?: PaperRef }
  | { kind: 'paper'; result: ShowResult }
  | { kind: 'similar'; result: SimilarResult }
  | { kind: 'highlights'; result: HighlightsResult }
  | { kind: 'stats'; result: CorpusStats }
  | { kind: 'help'; result: { commands: HelpEntry[] } }
  | { kind: 'subscriptions'; result: { subscriptions: SubscriptionView[] } }
  | { kind: 'listed'; result: ListChange }
  | { kind: 'notice'; result: { message: string } };

type OptionMap = Record<string, Option<unknown>>;
type Input<O extends OptionMap> = { [K in keyof O]: O[K] extends Option<infer T> ? T : never };

export interface Command {
  name: string;
  description: string;
  example: string;
  options: OptionSpec[];
  /** Hidden from chat platforms (e.g. `stats` is a console/CLI command). */
  platforms: readonly Platform[];
  /** Only callers who can manage the channel may run it; Discord also sets `default_member_permissions`. */
  requiresManage?: boolean;
  /** Validates raw option values (strings or numbers, as a platform delivered them) and runs. */
  run(raw: Record<string, unknown>, context: CommandContext): Promise<CommandResult> | CommandResult;
}

export interface CommandDefinition<O extends OptionMap> {
  name: string;
  description: string;
  /** A realistic invocation, without the platform prefix: `search diffusion policy --limit 3`. */
  example: string;
  options: O;
  platforms?: readonly Platform[];
  requiresManage?: boolean;
  handler(input: Input<O>, context: CommandContext): Promise<CommandResult> | CommandResult;
}

const ALL_PLATFORMS: readonly Platform[] = ['console', 'discord', 'slack'];

export function defineCommand<O extends OptionMap>(definition: CommandDefinition<O>): Command {
  const shape: Record<string, z.ZodType> = {};
  const options: OptionSpec[] = [];
  for (const [name, option] of Object.entries(definition.options)) {
    shape[name] = option.schema;
    options.push({ name, ...option.spec });
  }
  const schema = z.strictObject(shape);
  return {
    name: definition.name,
    description: definition.description,
    example: definition.example,
    options,
    platforms: definition.platforms ?? ALL_PLATFORMS,
    requiresManage: definition.requiresManage ?? false,
    run(raw, context) {
      const execute = () => {
        if (definition.requiresManage && !context.caller.canManage) throw refusal(definition.name);
        const parsed = schema.safeParse(raw);
        if (!parsed.success) throw optionError(definition.name, parsed.error);
        return definition.handler(parsed.data as Input<O>, context);
      };
      return context.metrics ? measured(execute, definition.name, context.caller.platform, context.metrics) : execute();
    },
  };
}

/** What a member who may not manage the channel is told when running a command that needs it. */
export function refusal(command: string): PaperbotError {
  return new PaperbotError('forbidden', `${command}: only members who can manage this channel may do this`, { command });
}

function outcomeOf(error: unknown): CommandOutcome {
  return error instanceof PaperbotError && error.code !== 'internal' ? 'user_error' : 'error';
}

/**
 * Every platform runs its commands through `Command.run`, so this is the one place commands are
 * counted and timed: validation and the core's work, not the platform's delivery.
 */
function measured(
  execute: () => Promise<CommandResult> | CommandResult,
  command: string,
  platform: Platform,
  metrics: Metrics,
): Promise<CommandResult> | CommandResult {
  const started = performance.now();
  const report = (outcome: CommandOutcome) => metrics.commandRun({ platform, command, outcome, seconds: (performance.now() - started) / 1000 });
  let result: Promise<CommandResult> | CommandResult;
  try {
    result = execute();
  } catch (error) {
    report(outcomeOf(error));
    throw error;
  }
  if (!(result instanceof Promise)) {
    report('ok');
    return result;
  }
  return result.then(
    (value) => {
      report('ok');
      return value;
    },
    (error: unknown) => {
      report(outcomeOf(error));
      throw error;
    },
  );
}

function optionError(command: string, error: z.ZodError): PaperbotError {
  const issue = error.issues[0];
  if (!issue) return new PaperbotError('bad_option', `${command}: invalid options`);
  const option = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return new PaperbotError('bad_option', `${command}: unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}`, {
      command,
      option: issue.keys[0],
    });
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const message = missing ? 'is required' : issue.message;
  return new PaperbotError('bad_option', `${command}: option "${option}" ${message}`, { command, option });
}

/** `search <query> [--limit N]`: the one-line usage, shared by help on every platform. */
export function usage(command: Pick<Command, 'name' | 'options'>): string {
  const parts = [command.name];
  for (const option of command.options) {
    const value = option.format ?? (option.type === 'integer' ? 'N' : option.name);
    if (option.positional) parts.push(option.required ? `<${option.name}>` : `[${option.name}]`);
    else parts.push(`[--${option.name} ${value}]`);
  }
  return parts.join(' ');
}
