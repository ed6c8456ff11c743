/** `/paper ask`: the quoted (or model-written) answer with its sources, or what is near when nothing answers. */
import type { AskResult } from '../../../src/results.js';
import { fit, link, LIMITS, md, oneLine, plain, truncate } from './format.js';
import { COLOR, descriptionRoom, linkButton, list, listEntry, message, metaLine, NOT_FOUND_COLOR, rows, type Rendered } from './message.js';

/** Says how the answer was made: quoted, or written by a model and checked. Footers show no markdown. */
function answerFooter(result: AskResult): string {
  const text =
    result.kind === 'synthesised'
      ? `Written by ${truncate(oneLine(result.model ?? 'a language model'), 100)} from the abstracts; each sentence was checked against the sources it cites [n].`
      : 'Quoted from the paper abstracts; [n] is the source.';
  return plain(text, LIMITS.footer);
}

export function renderAnswer(result: AskResult): Rendered {
  const title = md(result.question, LIMITS.embedTitle);
  if (!result.found) {
    const intro = result.answer.trim() ? md(result.answer, 600) : 'The papers I know do not cover this question.';
    const header = `**Not covered.** ${intro}`;
    const nearest = result.nearest.length > 0 ? `\n\n**Nearest papers**\n${list(result.nearest, descriptionRoom(title, header) - header.length - 30, (paper, i, max) => listEntry(i + 1, paper, max, [metaLine(paper)]))}` : '';
    return {
      ephemeral: false,
      message: message({
        embeds: [{ title, description: header + nearest, color: NOT_FOUND_COLOR }],
        components: rows(result.nearest.map((paper, i) => linkButton(`${i + 1}. ${paper.title}`, paper.url)), 1),
      }),
    };
  }
  const citations = result.citations;
  const sourceRoom = Math.min(1800, 60 + citations.length * 200);
  const sources = list(citations, sourceRoom, (c, _i, max) => `**[${c.n}]** ${link(c.title, c.url, max - 8)}`).replaceAll('\n\n', '\n');
  const footer = answerFooter(result);
  const room = descriptionRoom(title, footer) - sources.length - 20;
  // A list answer is one paper per line; any other answer reads as one paragraph.
  const bullet = result.answerType === 'list' ? '• ' : '';
  const separator = result.answerType === 'list' ? '\n' : ' ';
  let answer = '';
  for (const sentence of result.sentences) {
    // Model text is escaped like any paper text: no markup, link or mention of its own survives.
    const marks = `**[${sentence.citations.join(', ')}]**`;
    const piece = `${bullet}${md(sentence.text, room)} ${marks}`;
    if (answer.length + piece.length + 1 > room) {
      if (!answer) answer = fit(room, (budget) => `${bullet}${md(sentence.text, budget - marks.length - 1 - bullet.length)} ${marks}`);
      break;
    }
    answer = answer ? `${answer}${separator}${piece}` : piece;
  }
  if (!answer) answer = md(result.answer, room, { multiline: true });
  return {
    ephemeral: false,
    message: message({
      embeds: [{ title, description: `${answer}\n\n**Sources**\n${sources}`, footer: { text: footer }, color: COLOR }],
      components: rows(citations.map((c) => linkButton(`[${c.n}] ${c.title}`, c.url)), 1),
    }),
  };
}
