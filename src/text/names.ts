/**
 * Names in text: whether a written word looks like an abbreviation or a technical name, the names a
 * paper gives itself and what its abbreviations stand for. "SLAG: Scalable Language-Augmented
 * Gaussian Splatting" names SLAG and expands it; "we propose Kuwain, a…" names Kuwain. Expansions are
 * found with the Schwartz–Hearst matcher (PSB 2003): the letters of the short form, read right to
 * left, must be found in order in the long form, the first one starting a word.
 */

/** "SLAG", "NeoRL-2", "A2PR", "o1", "GPT-4": capitals inside, or letters with digits. */
export function looksLikeName(word: string): boolean {
  return (/\p{Lu}.*\p{Lu}|\p{Lu}.*\p{N}|\p{N}.*\p{Lu}|\p{Ll}.*\p{Lu}/u.test(word) || /^\p{Ll}+\d+$/u.test(word)) && word.length <= 24;
}

/** The words of a title or question as written, split at spaces and punctuation but not inside names ("NeoRL-2", "GPT-4.5"). */
export function writtenWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:[-.+][\p{L}\p{N}]+)*/gu) ?? [];
}

/** `text` as a regular expression that matches it literally ("GPT-4.1" does not match "GPT-441"). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TITLE_NAME = /^([^:]{1,48}?):\s+(.+)$/u;
const PROPOSED =
  /\b(?:we|this (?:paper|work|report)|our (?:method|approach|framework|model))\s+(?:first\s+|also\s+|further\s+)?(?:propose|introduce|present|develop|release|build|design|construct|curate|create|train|open-source|name|call)s?\s+(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,6}?(?:(?:called|named|dubbed|termed|coined)\s+)?([\p{L}\p{N}][\p{L}\p{N}.+-]*[\p{L}\p{N}])/giu;
const CALLED = /\b(?:called|named|dubbed|termed|coined)\s+([\p{L}\p{N}][\p{L}\p{N}.+-]*[\p{L}\p{N}])/giu;

/** "SLAG" from "SLAG: Scalable…", "NeoRL-2" from "NeoRL-2: Near Real-World…"; undefined for ordinary titles. */
export function titleName(title: string): string | undefined {
  const prefix = TITLE_NAME.exec(title)?.[1]?.trim();
  if (!prefix) return undefined;
  const words = prefix.split(/\s+/);
  if (words.length > 4) return undefined;
  return words.some(looksLikeName) || (words.length <= 2 && /^\p{Lu}/u.test(prefix)) ? prefix : undefined;
}

/** Names the abstract says the paper proposes: "we introduce SLAG, a…", "a framework called Vidu". */
export function proposedNames(abstract: string): string[] {
  const names = new Set<string>();
  for (const pattern of [PROPOSED, CALLED]) {
    for (const match of abstract.matchAll(pattern)) {
      const name = match[1]!;
      if (looksLikeName(name) || (/^\p{Lu}/u.test(name) && pattern === CALLED)) names.add(name);
    }
  }
  return [...names];
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Schwartz–Hearst: the shortest tail of `long` whose letters spell `short`, or undefined. */
function longFormEnding(short: string, long: string): string | undefined {
  let s = short.length - 1;
  let l = long.length - 1;
  while (s >= 0) {
    const c = short[s]!.toLowerCase();
    if (!isAlnum(c)) {
      s--;
      continue;
    }
    while (l >= 0 && (long[l]!.toLowerCase() !== c || (s === 0 && l > 0 && isAlnum(long[l - 1])))) l--;
    if (l < 0) return undefined;
    l--;
    s--;
  }
  return long.slice(long.lastIndexOf(' ', l) + 1);
}

function letters(short: string): number {
  return [...short].filter((c) => /\p{L}/u.test(c)).length;
}

/** A long form after the short one ("SLAG: Scalable Language-Augmented…", "SLAG (Scalable…)"): its first words. */
function longFormAfter(short: string, text: string): string | undefined {
  const words = text.split(/\s+/);
  const wanted = letters(short);
  for (let n = 1; n <= Math.min(words.length, wanted + 3); n++) {
    const candidate = words.slice(0, n).join(' ').replace(/[,;:.)]+$/u, '');
    const found = longFormEnding(short, candidate);
    if (found === candidate && found.toLowerCase().startsWith(short[0]!.toLowerCase())) return candidate;
  }
  return undefined;
}

/** What `short` stands for in the title or abstract, as written there; undefined when neither says. */
export function expansionOf(short: string, title: string, abstract: string): string | undefined {
  if (letters(short) < 2) return undefined;
  const escaped = escapeRegExp(short);
  const titleMatch = TITLE_NAME.exec(title);
  if (titleMatch && titleMatch[1]!.trim() === short) {
    const found = longFormAfter(short, titleMatch[2]!);
    if (found) return found;
  }
  for (const text of [title, abstract]) {
    // "Long Form (SHORT)": the words before the parenthesis.
    for (const match of text.matchAll(new RegExp(`([^()]{3,160}?)\\s*\\(\\s*${escaped}\\s*[),;]`, 'gu'))) {
      const before = match[1]!.trim().split(/\s+/);
      const window = before.slice(-Math.min(letters(short) + 5, 2 * letters(short))).join(' ');
      const found = longFormEnding(short, window);
      if (found && found.split(/\s+/).length <= letters(short) + 5) return found.replace(/^[("'“]+/u, '');
    }
    // "SHORT (Long Form)".
    for (const match of text.matchAll(new RegExp(`\\b${escaped}\\s*\\(([^()]{3,160})\\)`, 'gu'))) {
      const found = longFormAfter(short, match[1]!);
      if (found) return found;
    }
  }
  // "MSR" of "MSR-Align", "TPGS" of "SurgTPGS": a part of the paper's own name, spelled out in
  // capitalised words elsewhere ("…a high-quality Multimodal Safety Reasoning dataset").
  const name = titleName(title);
  if (name !== undefined && name.includes(short)) return initialsRun(short, title) ?? initialsRun(short, abstract);
  return undefined;
}

/** Consecutive capitalised words (parts of hyphenated ones counting apart) whose initials are `short`'s letters, in order. */
function initialsRun(short: string, text: string): string | undefined {
  if (!/^\p{L}{3,}$/u.test(short)) return undefined;
  const wanted = short.toLowerCase();
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)];
  for (let start = 0; start < words.length; start++) {
    let spelled = '';
    for (let end = start; end < words.length && spelled.length < wanted.length; end++) {
      const parts = words[end]![0].split('-');
      if (!parts.every((part) => /^\p{Lu}/u.test(part))) break;
      spelled += parts.map((part) => part[0]!.toLowerCase()).join('');
      if (spelled === wanted) {
        const from = words[start]!.index;
        return text.slice(from, words[end]!.index + words[end]![0].length);
      }
    }
  }
  return undefined;
}

/** The paper calls itself `name`: its title's "Name:", or what its abstract proposes or spells out. */
export function namesItself(paper: { title: string; abstract: string }, name: string): boolean {
  const lower = name.toLowerCase();
  if (titleName(paper.title)?.toLowerCase() === lower) return true;
  if (proposedNames(paper.abstract).some((n) => n.toLowerCase() === lower)) return true;
  if (expansionOf(name, paper.title, paper.abstract) !== undefined) return true;
  // "we propose Adaptive Advantage-guided Policy Regularization (A2PR)": a digit defeats the letter matcher.
  return new RegExp(`\\b(?:propose|introduce|present|develop|call|name|dub|term)\\w*\\b[^.]{0,160}\\(\\s*${escapeRegExp(name)}\\s*\\)`, 'i').test(paper.abstract);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The name `text` writes that is closest to `name` without being it: one letter away for a short
 * name, two for one of eight letters or more ("PMDC" for "PRDC", "PrismRAG" for "PrismaRAG"). Digits
 * must agree: "GPT-4" is another model than "GPT-9", not a spelling of it.
 */
export function nearestName(name: string, text: string): string | undefined {
  const lower = name.toLowerCase();
  const digits = (word: string) => word.replace(/\D+/g, ' ').trim();
  const most = lower.length >= 8 ? 2 : 1;
  let best: { word: string; distance: number } | undefined;
  for (const word of writtenWords(text)) {
    if (!looksLikeName(word) || Math.abs(word.length - name.length) > most || digits(word) !== digits(name)) continue;
    const distance = editDistance(word.toLowerCase(), lower);
    if (distance > 0 && distance <= most && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word;
}
