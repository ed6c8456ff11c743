import { extname } from 'node:path';
import { CorpusError } from '../errors.js';
import type { CorpusFormat } from './types.js';

const SUPPORTED =
  'expected a papers listing (.txt, .md), JSON lines (.jsonl, .ndjson), a Hugging Face daily-papers response (.json) or an arXiv Atom feed (.xml, .atom)';
// Enough of the start of a file to recognise it without parsing it all.
const SNIFF_CHARS = 65_536;

type Shape = 'empty' | 'json-array' | 'json-object' | 'atom' | 'other-xml' | 'binary' | 'text';

function shapeOf(text: string): Shape {
  const head = text.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '').trimStart();
  if (head === '') return 'empty';
  if (head.includes('\u0000')) return 'binary';
  if (head.startsWith('[')) return 'json-array';
  if (head.startsWith('{')) return 'json-object';
  if (head.startsWith('<')) return /<feed[\s>]/.test(head) ? 'atom' : 'other-xml';
  return 'text';
}

/** A daily-papers response is an array (or `{data: [...]}`) of entries that each carry a `paper` object. */
function looksLikeHfDaily(text: string): boolean {
  const head = text.slice(0, SNIFF_CHARS);
  return /"paper"\s*:\s*\{/.test(head) && (/^\s*\[/.test(head) || /"data"\s*:\s*\[/.test(head));
}

function fromContent(shape: Shape, text: string): CorpusFormat | undefined {
  switch (shape) {
    case 'json-array':
    case 'json-object':
      return looksLikeHfDaily(text) ? 'hf-daily' : 'jsonl';
    case 'atom':
      return 'arxiv-atom';
    case 'text':
      return 'listing';
    default:
      return undefined;
  }
}

const DESCRIBED: Record<Shape, string> = {
  empty: 'the file is empty',
  'json-array': 'the content is JSON',
  'json-object': 'the content is JSON',
  atom: 'the content is an Atom feed',
  'other-xml': 'the content is XML or HTML but not an Atom feed',
  binary: 'the content is binary',
  text: 'the content is plain text',
};

/** Which formats an extension promises, and which content shapes keep that promise. */
const BY_EXTENSION: Record<string, { label: string; accepts: Shape[] }> = {
  '.jsonl': { label: 'JSON lines', accepts: ['json-object', 'json-array'] },
  '.ndjson': { label: 'JSON lines', accepts: ['json-object', 'json-array'] },
  '.json': { label: 'JSON', accepts: ['json-object', 'json-array'] },
  '.xml': { label: 'an arXiv Atom feed', accepts: ['atom'] },
  '.atom': { label: 'an arXiv Atom feed', accepts: ['atom'] },
  '.txt': { label: 'a papers listing', accepts: ['text'] },
  '.md': { label: 'a papers listing', accepts: ['text'] },
};

/**
 * The corpus format of `file`, from its extension and its content together; a file whose content
 * contradicts its extension, or that is in no supported format, is a CorpusError.
 */
export function detectFormat(file: string, text: string): CorpusFormat {
  const shape = shapeOf(text);
  if (shape === 'empty') throw new CorpusError(file, undefined, `file is empty (${SUPPORTED})`);
  const expected = BY_EXTENSION[extname(file).toLowerCase()];
  const format = fromContent(shape, text);
  if (expected && (!format || !expected.accepts.includes(shape))) {
    throw new CorpusError(file, undefined, `expected ${expected.label} from the file name, but ${DESCRIBED[shape]}`);
  }
  if (!format) throw new CorpusError(file, undefined, `unknown format: ${DESCRIBED[shape]} (${SUPPORTED})`);
  return format;
}
