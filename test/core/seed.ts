import path from 'node:path';
import { Library } from '../../src/library.js';

export const SEED = path.resolve(import.meta.dirname, '../../data/papers-listing.txt');

let shared: Promise<Library> | undefined;

/** One library on the bundled seed listing, shared by the read-only tests of a file. */
export function seedLibrary(): Promise<Library> {
  shared ??= Library.open({ corpus: [SEED], cacheDir: null });
  return shared;
}
