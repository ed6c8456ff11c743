/**
 * The list as people grow it from chat: `add` fetches a paper from the arXiv API, stores it and
 * indexes it at once; `remove` takes a paper someone added back off (papers from corpus files and
 * feeds are not chat's to remove). Stored papers are what counts: `sync` follows additions and
 * removals made by another process (the CLI, another replica) on the same database.
 */
import os from 'node:os';
import type { ArxivClient } from '../arxiv/client.js';
import type { PaperCore } from '../core.js';
import type { PaperStore } from '../digest/paper-store.js';
import { PaperbotError } from '../errors.js';
import { parseArxivId, titleKey } from '../ingest/ids.js';
import type { Logger } from '../log.js';
import type { Paper } from '../model/paper.js';
import type { PaperDetail, Suggestion } from '../results.js';
import type { Actor, ListChange, PaperListService } from './types.js';

const ACCEPTED =
  'expected an arXiv id or link such as 2503.19267, arXiv:2503.19267v2, cs/0112017, https://arxiv.org/abs/2503.19267 or https://huggingface.co/papers/2503.19267';
const MAX_SUGGESTIONS = 25;

export interface PaperListDeps {
  core: PaperCore;
  store: PaperStore;
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

export class PaperList implements PaperListService {
  /** Ids this process put into the index from the store. */
  private readonly listed = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly deps: PaperListDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Brings the index in line with the stored chat papers; returns what changed. */
  sync(): { added: number; removed: number } {
    const { papers, invalid } = this.deps.store.chatPapers();
    if (invalid > 0) this.deps.logger.warn({ invalid }, 'list: stored chat papers that no longer validate were left out');
    const stored = new Set(papers.map((p) => p.paper.id));
    const fresh = papers.filter((p) => !this.listed.has(p.paper.id)).map((p) => p.paper);
    if (fresh.length > 0) this.deps.core.addPapers(fresh, 'chat');
    for (const paper of fresh) this.listed.add(paper.id);
    let removed = 0;
    for (const id of [...this.listed]) {
      if (stored.has(id)) continue;
      this.deps.core.removePapers([id]);
      this.listed.delete(id);
      removed++;
    }
    return { added: fresh.length, removed };
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

    const paper: Paper = { ...found.paper, source: 'chat' };
    const by = actorName(actor);
    if (!this.deps.store.addChatPaper(paper, by, this.now())) {
      // Stored meanwhile, by someone else or another process.
      this.sync();
      return this.alreadyListed(this.deps.core.getPaper(id) ?? paper);
    }
    this.deps.core.addPapers([paper], 'chat');
    this.listed.add(id);
    this.deps.logger.info({ action: 'add', id, title: paper.title, by, channel: actor.channelId }, 'list: paper added');
    return { action: 'added', message: `Added ${quoted(paper)} (${id}) to the list.`, paper: this.detail(id) };
  }

  remove(reference: string, actor: Actor): ListChange {
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
    this.deps.store.removeChatPaper(paper.id);
    this.deps.core.removePapers([paper.id]);
    this.listed.delete(paper.id);
    const by = actorName(actor);
    this.deps.logger.info({ action: 'remove', id: paper.id, title: paper.title, by, channel: actor.channelId }, 'list: paper removed');
    return { action: 'removed', message: `Removed ${quoted(paper)} (${paper.id}) from the list.`, paper: detail };
  }

  suggest(prefix: string): Suggestion[] {
    const typed = titleKey(prefix);
    const words = prefix.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return this.deps.core
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
