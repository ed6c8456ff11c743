/**
 * What a conversation is about, shared by every replica: each answer paperbot gave in it (a Slack
 * thread or DM, a Discord message answered with a Follow-up button) is a turn holding its question
 * and the ids of the papers it was about. A follow-up, on any replica or after a restart, reads the
 * turns back. Turns are kept a week, then swept.
 */
import type { SqlClient } from './sql.js';

export const CONVERSATION_TTL_MS = 7 * 24 * 60 * 60_000;
/** Expired turns are swept at most this often. */
const SWEEP_EVERY_MS = 60 * 60_000;
/** A follow-up weighs the papers of this many answers before it at most. */
const MAX_TURNS = 20;

export interface ConversationTurn {
  question: string;
  /** The papers the answer was about, its own order. */
  papers: readonly string[];
}

export interface ConversationContext {
  /** The papers of the answers before, latest answer first, each once. */
  papers: string[];
  /** The latest answer's question. */
  question?: string;
}

export class Conversations {
  private lastSweep = 0;

  constructor(private readonly sql: SqlClient) {}

  async remember(conversation: string, turn: ConversationTurn, now: Date = new Date()): Promise<void> {
    const at = now.getTime();
    if (at - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = at;
      await this.sql.run('DELETE FROM conversation_turns WHERE expires_at <= $1', [at]);
    }
    await this.sql.run('INSERT INTO conversation_turns (conversation, question, paper_ids, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      conversation,
      turn.question,
      JSON.stringify(turn.papers),
      at,
      at + CONVERSATION_TTL_MS,
    ]);
  }

  /**
   * The conversation so far: the papers of every answer, or of the latest `turns` answers that had
   * any (`turns: 1`: the previous answer's); and the latest answer's question.
   */
  async context(conversation: string, options: { turns?: number } = {}, now: Date = new Date()): Promise<ConversationContext> {
    const rows = await this.sql.all<{ question: string; paper_ids: string }>(
      `SELECT question, paper_ids FROM conversation_turns WHERE conversation = $1 AND expires_at > $2
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [conversation, now.getTime(), MAX_TURNS],
    );
    const papers = new Set<string>();
    let turns = 0;
    for (const row of rows) {
      const ids = parseIds(row.paper_ids);
      if (ids.length === 0) continue;
      if (turns++ === (options.turns ?? MAX_TURNS)) break;
      for (const id of ids) papers.add(id);
    }
    const latest = rows[0];
    return { papers: [...papers], ...(latest ? { question: latest.question } : {}) };
  }
}

function parseIds(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
