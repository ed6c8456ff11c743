import type { Paper } from '../model/paper.js';
import { parseArxivId, slugify } from './ids.js';
import { deriveLinks } from './links.js';
import type { RawPaper } from './types.js';

/**
 * One space between words, none before closing punctuation: the seed writes "portal ." and
 * "uni-o4/ ." at the end of sentences, which would otherwise glue a stray "." to search tokens.
 */
// A quick test first: most records of a large corpus are already clean, and replacing copies them.
const MAY_NEED_CLEANING = /[^\S ]| [ .,;:!?]/;

export function cleanText(text: string): string {
  if (!MAY_NEED_CLEANING.test(text) && !text.startsWith(' ') && !text.endsWith(' ')) return text;
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])(?= |$)/g, '$1')
    .trim();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** The YYYY-MM-DD of an ISO date or date-time (its calendar day as written), or undefined. */
export function toDay(value: string | undefined): string | undefined {
  const match = value ? DAY.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, year = '', month = '', day = ''] = match;
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const valid = Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth;
  return valid ? match[0].slice(0, 10) : undefined;
}

/** `line 11` -> `11`, so sources read like compiler positions ("data/papers-listing.txt:11"); records keep their word. */
export function sourceOf(file: string, location: string): string {
  return `${file}:${location.replace(/^line /, '')}`;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * RawPaper -> Paper. The id is provisional (arXiv id, explicit id or title slug); `assignIds` makes it
 * unique once duplicates are merged.
 */
export function normalizePaper(raw: RawPaper, file: string): Paper {
  const title = cleanText(raw.title);
  const abstract = cleanText(raw.abstract);
  const arxivId = parseArxivId(raw.arxivId) ?? parseArxivId(raw.id) ?? parseArxivId(raw.url) ?? parseArxivId(raw.pdf);
  const explicitId = raw.id ? cleanText(raw.id) : '';
  const published = toDay(raw.published);
  const paper: Paper = {
    id: arxivId ?? (explicitId || slugify(title)),
    title,
    abstract,
    authors: unique((raw.authors ?? []).map(cleanText).filter(Boolean)),
    tags: unique((raw.tags ?? []).map(cleanText).filter(Boolean)),
    links: deriveLinks({
      arxivId,
      title,
      abstract,
      github: raw.github,
      project: raw.project,
      url: raw.url,
      pdf: raw.pdf,
    }),
    source: sourceOf(file, raw.location),
  };
  if (arxivId) paper.arxivId = arxivId;
  if (published) paper.published = published;
  if (raw.upvotes !== undefined) paper.upvotes = raw.upvotes;
  return paper;
}
