/** Plain notices and user-facing errors. */
import type { PaperbotError } from '../../../src/errors.js';
import { assemble, fallback, section, type SlackMessage } from './blocks.js';
import { SLASH_COMMAND, type Inline } from './format.js';

export function renderNotice(message: string): SlackMessage {
  return assemble({ text: fallback(message), head: [section([message])] });
}

/** A user-facing error: what went wrong and what to try. Internal details stay in the log. */
export function renderError(error: PaperbotError): SlackMessage {
  const command = typeof error.details?.command === 'string' ? error.details.command : undefined;
  let parts: Inline[];
  switch (error.code) {
    case 'bad_option':
    case 'unknown_command':
      parts = [`⚠️ ${error.message}`, ...(command ? ['\nSee ', { code: `${SLASH_COMMAND} help ${command}` }] : [])];
      break;
    case 'internal':
      parts = ['⚠️ Something went wrong on my side while answering. It has been logged; please try again in a moment.'];
      break;
    default:
      parts = [`⚠️ ${error.message}`];
  }
  const plain = error.code === 'internal' ? 'Something went wrong on my side while answering.' : error.message;
  return assemble({ text: fallback(plain), head: [section(parts)] });
}

