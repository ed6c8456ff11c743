/**
 * The chat-completions client: the official `openai` package, which speaks to OpenAI and to any
 * compatible server (Ollama, vLLM, llama.cpp). Its own retries are off: the whole call, one retry
 * included, must fit in LLM_TIMEOUT_SECONDS, because a user is waiting and the quoted answer is
 * ready. The one retry is for a 429 or 503 whose Retry-After still fits in that time.
 */
import OpenAI from 'openai';
import type { ChatMessages } from './prompt.js';
import type { LlmSettings } from './settings.js';

export type LlmFailureReason = 'timeout' | 'unreachable' | 'rate_limited' | 'server_error' | 'rejected' | 'bad_response' | 'empty';

/** A model call that gave no usable reply; `message` never includes the API key. */
export class LlmFailure extends Error {
  override readonly name = 'LlmFailure';
  constructor(
    readonly reason: LlmFailureReason,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ChatReply {
  content: string;
  /** `stop`, or `length` when the reply was cut at LLM_MAX_TOKENS. */
  finishReason?: string;
}

/** What the answerer needs from a model; tests and the doctor use the same interface. */
export interface ChatModel {
  readonly name: string;
  complete(messages: ChatMessages): Promise<ChatReply>;
  /** The model ids the server lists (`GET /models`). */
  listModels(): Promise<string[]>;
}

const RETRY_STATUSES = new Set([429, 503]);

/** Seconds (`Retry-After: 2`), an HTTP date, or OpenAI's `retry-after-ms`; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function createChatModel(settings: LlmSettings): ChatModel {
  const client = new OpenAI({
    baseURL: settings.baseUrl,
    // The client insists on a key; a local server without one gets no Authorization header at all.
    apiKey: settings.apiKey ?? 'unused',
    ...(settings.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    // Only what LLM_* says: no OPENAI_* variable from the environment leaks into the requests.
    adminAPIKey: null,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    logLevel: 'off',
  });

  /** Runs `call` with what is left of the deadline, aborting it (body included) when time is up. */
  async function withinDeadline<T>(deadline: number, call: (signal: AbortSignal, timeout: number) => Promise<T>): Promise<T> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new LlmFailure('timeout', `no reply within ${settings.timeoutMs / 1000} s`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), remaining);
    try {
      return await call(controller.signal, remaining);
    } catch (error) {
      if (controller.signal.aborted || error instanceof OpenAI.APIConnectionTimeoutError) {
        throw new LlmFailure('timeout', `no reply within ${settings.timeoutMs / 1000} s`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  function classify(error: unknown): LlmFailure {
    if (error instanceof LlmFailure) return error;
    if (error instanceof OpenAI.APIConnectionError) {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return new LlmFailure('unreachable', `cannot reach ${settings.baseUrl}${cause}`);
    }
    if (error instanceof OpenAI.APIError && error.status !== undefined) {
      const reason = error.status === 429 ? 'rate_limited' : error.status >= 500 ? 'server_error' : 'rejected';
      return new LlmFailure(reason, `HTTP ${error.status}: ${error.message}`, error.status);
    }
    return new LlmFailure('bad_response', error instanceof Error ? error.message : String(error));
  }

  return {
    name: settings.model,

    async complete(messages) {
      const deadline = Date.now() + settings.timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          const completion = await withinDeadline(deadline, (signal, timeout) =>
            client.chat.completions.create(
              {
                model: settings.model,
                messages: [
                  { role: 'system', content: messages.system },
                  { role: 'user', content: messages.user },
                ],
                temperature: 0,
                max_tokens: settings.maxTokens,
                response_format: { type: 'json_object' },
              },
              { signal, timeout, maxRetries: 0 },
            ),
          );
          const choice = completion.choices?.[0];
          const content = choice?.message?.content ?? '';
          if (!content.trim()) throw new LlmFailure('empty', `the model returned no text (finish_reason ${choice?.finish_reason ?? 'none'})`);
          return { content, ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}) };
        } catch (error) {
          const wait = error instanceof OpenAI.APIError && RETRY_STATUSES.has(error.status ?? 0) ? retryAfterMs(error.headers) : undefined;
          if (attempt === 0 && wait !== undefined && Date.now() + wait < deadline) {
            await new Promise((resolve) => setTimeout(resolve, wait));
            continue;
          }
          throw classify(error);
        }
      }
    },

    async listModels() {
      const deadline = Date.now() + settings.timeoutMs;
      try {
        return await withinDeadline(deadline, async (signal, timeout) => {
          const ids: string[] = [];
          for await (const model of client.models.list({ signal, timeout, maxRetries: 0 })) ids.push(model.id);
          return ids;
        });
      } catch (error) {
        throw classify(error);
      }
    },
  };
}
