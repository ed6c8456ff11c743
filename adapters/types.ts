/** What the composition root hands every chat adapter, and what it gets back. */
import type { Config } from '../src/config.js';
import type { PaperCore } from '../src/core.js';
import type { DigestPoster, SubscriptionService } from '../src/digest/types.js';
import type { PaperListService } from '../src/list/types.js';
import type { ModelAnswerer } from '../src/llm/answerer.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { HandledEvents } from '../src/storage/events.js';
import type { ConversationStore } from './conversation.js';
import type { InFlight } from './in-flight.js';

export interface AdapterDeps {
  config: Config;
  core: PaperCore;
  logger: Logger;
  /** Present when the highlights scheduler runs (a database is configured). */
  subscriptions?: SubscriptionService;
  /** Present when the database for papers added from chat is open (`add`, `remove`). */
  list?: PaperListService;
  /** Events handled by any replica on the shared database: a redelivery is answered once. */
  handledEvents?: Pick<HandledEvents, 'claim'>;
  /** Each answer's question and papers, on the shared database: follow-ups are answered with them. Without it, no follow-ups. */
  conversations?: ConversationStore;
  /** Present when a model is configured (LLM_*). */
  answerer?: ModelAnswerer;
  /** Where commands are counted and timed; nowhere when absent. */
  metrics?: Metrics;
  /** Every request an adapter accepts runs through it, so shutdown can wait for the answers. */
  work?: InFlight;
}

/** Whether an adapter can take requests now (for `/readyz`), and if not, why. */
export interface AdapterHealth {
  ready: boolean;
  detail: string;
}

export interface RunningAdapter {
  name: 'discord' | 'slack';
  /** Chat adapters post daily highlights through this. */
  poster?: DigestPoster;
  health(): AdapterHealth;
  /**
   * Shutdown, first step: take no new requests (close the socket or listener, or turn requests
   * away), while the answers already accepted can still be delivered.
   */
  stopReceiving(): Promise<void>;
  /** Shutdown, last step: close every connection. */
  stop(): Promise<void>;
}
