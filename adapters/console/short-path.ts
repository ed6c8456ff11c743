import path from 'node:path';

/** A file under the working directory relative to it, as the user typed it; elsewhere as it is. */
export function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
