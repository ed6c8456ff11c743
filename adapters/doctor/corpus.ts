/** `paperbot doctor`: every corpus file parses, with its paper count, or the first error at file:line. */
import { CorpusError } from '../../src/errors.js';
import { loadCorpus } from '../../src/ingest/load.js';
import { shortPath } from '../console/short-path.js';
import { fail, ok, type CheckResult } from './check.js';

export async function checkCorpus(files: string[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const file of files) {
    try {
      const { sources } = await loadCorpus([file]);
      const source = sources[0];
      results.push(ok('corpus', `${shortPath(file)}: ${source?.papers ?? 0} papers (${source?.format ?? 'unknown format'})`));
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      const message = error.message.startsWith(file) ? `${shortPath(file)}${error.message.slice(file.length)}` : error.message;
      results.push(fail('corpus', message, 'fix that record, or leave the file out of PAPERS_CORPUS / --corpus; the bot refuses to start on a broken file'));
    }
  }
  return results;
}
