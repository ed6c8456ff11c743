import type { SearchOptions } from '../src/core.js';

/**
 * What a "next page" button must carry to repeat a search: the query, its filters, where the page
 * starts, and the corpus version the results came from (a button from an older corpus would page a
 * different list). Each platform encodes it in its own button payload.
 */
export interface SearchPage extends Pick<SearchOptions, 'since' | 'until' | 'author'> {
  version: string;
  query: string;
  offset: number;
  limit: number;
}
