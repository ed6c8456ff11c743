/**
 * `/paper ask`: a sure answer with its sources; a closest match, yellow, led by its hedge, with the
 * other candidates and an "Ask [n]" button each; "not covered" said once, with the papers near the
 * question. Every answer carries a Follow-up button where the adapter keeps conversations.
 */
import type { APIButtonComponent } from 'discord.js';
import type { AnswerSentence, AskResult, Citation, NearPaper, PaperRef } from '../../../src/results.js';
import { encodeButton } from '../custom-id.js';
import { codePointStart } from '../../../src/text/unicode.js';
import { fit, link, LIMITS, md, oneLine, plain, truncate } from './format.js';
import {
  actionButton,
  COLOR,
  descriptionRoom,
  linkButton,
  list,
  listEntry,
  message,
  metaLine,
  NOT_FOUND_COLOR,
  paperLinkButtons,
  rows,
  type DiscordButtonRow,
  type Rendered,
} from './message.js';

const CLOSEST_COLOR = 0xfee75c;
export const FOLLOW_UP_LABEL = 'Follow-up';
/** What a near paper's entry may take of the description at most. */
const NEAR_ENTRY = 600;

export interface AnswerContext {
  /** The paper the question was put to (`paper` option): its card shows when it does not answer. */
  paper?: PaperRef;
  /** The adapter keeps conversations: a Follow-up button, and "Ask [n]" under near papers. */
  followUps?: boolean;
}

/** Says how the answer was made: quoted, or written by a model and checked. Footers show no markdown. */
function answerFooter(result: AskResult): string {
  const made =
    result.kind === 'synthesised'
      ? `Written by ${truncate(oneLine(result.model ?? 'a language model'), 100)} from the abstracts; each sentence was checked against the sources it cites [n].`
      : 'Quoted from the paper abstracts; [n] is the source.';
  return plain(result.outcome === 'closest' ? `Closest match, not a sure answer. ${made}` : made, LIMITS.footer);
}

export function renderAnswer(result: AskResult, context: AnswerContext = {}): Rendered {
  if (result.outcome === 'not_covered' || !result.found) return renderNotCovered(result, context);
  const title = md(result.question, LIMITS.embedTitle);
  const footer = answerFooter(result);
  const closest = result.outcome === 'closest';
  // Near papers are numbered after the cited one: "Ask [2]" asks the second candidate.
  const first = result.citations.length + 1;
  const near = closest && result.nearest.length > 0 ? nearSection('Other candidates', result.nearest, first) : '';
  const room = descriptionRoom(title, footer) - near.length;
  const body = result.answerType === 'list' ? listLines(result, room) : quotedAnswer(result, room);
  const buttons = result.answerType === 'list' ? [] : result.citations.map((c) => linkButton(`[${c.n}] ${c.title}`, c.url));
  return {
    ephemeral: false,
    message: message({
      embeds: [{ title, description: `${body}${near}`, footer: { text: footer }, color: closest ? CLOSEST_COLOR : COLOR }],
      components: [...rows(buttons, 1), ...conversationRows(closest ? numbered(result.nearest, first) : [], context)],
    }),
  };
}

/** The hedge (for a closest match), the quoted sentences with their marks, then the sources. */
function quotedAnswer(result: AskResult, room: number): string {
  const sources = list(result.citations, Math.min(1800, 60 + result.citations.length * 200), (c: Citation, _i, max) => `**[${c.n}]** ${link(c.title, c.url, max - 8)}`).replaceAll('\n\n', '\n');
  const hedge = result.hedge ? `**${md(result.hedge, 400)}**\n` : '';
  const budget = room - sources.length - hedge.length - 20;
  let answer = '';
  for (const sentence of result.sentences) {
    // Model text is escaped like any paper text: no markup, link or mention of its own survives.
    const marks = citationMarks(sentence);
    const piece = `${md(sentence.text, budget)} ${marks}`;
    if (answer.length + piece.length + 1 > budget) {
      if (!answer) answer = fit(budget, (b) => `${md(sentence.text, b - marks.length - 1)} ${marks}`);
      break;
    }
    answer = answer ? `${answer} ${piece}` : piece;
  }
  if (!answer) answer = md(result.hedge ? result.answer.slice(result.hedge.length) : result.answer, budget, { multiline: true });
  return `${hedge}${answer}\n\n**Sources**\n${sources}`;
}

/** A list answer: one line per paper, its title once (linked, the source) and what it says about the topic. */
function listLines(result: AskResult, room: number): string {
  const share = Math.floor(room / Math.max(1, result.sentences.length)) - 1;
  return result.sentences
    .map((sentence) => {
      const citation = result.citations.find((c) => c.n === sentence.citation);
      const marks = citationMarks(sentence);
      // A title length the line does not hold, or one that would cut a character in two, links nothing.
      const end = sentence.titleLength === undefined ? 0 : codePointStart(sentence.text, Math.min(sentence.titleLength, sentence.text.length));
      const head = end > 0 && citation ? link(sentence.text.slice(0, end), citation.url, Math.min(320, share / 2)) : '';
      const rest = head ? sentence.text.slice(end) : sentence.text;
      const gap = head && /^\s/.test(rest) ? ' ' : '';
      return fit(share, (budget) => `• ${marks} ${head}${gap}${md(rest, budget - head.length - marks.length - 4)}`);
    })
    .join('\n');
}

const citationMarks = (sentence: AnswerSentence) => `**[${sentence.citations.join(', ')}]**`;

/** "Not covered" once; the paper asked, when it was one; the papers near the question. */
function renderNotCovered(result: AskResult, context: AnswerContext): Rendered {
  const title = md(result.question, LIMITS.embedTitle);
  const intro = md(result.answer.trim() || 'The papers I know do not cover this question.', 600);
  const asked = context.paper;
  // The paper asked is shown as its card, with its links (asking it again would say the same); the others as near papers.
  const card = asked ? `\n\n${listEntry(1, asked, NEAR_ENTRY, [metaLine(asked), snippetLine(result.nearest.find((p) => p.id === asked.id))])}` : '';
  const others = result.nearest.filter((p) => p.id !== asked?.id);
  const first = asked ? 2 : 1;
  const near = others.length > 0 ? nearSection('Nearest papers', others, first) : '';
  return {
    ephemeral: false,
    message: message({
      embeds: [{ title, description: `${intro}${card}${near}`, color: NOT_FOUND_COLOR }],
      components: [...rows(asked ? paperLinkButtons(asked) : [], 1), ...conversationRows(numbered(others, first), context)],
    }),
  };
}

/** `**Nearest papers**` then each paper, numbered from `first`, with its authors and the line that makes it near. */
function nearSection(heading: string, papers: readonly NearPaper[], first: number): string {
  const entries = list([...papers], papers.length * NEAR_ENTRY, (paper, i, max) => listEntry(first + i, paper, max, [metaLine(paper), snippetLine(paper)]));
  return `\n\n**${heading}**\n${entries}`;
}

/** The line of a near paper that makes it near, quoted. */
function snippetLine(paper: NearPaper | undefined): (room: number) => string {
  return (room) => (paper?.snippet ? `> ${md(paper.snippet, room - 2)}` : '');
}

function numbered(papers: readonly NearPaper[], first: number): Array<{ paper: NearPaper; n: number }> {
  return papers.map((paper, i) => ({ paper, n: first + i }));
}

/** "Ask [n] Title" for each near paper, then Follow-up: only where the adapter keeps conversations. */
function conversationRows(near: ReadonlyArray<{ paper: NearPaper; n: number }>, context: AnswerContext): DiscordButtonRow[] {
  if (!context.followUps) return [];
  const asks: Array<APIButtonComponent | null> = near.map(({ paper, n }) => actionButton(`Ask [${n}] ${paper.title}`, encodeButton({ kind: 'ask-paper', paperId: paper.id })));
  return rows([...asks, actionButton(FOLLOW_UP_LABEL, encodeButton({ kind: 'follow-up' }))], 1);
}
