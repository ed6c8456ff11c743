/**
 * Papers kept in the database so they are back in the index after a restart and reach every
 * replica: fetched from feeds, or added from chat. Each keeps its `source` ("hf-daily 2026-03-30",
 * "arxiv cat:cs.LG", a chat command's) and who added it. Every change takes the next `revision`
 * (writers are serialised, so revisions appear in order), which is how a replica asks what changed
 * since it last looked. A removed paper stays as a row marked removed, so replicas learn of it too.
 * A listed paper is never taken over: a feed bringing a chat paper again refreshes it but leaves it a
 * chat paper (still chat's to remove), and adding a listed paper from chat changes nothing.
 */
import { paperSchema, type Paper } from '../model/paper.js';
import type { SqlClient, SqlRunner } from './sql.js';

/** The source of papers added from chat. */
export const CHAT_SOURCE = 'chat';

export interface StoredPaper {
  paper: Paper;
  source: string;
  /** Who added it from chat ("discord:1234…", "slack:U0…"); absent for feed papers. */
  addedBy?: string;
  /** When it was last fetched or added. */
  savedAt: Date;
}

export interface PaperChanges {
  /** New or changed papers, to add to (or replace in) the index, with their source. */
  papers: StoredPaper[];
  /** Ids removed since, to take out of the index. */
  removed: string[];
  /** Pass this back to `changesSince` next time. */
  revision: number;
  /** Stored papers that no longer match the paper schema; they are left out. */
  invalid: number;
}

interface Row {
  id: string;
  paper: string;
  source: string;
  added_by: string | null;
  fetched_at: number;
  removed_at: number | null;
  revision: number;
}

function parse(text: string): Paper | undefined {
  try {
    const parsed = paperSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class PaperStore {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Inserts papers or refreshes them (e.g. upvotes grew); an unchanged paper is left as it is.
   * Returns the papers that were not listed before (new, or removed earlier): from chat, an empty
   * answer means someone listed the paper first.
   */
  save(papers: Paper[], source: string, now: Date, addedBy?: string): Promise<Paper[]> {
    return this.sql.transaction(async (tx) => {
      let revision = await this.latestRevision(tx);
      const added: Paper[] = [];
      for (const paper of papers) {
        const json = JSON.stringify(paper);
        const existing = await tx.get<Pick<Row, 'paper' | 'source' | 'removed_at'>>('SELECT paper, source, removed_at FROM papers WHERE id = $1', [paper.id]);
        const listed = existing !== undefined && existing.removed_at === null;
        if (listed && source === CHAT_SOURCE) continue;
        const kept = listed && existing.source === CHAT_SOURCE ? CHAT_SOURCE : source;
        if (listed && existing.paper === json && existing.source === kept) continue;
        if (!listed) added.push(paper);
        revision++;
        await tx.run(
          `INSERT INTO papers (id, paper, source, fetched_at, revision, added_by, removed_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)
           ON CONFLICT (id) DO UPDATE SET paper = excluded.paper, source = excluded.source, fetched_at = excluded.fetched_at,
             revision = excluded.revision, removed_at = NULL,
             added_by = CASE WHEN papers.removed_at IS NULL THEN papers.added_by ELSE excluded.added_by END`,
          [paper.id, json, kept, now.getTime(), revision, addedBy ?? null],
        );
      }
      return added;
    }, { lock: 'papers' });
  }

  /** Takes a paper off the list; false when it was not listed. */
  remove(id: string, now: Date): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const revision = (await this.latestRevision(tx)) + 1;
      const changed = await tx.run('UPDATE papers SET removed_at = $1, revision = $2 WHERE id = $3 AND removed_at IS NULL', [now.getTime(), revision, id]);
      return changed > 0;
    }, { lock: 'papers' });
  }

  async get(id: string): Promise<StoredPaper | undefined> {
    const row = await this.sql.get<Row>('SELECT * FROM papers WHERE id = $1 AND removed_at IS NULL', [id]);
    return row ? this.stored(row) : undefined;
  }

  /** Every listed paper with its source, oldest first; `invalid` counts rows that no longer validate. */
  async list(): Promise<{ papers: StoredPaper[]; invalid: number }> {
    const rows = await this.sql.all<Row>('SELECT * FROM papers WHERE removed_at IS NULL ORDER BY revision, id');
    const papers: StoredPaper[] = [];
    for (const row of rows) {
      const stored = this.stored(row);
      if (stored) papers.push(stored);
    }
    return { papers, invalid: rows.length - papers.length };
  }

  /** What changed after `revision` (0: everything listed). */
  async changesSince(revision: number): Promise<PaperChanges> {
    const rows = await this.sql.all<Row>('SELECT * FROM papers WHERE revision > $1 ORDER BY revision', [revision]);
    const changes: PaperChanges = { papers: [], removed: [], revision, invalid: 0 };
    for (const row of rows) {
      changes.revision = Math.max(changes.revision, row.revision);
      if (row.removed_at !== null) {
        if (revision > 0) changes.removed.push(row.id);
        continue;
      }
      const stored = this.stored(row);
      if (stored) changes.papers.push(stored);
      else changes.invalid++;
    }
    return changes;
  }

  private async latestRevision(tx: SqlRunner): Promise<number> {
    const row = await tx.get<{ revision: number | null }>('SELECT MAX(revision) AS revision FROM papers');
    return Number(row?.revision ?? 0);
  }

  private stored(row: Row): StoredPaper | undefined {
    const paper = parse(row.paper);
    if (!paper) return undefined;
    return { paper, source: row.source, ...(row.added_by ? { addedBy: row.added_by } : {}), savedAt: new Date(row.fetched_at) };
  }
}
