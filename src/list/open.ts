/**
 * Where the papers added from chat live: the database at DATABASE_PATH, whether or not daily
 * highlights run (the bots open it for the list alone when they are off). One-shot CLI commands that
 * only read open it read-only when it exists, and never create it.
 */
import fs from 'node:fs';
import { ArxivClient } from '../arxiv/client.js';
import type { Config } from '../config.js';
import type { PaperCore } from '../core.js';
import { CHAT_SCHEMA_VERSION, openDatabase, openDatabaseReadOnly, type Db } from '../digest/db.js';
import { PaperStore } from '../digest/paper-store.js';
import { PaperbotError } from '../errors.js';
import type { Logger } from '../log.js';
import { PaperList } from './paper-list.js';
import type { PaperListService } from './types.js';

/** A person is waiting in chat: one retry, not the feed job's three. */
const CHAT_RETRIES = 1;
/** How often a running bot picks up papers added or removed by another process (the CLI, a replica). */
export const LIST_SYNC_MS = 30_000;

export interface OpenList {
  list: PaperList;
  close(): void;
}

export function arxivClient(config: Config, retries?: number): ArxivClient {
  const { arxivApiUrl, timeoutMs } = config.highlights.feeds;
  return new ArxivClient({ apiUrl: arxivApiUrl, timeoutMs, ...(retries !== undefined ? { retries } : {}) });
}

/** Opens (creating or migrating) the database and puts the stored chat papers into the index. */
export function openPaperList(config: Config, core: PaperCore, logger: Logger, arxiv = arxivClient(config, CHAT_RETRIES)): OpenList {
  let db: Db;
  try {
    db = openDatabase(config.highlights.databasePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PaperbotError('config_error', `the database at ${config.highlights.databasePath} (DATABASE_PATH) could not be opened: ${reason}`, {
      variable: 'DATABASE_PATH',
    });
  }
  try {
    const list = new PaperList({ core, store: new PaperStore(db), arxiv, logger: logger.child({ component: 'list' }) });
    const { added } = list.sync();
    logger.info({ database: config.highlights.databasePath, chatPapers: added }, 'list: papers added from chat loaded');
    return { list, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * For one-shot commands: the papers the bots would list beside the corpus files (added from chat,
 * and fetched from feeds when highlights are on), read from an existing database. A missing or
 * unreadable database only means there are none.
 */
export function addStoredPapers(config: Config, core: PaperCore, logger: Logger): void {
  const file = config.highlights.databasePath;
  if (!fs.existsSync(file)) return;
  let db: Db | undefined;
  try {
    db = openDatabaseReadOnly(file);
    const store = new PaperStore(db);
    if (config.highlights.enabled) core.addPapers(store.feedPapers().papers, 'feed');
    // Databases from before papers could be added from chat have none (and no added_by column).
    if ((db.pragma('user_version', { simple: true }) as number) >= CHAT_SCHEMA_VERSION) core.addPapers(store.chatPapers().papers.map((p) => p.paper), 'chat');
  } catch (error) {
    logger.warn({ database: file, err: error instanceof Error ? error.message : String(error) }, 'could not read the papers stored in the database; listing the corpus files only');
  } finally {
    db?.close();
  }
}

/** Opens the database on first use: for the console and the CLI, where most commands never need it. */
export function lazyPaperList(open: () => OpenList): PaperListService & { close(): void } {
  let opened: OpenList | undefined;
  const list = () => (opened ??= open()).list;
  return {
    add: (reference, actor) => list().add(reference, actor),
    remove: (reference, actor) => list().remove(reference, actor),
    suggest: (prefix) => list().suggest(prefix),
    close: () => opened?.close(),
  };
}
