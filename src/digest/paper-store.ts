/** Papers fetched from feeds, kept so they are back in the index after a restart. */
import { paperSchema, type Paper } from '../model/paper.js';
import type { Db } from './db.js';

export class PaperStore {
  constructor(private readonly db: Db) {}

  /** Inserts or refreshes (e.g. upvotes grew); returns the papers that were not stored before. */
  save(papers: Paper[], source: string, now: Date): Paper[] {
    const exists = this.db.prepare<[string], { id: string }>('SELECT id FROM papers WHERE id = ?');
    const upsert = this.db.prepare(
      `INSERT INTO papers (id, paper, source, fetched_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET paper = excluded.paper, source = excluded.source, fetched_at = excluded.fetched_at`,
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

  /** Every stored paper that still matches the paper schema; `invalid` counts the rest, which are left out. */
  all(): { papers: Paper[]; invalid: number } {
    const rows = this.db.prepare<[], { paper: string }>('SELECT paper FROM papers ORDER BY id').all();
    const papers: Paper[] = [];
    let invalid = 0;
    for (const row of rows) {
      const parsed = paperSchema.safeParse(safeJson(row.paper));
      if (parsed.success) papers.push(parsed.data);
      else invalid++;
    }
    return { papers, invalid };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
