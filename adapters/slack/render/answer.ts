/**
 * `/paper ask`: a sure answer with its sources; a closest match led by its hedge, marked as such,
 * with the other candidates; "not covered" said once, with the papers near the question (and the
 * paper asked, when it was one). Each near paper has an "Ask [n]" button: the same question, of that
 * paper alone. A list names each paper once.
 */
import type { AskResult, NearPaper, PaperRef } from '../../../src/results.js';
import { codePointStart } from '../../../src/text/unicode.js';
import { askPaperActionId, encodeAskPaper } from '../ask-paper.js';
import { assemble, context, fallback, header, numberedTitles, paperItem, section, type ButtonSpec, type SlackBlock, type SlackMessage } from './blocks.js';
import { collapse, truncate, type Inline } from './format.js';

export const FOLLOW_UP_HINT = 'Follow-up? Mention me in this thread: "who wrote it?", "is there code?"';

export interface AnswerOptions {
  /** The paper the question was put to (`--paper`): shown with its links when it does not answer. */
  paper?: PaperRef;
  /** The answer is remembered for its thread: say how to ask a follow-up there. */
  followUpHint?: boolean;
}

/** Says how the answer was made: quoted, or written by a model and checked. */
function answerProvenance(result: AskResult): string {
  const made =
    result.kind !== 'synthesised'
      ? 'Quoted from the paper abstracts; [n] points to the source.'
      : `Written by ${truncate(collapse(result.model ?? 'a language model'), 100)} from the paper abstracts; each sentence was checked against the sources it cites [n].`;
  return result.outcome === 'closest' ? `Closest match, not a sure answer. ${made}` : made;
}

const marks = (citations: readonly number[]) => ` [${citations.join(', ')}]`;

export function renderAnswer(result: AskResult, options: AnswerOptions = {}): SlackMessage {
  if (result.outcome === 'not_covered' || !result.found) return renderNotCovered(result, options);
  const head = [header(result.question)];
  const hint = options.followUpHint ? context([[FOLLOW_UP_HINT]]) : null;
  if (result.answerType === 'list') {
    // One line per paper: its title once, linked (the source), then what it says about the topic.
    const lines: Inline[] = result.sentences.flatMap((s, i) => {
      const citation = result.citations.find((c) => c.n === s.citation);
      // A title length the line does not hold, or one that would cut a character in two, links nothing.
      const end = codePointStart(s.text, Math.min(s.titleLength ?? 0, s.text.length));
      const title: Inline[] = citation && end > 0 ? [{ link: citation.url, label: s.text.slice(0, end), bold: true }, s.text.slice(end)] : [s.text];
      return [i === 0 ? '• ' : '\n• ', ...title, marks(s.citations)];
    });
    return assemble({ text: fallback(result.answer), head: [...head, section(lines), context([[answerProvenance(result)]]), hint] });
  }
  // Model text is escaped like any paper text: no markup, link or mention of its own survives.
  const quoted = result.sentences.length === 0 ? [result.hedge ? result.answer.slice(result.hedge.length) : result.answer] : result.sentences.flatMap((s) => [s.text, `${marks(s.citations)} `]);
  const answer: Inline[] = result.hedge ? [{ bold: result.hedge }, '\n', ...quoted] : quoted;
  const sources: Inline[] = [{ bold: 'Sources' }];
  for (const citation of result.citations) sources.push(`\n[${citation.n}] `, { link: citation.url, label: citation.title });
  const closest = result.outcome === 'closest' && result.nearest.length > 0;
  const first = result.citations.length + 1;
  return assemble({
    text: fallback(result.answer),
    head: [...head, section(answer), section(sources), context([[answerProvenance(result)]]), closest ? section([{ bold: 'Other candidates' }]) : null],
    items: closest ? nearItems(result, first) : [],
    tail: [hint],
  });
}

/** "Not covered" once; the paper asked with its links; the papers near the question. */
function renderNotCovered(result: AskResult, options: AnswerOptions): SlackMessage {
  const asked = options.paper;
  const others = result.nearest.filter((p) => p.id !== asked?.id);
  const snippet = result.nearest.find((p) => p.id === asked?.id)?.snippet;
  const card: Array<SlackBlock | null> = asked ? paperItem(asked, 1, snippet ? [snippet] : []) : [];
  const first = asked ? 2 : 1;
  const nearest = others.length > 0 ? `Nearest papers: ${numberedTitles(others, first)}` : '';
  return assemble({
    text: fallback(result.answer, nearest),
    head: [header(result.question), section([result.answer]), ...card, others.length > 0 ? section([{ bold: 'Nearest papers' }]) : null],
    items: nearItems({ ...result, nearest: others }, first),
    tail: [options.followUpHint ? context([[FOLLOW_UP_HINT]]) : null],
  });
}

/** Each near paper, numbered from `first`, with the line that makes it near and "Ask [n]" (same question, that paper). */
function nearItems(result: Pick<AskResult, 'question' | 'nearest'>, first: number): Array<Array<SlackBlock | null>> {
  return result.nearest.map((paper: NearPaper, i) => {
    const n = first + i;
    const ask: ButtonSpec = { label: `Ask [${n}] ${paper.title}`, actionId: askPaperActionId(n), value: encodeAskPaper({ question: result.question, paperId: paper.id }) };
    return paperItem(paper, n, paper.snippet ? [paper.snippet] : [], [], [ask]);
  });
}
