/** `/paper search`: numbered hits with the matched words in bold, paging and Similar buttons. */
import type { APIButtonComponent } from 'discord.js';
import { listedBy } from '../../../commands/index.js';
import type { SearchHit, SearchResult } from '../../../src/results.js';
import { encodeButton, type PageState } from '../custom-id.js';
import { boldSpans, LIMITS, md, plain } from './format.js';
import { actionButton, COLOR, descriptionRoom, list, listEntry, message, metaLine, rows, similarButtons, type RenderContext, type Rendered } from './message.js';

function searchFooter(result: SearchResult, pagingNote: string): string {
  const first = result.results.length > 0 ? result.offset + 1 : 0;
  const last = result.offset + result.results.length;
  const filters = [];
  if (result.total > 0) filters.push(`Results ${first}–${last} of ${result.total}`);
  return plain([...filters, pagingNote].filter(Boolean).join(' · ') || 'No results', LIMITS.footer);
}

export function renderSearch(result: SearchResult, context: RenderContext, filters: Omit<PageState, 'kind' | 'version' | 'query' | 'offset' | 'limit'> = {}): Rendered {
  // Without words, a search lists the papers its filters select.
  const title = result.query ? `Search: “${md(result.query, LIMITS.embedTitle - 12)}”` : md(`Papers ${listedBy(result)}`, LIMITS.embedTitle);
  const page = (offset: number): string =>
    encodeButton({ kind: 'page', version: context.version, query: result.query, offset, limit: result.limit, ...filters });
  const pages = result.total > result.limit || result.offset > 0;
  const pagingFits = page(result.offset + result.limit).length <= LIMITS.customId;
  const note = pages && !pagingFits ? 'Query too long for page buttons: use the offset option' : '';
  const footer = searchFooter(result, note);
  const description =
    result.results.length === 0
      ? result.total > 0
        ? `No more results: there ${result.total === 1 ? 'is 1 match' : `are ${result.total} matches`} in all.`
        : result.query
          ? `No paper matches “${md(result.query, 600)}”. Try fewer or different words.`
          : md(`No papers ${listedBy(result)}.`, 600)
      : list(result.results, descriptionRoom(title, footer), (hit: SearchHit, i, max) =>
          listEntry(result.offset + i + 1, hit, max, [metaLine(hit), (room) => (hit.snippet ? `> ${boldSpans(hit.snippet, hit.highlights, room - 2)}` : '')]),
        );
  const paging: Array<APIButtonComponent | null> = [];
  if (pages && pagingFits) {
    const prev = Math.max(0, result.offset - result.limit);
    const next = result.offset + result.limit;
    paging.push(actionButton('◀ Prev', page(prev), result.offset === 0));
    paging.push(actionButton('Next ▶', page(next), next >= result.total));
  }
  return {
    ephemeral: false,
    message: message({
      embeds: [{ title, description, footer: { text: footer }, color: COLOR }],
      components: [...rows(paging, 1), ...rows(similarButtons(result.results, context, result.offset), 2)],
    }),
  };
}

