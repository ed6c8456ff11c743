/** `/paper search`: numbered hits with the matched words in bold, and "More results". */
import type { SearchResult } from '../../../src/results.js';
import { listedBy } from '../../../commands/index.js';
import { encodePage, MORE_RESULTS_ACTION } from '../paging.js';
import { actions, assemble, context, fallback, header, numberedTitles, paperItem, section, type ButtonSpec, type RenderOptions, type SlackMessage } from './blocks.js';
import { collapse, highlighted } from './format.js';

export function renderSearch(result: SearchResult, options: RenderOptions = {}): SlackMessage {
  const { query, total, offset, results } = result;
  // Without words, a search lists the papers its filters select.
  const head = [header(query ? `Search: ${query}` : `Papers ${listedBy(result)}`)];
  if (results.length === 0) {
    const what = query ? `match “${query}”` : listedBy(result);
    const none = offset > 0 && total > 0 ? `No more results (${total} in all).` : `No papers ${what}.`;
    return assemble({ text: fallback(none), head: [...head, section([none, ' Try fewer or different words.'])] });
  }
  const from = offset + 1;
  const to = offset + results.length;
  const items = results.map((hit, i) => paperItem(hit, from + i, highlighted(collapse(hit.snippet), hit.highlights)));
  const next = to < total && options.version !== undefined;
  const more: ButtonSpec | null = next
    ? {
        label: 'More results',
        actionId: MORE_RESULTS_ACTION,
        value: encodePage({ version: options.version ?? '', query, offset: to, limit: result.limit, ...options.filters }),
      }
    : null;
  const tail = [context([[`Results ${from}–${to} of ${total}`]]), more ? actions([more]) : null];
  return assemble({
    text: fallback(`Search results for “${query}” (${from}–${to} of ${total}):`, numberedTitles(results, from)),
    head,
    items,
    tail,
  });
}

