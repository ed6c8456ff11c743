/**
 * `paperbot doctor`, when a model is configured (LLM_*): the server answers `GET /models` and lists
 * LLM_MODEL. Nothing is generated, so the check costs no tokens. With the model out of reach the
 * bot still answers, quoting the papers, so a server that is only busy or slow is a warning; one
 * that refuses the key, is not an OpenAI-compatible server, or does not serve the model is a failure.
 */
import { serverOf } from '../../src/llm/answerer.js';
import { createChatModel, LlmFailure } from '../../src/llm/client.js';
import type { LlmSettings } from '../../src/llm/settings.js';
import { fail, ok, warn, type CheckResult } from './check.js';

const CHECK = 'model';
const QUOTED = 'until then `ask` quotes the papers instead';
/** Enough of a server's model list to pick a name from. */
const LISTED_SHOWN = 10;

function failure(error: LlmFailure, server: string): CheckResult {
  switch (error.reason) {
    case 'timeout':
    case 'rate_limited':
    case 'server_error':
      return warn(CHECK, `${server}: ${error.message}`, `the server may be busy; if it stays so, check it or raise LLM_TIMEOUT_SECONDS; ${QUOTED}`);
    case 'unreachable':
      return fail(CHECK, error.message, `check LLM_BASE_URL and that the server runs (Ollama: \`ollama serve\`); ${QUOTED}`);
    case 'rejected':
      if (error.status === 401 || error.status === 403) return fail(CHECK, `${server} refused the key: ${error.message}`, `check LLM_API_KEY; ${QUOTED}`);
      return fail(CHECK, `${server} has no model list: ${error.message}`, 'LLM_BASE_URL is the OpenAI-compatible base, usually ending in /v1 (http://localhost:11434/v1 for Ollama)');
    default:
      return fail(CHECK, `${server} did not answer like an OpenAI-compatible server: ${error.message}`, 'check LLM_BASE_URL: it is the base of the API, usually ending in /v1');
  }
}

export async function checkModel(settings: LlmSettings): Promise<CheckResult> {
  const server = serverOf(settings);
  let models: string[];
  try {
    models = await createChatModel(settings).listModels();
  } catch (error) {
    if (error instanceof LlmFailure) return failure(error, server);
    throw error;
  }
  const name = settings.model;
  if (models.includes(name)) return ok(CHECK, `${server} serves ${name}`);
  const listed = models.slice(0, LISTED_SHOWN).join(', ') + (models.length > LISTED_SHOWN ? `, … (${models.length} in all)` : '');
  // llama.cpp's server lists the one model it loaded, under its file name, and answers to any name.
  if (models.length === 1) {
    return warn(CHECK, `${server} lists only ${listed}, not LLM_MODEL ${name}; a single-model server (llama.cpp) answers to any name, others refuse it`, `set LLM_MODEL=${models[0]} to be sure`);
  }
  const fix = `${models.length > 0 ? 'set LLM_MODEL to one of those, or ' : ''}have the server serve ${name} (Ollama: \`ollama pull ${name}\`)`;
  return fail(CHECK, `${server} does not serve LLM_MODEL ${name}${models.length > 0 ? ` (it lists ${listed})` : ' (it lists no model)'}`, `${fix}; ${QUOTED}`);
}
