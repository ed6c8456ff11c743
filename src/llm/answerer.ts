/**
 * Model answers: the quoted answer is made first, as always; when it found the question covered,
 * its evidence goes to the model, every sentence that comes back is checked, and the checked
 * sentences become the answer. Anything short of that (no model reply, a malformed one, a refusal,
 * too little left after the check) gives the quoted answer, and a log line says why.
 */
import { createHash } from 'node:crypto';
import type { AskOptions, PaperCore } from '../core.js';
import type { Logger } from '../log.js';
import type { AnswerSentence, AskResult, Citation } from '../results.js';
import { loadAntonyms } from './check/antonyms.js';
import { checkSentence, CHECK_DEFAULTS, type CheckOptions, type Verdict } from './checker.js';
import { createChatModel, LlmFailure, type ChatModel } from './client.js';
import { numberPassages, type Passages } from './passages.js';
import { buildPrompt, MalformedReply, MAX_SENTENCES, parseReply } from './prompt.js';
import type { LlmSettings } from './settings.js';

export interface ModelAnswerer {
  /** The model's name, as the replies credit it. */
  readonly model: string;
  /** Never rejects for a model failure: the quoted answer is the fallback. */
  answer(core: PaperCore, question: string, options?: AskOptions): Promise<AskResult>;
}

export interface AnswererOptions {
  model: ChatModel;
  logger: Logger;
  /** Answers kept for identical questions on identical evidence. */
  cacheSize?: number;
  check?: CheckOptions;
}

/** A synthesised answer stays a chat paragraph: later sentences give way beyond this. */
export const SYNTHESISED_LENGTH = 700;
const DEFAULT_CACHE_SIZE = 500;

/** What the model's reply came to, for one question on one set of passages. */
type Outcome = { used: true; sentences: Verdict[] } | { used: false; why: string };

/** A failure worth a retry on the next identical question: not cached. */
class Transient extends Error {}

function cacheKey(model: string, question: string, evidence: Passages): string {
  const normalized = question.trim().replace(/\s+/g, ' ').toLowerCase();
  const passages = evidence.passages.map((p) => [p.n, p.paperId, p.text]);
  return createHash('sha256').update(JSON.stringify([model, normalized, passages])).digest('hex');
}

/** Keeps the checked sentences while the answer stays chat-sized; none when too few passed. */
function survivors(verdicts: readonly Verdict[]): Verdict[] {
  const kept: Verdict[] = [];
  let length = 0;
  for (const verdict of verdicts) {
    if (!verdict.kept) continue;
    const next = verdict.text.length + 8;
    if (length + next > SYNTHESISED_LENGTH) break;
    kept.push(verdict);
    length += next;
  }
  // A reply that lost more than half its sentences to the check is not trusted for the rest.
  return kept.length >= Math.max(1, Math.ceil(verdicts.length / 2)) ? kept : [];
}

/** The result for kept sentences: citations numbered by first use, one per paper. */
function synthesisedResult(quoted: AskResult, model: string, sentences: readonly Verdict[], evidence: Passages): AskResult {
  const citations: Citation[] = [];
  const numberOf = (passageNumber: number): number => {
    const passage = evidence.passages.find((p) => p.n === passageNumber)!;
    let citation = citations.find((c) => c.id === passage.paperId);
    if (!citation) {
      citation = { n: citations.length + 1, id: passage.paperId, title: passage.title, url: passage.url };
      citations.push(citation);
    }
    return citation.n;
  };
  const answerSentences: AnswerSentence[] = sentences.map((s) => {
    const cited = [...new Set(s.passages.map(numberOf))];
    return { text: s.text, citation: cited[0]!, citations: cited };
  });
  const answer = answerSentences.map((s) => `${s.text} [${s.citations.join(', ')}]`).join(' ');
  return { question: quoted.question, outcome: 'answered', found: true, kind: 'synthesised', model, answer, sentences: answerSentences, citations, nearest: [], answerType: quoted.answerType };
}

export function createModelAnswerer(options: AnswererOptions): ModelAnswerer {
  const { model, logger } = options;
  const check = options.check ?? CHECK_DEFAULTS;
  const capacity = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  // Insertion-ordered: the first key is the least recently used. Holds promises, so identical
  // questions asked while the model is still working share its one reply.
  const cache = new Map<string, Promise<Outcome>>();

  async function consult(question: string, evidence: Passages): Promise<Outcome> {
    let reply;
    try {
      reply = await model.complete(buildPrompt(question, evidence.passages));
    } catch (error) {
      throw error instanceof LlmFailure ? new Transient(`${error.reason}: ${error.message}`) : error;
    }
    let draft;
    try {
      draft = parseReply(reply.content);
    } catch (error) {
      if (!(error instanceof MalformedReply)) throw error;
      const cut = reply.finishReason === 'length' ? ' (cut at LLM_MAX_TOKENS)' : '';
      throw new Transient(`malformed reply${cut}: ${error.message}`);
    }
    if (!draft.answerable) return { used: false, why: 'the model said the passages do not answer the question' };
    const verdicts = draft.sentences.slice(0, MAX_SENTENCES).map((s) => checkSentence(s, evidence, check));
    const dropped = verdicts.filter((v) => !v.kept);
    if (dropped.length > 0) {
      logger.info({ model: model.name, dropped: dropped.map((v) => ({ text: v.text, why: v.details })) }, 'llm: sentences dropped by the check');
    }
    const kept = survivors(verdicts);
    if (kept.length === 0) return { used: false, why: `${dropped.length} of ${verdicts.length} sentences failed the check` };
    return { used: true, sentences: kept };
  }

  function remember(key: string, outcome: Promise<Outcome>): void {
    cache.set(key, outcome);
    if (cache.size > capacity) cache.delete(cache.keys().next().value!);
  }

  return {
    model: model.name,

    async answer(core, question, options) {
      const quoted = core.ask(question, options);
      // A closest match stays quoted: the model writes only from passages the engine is sure answer.
      if (quoted.outcome !== 'answered') return quoted;
      const evidence = numberPassages(core.passages(question, options), (id) => core.getPaper(id));
      if (evidence.passages.length === 0) return quoted;

      const key = cacheKey(model.name, question, evidence);
      let pending = cache.get(key);
      if (pending) {
        cache.delete(key);
        cache.set(key, pending);
      } else {
        pending = consult(question, evidence);
        remember(key, pending);
      }
      const started = performance.now();
      try {
        const outcome = await pending;
        if (!outcome.used) {
          logger.info({ model: model.name, reason: outcome.why }, 'llm: quoted answer used');
          return quoted;
        }
        return synthesisedResult(quoted, model.name, outcome.sentences, evidence);
      } catch (error) {
        if (cache.get(key) === pending) cache.delete(key);
        const ms = Math.round(performance.now() - started);
        if (error instanceof Transient) logger.warn({ model: model.name, reason: error.message, ms }, 'llm: no usable model answer; quoted answer used');
        else logger.error({ model: model.name, err: error, ms }, 'llm: answering failed; quoted answer used');
        return quoted;
      }
    },
  };
}

export interface ModelProbe {
  reachable: boolean;
  /** Whether the server lists the configured model (llama.cpp serves one model under any name). */
  listed?: boolean;
  models?: string[];
  problem?: string;
}

/** Asks the server which models it serves: is it reachable, and is the configured model among them? */
export async function probeModel(model: ChatModel): Promise<ModelProbe> {
  try {
    const models = await model.listModels();
    return { reachable: true, listed: models.includes(model.name), models };
  } catch (error) {
    return { reachable: false, problem: error instanceof LlmFailure ? `${error.reason}: ${error.message}` : String(error) };
  }
}

/** Where the server is, for the log: the base URL without any credentials written into it. */
export function serverOf(settings: LlmSettings): string {
  const server = new URL(settings.baseUrl);
  server.username = '';
  server.password = '';
  return server.href;
}

/**
 * The answerer the configuration asks for: none without LLM_* settings. With `probe`, the server is
 * asked in the background whether it serves the model, and the log says what is wrong if not;
 * questions meanwhile are answered as usual (quoted while the model cannot be reached).
 */
export function answererFromSettings(settings: LlmSettings | undefined, logger: Logger, options: { probe?: boolean } = {}): ModelAnswerer | undefined {
  if (!settings) return undefined;
  const where = { model: settings.model, server: serverOf(settings) };
  logger.info({ ...where, timeoutMs: settings.timeoutMs }, 'llm: model answers on');
  const model = createChatModel(settings);
  if (options.probe) {
    // The checker's WordNet table is read once; at start-up rather than during the first answer.
    setImmediate(loadAntonyms);
    void probeModel(model).then((probe) => {
      if (!probe.reachable) logger.warn({ ...where, reason: probe.problem }, 'llm: the model server cannot be reached; answers are quoted until it can');
      else if (!probe.listed) logger.warn({ ...where, served: probe.models?.slice(0, 20) }, 'llm: the server does not list LLM_MODEL; check the name');
      else logger.info(where, 'llm: the server serves the model');
    });
  }
  return createModelAnswerer({ model, logger });
}
