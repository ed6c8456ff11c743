/**
 * The list as people grow it from chat: `add` fetches a paper from the arXiv API, stores it and
 * indexes it at once; `remove` takes a paper someone added back off (papers from corpus files and
 * feeds are not chat's to remove). The stored papers are what counts: both go through the storage
 * (SQLite or PostgreSQL), and the index follows it through `PaperSync`, which also brings what another
 * process (the CLI, another replica) added or removed.
 */
import os from 'node:os';
import type { ArxivClient } from '../arxiv/client.js';
import type { PaperCore } from '../core.js';
import { PaperbotError } from '../errors.js';
import { parseArxivId, titleKey } from '../ingest/ids.js';
import type { Logger } from '../log.js';
import type { Paper } from '../model/paper.js';
import type { PaperDetail, Suggestion } from '../results.js';
import type { PaperSync } from './sync.js';
import { CHAT_SOURCE, type PaperStore } from '../storage/papers.js';
import type { Actor, ListChange, PaperListService } from './types.js';

const ACCEPTED =
  'expected an arXiv id or link such as 2503.19267, arXiv:2503.19267v2, cs/0112017, https://arxiv.org/abs/2503.19267 or https://huggingface.co/papers/2503.19267';
const MAX_SUGGESTIONS = 25;

export interface PaperListDeps {
  core: PaperCore;
  store: Pick<PaperStore, 'save' | 'remove'>;
  /** This process's index follower on the same store. */
  sync: Pick<PaperSync, 'sync'>;
  arxiv: ArxivClient;
  logger: Logger;
  now?: () => Date;
}

/** "discord:123…", "slack:U0…", "console:alice": stored with the paper and logged. */
export function actorName(actor: Actor): string {
  if (actor.userId) return `${actor.platform}:${actor.userId}`;
  if (actor.platform !== 'console') return actor.platform;
  try {
    return `console:${os.userInfo().username}`;
  } catch {
    return 'console';
  }
}

function quoted(paper: Pick<Paper, 'title'>): string {
  return `“${paper.title}”`;
}

/** Papers added from chat whose title or id matches what was typed, newest first: read from the index alone. */
export function suggestChatPapers(core: Pick<PaperCore, 'chatPapers'>, prefix: string): Suggestion[] {
  const typed = titleKey(prefix);
  const words = prefix.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return core
    .chatPapers()
    .filter((paper) => {
      if (!typed) return true;
      const title = paper.title.toLowerCase().split(/[^\p{L}\p{N}]+/u);
      return titleKey(paper.title).includes(typed) || paper.id.includes(prefix.trim()) || words.every((w) => title.some((t) => t.startsWith(w)));
    })
    .reverse()
    .slice(0, MAX_SUGGESTIONS)
    .map((paper) => ({ id: paper.id, title: paper.title }));
}

export class PaperList implements PaperListService {
  private readonly now: () => Date;

  constructor(private readonly deps: PaperListDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async add(reference: string, actor: Actor): Promise<ListChange> {
    const id = parseArxivId(reference);
    if (!id) throw new PaperbotError('bad_option', `add: "${reference}" is not an arXiv paper (${ACCEPTED})`, { command: 'add', option: 'paper' });
    const listed = this.deps.core.getPaper(id);
    if (listed) return this.alreadyListed(listed);

    const found = (await this.deps.arxiv.byIds([id])).get(id);
    if (!found) {
      throw new PaperbotError('not_found', `arXiv has no paper ${id}; check the id (nothing was added)`, { command: 'add', id, reason: 'unknown' });
    }
    if (found.withdrawn) {
      throw new PaperbotError('not_found', `arXiv lists ${id} (${quoted(found.paper)}) as withdrawn; it was not added`, {
        command: 'add',
        id,
        reason: 'withdrawn',
      });
    }
    // A corpus file may list the same paper by its title alone (listings carry no ids).
    const byTitle = this.deps.core.show(found.paper.title).paper;
    if (byTitle && titleKey(byTitle.title) === titleKey(found.paper.title)) return this.alreadyListed(this.paper(byTitle.id));

    const paper: Paper = { ...found.paper, source: CHAT_SOURCE };
    const by = actorName(actor);
    const added = await this.stored('add', 'added', () => this.deps.store.save([paper], CHAT_SOURCE, this.now(), by));
    await this.follow(() => added.length > 0 && this.deps.core.addPapers([paper], 'chat'));
    // Empty: listed meanwhile, by someone else or another process.
    if (added.length === 0) return this.alreadyListed(this.paper(id));
    this.deps.logger.info({ action: 'add', id, title: paper.title, by, channel: actor.channelId }, 'list: paper added');
    return { action: 'added', message: `Added ${quoted(paper)} (${id}) to the list.`, paper: this.detail(id) };
  }

  async remove(reference: string, actor: Actor): Promise<ListChange> {
    const paper = this.find(reference);
    const where = this.deps.core.provenance(paper.id);
    if (where?.origin === 'corpus') {
      const at = where.location ? (/^\d+$/.test(where.location) ? `, line ${where.location}` : `, ${where.location}`) : '';
      throw new PaperbotError(
        'forbidden',
        `remove: ${quoted(paper)} comes from the corpus file ${where.file}${at}; only papers added from chat can be removed here, so edit that file instead`,
        { command: 'remove', id: paper.id, file: where.file },
      );
    }
    if (where?.origin === 'feed') {
      throw new PaperbotError('forbidden', `remove: ${quoted(paper)} came from the feed "${where.source}"; only papers added from chat can be removed here`, {
        command: 'remove',
        id: paper.id,
      });
    }
    const detail = this.detail(paper.id);
    // False when another process removed it first: gone either way.
    await this.stored('remove', 'removed', () => this.deps.store.remove(paper.id, this.now()));
    await this.follow(() => this.deps.core.removePapers([paper.id]));
    const by = actorName(actor);
    this.deps.logger.info({ action: 'remove', id: paper.id, title: paper.title, by, channel: actor.channelId }, 'list: paper removed');
    return { action: 'removed', message: `Removed ${quoted(paper)} (${paper.id}) from the list.`, paper: detail };
  }

  suggest(prefix: string): Suggestion[] {
    return suggestChatPapers(this.deps.core, prefix);
  }

  /** A change to the stored list; a database that does not answer changes nothing and says so. */
  private async stored<T>(command: 'add' | 'remove', done: string, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.logger.error({ command, err: reason }, 'list: the database refused a change');
      throw new PaperbotError('unavailable', `${command}: the database did not answer (${reason}); nothing was ${done}, try again later`, { command });
    }
  }

  /**
   * The index catches up with the store: this change, and any other process's since the last look.
   * When the store cannot be read back right after a change it took, `apply` makes the change alone.
   */
  private async follow(apply: () => unknown): Promise<void> {
    try {
      await this.deps.sync.sync();
    } catch (error) {
      this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'list: stored a change but could not read the store back; applied it alone');
      apply();
    }
  }

  /** Removing needs the exact paper: an id, a link or the whole title; never a guess from part of a title. */
  private find(reference: string): Paper {
    const text = reference.trim();
    const direct = this.deps.core.getPaper(parseArxivId(text) ?? text);
    if (direct) return direct;
    const shown = this.deps.core.show(text);
    if (shown.paper && titleKey(shown.paper.title) === titleKey(text)) return this.paper(shown.paper.id);
    throw new PaperbotError('not_found', `remove: no listed paper is "${text}"; give its arXiv id, its link or its whole title`, {
      command: 'remove',
      suggestions: this.suggest(text).slice(0, 5),
    });
  }

  private alreadyListed(paper: Paper): ListChange {
    const where = this.deps.core.provenance(paper.id);
    const from =
      where?.origin === 'corpus' ? ` (from ${where.file})` : where?.origin === 'chat' ? ' (added from chat)' : where?.origin === 'feed' ? ' (from a feed)' : '';
    return { action: 'already_listed', message: `${quoted(paper)} is already on the list${from}.`, paper: this.detail(paper.id) };
  }

  private paper(id: string): Paper {
    const paper = this.deps.core.getPaper(id);
    if (!paper) throw new PaperbotError('internal', `paper ${id} vanished from the index`);
    return paper;
  }

  private detail(id: string): PaperDetail {
    const detail = this.deps.core.show(id).paper;
    if (!detail) throw new PaperbotError('internal', `paper ${id} is not in the index`);
    return detail;
  }
}
