/**
 * Block Kit blocks built within Slack's limits, the paper item every list uses, and `assemble`, which
 * puts a message together within the block count and the total size budget.
 */
import type { types } from '@slack/bolt';
import type { PaperRef } from '../../../src/results.js';
import type { PageRequest } from '../paging.js';
import { collapse, escapeMrkdwn, formatAuthors, mrkdwn, PRODUCT_NAME, safeUrl, SLACK_LIMITS, truncate, type Inline } from './format.js';

const LINK_ACTION_PREFIX = 'paperbot_link_';

export type SlackBlock = types.HeaderBlock | types.SectionBlock | types.ContextBlock | types.ActionsBlock | types.DividerBlock;

export interface RenderOptions {
  /** `core.stats().version`: stamped on "More results" so a button from an older corpus is recognised. */
  version?: string;
  /** The filters of the search being rendered, carried by "More results". */
  filters?: Pick<PageRequest, 'since' | 'until' | 'author'>;
  /** The answer is remembered for its thread: it says how to ask a follow-up there. */
  followUpHint?: boolean;
}

export interface SlackMessage {
  /** Fallback for notifications and screen readers; escaped mrkdwn like the blocks. */
  text: string;
  blocks: SlackBlock[];
}

// ---------------------------------------------------------------------------------------------------
// Blocks

export function header(text: string): types.HeaderBlock {
  const plain = truncate(collapse(text), SLACK_LIMITS.headerText) || PRODUCT_NAME;
  return { type: 'header', text: { type: 'plain_text', text: plain, emoji: true } };
}

export function section(parts: readonly Inline[]): types.SectionBlock | null {
  const text = mrkdwn(parts, SLACK_LIMITS.sectionText);
  return text.trim() ? { type: 'section', text: { type: 'mrkdwn', text } } : null;
}

export function context(elements: ReadonlyArray<readonly Inline[]>): types.ContextBlock | null {
  const texts = elements
    .map((parts) => mrkdwn(parts, SLACK_LIMITS.contextText))
    .filter((text) => text.trim())
    .slice(0, SLACK_LIMITS.contextElements);
  if (texts.length === 0) return null;
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn' as const, text })) };
}

export type ButtonSpec =
  | { label: string; url: string | undefined }
  | { label: string; actionId: string; value: string; style?: 'primary' };

function button(spec: ButtonSpec): types.Button | null {
  const text = { type: 'plain_text' as const, text: truncate(collapse(spec.label), SLACK_LIMITS.buttonText), emoji: true };
  if ('url' in spec) {
    const url = safeUrl(spec.url);
    if (!url || url.length > SLACK_LIMITS.buttonUrl) return null;
    // Renumbered by `assemble`: action ids must be unique within a message.
    return { type: 'button', text, url, action_id: LINK_ACTION_PREFIX };
  }
  if (spec.value.length > SLACK_LIMITS.buttonValue || spec.actionId.length > SLACK_LIMITS.actionId) return null;
  return { type: 'button', text, action_id: spec.actionId, value: spec.value, ...(spec.style ? { style: spec.style } : {}) };
}

export function actions(specs: readonly ButtonSpec[]): types.ActionsBlock | null {
  const elements = specs
    .map(button)
    .filter((b): b is types.Button => b !== null)
    .slice(0, SLACK_LIMITS.actionsElements);
  return elements.length > 0 ? { type: 'actions', elements } : null;
}

function present<T>(items: ReadonlyArray<T | null>): T[] {
  return items.filter((item): item is T => item !== null);
}

/** Link buttons Slack still reports as actions; the adapter acks them by this pattern. */
export const LINK_ACTION_PATTERN = new RegExp(`^${LINK_ACTION_PREFIX}\\d+$`);

function numberLinkButtons(blocks: SlackBlock[]): void {
  let n = 0;
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.url) element.action_id = `${LINK_ACTION_PREFIX}${n++}`;
    }
  }
}

function size(blocks: readonly SlackBlock[]): number {
  return JSON.stringify(blocks).length;
}

interface Layout {
  text: string;
  head: ReadonlyArray<SlackBlock | null>;
  /** One entry per paper (or command); kept whole or left out whole. */
  items?: ReadonlyArray<ReadonlyArray<SlackBlock | null>>;
  tail?: ReadonlyArray<SlackBlock | null>;
}

/**
 * Puts a message together within the block count and the total size budget: head and tail always,
 * items while they fit, and a note saying how many did not.
 */
export function assemble(layout: Layout): SlackMessage {
  const head = present(layout.head);
  const tail = present(layout.tail ?? []);
  const items = (layout.items ?? []).map(present).filter((item) => item.length > 0);
  const noteReserve = 1;
  const noteBytes = 300;
  const body: SlackBlock[] = [];
  let shown = 0;
  for (const item of items) {
    const count = head.length + body.length + item.length + tail.length + noteReserve;
    const bytes = size(head) + size(body) + size(item) + size(tail) + noteBytes;
    if (count > SLACK_LIMITS.blocks || bytes > SLACK_LIMITS.blocksBudget) break;
    body.push(...item);
    shown += 1;
  }
  const hidden = items.length - shown;
  const note = hidden > 0 ? context([[`${hidden} more not shown: they do not fit in one Slack message.`]]) : null;
  const blocks = [...head, ...body, ...present([note]), ...tail];
  numberLinkButtons(blocks);
  return { text: truncate(layout.text, SLACK_LIMITS.fallbackText) || PRODUCT_NAME, blocks };
}

/** Escaped fallback text from plain pieces. */
export function fallback(...pieces: string[]): string {
  return escapeMrkdwn(collapse(pieces.filter(Boolean).join(' ')));
}

// ---------------------------------------------------------------------------------------------------
// Papers

export function paperButtons(paper: Pick<PaperRef, 'links'>): ButtonSpec[] {
  const { links } = paper;
  const specs: ButtonSpec[] = [];
  if (links.arxiv) specs.push({ label: 'arXiv', url: links.arxiv });
  if (links.pdf) specs.push({ label: 'PDF', url: links.pdf });
  if (links.code) specs.push({ label: 'Code', url: links.code });
  if (links.huggingface) specs.push({ label: 'Hugging Face', url: links.huggingface });
  if (links.project) specs.push({ label: 'Project page', url: links.project });
  if (!links.arxiv && links.arxivSearch) specs.push({ label: 'Find on arXiv', url: links.arxivSearch });
  return specs;
}

export function paperMeta(paper: PaperRef, extra: string[] = []): string {
  const bits = [formatAuthors(paper.authors), paper.published ?? ''];
  if (paper.upvotes !== undefined) bits.push(`▲ ${paper.upvotes} upvotes`);
  return [...bits, ...extra].filter(Boolean).join(' · ');
}

function titleLine(paper: PaperRef, n?: number): Inline {
  return { link: paper.url, label: n === undefined ? paper.title : `${n}. ${paper.title}`, bold: true };
}

/** A paper in a list: linked title with its text, a context line, `first` buttons then its link buttons. */
export function paperItem(paper: PaperRef, n: number, body: readonly Inline[], extra: string[] = [], first: ButtonSpec[] = []): Array<SlackBlock | null> {
  return [
    section([titleLine(paper, n), ...(body.length > 0 ? ['\n', ...body] : [])]),
    context([[paperMeta(paper, extra)]]),
    actions([...first, ...paperButtons(paper)]),
  ];
}

export function numberedTitles(papers: ReadonlyArray<Pick<PaperRef, 'title'>>, start = 1): string {
  return papers.map((p, i) => `${start + i}. ${p.title}`).join('; ');
}
