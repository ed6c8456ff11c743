/**
 * Everything paperbot posts to Slack is built under render/, one file per result kind, on one shared
 * place for Block Kit limits and mrkdwn escaping (render/format.ts, render/blocks.ts). This module
 * picks the renderer for a command's result.
 */
import type { CommandResult } from '../../commands/index.js';
import { renderAnswer } from './render/answer.js';
import type { RenderOptions, SlackMessage } from './render/blocks.js';
import { renderHelp } from './render/help.js';
import { renderHighlights } from './render/highlights.js';
import { renderNotice } from './render/notices.js';
import { renderPaper } from './render/paper.js';
import { renderSearch } from './render/search.js';
import { renderSimilar } from './render/similar.js';
import { renderStats } from './render/stats.js';
import { renderSubscriptions } from './render/subscriptions.js';

export { renderAnswer } from './render/answer.js';
export { actions, assemble, context, header, LINK_ACTION_PATTERN, section, type ButtonSpec, type SlackBlock, type SlackMessage } from './render/blocks.js';
export { escapeMrkdwn, formatAuthors, highlighted, mrkdwn, safeUrl, SLACK_LIMITS, SLASH_COMMAND, truncate } from './render/format.js';
export { renderDigest } from './render/highlights.js';
export { renderError } from './render/notices.js';
export { renderPaper } from './render/paper.js';
export { renderSearch } from './render/search.js';

export function renderResult(result: CommandResult, options: RenderOptions = {}): SlackMessage {
  switch (result.kind) {
    case 'search':
      return renderSearch(result.result, options);
    case 'answer':
      return renderAnswer(result.result, { ...(result.paper ? { paper: result.paper } : {}), ...(options.followUpHint ? { followUpHint: true } : {}) });
    case 'paper':
      return renderPaper(result.result);
    case 'similar':
      return renderSimilar(result.result);
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
      return renderPaper({ query: change.paper.id, paper: change.paper, suggestions: [] }, change.message);
    }
  }
}
