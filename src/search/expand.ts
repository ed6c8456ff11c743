/**
 * Index terms near a query word, over a sorted term list: those it starts (prefix search) and those
 * within a few edits (fuzzy search, Levenshtein distance over UTF-16 units, as minisearch counts it).
 * Sorted neighbours share prefixes, so the distance rows of a shared prefix are computed once, and a
 * prefix already too far from the query skips every term that starts with it.
 */

/** First position in `terms` (sorted) whose term is not below `key`. */
export function lowerBound(terms: readonly string[], key: string, from = 0): number {
  let lo = from;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position from `from` whose term does not start with `prefix` (those that do form one run). */
function pastPrefix(terms: readonly string[], prefix: string, from: number): number {
  let lo = from;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The terms that start with `prefix`, in order. */
export function withPrefix(terms: readonly string[], prefix: string): string[] {
  const start = lowerBound(terms, prefix);
  return terms.slice(start, pastPrefix(terms, prefix, start));
}

/** Terms within `maxDistance` edits of `query`, with their distance, in term order (the query itself included at 0). */
export function withinDistance(terms: readonly string[], query: string, maxDistance: number): Array<[term: string, distance: number]> {
  const found: Array<[string, number]> = [];
  const n = query.length + 1;
  const rows = n + maxDistance;
  const matrix = new Uint8Array(rows * n).fill(maxDistance + 1);
  for (let j = 0; j < n; j++) matrix[j] = j;
  for (let i = 1; i < rows; i++) matrix[i * n] = i;
  let previous = '';
  let valid = 0;
  let k = 0;
  while (k < terms.length) {
    const term = terms[k]!;
    let row = 0;
    const shared = Math.min(valid, term.length);
    while (row < shared && term.charCodeAt(row) === previous.charCodeAt(row)) row++;
    let tooFar = -1;
    for (let i = row + 1; i <= term.length; i++) {
      if (i >= rows) {
        tooFar = i;
        break;
      }
      const code = term.charCodeAt(i - 1);
      const here = i * n;
      const above = here - n;
      let min = matrix[here]!;
      const jmax = Math.min(n - 1, i + maxDistance);
      for (let j = Math.max(0, i - maxDistance - 1); j < jmax; j++) {
        const replace = matrix[above + j]! + (code === query.charCodeAt(j) ? 0 : 1);
        const dist = Math.min(replace, matrix[above + j + 1]! + 1, matrix[here + j]! + 1);
        matrix[here + j + 1] = dist;
        if (dist < min) min = dist;
      }
      if (min > maxDistance) {
        tooFar = i;
        break;
      }
    }
    previous = term;
    if (tooFar < 0) {
      valid = term.length;
      const distance = matrix[term.length * n + n - 1]!;
      if (distance <= maxDistance) found.push([term, distance]);
      k++;
    } else {
      valid = tooFar - 1;
      k = pastPrefix(terms, term.slice(0, tooFar), k + 1);
    }
  }
  return found;
}
