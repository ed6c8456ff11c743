/** Positions in UTF-16 text that never fall inside a character. */

/** `i`, or the start of the character `i` points into: a cut or a mark there never splits a surrogate pair. */
export function codePointStart(text: string, i: number): number {
  const low = text.charCodeAt(i);
  return i > 0 && low >= 0xdc00 && low <= 0xdfff && /[\ud800-\udbff]/.test(text[i - 1]!) ? i - 1 : i;
}
