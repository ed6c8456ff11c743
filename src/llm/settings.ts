/**
 * Model answers are optional: the environment variables this feature reads (merged into the one
 * config schema in src/config.ts) and the settings they make. With no LLM_ variable set, there are
 * no settings and paperbot only quotes.
 */
import { z } from 'zod';
import { PaperbotError } from '../errors.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_SECONDS = 20;
/** About four sentences of JSON with citations, with room to spare. */
export const DEFAULT_MAX_TOKENS = 400;

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

export const llmEnvSchema = z.object({
  LLM_BASE_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: "expected the server's OpenAI-compatible base URL, such as http://localhost:11434/v1" }).optional(),
  ),
  LLM_MODEL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds, such as 20' })
    .positive({ error: 'must be more than 0 seconds' })
    .max(600, { error: 'must be at most 600 seconds' })
    .default(DEFAULT_TIMEOUT_SECONDS),
  LLM_MAX_TOKENS: z.coerce
    .number({ error: 'expected a whole number of tokens, such as 400' })
    .int({ error: 'expected a whole number of tokens, such as 400' })
    .min(64, { error: 'must be at least 64: an answer with its citations needs room' })
    .max(32_768, { error: 'must be at most 32768' })
    .default(DEFAULT_MAX_TOKENS),
});

export type LlmEnv = z.infer<typeof llmEnvSchema>;

export interface LlmSettings {
  baseUrl: string;
  model: string;
  /** Secret: handed to the client only, never logged. Local servers need none. */
  apiKey?: string;
  timeoutMs: number;
  maxTokens: number;
}

/**
 * The model settings, or undefined when no model is configured. A half-configured model is an error
 * naming the missing variable, not a silent fallback: the operator asked for model answers.
 */
export function llmSettings(env: LlmEnv): LlmSettings | undefined {
  const { LLM_BASE_URL: baseUrl, LLM_MODEL: model, LLM_API_KEY: apiKey } = env;
  if (!baseUrl && !model && !apiKey) return undefined;
  if (!model) {
    throw new PaperbotError('config_error', 'configuration: LLM_MODEL: required when LLM_BASE_URL or LLM_API_KEY is set (the model name, e.g. gpt-4o-mini or llama3.1:8b)', {
      variable: 'LLM_MODEL',
    });
  }
  const base = baseUrl ?? OPENAI_BASE_URL;
  if (!apiKey && new URL(base).hostname === new URL(OPENAI_BASE_URL).hostname) {
    throw new PaperbotError('config_error', `configuration: LLM_API_KEY: required for ${base} (set LLM_BASE_URL for a local server such as Ollama)`, {
      variable: 'LLM_API_KEY',
    });
  }
  return {
    baseUrl: base,
    model,
    ...(apiKey ? { apiKey } : {}),
    timeoutMs: Math.round(env.LLM_TIMEOUT_SECONDS * 1000),
    maxTokens: env.LLM_MAX_TOKENS,
  };
}
