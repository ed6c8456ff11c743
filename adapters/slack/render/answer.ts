/** `/paper ask`: the quoted (or model-written) answer with its sources, or what is near when nothing answers. */
import type { AskResult } from '../../../src/results.js';
import { assemble, context, fallback, header, numberedTitles, paperItem, section, type SlackMessage } from './blocks.js';
import { collapse, truncate, type Inline } from './format.js';

/** Says how the answer was made: quoted, or written by a model and checked. */
function answerProvenance(result: AskResult): string {
  if (result.kind !== 'synthesised') return 'Quoted from the paper abstracts; [n] points to the source.';
  const model = truncate(collapse(result.model ?? 'a language model'), 100);
  return `Written by ${model} from the paper abstracts; each sentence was checked against the sources it cites [n].`;
}

export function renderAnswer(result: AskResult): SlackMessage {
  const head = [header(result.question)];
  if (!result.found) {
    const items = result.nearest.map((paper, i) => paperItem(paper, i + 1, []));
    return assemble({
      text: fallback(result.answer, result.nearest.length > 0 ? `Nearest papers: ${numberedTitles(result.nearest)}` : ''),
      head: [...head, section([result.answer]), result.nearest.length > 0 ? section([{ bold: 'Nearest papers' }]) : null],
      items,
    });
  }
  // A list answer is one paper per line; any other answer reads as one paragraph. Model text is
  // escaped like any paper text: no markup, link or mention of its own survives.
  const answer: Inline[] =
    result.sentences.length === 0
      ? [result.answer]
      : result.answerType === 'list'
        ? result.sentences.flatMap((s, i) => [i === 0 ? '• ' : '\n• ', s.text, ` [${s.citations.join(', ')}]`])
        : result.sentences.flatMap((s) => [s.text, ` [${s.citations.join(', ')}] `]);
  const sources: Inline[] = [{ bold: 'Sources' }];
  for (const citation of result.citations) sources.push(`\n[${citation.n}] `, { link: citation.url, label: citation.title });
  return assemble({
    text: fallback(result.answer),
    head: [...head, section(answer), section(sources), context([[answerProvenance(result)]])],
  });
}
