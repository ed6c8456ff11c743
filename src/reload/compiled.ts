/**
 * Modules a worker thread imports must be JavaScript. Under the test runner the project's modules
 * are TypeScript that Node cannot start, so their copies in the build are used instead (`npm test`
 * builds before it runs).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../config.js';

/** `url` itself, or for a TypeScript module of the project, its compiled twin in dist/. */
export function compiledModule(url: string): string {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return url;
  const relative = path.relative(PROJECT_ROOT, fileURLToPath(url));
  return pathToFileURL(path.join(PROJECT_ROOT, 'dist', relative.replace(/\.ts$/, '.js'))).href;
}
