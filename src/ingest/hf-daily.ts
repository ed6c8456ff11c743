import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { dateString, given, httpUrlString, nonEmptyString, upvotes } from './fields.js';
import type { Parser, RawPaper } from './types.js';
import { validateRecord } from './validate.js';

/** One entry of Hugging Face's /api/daily_papers; only the fields paperbot uses are checked. */
const entrySchema = z.object(
  {
    paper: z.object(
      {
        id: nonEmptyString,
        title: nonEmptyString,
        summary: nonEmptyString,
        authors: z
          .array(z.object({ name: z.string({ error: 'expected a string' }).nullish() }, { error: 'expected an object' }), {
            error: 'expected an array of {name} objects',
          })
          .nullish(),
        publishedAt: dateString.nullish(),
        upvotes: upvotes.nullish(),
        githubRepo: httpUrlString.nullish(),
        projectPage: httpUrlString.nullish(),
      },
      { error: 'expected an object' },
    ),
  },
  { error: 'expected an object with a "paper" field' },
);

function entriesOf(document: unknown, file: string): unknown[] {
  if (Array.isArray(document)) return document;
  if (document !== null && typeof document === 'object' && Array.isArray((document as { data?: unknown }).data)) {
    return (document as { data: unknown[] }).data;
  }
  throw new CorpusError(file, undefined, 'expected a Hugging Face daily-papers response (a JSON array, or an object with a "data" array)');
}

export const parseHfDaily: Parser = (text, file) => {
  if (text.trim() === '') throw new CorpusError(file, undefined, 'file is empty (expected a Hugging Face daily-papers JSON response)');
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CorpusError(file, undefined, `invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return entriesOf(document, file).map((entry, index): RawPaper => {
    const location = `entry ${index + 1}`;
    const { paper } = validateRecord(entrySchema, entry, file, location);
    return {
      id: paper.id,
      title: paper.title,
      abstract: paper.summary,
      authors: (paper.authors ?? []).flatMap((author) => (author.name ? [author.name] : [])),
      published: given(paper.publishedAt),
      upvotes: given(paper.upvotes),
      github: given(paper.githubRepo),
      project: given(paper.projectPage),
      location,
    };
  });
};
