/**
 * Option builders. Each option is declared once, with its help text and limits; from it come the zod
 * schema that validates input on every platform and the spec each adapter turns into its own
 * definition (Discord option types, Slack usage text, CLI flags).
 */
import { z } from 'zod';
import { canonicalTimeZone, normalizeTime, timeError, timeZoneError } from '../src/digest/schedule.js';

export type OptionType = 'string' | 'integer';

export interface OptionSpec {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  /** Console, CLI and Slack take this option from the free text after the command name. */
  positional: boolean;
  /** Discord offers paper titles as the user types: any listed paper, or only those added from chat. */
  autocomplete: PaperChoices | false;
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
  /** Shown in help: "YYYY-MM-DD", "HH:MM". */
  format?: string;
  defaultValue?: string | number;
}

export type PaperChoices = 'papers' | 'chat-papers';

export interface Option<T> {
  spec: Omit<OptionSpec, 'name'>;
  schema: z.ZodType<T>;
}

interface Common {
  description: string;
  positional?: boolean;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Free text: a query, a question, a paper id or title. Blank text counts as missing. */
export function text(
  options: Common & { required: true; maxLength?: number; autocomplete?: PaperChoices },
): Option<string>;
export function text(
  options: Common & { required?: false; maxLength?: number; autocomplete?: PaperChoices },
): Option<string | undefined>;
export function text(
  options: Common & { required?: boolean; maxLength?: number; autocomplete?: PaperChoices },
): Option<string> | Option<string | undefined> {
  const maxLength = options.maxLength ?? 500;
  const base = z
    .string({ error: 'expected text' })
    .trim()
    .max(maxLength, { error: `must be at most ${maxLength} characters` });
  const spec = {
    description: options.description,
    type: 'string' as const,
    required: options.required ?? false,
    positional: options.positional ?? false,
    autocomplete: options.autocomplete ?? (false as const),
    minLength: 1,
    maxLength,
  };
  if (options.required) return { spec, schema: base.min(1, { error: 'must not be empty' }) };
  return {
    spec,
    schema: base.optional().transform((value) => (value === '' ? undefined : value)),
  };
}

/** A whole number within bounds; console and Slack users type it as text, so numeric strings are accepted. */
export function integer(
  options: Common & { min: number; max: number; defaultValue: number },
): Option<number> {
  const { min, max, defaultValue } = options;
  const schema = z
    .union([z.number(), z.string().trim().regex(/^-?\d+$/, { error: 'expected a whole number' }).transform(Number)], {
      error: 'expected a whole number',
    })
    .pipe(
      z
        .number()
        .int({ error: 'expected a whole number' })
        .min(min, { error: `must be between ${min} and ${max}` })
        .max(max, { error: `must be between ${min} and ${max}` }),
    )
    .optional()
    .transform((value) => value ?? defaultValue);
  return {
    spec: {
      description: options.description,
      type: 'integer',
      required: false,
      positional: options.positional ?? false,
      autocomplete: false,
      minValue: min,
      maxValue: max,
      defaultValue,
    },
    schema,
  };
}

/** A calendar date, YYYY-MM-DD. */
export function date(options: Common): Option<string | undefined> {
  const schema = z
    .string({ error: 'expected a date (YYYY-MM-DD)' })
    .trim()
    .refine((value) => value === '' || (DATE_RE.test(value) && isRealDate(value)), {
      error: (issue) => `expected a date like 2025-01-31, got "${String(issue.input)}"`,
    })
    .optional()
    .transform((value) => (value === '' ? undefined : value));
  return {
    spec: {
      description: options.description,
      type: 'string',
      required: false,
      positional: options.positional ?? false,
      autocomplete: false,
      minLength: 10,
      maxLength: 10,
      format: 'YYYY-MM-DD',
    },
    schema,
  };
}

/**
 * Text with a default that a parser turns into its canonical form (or null when it is invalid, then
 * `describeError` says why): the shape shared by times and time zones.
 */
function canonical(
  options: Common & { defaultValue: string },
  format: { parse: (raw: string) => string | null; describeError: (raw: string) => string; label: string; expected: string; minLength: number; maxLength: number },
): Option<string> {
  const schema = z
    .string({ error: format.expected })
    .optional()
    .transform((value, ctx) => {
      const raw = value?.trim() || options.defaultValue;
      const parsed = format.parse(raw);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message: format.describeError(raw) });
        return z.NEVER;
      }
      return parsed;
    });
  return {
    spec: {
      description: options.description,
      type: 'string',
      required: false,
      positional: options.positional ?? false,
      autocomplete: false,
      minLength: format.minLength,
      maxLength: format.maxLength,
      format: format.label,
      defaultValue: options.defaultValue,
    },
    schema,
  };
}

/** A time of day, HH:MM (24-hour); "9:00" is read as 09:00. */
export function time(options: Common & { defaultValue: string }): Option<string> {
  return canonical(options, {
    parse: normalizeTime,
    describeError: timeError,
    label: 'HH:MM',
    expected: 'expected a time (HH:MM)',
    minLength: 4,
    maxLength: 5,
  });
}

/** An IANA time zone ("Europe/Berlin"), returned in its canonical spelling. */
export function timezone(options: Common & { defaultValue: string }): Option<string> {
  return canonical(options, {
    parse: canonicalTimeZone,
    describeError: timeZoneError,
    label: 'Area/City',
    expected: 'expected a time zone such as Europe/Berlin',
    minLength: 1,
    maxLength: 64,
  });
}
