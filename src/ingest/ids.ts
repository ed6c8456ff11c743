/** Paper identity: arXiv ids, title keys for duplicate detection, and title slugs. */

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/i;
// The scheme may be left out when a link is typed by hand; a query or fragment (`?context=cs.LG`, `#S2`) is ignored.
const ARXIV_URL = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
const HF_URL = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/papers\/([^/?#]+)\/?(?:[?#].*)?$/i;

/**
 * The arXiv id in `value` without its version ("2503.19267", "quant-ph/0210005"), or undefined.
 * Accepts bare ids, versioned ids, `arXiv:` prefixes, arxiv.org abstract, PDF and HTML links and
 * Hugging Face paper pages.
 */
export function parseArxivId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let text = value.trim().replace(/^arxiv:\s*/i, '');
  const url = ARXIV_URL.exec(text) ?? HF_URL.exec(text);
  if (url?.[1]) text = url[1];
  const modern = NEW_STYLE.exec(text);
  if (modern?.[1]) return modern[1];
  const old = OLD_STYLE.exec(text);
  if (!old?.[1]) return undefined;
  const [archive = '', number = ''] = old[1].split('/');
  // Archive names are lowercase ("math"), subject classes uppercase ("math.GT").
  const [name = '', subject] = archive.split('.');
  return `${name.toLowerCase()}${subject ? `.${subject.toUpperCase()}` : ''}/${number}`;
}

/** Only post-2007 ids have Hugging Face paper pages. */
export function isNewStyleArxivId(id: string): boolean {
  return NEW_STYLE.test(id);
}

const ASCII = /^[\x20-\x7e]*$/;

function asciiFold(text: string): string {
  // Unicode normalization is the slow part of merging a large corpus; most titles are plain ASCII.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKC').normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Two titles are the same paper when they agree on letters and digits, whatever the case, accents and punctuation. */
export function titleKey(title: string): string {
  return asciiFold(title).replace(/[^a-z0-9]+/g, '');
}

const SLUG_MAX = 60;

/** "NeoRL-2: Near Real-World ..." -> "neorl-2-near-real-world-...", at most 60 characters, cut on a hyphen. */
export function slugify(title: string): string {
  const slug = asciiFold(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!slug) return 'paper';
  if (slug.length <= SLUG_MAX) return slug;
  const cut = slug.lastIndexOf('-', SLUG_MAX);
  return cut > 0 ? slug.slice(0, cut) : slug.slice(0, SLUG_MAX);
}
