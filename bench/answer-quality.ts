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
  failures: string[];
}

function isPaper(core: PaperCore, id: string | undefined, expected: string): boolean {
  if (!id) return false;
  if (id === expected) return true;
  const title = core.getPaper(id)?.title ?? '';
  return title.toLowerCase().startsWith(expected.toLowerCase());
}

export function scoreAnswers(core: PaperCore, questions: EvalQuestion[]): AnswerQuality {
  const quality: AnswerQuality = {
    questions: 0,
    citedFirst: 0,
    factInAnswer: 0,
    uncovered: 0,
    uncoveredCorrect: 0,
    maxAnswerLength: 0,
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
    const fact = result.found && (!q.phrase || result.answer.toLowerCase().includes(q.phrase.toLowerCase()));
    if (first) quality.citedFirst++;
    if (fact) quality.factInAnswer++;
    if (!first || !fact) {
      quality.failures.push(
        `"${q.question}": ${first ? '' : `cited ${result.citations[0]?.title.slice(0, 50) ?? 'nothing'}; `}${fact ? '' : `answer lacks "${q.phrase}": ${result.answer.slice(0, 160)}`}`,
      );
    }
  }
  return quality;
}
