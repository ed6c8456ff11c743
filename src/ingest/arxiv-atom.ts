import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { parseArxivId } from './ids.js';
import { dateString, nonEmptyString } from './fields.js';
import type { Parser, RawPaper } from './types.js';
import { validateRecord } from './validate.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Titles such as "2012" must stay text, and one author must still be a list.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'author', 'link', 'category'].includes(name),
});

/** An element's text, whether the parser gave it as a string or, with attributes, as `{ '#text': ... }`. */
const text = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && '#text' in value ? value['#text'] : value),
  nonEmptyString,
);

const entrySchema = z.object({
  id: text,
  title: text,
  summary: text,
  published: dateString.optional(),
  author: z.array(z.object({ name: z.string().optional() })).optional(),
  link: z.array(z.object({ '@_href': z.string(), '@_title': z.string().optional() })).optional(),
  category: z.array(z.object({ '@_term': z.string() })).optional(),
});

const feedSchema = z.object({ feed: z.object({ entry: z.array(z.unknown()).optional() }) });

function rootElement(document: Record<string, unknown>): string {
  return Object.keys(document).find((key) => !key.startsWith('?')) ?? 'nothing';
}

/** An arXiv API (export.arxiv.org/api/query) Atom response. */
export const parseArxivAtom: Parser = (xml, file) => {
  if (xml.trim() === '') throw new CorpusError(file, undefined, 'file is empty (expected an arXiv Atom feed)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CorpusError(file, String(valid.err.line), `not well-formed XML (${valid.err.msg})`);
  }
  const document = parser.parse(xml) as Record<string, unknown>;
  const feed = feedSchema.safeParse(document);
  if (!feed.success) {
    throw new CorpusError(file, undefined, `expected an Atom <feed> (an arXiv API response), found <${rootElement(document)}>`);
  }
  return (feed.data.feed.entry ?? []).flatMap((value, index): RawPaper[] => {
    const location = `entry ${index + 1}`;
    // For an id it does not have, arXiv may answer with an entry that carries no title and no summary.
    if (isPlaceholder(value)) return [];
    const entry = validateRecord(entrySchema, value, file, location);
    // arXiv reports a bad query as a feed whose only entry is titled "Error".
    if (entry.title === 'Error' && !parseArxivId(entry.id)) {
      throw new CorpusError(file, location, `arXiv API error: ${entry.summary.replace(/\s+/g, ' ')}`);
    }
    const arxivId = parseArxivId(entry.id);
    if (!arxivId) {
      throw new CorpusError(file, location, `field "id": expected an arXiv abstract URL (http://arxiv.org/abs/...), got "${entry.id}"`);
    }
    return [{
      arxivId,
      title: entry.title,
      abstract: entry.summary,
      authors: (entry.author ?? []).flatMap((author) => (author.name ? [author.name] : [])),
      published: entry.published,
      pdf: entry.link?.find((link) => link['@_title'] === 'pdf')?.['@_href'],
      tags: (entry.category ?? []).map((category) => category['@_term']),
      location,
    }];
  });
};

function isPlaceholder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return entry.title === undefined && entry.summary === undefined;
}
