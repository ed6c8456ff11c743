/**
 * The Slack adapter: Bolt in Socket Mode when SLACK_APP_TOKEN is set (no public URL needed), else
 * HTTP mode on PORT, verifying every request with SLACK_SIGNING_SECRET (Bolt serves events, commands
 * and interactions on /slack/events and rejects timestamps older than five minutes).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, webApi, type CustomRoute } from '@slack/bolt';
import { ConversationMemory } from '../conversation.js';
import { InFlight } from '../in-flight.js';
import type { AdapterDeps, AdapterHealth, RunningAdapter } from '../types.js';
import { PaperbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { boltLogger } from './bolt-logger.js';
import { registerHandlers } from './handlers.js';
import { SlackDigestPoster, type BotIdentity } from './poster.js';
import { PROGRESS_DELAY_MS } from './progress.js';
import { RecentKeys } from './recent.js';
import { describeSlackError, slackErrorCode } from './slack-errors.js';

export interface SlackAdapterOptions {
  /**
   * Web API retries after a network error or 5xx. Production retries a few times within seconds (a
   * chat answer minutes late is worse than an error in the log); tests pass 0.
   */
  retries?: number;
  /** How long an answer may take before the question gets an hourglass reaction; 0 always shows it. */
  progressDelayMs?: number;
  /** HTTP mode: the interface to listen on (default: all). */
  host?: string;
  /**
   * HTTP mode: more routes on the same server as /slack/events (the operations endpoints), and a
   * step to run just before it listens (closing the server that served them until then).
   */
  http?: { routes: CustomRoute[]; beforeListen?: () => Promise<void> };
}

export interface RunningSlack extends RunningAdapter {
  name: 'slack';
  poster: SlackDigestPoster;
  mode: 'socket' | 'http';
  /** HTTP mode: the port actually listened on (PORT=0 picks a free one). */
  port?: number;
  identity: BotIdentity;
}

const API_TIMEOUT_MS = 10_000;
const PROD_RETRIES = 3;

function clientOptions(apiUrl: string | undefined, retries: number, logger: Logger): webApi.WebClientOptions {
  return {
    // WebClient joins method names onto this base, so it must end with a slash.
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: API_TIMEOUT_MS,
    logger: boltLogger(logger),
  };
}

/**
 * Checks the bot token once at start-up and learns the bot's own ids, so a bad token is a clear
 * start-up error and Bolt never needs its own auth.test.
 */
async function identify(token: string, options: webApi.WebClientOptions): Promise<BotIdentity & { team?: string }> {
  const client = new webApi.WebClient(token, options);
  let response: webApi.AuthTestResponse;
  try {
    response = await client.auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    const reason = code
      ? `Slack rejected SLACK_BOT_TOKEN (${code}); copy the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page`
      : `could not reach the Slack API at ${options.slackApiUrl ?? 'https://slack.com/api/'}: ${describeSlackError(error)}`;
    throw new PaperbotError('config_error', `slack: ${reason}`, { variable: 'SLACK_BOT_TOKEN' });
  }
  if (!response.user_id || !response.bot_id) {
    throw new PaperbotError('config_error', 'slack: SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot_id); use the xoxb-… token', {
      variable: 'SLACK_BOT_TOKEN',
    });
  }
  return { botId: response.bot_id, botUserId: response.user_id, team: response.team };
}

export async function startSlack(deps: AdapterDeps, options: SlackAdapterOptions = {}): Promise<RunningSlack> {
  const { env } = deps.config;
  const logger = deps.logger.child({ adapter: 'slack' });
  const token = env.SLACK_BOT_TOKEN;
  if (!token) throw new PaperbotError('config_error', 'slack: SLACK_BOT_TOKEN is not set', { variable: 'SLACK_BOT_TOKEN' });
  const socketMode = env.SLACK_APP_TOKEN !== undefined;
  if (!socketMode && !env.SLACK_SIGNING_SECRET) {
    throw new PaperbotError(
      'config_error',
      'slack: set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode on PORT) besides SLACK_BOT_TOKEN',
      { variable: 'SLACK_SIGNING_SECRET' },
    );
  }

  const webOptions = clientOptions(env.SLACK_API_URL, options.retries ?? PROD_RETRIES, logger);
  const identity = await identify(token, webOptions);
  const common = {
    token,
    botId: identity.botId,
    botUserId: identity.botUserId,
    clientOptions: webOptions,
    logger: boltLogger(logger),
  };
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: env.SLACK_APP_TOKEN ?? '',
        logger: common.logger,
        // Socket Mode's own WebClient (apps.connections.open) reads its options from here.
        installerOptions: { clientOptions: webOptions },
      })
    : undefined;
  const app = receiver
    ? new App({ ...common, socketMode: true, receiver })
    : new App({ ...common, signingSecret: env.SLACK_SIGNING_SECRET, customRoutes: options.http?.routes ?? [] });

  // The Socket Mode client reconnects by itself; readiness follows its state.
  let socketState = 'connecting';
  for (const state of ['connecting', 'connected', 'reconnecting', 'disconnecting', 'disconnected']) {
    receiver?.client.on(state, () => {
      socketState = state;
    });
  }

  const work = deps.work ?? new InFlight();
  // Every listener runs inside this, so shutdown can wait for the answers it accepted.
  app.use(async ({ next }) => {
    await work.track(next);
  });

  registerHandlers(app, {
    core: deps.core,
    logger,
    subscriptions: deps.subscriptions,
    list: deps.list,
    answerer: deps.answerer,
    subscriptionAdmins: new Set(env.SLACK_SUBSCRIPTION_ADMINS),
    identity: { botId: identity.botId, botUserId: identity.botUserId },
    progressDelayMs: options.progressDelayMs ?? PROGRESS_DELAY_MS,
    recent: new RecentKeys(),
    metrics: deps.metrics,
    ...(deps.handledEvents ? { handledEvents: deps.handledEvents } : {}),
    ...(deps.conversations ? { conversations: new ConversationMemory(deps.conversations, logger) } : {}),
  });

  let port: number | undefined;
  let server: Server | undefined;
  if (socketMode) {
    await app.start();
  } else {
    await options.http?.beforeListen?.();
    server = (await app.start({ port: env.PORT, ...(options.host ? { host: options.host } : {}) })) as Server;
    port = (server.address() as AddressInfo).port;
  }
  logger.info({ mode: socketMode ? 'socket' : 'http', port, team: identity.team, botUserId: identity.botUserId }, 'slack: ready');
  // Closing the socket or the listener stops new events; the Web API client keeps working for the
  // answers under way. Over HTTP, Slack retries what it could not deliver.
  let receiving: Promise<void> | undefined;
  const stopReceiving = (): Promise<void> => {
    work.close();
    receiving ??= app.stop().then(() => logger.info('slack: no longer receiving events'));
    return receiving;
  };

  return {
    name: 'slack',
    mode: socketMode ? 'socket' : 'http',
    port,
    identity: { botId: identity.botId, botUserId: identity.botUserId },
    poster: new SlackDigestPoster(app.client, identity, logger),
    health(): AdapterHealth {
      if (server) return server.listening ? { ready: true, detail: `listening on port ${port}` } : { ready: false, detail: 'HTTP server closed' };
      return { ready: socketState === 'connected', detail: `socket ${socketState}` };
    },
    stopReceiving,
    async stop() {
      await stopReceiving();
      logger.info('slack: stopped');
    },
  };
}
