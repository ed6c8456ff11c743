import { z } from 'zod';

/** Links derived for one paper. Search links are used when the arXiv id is unknown. */
export const paperLinksSchema = z.object({
  arxiv: z.url().optional(),
  pdf: z.url().optional(),
  huggingface: z.url().optional(),
  code: z.url().optional(),
  project: z.url().optional(),
  arxivSearch: z.url().optional(),
  huggingfaceSearch: z.url().optional(),
});
export type PaperLinks = z.infer<typeof paperLinksSchema>;

/** A normalized paper, as every parser produces it and the index stores it. */
export const paperSchema = z.object({
  id: z.string().min(1),
  arxivId: z.string().optional(),
  title: z.string().min(1),
  abstract: z.string().min(1),
  authors: z.array(z.string()),
  /** YYYY-MM-DD */
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  upvotes: z.number().int().nonnegative().optional(),
  tags: z.array(z.string()),
  links: paperLinksSchema,
  /** Where the paper came from ("data/papers-listing.txt:11"), for error messages and provenance. */
  source: z.string(),
});
export type Paper = z.infer<typeof paperSchema>;

/** A paper without its abstract: what scans over the whole list read (the abstracts stay on disk). */
export type PaperHead = Omit<Paper, 'abstract'>;

/** The best single link for a paper: its page when the id is known, else a title search. */
export function primaryUrl(paper: Pick<Paper, 'links'>): string {
  const { links } = paper;
  return (
    links.arxiv ?? links.huggingface ?? links.project ?? links.code ?? links.arxivSearch ?? links.huggingfaceSearch ?? ''
  );
}
