/**
 * Button state travels in the button's `custom_id`, so a click still works after a restart. Paging
 * and Similar ids start with the corpus version they were made on: a button from an older paper
 * list is recognised and answered as stale instead of paging through different results. An
 * answer's Follow-up and "Ask [n]" buttons carry no question (it does not fit in 100 characters):
 * the question and the papers are stored under the message the buttons sit on, and so is the
 * modal a Follow-up opens named after that message.
 * Whether an encoded id fits Discord's length limit is the renderer's call (render/).
 */

import type { SearchPage } from '../../commands/paging.js';

export interface PageState extends SearchPage {
  kind: 'page';
}

export interface SimilarState {
  kind: 'similar';
  version: string;
  paperId: string;
}

/** Opens the modal that takes a follow-up question to the answer the button sits on. */
export interface FollowUpState {
  kind: 'follow-up';
}

/** Asks the question of the answer it sits on again, of this paper alone. */
export interface AskPaperState {
  kind: 'ask-paper';
  paperId: string;
}

export type ButtonState = PageState | SimilarState | FollowUpState | AskPaperState;

const FOLLOW_UP_ID = 'f';
const MODAL_PREFIX = 'q|';

/** The follow-up modal of the answer in message `messageId`. */
export function encodeModal(messageId: string): string {
  return `${MODAL_PREFIX}${messageId}`;
}

/** The answer's message id from a follow-up modal's id; null for any other modal. */
export function decodeModal(customId: string): string | null {
  const messageId = customId.startsWith(MODAL_PREFIX) ? customId.slice(MODAL_PREFIX.length) : '';
  return /^\d+$/.test(messageId) ? messageId : null;
}

const SEP = '|';
const VERSION_LENGTH = 10;

/** The part of a corpus version that buttons carry. */
export function buttonVersion(version: string): string {
  return version.slice(0, VERSION_LENGTH).replaceAll(SEP, '');
}

const compactDate = (date: string | undefined) => (date ? date.replaceAll('-', '') : '');
const fullDate = (compact: string) =>
  /^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}` : undefined;

/**
 * `p|<version>|<offset36>|<limit36>|<since>|<until>|<authorLength36>|<author><query>`: the free-text
 * fields come last, length-prefixed, so they may contain the separator.
 */
export function encodeButton(state: ButtonState): string {
  if (state.kind === 'follow-up') return FOLLOW_UP_ID;
  if (state.kind === 'ask-paper') return ['a', state.paperId].join(SEP);
  if (state.kind === 'similar') return ['m', buttonVersion(state.version), state.paperId].join(SEP);
  const author = state.author ?? '';
  return [
    'p',
    buttonVersion(state.version),
    state.offset.toString(36),
    state.limit.toString(36),
    compactDate(state.since),
    compactDate(state.until),
    author.length.toString(36),
    `${author}${state.query}`,
  ].join(SEP);
}

/** Parses an id made by `encodeButton`; null for anything else (another bot version's ids included). */
export function decodeButton(customId: string): ButtonState | null {
  if (customId === FOLLOW_UP_ID) return { kind: 'follow-up' };
  const [kind, version, ...rest] = customId.split(SEP);
  if (kind === 'a') {
    const paperId = [version, ...rest].join(SEP);
    return paperId ? { kind: 'ask-paper', paperId } : null;
  }
  if (!version) return null;
  if (kind === 'm') {
    const paperId = rest.join(SEP);
    return paperId ? { kind: 'similar', version, paperId } : null;
  }
  if (kind !== 'p' || rest.length < 6) return null;
  const [offset36 = '', limit36 = '', since = '', until = '', authorLength36 = ''] = rest;
  const text = rest.slice(5).join(SEP);
  const offset = parseInt(offset36, 36);
  const limit = parseInt(limit36, 36);
  const authorLength = parseInt(authorLength36, 36);
  if (![offset, limit, authorLength].every(Number.isInteger) || authorLength > text.length) return null;
  const author = text.slice(0, authorLength);
  const query = text.slice(authorLength);
  const sinceDate = fullDate(since);
  const untilDate = fullDate(until);
  // A search without words pages through what its filters list.
  if (!query && !author && !sinceDate && !untilDate) return null;
  const state: PageState = { kind: 'page', version, query, offset, limit };
  if (sinceDate) state.since = sinceDate;
  if (untilDate) state.until = untilDate;
  if (author) state.author = author;
  return state;
}
