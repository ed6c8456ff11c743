/**
 * Papers kept in the database so they are back in the index after a restart: those fetched from
 * feeds, and those added from chat (`source` 'chat', with who added them). The one place that reads
 * and writes the `papers` table.
 */
import { paperSchema, type Paper } from '../model/paper.js';
import type { Db } from './db.js';

export const CHAT_SOURCE = 'chat';

export interface ChatPaper {
  paper: Paper;
  /** "discord:123…", "slack:U0…", "console". */
  addedBy: string | null;
  addedAt: Date;
}

export class PaperStore {
  constructor(private readonly db: Db) {}

  /**
   * Inserts or refreshes feed papers (e.g. upvotes grew); returns the papers that were not stored
   * before. A paper someone added from chat stays a chat paper when a feed brings it again.
   */
  save(papers: Paper[], source: string, now: Date): Paper[] {
    const exists = this.db.prepare<[string], { id: string }>('SELECT id FROM papers WHERE id = ?');
    const upsert = this.db.prepare(
      `INSERT INTO papers (id, paper, source, fetched_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET paper = excluded.paper, fetched_at = excluded.fetched_at,
         source = CASE WHEN papers.source = '${CHAT_SOURCE}' THEN papers.source ELSE excluded.source END`,
    );
    return this.db
      .transaction(() => {
        const added: Paper[] = [];
        for (const paper of papers) {
          if (!exists.get(paper.id)) added.push(paper);
          upsert.run(paper.id, JSON.stringify(paper), source, now.getTime());
        }
        return added;
      })
      .immediate();
  }

  /** Every stored feed paper that still matches the paper schema; `invalid` counts the rest, which are left out. */
  feedPapers(): { papers: Paper[]; invalid: number } {
    const rows = this.db.prepare<[string], { paper: string }>('SELECT paper FROM papers WHERE source <> ? ORDER BY id').all(CHAT_SOURCE);
    return validRows(rows, (paper) => paper);
  }

  /** Papers added from chat, oldest first. */
  chatPapers(): { papers: ChatPaper[]; invalid: number } {
    const rows = this.db
      .prepare<[string], { paper: string; added_by: string | null; fetched_at: number }>(
        'SELECT paper, added_by, fetched_at FROM papers WHERE source = ? ORDER BY fetched_at, id',
      )
      .all(CHAT_SOURCE);
    return validRows(rows, (paper, row) => ({ paper, addedBy: row.added_by, addedAt: new Date(row.fetched_at) }));
  }

  /** Stores a paper added from chat; false when a paper with its id is already stored (from chat or a feed). */
  addChatPaper(paper: Paper, addedBy: string, now: Date): boolean {
    const result = this.db
      .prepare('INSERT INTO papers (id, paper, source, fetched_at, added_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(paper.id, JSON.stringify(paper), CHAT_SOURCE, now.getTime(), addedBy);
    return result.changes === 1;
  }

  /** Deletes a paper added from chat; false when there was none with that id (feed papers are not touched). */
  removeChatPaper(id: string): boolean {
    return this.db.prepare('DELETE FROM papers WHERE id = ? AND source = ?').run(id, CHAT_SOURCE).changes === 1;
  }
}

function validRows<R extends { paper: string }, T>(rows: R[], map: (paper: Paper, row: R) => T): { papers: T[]; invalid: number } {
  const papers: T[] = [];
  let invalid = 0;
  for (const row of rows) {
    const parsed = paperSchema.safeParse(safeJson(row.paper));
    if (parsed.success) papers.push(map(parsed.data, row));
    else invalid++;
  }
  return { papers, invalid };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
