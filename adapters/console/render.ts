/**
 * Console rendering of every command result, as plain text. Emphasis is ANSI bold only when the
 * output is a terminal, so piped output stays clean.
 */
import { listedBy, type CommandResult, type HelpEntry, type OptionSpec } from '../../commands/index.js';
import type { SubscriptionView } from '../../src/digest/types.js';
import type { PaperbotError } from '../../src/errors.js';
import type { ListChange } from '../../src/list/types.js';
import type { PaperLinks } from '../../src/model/paper.js';
import type {
  AskResult,
  CorpusStats,
  HighlightReason,
  HighlightsResult,
  NearPaper,
  PaperRef,
  SearchResult,
  ShowResult,
  SimilarResult,
  Span,
  Suggestion,
} from '../../src/results.js';

export interface Style {
  bold(text: string): string;
}

export const plain: Style = { bold: (text) => text };
export const ansi: Style = { bold: (text) => (text ? `\u001b[1m${text}\u001b[22m` : text) };

export function styleFor(isTTY: boolean | undefined): Style {
  return isTTY ? ansi : plain;
}

/** Authors after the first three become "et al.". */
const MAX_AUTHORS = 3;

export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= MAX_AUTHORS) return authors.join(', ');
  return `${authors.slice(0, MAX_AUTHORS).join(', ')} et al.`;
}

/** Bolds the given ranges of `text`; overlapping or out-of-range spans are clipped. */
export function emphasize(text: string, spans: readonly Span[], style: Style): string {
  if (style === plain || spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end } of sorted) {
    const from = Math.max(start, at);
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    out += text.slice(at, from) + style.bold(text.slice(from, to));
    at = to;
  }
  return out + text.slice(at);
}

const LINK_LABELS: Record<keyof PaperLinks, string> = {
  arxiv: 'arXiv',
  pdf: 'PDF',
  huggingface: 'Hugging Face',
  code: 'code',
  project: 'project',
  arxivSearch: 'arXiv search',
  huggingfaceSearch: 'Hugging Face search',
};

export function formatLinks(links: PaperLinks): string[] {
  return (Object.keys(LINK_LABELS) as Array<keyof PaperLinks>)
    .filter((key) => links[key])
    .map((key) => `${LINK_LABELS[key]}: ${links[key]}`);
}

/** "Title" then "A, B, C et al. · 2025-07-02 · 12 upvotes", skipping what is unknown. */
function byline(paper: PaperRef): string {
  const parts = [formatAuthors(paper.authors), paper.published ?? '', paper.upvotes !== undefined ? `${paper.upvotes} upvotes` : ''];
  return parts.filter(Boolean).join(' · ');
}

function indent(lines: string[], prefix = '   '): string[] {
  return lines.filter((line) => line !== '').map((line) => prefix + line);
}

/** The paper's main link, then code and project pages when the abstract names them. */
function linkLines(paper: PaperRef): string[] {
  const extra = (['code', 'project'] as const).filter((key) => paper.links[key] && paper.links[key] !== paper.url);
  return [paper.url, ...extra.map((key) => `${LINK_LABELS[key]}: ${paper.links[key]}`)];
}

function paperBlock(n: number, paper: PaperRef, style: Style, body: string[]): string[] {
  return [`${n}. ${style.bold(paper.title)}`, ...indent([byline(paper), ...body, ...linkLines(paper)])];
}

/**
 * What the count counts: a one-word query's matches; for several words, papers that mention any of
 * them (ranked best first); without words, the papers the filters list, newest first.
 */
function searchHeading(result: SearchResult, shown: string): string {
  const n = result.total;
  const papers = `${n} paper${n === 1 ? '' : 's'}`;
  if (!result.query.trim()) return `${papers} ${listedBy(result)}, newest first (${shown}):`;
  if (result.query.trim().split(/\s+/).length === 1) return `${papers} ${n === 1 ? 'matches' : 'match'} "${result.query}" (${shown}):`;
  return `${papers} ${n === 1 ? 'mentions' : 'mention'} some of the words "${result.query}", best matches first (${shown}):`;
}

export function renderSearch(result: SearchResult, style: Style): string {
  if (result.results.length === 0) {
    const what = result.query.trim() ? `match "${result.query}"` : listedBy(result);
    const of = result.query.trim() ? ` for "${result.query}"` : '';
    return result.total > 0 ? `No more results${of} (${result.total} in all).` : `No papers ${what}.`;
  }
  const from = result.offset + 1;
  const to = result.offset + result.results.length;
  const lines = [searchHeading(result, `showing ${from}-${to}`), ''];
  result.results.forEach((hit, i) => {
    lines.push(...paperBlock(from + i, hit, style, [emphasize(hit.snippet, hit.highlights, style)]), '');
  });
  if (to < result.total) lines.push(`More: add --offset ${to}`);
  return lines.join('\n').trimEnd();
}

/** Each near paper with the line of it that makes it near. */
function nearList(heading: string, papers: readonly NearPaper[]): string[] {
  if (papers.length === 0) return [];
  return ['', heading, ...papers.flatMap((p) => [`  - ${p.title} (${p.url})`, ...(p.snippet ? [`      ${p.snippet}`] : [])])];
}

function provenance(result: AskResult): string {
  const made =
    result.kind === 'synthesised'
      ? `Written by ${result.model ?? 'a language model'} from the abstracts; each sentence checked against the sources it cites.`
      : 'Quoted from the abstracts.';
  return `(${result.outcome === 'closest' ? `Closest match, not a sure answer. ${made}` : made})`;
}

/**
 * A sure answer with its sources; a closest match led by its hedge, with the other candidates; "not
 * covered" once, with the papers near the question. A question put to one paper that it does not
 * answer shows that paper.
 */
export function renderAnswer(result: AskResult, style: Style, asked?: PaperRef): string {
  if (result.outcome === 'not_covered' || !result.found) {
    const card = asked ? ['', ...paperBlock(1, asked, style, [])] : [];
    const others = result.nearest.filter((p) => p.id !== asked?.id);
    return [result.answer, ...card, ...nearList('Nearest papers:', others)].join('\n');
  }
  if (result.answerType === 'list') {
    // One line per paper, its title once, its link under it.
    const lines = result.sentences.flatMap((s) => {
      const url = result.citations.find((c) => c.n === s.citation)?.url;
      return [`  [${s.citations.join(', ')}] ${s.text}`, ...(url ? [`      ${url}`] : [])];
    });
    return [...lines, '', provenance(result)].join('\n');
  }
  const sources = result.citations.map((c) => `  [${c.n}] ${style.bold(c.title)}\n      ${c.url}`);
  // A closest match's hedge stands on its own line, before what it quotes.
  const answer = result.hedge ? [style.bold(result.hedge), result.answer.slice(result.hedge.length).trim()] : [result.answer];
  const others = result.outcome === 'closest' ? nearList('Other candidates:', result.nearest) : [];
  return [...answer, '', 'Sources:', ...sources, ...others, '', provenance(result)].join('\n');
}

function suggestionList(suggestions: readonly Suggestion[]): string[] {
  if (suggestions.length === 0) return [];
  return ['Did you mean:', ...suggestions.map((s) => `  - ${s.title} (${s.id})`)];
}

export function renderPaper(result: ShowResult, style: Style): string {
  const { paper } = result;
  if (!paper) {
    if (result.ambiguous) return [`Several papers match "${result.query}":`, ...result.suggestions.map((s) => `  - ${s.title} (${s.id})`)].join('\n');
    return [`No paper matches "${result.query}".`, ...suggestionList(result.suggestions)].join('\n');
  }
  const lines = [style.bold(paper.title), ...[byline(paper)].filter(Boolean), `id: ${paper.id}`, '', paper.summary, '', ...formatLinks(paper.links)];
  if (paper.tags.length > 0) lines.push(`tags: ${paper.tags.join(', ')}`);
  return lines.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
}

export function renderSimilar(result: SimilarResult, style: Style): string {
  if (result.results.length === 0) return `No papers similar to "${result.paper.title}".`;
  const lines = [`Papers similar to ${style.bold(result.paper.title)}:`, ''];
  result.results.forEach((paper, i) => lines.push(...paperBlock(i + 1, paper, style, [paper.summary]), ''));
  return lines.join('\n').trimEnd();
}

const REASONS: Record<HighlightReason, string> = {
  upvotes: 'popular',
  topic: 'on topic',
  new: 'new',
  recent: 'recent',
};

export function renderHighlights(result: HighlightsResult, style: Style): string {
  if (result.highlights.length === 0) return 'No papers to highlight.';
  const scope = [result.topic ? `on "${result.topic}"` : '', result.since ? `since ${result.since}` : ''].filter(Boolean).join(' ');
  const lines = [`Highlights${scope ? ` ${scope}` : ''}:`, ''];
  result.highlights.forEach((paper, i) => {
    const why = paper.reasons.length > 0 ? `why: ${paper.reasons.map((r) => REASONS[r]).join(', ')}` : '';
    lines.push(...paperBlock(i + 1, paper, style, [paper.summary, why]), '');
  });
  return lines.join('\n').trimEnd();
}

export function renderStats(stats: CorpusStats): string {
  const lines = [
    `${stats.papers} papers (corpus version ${stats.version})`,
    `  with an arXiv id: ${stats.withArxivId}`,
    `  with upvotes:     ${stats.withUpvotes}`,
    `  with code links:  ${stats.withCode}`,
  ];
  if (stats.earliest && stats.latest) lines.push(`  published:        ${stats.earliest} to ${stats.latest}`);
  lines.push(`  added from chat:  ${stats.fromChat}`);
  if (stats.fromFeeds > 0) lines.push(`  from feeds:       ${stats.fromFeeds}`);
  lines.push('Sources:', ...stats.sources.map((s) => `  ${s.file} (${s.format}, ${s.papers} papers)`));
  return lines.join('\n');
}

function optionLine(option: OptionSpec): string {
  const name = option.positional ? option.name : `--${option.name}`;
  const limits =
    option.minValue !== undefined && option.maxValue !== undefined ? ` (${option.minValue}-${option.maxValue}` : '';
  const fallback = option.defaultValue !== undefined ? `${limits ? ', ' : ' ('}default ${option.defaultValue})` : limits ? ')' : '';
  return `    ${name.padEnd(12)} ${option.description}${limits}${fallback}`;
}

export function renderHelp(commands: readonly HelpEntry[], style: Style): string {
  if (commands.length === 1 && commands[0]) {
    const entry = commands[0];
    return [style.bold(entry.usage), `  ${entry.description}`, ...entry.options.map(optionLine), `  example: ${entry.example}`].join('\n');
  }
  return ['Commands:', ...commands.flatMap((c) => [`  ${style.bold(c.usage)}`, `      ${c.description}`])].join('\n');
}

function renderSubscriptions(subscriptions: readonly SubscriptionView[]): string {
  if (subscriptions.length === 0) return 'No highlights subscriptions.';
  return subscriptions
    .map((s) => {
      const topic = s.topic ? ` on "${s.topic}"` : '';
      const paused = s.pausedReason ? ` (paused: ${s.pausedReason})` : '';
      return `${s.platform} ${s.channelId}: ${s.count} papers${topic} at ${s.time} ${s.timezone}${paused}`;
    })
    .join('\n');
}

export function renderResult(outcome: CommandResult, style: Style): string {
  switch (outcome.kind) {
    case 'search':
      return renderSearch(outcome.result, style);
    case 'answer':
      return renderAnswer(outcome.result, style, outcome.paper);
    case 'paper':
      return renderPaper(outcome.result, style);
    case 'similar':
      return renderSimilar(outcome.result, style);
    case 'highlights':
      return renderHighlights(outcome.result, style);
    case 'stats':
      return renderStats(outcome.result);
    case 'help':
      return renderHelp(outcome.result.commands, style);
    case 'subscriptions':
      return renderSubscriptions(outcome.result.subscriptions);
    case 'notice':
      return outcome.result.message;
    case 'listed':
      return renderListChange(outcome.result, style);
  }
}

/** The change in one line; an added or already listed paper's card under it. */
function renderListChange(change: ListChange, style: Style): string {
  if (change.action === 'removed') return change.message;
  return `${change.message}\n\n${renderPaper({ query: change.paper.id, paper: change.paper, suggestions: [] }, style)}`;
}

/** A user-facing error: the message, and for an unknown paper the titles it may have meant. */
export function renderError(error: PaperbotError): string {
  const suggestions = error.details?.suggestions;
  const list = Array.isArray(suggestions) ? suggestionList(suggestions as Suggestion[]) : [];
  return [error.message, ...list].join('\n');
}
