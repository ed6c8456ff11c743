/**
 * The chat adapters' side of conversations: what a follow-up is asked with (the papers of the answers
 * before it), and what each answer leaves for the next one. The turns live in the database, so any
 * replica, or this one after a restart, answers a follow-up. A database that does not answer costs
 * the follow-up its context, never its answer.
 */
import { answerPapers, type CommandResult } from '../commands/index.js';
import type { Logger } from '../src/log.js';
import type { ConversationContext, Conversations } from '../src/storage/conversations.js';

export type ConversationStore = Pick<Conversations, 'remember' | 'context'>;

/** The most papers a follow-up is asked with. */
const MAX_CONTEXT = 10;

export class ConversationMemory {
  constructor(
    private readonly store: ConversationStore,
    private readonly logger: Logger,
  ) {}

  /** The conversation so far (every answer's papers, or the latest answer's with `turns: 1`); empty when it cannot be read. */
  async context(conversation: string, options: { turns?: number } = {}): Promise<ConversationContext> {
    try {
      const context = await this.store.context(conversation, options);
      return { ...context, papers: context.papers.slice(0, MAX_CONTEXT) };
    } catch (error) {
      this.logger.warn({ conversation, err: error instanceof Error ? error.message : String(error) }, 'conversation: could not read it; answering without context');
      return { papers: [] };
    }
  }

  /**
   * Records an answer as the conversation's latest turn: its question (for "Ask [n]" buttons), its
   * papers, then those of the turns it followed (`before`, for a conversation that is one message
   * long). Anything but an answer leaves the conversation as it was.
   */
  async remember(conversation: string, result: CommandResult, before: readonly string[] = []): Promise<void> {
    if (result.kind !== 'answer') return;
    const papers = [...new Set([...answerPapers(result), ...before])].slice(0, MAX_CONTEXT);
    try {
      await this.store.remember(conversation, { question: result.result.question, papers });
    } catch (error) {
      this.logger.warn({ conversation, err: error instanceof Error ? error.message : String(error) }, 'conversation: could not record the answer; a follow-up to it starts afresh');
    }
  }
}
