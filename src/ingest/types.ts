/** What a format parser hands to normalization: one record, still in its source's words. */
export interface RawPaper {
  /** An explicit id from the source (JSONL `id`); arXiv-looking ids are recognised as such. */
  id?: string;
  arxivId?: string;
  title: string;
  abstract: string;
  authors?: string[];
  /** Any ISO date or date-time; normalization keeps YYYY-MM-DD. */
  published?: string;
  url?: string;
  pdf?: string;
  github?: string;
  /** A project page given by the source (Hugging Face `projectPage`). */
  project?: string;
  upvotes?: number;
  tags?: string[];
  /** Where in the file: "line 11", "record 3". */
  location: string;
}

export const CORPUS_FORMATS = ['listing', 'jsonl', 'hf-daily', 'arxiv-atom'] as const;
export type CorpusFormat = (typeof CORPUS_FORMATS)[number];

/** Every parser: throws a `CorpusError` naming the file, the line or record, the field and what was expected. */
export type Parser = (text: string, file: string) => RawPaper[];
