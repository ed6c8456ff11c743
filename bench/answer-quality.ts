/** Scores `ask` on a question set: right paper cited first, asked fact in the answer, "not covered" when it should be. */
import type { PaperCore } from '../src/core.js';
import type { EvalQuestion } from './questions.js';

export interface AnswerQuality {
  questions: number;
  citedFirst: number;
  factInAnswer: number;
  uncovered: number;
  uncoveredCorrect: number;
  maxAnswerLength: number;
  /** Per question style (when the set has styles): questions, cited first, fact in answer. */
  byStyle: Record<string, { questions: number; citedFirst: number; factInAnswer: number }>;
  failures: string[];
}

function isPaper(core: PaperCore, id: string | undefined, expected: string): boolean {
  if (!id) return false;
  if (id === expected) return true;
  const title = core.getPaper(id)?.title ?? '';
  return title.toLowerCase().startsWith(expected.toLowerCase());
}

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');

export function scoreAnswers(core: PaperCore, questions: Array<EvalQuestion & { style?: string }>): AnswerQuality {
  const quality: AnswerQuality = {
    questions: 0,
    citedFirst: 0,
    factInAnswer: 0,
    uncovered: 0,
    uncoveredCorrect: 0,
    maxAnswerLength: 0,
    byStyle: {},
    failures: [],
  };
  for (const q of questions) {
    const result = core.ask(q.question);
    quality.maxAnswerLength = Math.max(quality.maxAnswerLength, result.answer.length);
    if (q.paper === null) {
      quality.uncovered++;
      if (!result.found) quality.uncoveredCorrect++;
      else quality.failures.push(`answered an uncovered question: "${q.question}" -> ${result.answer.slice(0, 120)}`);
      continue;
    }
    quality.questions++;
    const first = isPaper(core, result.citations[0]?.id, q.paper);
    const fact = result.found && (!q.phrase || fold(result.answer).includes(fold(q.phrase)));
    if (first) quality.citedFirst++;
    if (fact) quality.factInAnswer++;
    if (q.style) {
      const style = (quality.byStyle[q.style] ??= { questions: 0, citedFirst: 0, factInAnswer: 0 });
      style.questions++;
      if (first) style.citedFirst++;
      if (fact) style.factInAnswer++;
    }
    if (!first || !fact) {
      quality.failures.push(
        `"${q.question}": ${first ? '' : `cited ${result.citations[0]?.title.slice(0, 50) ?? 'nothing'}; `}${fact ? '' : `answer lacks "${q.phrase}": ${result.answer.slice(0, 160)}`}`,
      );
    }
  }
  return quality;
}

export interface ListQuality {
  questions: number;
  /** Answered with a list of at least two cited papers. */
  listed: number;
  /** Of the listed answers: at least two thirds of the cited papers are about the topic. */
  onTopic: number;
  failures: string[];
}

/** Broad questions ("any papers on X?"): a list of cited papers, most of them about X. */
export function scoreLists(core: PaperCore, questions: Array<{ question: string; topic?: string[] }>): ListQuality {
  const quality: ListQuality = { questions: 0, listed: 0, onTopic: 0, failures: [] };
  for (const q of questions) {
    quality.questions++;
    const result = core.ask(q.question);
    if (!result.found || result.citations.length < 2) {
      quality.failures.push(`"${q.question}": ${result.found ? `only ${result.citations.length} paper` : 'not covered'}`);
      continue;
    }
    quality.listed++;
    const topic = (q.topic ?? []).map(fold);
    const about = result.citations.filter((c) => {
      const paper = core.getPaper(c.id);
      const text = fold(`${paper?.title ?? ''} ${paper?.abstract ?? ''}`);
      return topic.some((t) => text.includes(t));
    }).length;
    if (about * 3 >= result.citations.length * 2) quality.onTopic++;
    else quality.failures.push(`"${q.question}": ${about}/${result.citations.length} cited papers on topic`);
  }
  return quality;
}
