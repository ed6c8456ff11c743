/** Whether a written word looks like an abbreviation or a technical name. */

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
