/**
 * The console's library: the corpus (progress on stderr, so stdout stays the answer's), the papers the
 * database adds to it, and a model when one is configured. The database closes when the work is done.
 */
import type { Config } from '../../src/config.js';
import { Library } from '../../src/library.js';
import { storedPaperList } from '../../src/list/open.js';
import { answererFromSettings } from '../../src/llm/answerer.js';
import type { Logger } from '../../src/log.js';
import { stderrProgress } from '../../src/progress.js';
import type { ConsoleServices } from './invoke.js';

export async function withConsoleLibrary<T>(
  config: Config,
  logger: Logger,
  work: (library: Library, services: ConsoleServices) => Promise<T>,
  options: { probe?: boolean } = {},
): Promise<T> {
  const answerer = answererFromSettings(config.llm, logger, options);
  const library = await Library.open({ corpus: config.corpus, cacheDir: config.cacheDir, logger, onProgress: stderrProgress() });
  const list = await storedPaperList(config, library, logger);
  try {
    return await work(library, { list, ...(answerer ? { answerer } : {}) });
  } finally {
    await list.close();
  }
}
