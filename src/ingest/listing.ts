import { CorpusError } from '../errors.js';
import type { Parser, RawPaper } from './types.js';

/**
 * The papers-page text listing: a few page-header lines, then for each paper a title line, a blank
 * line and one or more abstract paragraphs. Nothing marks where the header ends, so the shape of the
 * blocks decides: the header is whatever comes before the first title-like block that is followed by an
 * abstract-like one.
 */

interface Block {
  /** 1-based line of the block's first line. */
  line: number;
  text: string;
}

const TITLE_MAX = 300;
const HEADER_BLOCK_MAX = 200;
const ABSTRACT_MIN = 200;
const SENTENCE_WORDS = 15;
// Day separators of a multi-day page ("Jul 2", "June 30, 2025") belong to no paper.
const DATE_LINE =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:, \d{4})?$|^\d{4}-\d{2}-\d{2}$/i;

function splitBlocks(text: string): Block[] {
  const blocks: Array<{ line: number; lines: string[] }> = [];
  let inBlock = false;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    const current = blocks.at(-1);
    if (!line) inBlock = false;
    else if (inBlock && current) current.lines.push(line);
    else {
      blocks.push({ line: index + 1, lines: [line] });
      inBlock = true;
    }
  });
  return blocks.map(({ line, lines }) => ({ line, text: lines.join(' ') }));
}

/** A paragraph of prose: long, a full sentence of some length, or carrying a link (titles never do). */
function isAbstractLike(text: string): boolean {
  if (text.length >= ABSTRACT_MIN || /https?:\/\//i.test(text)) return true;
  return text.endsWith('.') && text.split(' ').length >= SENTENCE_WORDS;
}

function isTitleLike(text: string): boolean {
  return text.length <= TITLE_MAX && !isAbstractLike(text) && !DATE_LINE.test(text);
}

function noAbstract(file: string, title: Block): CorpusError {
  return new CorpusError(
    file,
    String(title.line),
    `title "${title.text}" has no abstract (expected a blank line and an abstract paragraph after it)`,
  );
}

export const parseListing: Parser = (text, file) => {
  const blocks = splitBlocks(text);
  if (blocks.length === 0) {
    throw new CorpusError(file, undefined, 'file is empty (expected a papers listing: title / blank line / abstract blocks)');
  }
  const start = blocks.findIndex(
    (block, index) => isTitleLike(block.text) && isAbstractLike(blocks[index + 1]?.text ?? ''),
  );
  if (start < 0) {
    throw new CorpusError(file, undefined, 'no papers found (expected title / blank line / abstract paragraph blocks)');
  }
  const strayParagraph = blocks.slice(0, start).find((block) => block.text.length >= HEADER_BLOCK_MAX);
  if (strayParagraph) {
    throw new CorpusError(
      file,
      String(strayParagraph.line),
      'paragraph before the first title (expected short page-header lines, then a title line before each abstract)',
    );
  }

  const papers: Array<{ title: Block; abstract: string[] }> = [];
  for (const block of blocks.slice(start)) {
    const last = papers.at(-1);
    if (DATE_LINE.test(block.text)) {
      if (last && last.abstract.length === 0) throw noAbstract(file, last.title);
    } else if (isTitleLike(block.text)) {
      if (last && last.abstract.length === 0) throw noAbstract(file, last.title);
      papers.push({ title: block, abstract: [] });
    } else if (last) {
      last.abstract.push(block.text);
    }
  }
  const last = papers.at(-1);
  if (last && last.abstract.length === 0) throw noAbstract(file, last.title);

  return papers.map(
    ({ title, abstract }): RawPaper => ({ title: title.text, abstract: abstract.join(' '), location: `line ${title.line}` }),
  );
};
