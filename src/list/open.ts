/**
 * Where the list lives: the storage (SQLite at DATABASE_PATH, or PostgreSQL at DATABASE_URL), whether
 * or not daily highlights run. The bots open it at start-up with the rest of their storage. The
 * console and one-shot CLI commands add the stored papers to the index when there is a database to
 * read (a SQLite file is never created just to read it), and open it for writing only when a command
 * changes the list.
 */
import fs from 'node:fs';
import { ArxivClient } from '../arxiv/client.js';
import type { Config } from '../config.js';
import type { PaperCore } from '../core.js';
import { toPaperbotError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Storage } from '../storage/index.js';
import { PaperSync } from './sync.js';
import { PaperList, suggestChatPapers } from './paper-list.js';
import type { PaperListService } from './types.js';

/** A person is waiting in chat: one retry, not the feed job's three. */
const CHAT_RETRIES = 1;

export function arxivClient(config: Config, retries?: number): ArxivClient {
  const { arxivApiUrl, timeoutMs } = config.highlights.feeds;
  return new ArxivClient({ apiUrl: arxivApiUrl, timeoutMs, ...(retries !== undefined ? { retries } : {}) });
}

/** The list on an open storage; `sync` is the process's index follower on it. */
export function chatPaperList(
  config: Config,
  deps: { core: PaperCore; storage: Pick<Storage, 'papers'>; sync: PaperSync; logger: Logger; arxiv?: ArxivClient },
): PaperList {
  return new PaperList({
    core: deps.core,
    store: deps.storage.papers,
    sync: deps.sync,
    arxiv: deps.arxiv ?? arxivClient(config, CHAT_RETRIES),
    logger: deps.logger.child({ component: 'list' }),
  });
}

export interface OpenList {
  list: PaperList;
  /** The index follower: the console and the tests call it; a bot's runs on a timer. */
  sync: PaperSync;
  close(): Promise<void>;
}

/**
 * Opens the storage (creating or migrating it) and puts every stored paper, from feeds and from
 * chat, into the index. pg loads here, not when the CLI starts.
 */
export async function openPaperList(config: Config, core: PaperCore, logger: Logger, arxiv?: ArxivClient): Promise<OpenList> {
  const { openStorage } = await import('../storage/index.js');
  const storage = await openStorage(config.storage, { logger, claimTimeoutMs: config.highlights.claimTimeoutMinutes * 60_000 });
  try {
    const sync = new PaperSync(storage.papers, core, logger);
    const stored = await sync.sync();
    logger.info({ database: storage.description, storedPapers: stored.added + stored.updated }, 'list: stored papers loaded');
    return { list: chatPaperList(config, { core, storage, sync, logger, ...(arxiv ? { arxiv } : {}) }), sync, close: () => storage.close() };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

export type StoredList = PaperListService & { close(): Promise<void> };

/**
 * For the console and one-shot commands: the papers the bots list beside the corpus files (fetched
 * from feeds, added from chat), read when there is a database to read: an existing SQLite file, or
 * a PostgreSQL server that answers (when it does not, a warning and the corpus files alone). `add`
 * and `remove` open the database on first use, creating it if need be.
 */
export async function storedPaperList(config: Config, core: PaperCore, logger: Logger, arxiv?: ArxivClient): Promise<StoredList> {
  let opened: Promise<OpenList> | undefined;
  // A failed attempt is forgotten: the next add or remove tries again and reports why it cannot.
  const open = () =>
    (opened ??= openPaperList(config, core, logger, arxiv).catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
  const readable = config.storage.kind === 'postgres' || fs.existsSync(config.storage.path);
  if (readable) {
    await open().catch((error: unknown) => {
      logger.warn({ err: toPaperbotError(error).message }, 'could not read the papers stored in the database; listing the corpus files only');
    });
  }
  const list = async () => (await open()).list;
  return {
    add: async (reference, actor) => (await list()).add(reference, actor),
    remove: async (reference, actor) => (await list()).remove(reference, actor),
    suggest: (prefix) => suggestChatPapers(core, prefix),
    close: async () => {
      const handle = await opened?.catch(() => undefined);
      await handle?.close();
    },
  };
}
