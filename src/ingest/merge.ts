import type { Paper } from '../model/paper.js';
import { slugify, titleKey } from './ids.js';
import { mergeLinks } from './links.js';

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a ?? b;
  return a <= b ? a : b;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Math.max(a, b);
}

/** Two records of one paper: the first record's title and source, the best of both for everything else. */
export function mergePair(first: Paper, second: Paper): Paper {
  const arxivId = first.arxivId ?? second.arxivId;
  const merged: Paper = {
    id: arxivId ?? first.id,
    title: first.title,
    abstract: second.abstract.length > first.abstract.length ? second.abstract : first.abstract,
    authors: first.authors.length > 0 ? first.authors : second.authors,
    tags: [...new Set([...first.tags, ...second.tags])],
    links: mergeLinks(first.links, second.links, arxivId),
    source: first.source,
  };
  const published = earliest(first.published, second.published);
  const upvotes = maxDefined(first.upvotes, second.upvotes);
  if (arxivId) merged.arxivId = arxivId;
  if (published) merged.published = published;
  if (upvotes !== undefined) merged.upvotes = upvotes;
  return merged;
}

/**
 * Collapses records of the same paper, keeping first-seen order: same arXiv id, or same title key when
 * the arXiv ids do not contradict each other (arXiv has distinct papers titled "Comment: ...").
 */
export function mergeDuplicates(papers: Paper[]): Paper[] {
  const merged: Paper[] = [];
  const byArxiv = new Map<string, number>();
  const byTitle = new Map<string, number[]>();
  const remember = (index: number, paper: Paper): void => {
    if (paper.arxivId) byArxiv.set(paper.arxivId, index);
  };
  for (const paper of papers) {
    const key = titleKey(paper.title);
    const sameTitle = key ? (byTitle.get(key) ?? []) : [];
    const index =
      (paper.arxivId ? byArxiv.get(paper.arxivId) : undefined) ??
      sameTitle.find((candidate) => {
        const other = merged[candidate]?.arxivId;
        return !other || !paper.arxivId || other === paper.arxivId;
      });
    const existing = index === undefined ? undefined : merged[index];
    if (index !== undefined && existing) {
      merged[index] = mergePair(existing, paper);
      remember(index, merged[index]);
      continue;
    }
    merged.push(paper);
    remember(merged.length - 1, paper);
    if (key) byTitle.set(key, sameTitle.length > 0 ? [...sameTitle, merged.length - 1] : [merged.length - 1]);
  }
  return merged;
}

/**
 * Makes ids unique: arXiv ids are unique after merging and keep theirs; any other id that is taken
 * gets "-2", "-3", ... in corpus order, so ids stay stable while the files do.
 */
export function assignIds(papers: Paper[]): Paper[] {
  const taken = new Set(papers.flatMap((paper) => (paper.arxivId ? [paper.arxivId] : [])));
  return papers.map((paper) => {
    if (paper.arxivId) return paper.id === paper.arxivId ? paper : { ...paper, id: paper.arxivId };
    const base = paper.id || slugify(paper.title);
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    return id === paper.id ? paper : { ...paper, id };
  });
}
