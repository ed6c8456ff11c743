/**
 * Everything the Discord adapter sends is built under render/, one file per result kind, on one
 * shared place for Discord's limits and escaping (render/format.ts) and one last check of every
 * finished message (render/message.ts). This module picks the renderer for a command's result.
 */
import type { CommandResult } from '../../commands/index.js';
import { renderAnswer } from './render/answer.js';
import { renderHelp } from './render/help.js';
import { renderHighlights } from './render/highlights.js';
import type { RenderContext, Rendered } from './render/message.js';
import { renderNotice } from './render/notices.js';
import { renderPaper } from './render/paper.js';
import { renderSearch } from './render/search.js';
import { renderSimilar } from './render/similar.js';
import { renderStats } from './render/stats.js';
import { renderSubscriptions } from './render/subscriptions.js';

export { renderAnswer } from './render/answer.js';
export { boldSpans, escapeLineStarts, escapeMarkdown, LIMITS, md, plain, shortAuthors, truncate } from './render/format.js';
export { commandDescription, slashExample } from './render/help.js';
export { digestMarker, renderDigest } from './render/highlights.js';
export { finalize, toOptions, type Rendered } from './render/message.js';
export { renderChoices, renderError, renderNotice, STALE_BUTTON_TEXT } from './render/notices.js';
export { renderPaper } from './render/paper.js';
export { renderSearch } from './render/search.js';

export function renderResult(result: CommandResult, context: RenderContext, filters?: Parameters<typeof renderSearch>[2]): Rendered {
  switch (result.kind) {
    case 'search':
      return renderSearch(result.result, context, filters);
    case 'answer':
      return renderAnswer(result.result, { ...(result.paper ? { paper: result.paper } : {}), ...(context.followUps ? { followUps: true } : {}) });
    case 'paper':
      return renderPaper(result.result, context);
    case 'similar':
      return renderSimilar(result.result, context);
    case 'highlights':
      return renderHighlights(result.result);
    case 'stats':
      return renderStats(result.result);
    case 'help':
      return renderHelp(result.result.commands);
    case 'subscriptions':
      return renderSubscriptions(result.result.subscriptions);
    case 'notice':
      return renderNotice(result.result.message);
    case 'listed': {
      const change = result.result;
      if (change.action === 'removed') return renderNotice(change.message);
      return renderPaper({ query: change.paper.id, paper: change.paper, suggestions: [] }, context, change.message);
    }
  }
}
