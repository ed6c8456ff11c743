/**
 * Looking papers up on the arXiv API: by id (`id_list=`) for `add`, and by exact title
 * (`search_query=ti:"…"`) for `enrich`. Requests go through the feed fetcher (User-Agent, timeout,
 * retries with backoff, arXiv's three-second spacing) and responses through the Atom parser, so a
 * looked-up paper is the same record a feed or a corpus file would give.
 */
import { ARXIV_SPACING_MS } from '../digest/feeds.js';
import { DEFAULT_BACKOFF_MS, DEFAULT_RETRIES, FetchError, fetchText, Spacing, userAgent, type FetchPolicy, type Sleep } from '../http/fetch.js';
import { CorpusError, PaperbotError } from '../errors.js';
import { titleKey } from '../ingest/ids.js';
import { parsePapers } from '../ingest/load.js';
import type { Paper } from '../model/paper.js';

export interface ArxivClientOptions {
  /** The API endpoint (`ARXIV_API_URL`). */
  apiUrl: string;
  timeoutMs: number;
  /** Attempts after the first; a person waiting in chat wants fewer than a nightly job. */
  retries?: number;
  backoffMs?: number;
  /** Test seams: arXiv asks for three seconds between calls. */
  spacingMs?: number;
  sleep?: Sleep;
}

export interface LookedUp {
  paper: Paper;
  /** arXiv keeps withdrawn papers listed; their abstract becomes the withdrawal notice. */
  withdrawn: boolean;
}

/** How many titles a title search brings back: enough to see that a title is ambiguous. */
const TITLE_RESULTS = 10;

// The notices arXiv shows in place of a withdrawn paper's abstract: "This paper has been withdrawn by
// the authors due to …", "This article is withdrawn", "Withdrawn by arXiv admin".
const WITHDRAWN = /\b(?:(?:paper|article|manuscript|submission|work|version)\s+(?:has\s+been|is|was)\s+withdrawn|withdrawn\s+by\s+(?:the\s+)?(?:authors?|arxiv\s+admin))\b/i;

export function isWithdrawn(paper: Pick<Paper, 'abstract'>): boolean {
  return WITHDRAWN.test(paper.abstract.slice(0, 400));
}

export class ArxivClient {
  private readonly policy: FetchPolicy;
  private readonly spacing: Spacing;

  constructor(private readonly options: ArxivClientOptions) {
    this.policy = {
      timeoutMs: options.timeoutMs,
      retries: options.retries ?? DEFAULT_RETRIES,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      userAgent: userAgent(),
    };
    this.spacing = new Spacing(options.spacingMs ?? ARXIV_SPACING_MS, options.sleep);
  }

  /** The papers arXiv has among `ids` (versionless), keyed by id; ids it does not know are absent. */
  async byIds(ids: readonly string[]): Promise<Map<string, LookedUp>> {
    const url = new URL(this.options.apiUrl);
    url.searchParams.set('id_list', ids.join(','));
    url.searchParams.set('max_results', String(ids.length));
    const found = new Map<string, LookedUp>();
    for (const paper of await this.query(url, `arXiv id_list=${ids.join(',')}`)) {
      if (paper.arxivId && ids.includes(paper.arxivId)) found.set(paper.arxivId, { paper, withdrawn: isWithdrawn(paper) });
    }
    return found;
  }

  /** Papers whose title equals `title` once case, accents and punctuation are set aside. */
  async byTitle(title: string): Promise<Paper[]> {
    const url = new URL(this.options.apiUrl);
    // A phrase search; quotes inside the title would end the phrase early.
    url.searchParams.set('search_query', `ti:"${title.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim()}"`);
    url.searchParams.set('max_results', String(TITLE_RESULTS));
    const key = titleKey(title);
    return (await this.query(url, `arXiv title search`)).filter((paper) => titleKey(paper.title) === key && !isWithdrawn(paper));
  }

  private async query(url: URL, name: string): Promise<Paper[]> {
    let text: string;
    try {
      text = await fetchText(url.toString(), this.policy, { spacing: this.spacing, sleep: this.options.sleep });
    } catch (error) {
      const reason = error instanceof FetchError ? error.message : String(error);
      throw new PaperbotError('unavailable', `arXiv did not answer (${reason}); nothing was changed, try again later`, {
        url: url.toString(),
      });
    }
    try {
      return parsePapers(text, name, 'arxiv-atom');
    } catch (error) {
      const reason = error instanceof CorpusError ? error.message.slice(error.file.length + 1).trim() : String(error);
      throw new PaperbotError('unavailable', `arXiv's answer could not be read (${reason}); nothing was changed, try again later`, {
        url: url.toString(),
      });
    }
  }
}
