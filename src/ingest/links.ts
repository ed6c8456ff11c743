import type { PaperLinks } from '../model/paper.js';
import { isNewStyleArxivId } from './ids.js';

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.|(?:github|gitlab)\.com\/)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"\u2019\u201d\u00bb*]$/;
const CODE_HOSTS = new Set(['github.com', 'gitlab.com']);
// Links to other papers or to the paper's own listing are not project pages.
const NOT_PROJECT_HOSTS = new Set(['arxiv.org', 'doi.org', 'dx.doi.org', 'huggingface.co']);

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Strips what a sentence puts after a URL: `.`, `,`, `;`, `:`, quotes, and closing brackets it never opened. */
export function trimUrl(url: string): string {
  let text = url;
  for (;;) {
    if (TRAILING.test(text)) text = text.slice(0, -1);
    else if (text.endsWith(')') && count(text, ')') > count(text, '(')) text = text.slice(0, -1);
    else if (text.endsWith(']') && count(text, ']') > count(text, '[')) text = text.slice(0, -1);
    else return text;
  }
}

/** A usable http(s) URL, or undefined. */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Every URL written in `text`, in order, with sentence punctuation trimmed. */
export function findUrls(text: string): string[] {
  const urls: string[] = [];
  // A cheap pre-check: most abstracts have no URL, and the full pattern is slower to run.
  if (!text.includes('http') && !text.includes('www.') && !text.includes('.com/')) return urls;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = httpUrl(trimUrl(match[0]));
    if (url) urls.push(url);
  }
  return urls;
}

function host(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

export function isCodeUrl(url: string): boolean {
  return CODE_HOSTS.has(host(url));
}

export function arxivLinks(arxivId: string): Pick<PaperLinks, 'arxiv' | 'pdf' | 'huggingface'> {
  return {
    arxiv: `https://arxiv.org/abs/${arxivId}`,
    pdf: `https://arxiv.org/pdf/${arxivId}`,
    ...(isNewStyleArxivId(arxivId) ? { huggingface: `https://huggingface.co/papers/${arxivId}` } : {}),
  };
}

export function searchLinks(title: string): Pick<PaperLinks, 'arxivSearch' | 'huggingfaceSearch'> {
  const query = encodeURIComponent(title);
  return {
    arxivSearch: `https://arxiv.org/search/?query=${query}&searchtype=title`,
    huggingfaceSearch: `https://huggingface.co/papers?q=${query}`,
  };
}

export interface LinkSources {
  arxivId?: string;
  title: string;
  abstract: string;
  github?: string;
  project?: string;
  url?: string;
  pdf?: string;
}

/**
 * Direct arXiv / Hugging Face links when the id is known, else title searches; code and project pages
 * from the record's own fields first, then from URLs written in the abstract.
 */
export function deriveLinks(sources: LinkSources): PaperLinks {
  const explicit = [sources.github, sources.project, sources.url].map(httpUrl).filter((url) => url !== undefined);
  const candidates = [...explicit, ...findUrls(sources.abstract)];
  const code = candidates.find(isCodeUrl);
  const project = candidates.find((url) => !isCodeUrl(url) && !NOT_PROJECT_HOSTS.has(host(url)));
  const links: PaperLinks = sources.arxivId
    ? arxivLinks(sources.arxivId)
    : { ...(httpUrl(sources.pdf) ? { pdf: httpUrl(sources.pdf) } : {}), ...searchLinks(sources.title) };
  if (code) links.code = code;
  if (project) links.project = project;
  return links;
}

/** Links of two records of the same paper: direct links replace searches once either knows the arXiv id. */
export function mergeLinks(primary: PaperLinks, secondary: PaperLinks, arxivId: string | undefined): PaperLinks {
  const merged: PaperLinks = { ...secondary, ...primary };
  if (!arxivId) return merged;
  delete merged.arxivSearch;
  delete merged.huggingfaceSearch;
  return { ...merged, ...arxivLinks(arxivId) };
}
