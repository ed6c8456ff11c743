/** The contract between the `add` and `remove` commands and the service that keeps the list. */
import type { PaperDetail, Suggestion } from '../results.js';

/** Who changes the list, for the log and the database. */
export interface Actor {
  platform: 'console' | 'discord' | 'slack';
  userId?: string;
  channelId?: string;
}

export interface ListChange {
  action: 'added' | 'already_listed' | 'removed';
  /** One sentence saying what happened, naming the paper. */
  message: string;
  /** The paper as it is listed (added, already there) or as it was (removed). */
  paper: PaperDetail;
}

export interface PaperListService {
  /** Fetches an arXiv paper by id or link, stores it and indexes it at once. */
  add(reference: string, actor: Actor): Promise<ListChange>;
  /** Takes a paper added from chat off the list; papers from corpus files or feeds stay. */
  remove(reference: string, actor: Actor): Promise<ListChange>;
  /** Papers added from chat whose title or id matches what was typed, for autocomplete. */
  suggest(prefix: string): Suggestion[];
}
