/**
 * What an "Ask [n]" button under a closest match (or under the papers near an uncovered question)
 * carries: the question and the paper to put it to. Both fit the button's value (2000 characters), so
 * a click is answered by any replica, after any restart. Action ids must be unique within a message:
 * each button's ends in its number.
 */
import { z } from 'zod';
import { readButtonValue } from './button-value.js';

const ACTION_PREFIX = 'paperbot_ask_paper_';
export const ASK_PAPER_ACTION = new RegExp(`^${ACTION_PREFIX}\\d+$`);

export interface AskPaperRequest {
  question: string;
  paperId: string;
}

const valueSchema = z.object({ q: z.string().min(1), p: z.string().min(1) });

export function askPaperActionId(n: number): string {
  return `${ACTION_PREFIX}${n}`;
}

export function encodeAskPaper(request: AskPaperRequest): string {
  return JSON.stringify({ q: request.question, p: request.paperId });
}

/** Null when the value is not one this bot made. */
export function decodeAskPaper(value: string | undefined): AskPaperRequest | null {
  const request = readButtonValue(value, valueSchema);
  return request ? { question: request.q, paperId: request.p } : null;
}
