/**
 * A local stand-in for Slack, for tests and the benchmark: a Web API on 127.0.0.1 that records every
 * call and refuses Block Kit payloads over Slack's documented limits (checked here on the wire,
 * independently of the adapter's renderer), response_url endpoints, a Socket Mode WebSocket, and
 * helpers that sign Events API, slash-command and interactivity requests like Slack does.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_BOT_USER_ID = 'U0PAPERBOT';
export const FAKE_BOT_ID = 'B0PAPERBOT';
export const FAKE_TEAM_ID = 'T0TEAM';
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEST_BOT_TOKEN = 'xoxb-test-0000-secret-bot-token';
export const TEST_APP_TOKEN = 'xapp-test-0000-secret-app-token';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response` for a response_url post. */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  args: Record<string, unknown>;
  at: number;
  /** Why the fake refused the call (`invalid_blocks: …`), if it did. */
  rejected?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  bot_id: string;
  user: string;
}

// ------------------------------------------------------------------------------------------------
// Block Kit validation, written from Slack's reference (docs.slack.dev/reference/block-kit) and kept
// separate from adapters/slack/render.ts on purpose: the wire check must not share the renderer's bugs.

const WIRE_LIMITS = {
  blocks: 50,
  headerText: 150,
  textObject: 3000,
  sectionFields: 10,
  sectionField: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  id: 255,
  /** Not documented; bolt-js#2509 saw `msg_blocks_too_long` from about 13k characters of blocks. */
  totalBlocks: 13_000,
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.text === 'string' ? value.text : undefined;
}

function checkText(where: string, value: unknown, max: number, problems: string[], plainOnly = false): void {
  if (!isObject(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn')) {
    problems.push(`${where}: not a text object`);
    return;
  }
  if (plainOnly && value.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
  const text = textOf(value) ?? '';
  if (text.length === 0) problems.push(`${where}: empty text`);
  if (text.length > max) problems.push(`${where}: ${text.length} > ${max} characters`);
}

function checkElement(where: string, element: unknown, problems: string[], actionIds: Set<string>): void {
  if (!isObject(element)) return void problems.push(`${where}: not an object`);
  if (typeof element.action_id === 'string') {
    if (element.action_id.length > WIRE_LIMITS.id) problems.push(`${where}: action_id > ${WIRE_LIMITS.id}`);
    if (actionIds.has(element.action_id)) problems.push(`${where}: duplicate action_id ${element.action_id}`);
    actionIds.add(element.action_id);
  }
  if (element.type !== 'button') return;
  checkText(`${where}.text`, element.text, WIRE_LIMITS.buttonText, problems, true);
  if (typeof element.value === 'string' && element.value.length > WIRE_LIMITS.buttonValue) problems.push(`${where}: value > ${WIRE_LIMITS.buttonValue}`);
  if (typeof element.url === 'string' && element.url.length > WIRE_LIMITS.buttonUrl) problems.push(`${where}: url > ${WIRE_LIMITS.buttonUrl}`);
}

/** Every documented limit the payload breaks; empty when Slack would take it. */
export function blockKitViolations(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks: not an array'];
  const problems: string[] = [];
  if (blocks.length > WIRE_LIMITS.blocks) problems.push(`blocks: ${blocks.length} > ${WIRE_LIMITS.blocks}`);
  const actionIds = new Set<string>();
  blocks.forEach((block: unknown, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(block)) return void problems.push(`${at}: not an object`);
    if (typeof block.block_id === 'string' && block.block_id.length > WIRE_LIMITS.id) problems.push(`${at}: block_id > ${WIRE_LIMITS.id}`);
    switch (block.type) {
      case 'header':
        checkText(`${at}.text`, block.text, WIRE_LIMITS.headerText, problems, true);
        break;
      case 'section': {
        if (block.text === undefined && block.fields === undefined) problems.push(`${at}: needs text or fields`);
        if (block.text !== undefined) checkText(`${at}.text`, block.text, WIRE_LIMITS.textObject, problems);
        const fields = Array.isArray(block.fields) ? block.fields : [];
        if (fields.length > WIRE_LIMITS.sectionFields) problems.push(`${at}.fields: ${fields.length} > ${WIRE_LIMITS.sectionFields}`);
        fields.forEach((f: unknown, j) => checkText(`${at}.fields[${j}]`, f, WIRE_LIMITS.sectionField, problems));
        if (block.accessory !== undefined) checkElement(`${at}.accessory`, block.accessory, problems, actionIds);
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > WIRE_LIMITS.contextElements) problems.push(`${at}.elements: ${elements.length} not in 1..${WIRE_LIMITS.contextElements}`);
        elements.forEach((e: unknown, j) => checkText(`${at}.elements[${j}]`, e, WIRE_LIMITS.textObject, problems));
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > WIRE_LIMITS.actionsElements) problems.push(`${at}.elements: ${elements.length} not in 1..${WIRE_LIMITS.actionsElements}`);
        elements.forEach((e: unknown, j) => checkElement(`${at}.elements[${j}]`, e, problems, actionIds));
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at}: unexpected block type ${String(block.type)}`);
    }
  });
  const total = JSON.stringify(blocks).length;
  if (total > WIRE_LIMITS.totalBlocks) problems.push(`msg_blocks_too_long: ${total} > ${WIRE_LIMITS.totalBlocks}`);
  return problems;
}

// ------------------------------------------------------------------------------------------------
// The fake server

export interface FakeSlack {
  /** Base URL for SLACK_API_URL / WebClient `slackApiUrl` (ends with `/api/`). */
  apiUrl: string;
  origin: string;
  calls: RecordedCall[];
  /** Accepted calls to one Web API method. */
  callsTo(method: string): RecordedCall[];
  /** Messages accepted by chat.postMessage, in order. */
  posted(): StoredMessage[];
  /** Accepted response_url posts. */
  responses(): RecordedCall[];
  /** A fresh response_url on this fake. */
  responseUrl(): string;
  /** From now on every call naming this channel fails with `error` (`is_archived`, `channel_not_found`…). */
  failChannel(channelId: string, error?: string): void;
  /** From now on calls to this Web API method are answered only after `ms` (a slow platform). */
  slowDown(method: string, ms: number): void;
  /** From now on chat.postMessage with blocks to this channel fails with `invalid_blocks` (text alone passes). */
  refuseBlocks(channelId: string): void;
  /** Resolves with the predicate's first truthy value, or rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Socket Mode: resolves once Bolt has connected and received `hello`. */
  socketConnected(timeoutMs?: number): Promise<void>;
  /** Socket Mode: sends an envelope and resolves with Bolt's ack. */
  pushEnvelope(type: 'events_api' | 'slash_commands' | 'interactive', payload: Json, timeoutMs?: number): Promise<Json>;
  stop(): Promise<void>;
}

function parseBody(headers: IncomingHttpHeaders, raw: string): Json {
  const type = headers['content-type'] ?? '';
  if (type.includes('application/json')) return raw ? (JSON.parse(raw) as Json) : {};
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // WebClient sends object arguments (blocks, metadata) as JSON strings in the form.
    args[key] = (key === 'blocks' || key === 'metadata' || key === 'attachments') && value ? (JSON.parse(value) as unknown) : value;
  }
  return args;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  /** auth.test answers `ok:false` with this error (`invalid_auth`): a revoked or mistyped token. */
  authError?: string;
  /** Users that users.info reports as workspace admins (default `U0ADMIN`). */
  admins?: string[];
  /** The bot token's scopes, as auth.test reports them in `x-oauth-scopes` (default: the manifest's). */
  scopes?: string[];
  /** apps.connections.open answers `ok:false` with this error (`invalid_auth`): a revoked app token. */
  appTokenError?: string;
}

/** The bot scopes slack/manifest.*.json ask for. */
export const MANIFEST_SCOPES = [
  'app_mentions:read',
  'chat:write',
  'commands',
  'im:history',
  'im:read',
  'im:write',
  'reactions:write',
  'channels:history',
  'groups:history',
  'users:read',
];

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? FAKE_BOT_USER_ID;
  const botId = options.botId ?? FAKE_BOT_ID;
  const calls: RecordedCall[] = [];
  const messages: StoredMessage[] = [];
  const failing = new Map<string, string>();
  const refusingBlocks = new Set<string>();
  const slow = new Map<string, number>();
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (ack: Json) => void>();
  let seq = 0;
  let responseSeq = 0;
  let helloSent: () => void = () => undefined;
  let connected = new Promise<void>((resolve) => (helloSent = resolve));

  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;

  function handleApi(method: string, call: RecordedCall): [number, Json, Record<string, string>?] {
    const { args } = call;
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    const failure = channel ? failing.get(channel) : undefined;
    if (failure) return [200, { ok: false, error: failure }];
    switch (method) {
      case 'auth.test':
        if (options.authError) return [200, { ok: false, error: options.authError }];
        return [
          200,
          { ok: true, url: 'https://fake.slack.test/', team: 'Fake Team', user: 'paperbot', team_id: FAKE_TEAM_ID, user_id: botUserId, bot_id: botId },
          { 'x-oauth-scopes': (options.scopes ?? MANIFEST_SCOPES).join(',') },
        ];
      case 'apps.connections.open':
        if (options.appTokenError) return [200, { ok: false, error: options.appTokenError }];
        // Slack takes only an app-level token here.
        if (!String(call.headers.authorization ?? '').startsWith('Bearer xapp-')) return [200, { ok: false, error: 'not_allowed_token_type' }];
        return [200, { ok: true, url: `ws://127.0.0.1:${port}/link` }];
      case 'chat.postMessage': {
        const problems = blockKitViolations(args.blocks);
        if (channel && refusingBlocks.has(channel) && args.blocks !== undefined) problems.push('blocks refused in this channel');
        if (typeof args.text !== 'string' && args.blocks === undefined) problems.push('no_text');
        if (problems.length > 0) {
          call.rejected = problems.join('; ');
          const tooLong = problems.some((p) => p.startsWith('msg_blocks_too_long'));
          return [200, { ok: false, error: tooLong ? 'msg_blocks_too_long' : 'invalid_blocks', errors: problems }];
        }
        const message: StoredMessage = {
          channel: channel ?? '',
          ts: nextTs(),
          ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
          ...(typeof args.text === 'string' ? { text: args.text } : {}),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
          ...(isObject(args.metadata) ? { metadata: args.metadata as StoredMessage['metadata'] } : {}),
          bot_id: botId,
          user: botUserId,
        };
        messages.push(message);
        return [200, { ok: true, channel: message.channel, ts: message.ts, message }];
      }
      case 'users.info': {
        const user = typeof args.user === 'string' ? args.user : '';
        return [200, { ok: true, user: { id: user, name: user.toLowerCase(), is_admin: (options.admins ?? ['U0ADMIN']).includes(user), is_owner: false, is_bot: false } }];
      }
      case 'chat.postEphemeral': {
        const problems = blockKitViolations(args.blocks);
        if (typeof args.user !== 'string') problems.push('user_not_specified');
        if (problems.length > 0) {
          call.rejected = problems.join('; ');
          return [200, { ok: false, error: 'invalid_blocks', errors: problems }];
        }
        return [200, { ok: true, message_ts: nextTs() }];
      }
      case 'chat.update':
        return [200, { ok: true, channel, ts: args.ts }];
      case 'reactions.add':
      case 'reactions.remove':
        return [200, { ok: true }];
      case 'conversations.history': {
        const withMetadata = args.include_all_metadata === 'true' || args.include_all_metadata === true;
        const history = messages
          .filter((m) => m.channel === channel)
          .reverse()
          .map(({ metadata, ...rest }) => ({ type: 'message', ...rest, ...(withMetadata && metadata ? { metadata } : {}) }));
        return [200, { ok: true, messages: history, has_more: false }];
      }
      default:
        call.rejected = 'unknown_method';
        return [200, { ok: false, error: 'unknown_method' }];
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const args = parseBody(req.headers, raw);
      if (url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        const call: RecordedCall = { method, path: url.pathname, headers: req.headers, args, at: performance.now() };
        calls.push(call);
        const delay = slow.get(method);
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        const [status, body, headers] = handleApi(method, call);
        return send(res, status, body, headers);
      }
      if (url.pathname.startsWith('/response/')) {
        const call: RecordedCall = { method: 'response', path: url.pathname, headers: req.headers, args, at: performance.now() };
        calls.push(call);
        const problems = blockKitViolations(args.blocks);
        if (problems.length > 0) {
          call.rejected = problems.join('; ');
          return send(res, 400, { ok: false, error: 'invalid_blocks' });
        }
        return send(res, 200, { ok: true });
      }
      send(res, 404, { ok: false, error: 'not_found' });
    })().catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Json;
        const id = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
        if (id) acks.get(id)?.(message);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0PAPERBOT' } }));
      helloSent();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  async function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`fake slack: condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  return {
    apiUrl: `${origin}/api/`,
    origin,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method && !c.rejected),
    posted: () => [...messages],
    responses: () => calls.filter((c) => c.method === 'response' && !c.rejected),
    responseUrl: () => `${origin}/response/${++responseSeq}`,
    failChannel: (channelId, error = 'is_archived') => void failing.set(channelId, error),
    refuseBlocks: (channelId) => void refusingBlocks.add(channelId),
    slowDown: (method, ms) => void slow.set(method, ms),
    waitFor,
    async socketConnected(timeoutMs = 5_000) {
      await Promise.race([
        connected,
        new Promise((_, reject) => setTimeout(() => reject(new Error('fake slack: no socket mode connection')), timeoutMs)),
      ]);
    },
    pushEnvelope(type, payload, timeoutMs = 5_000) {
      const envelopeId = `env-${++seq}`;
      const [socket] = sockets;
      if (!socket) return Promise.reject(new Error('fake slack: no socket mode client connected'));
      return new Promise<Json>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake slack: envelope ${envelopeId} not acked`)), timeoutMs);
        acks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
      });
    },
    async stop() {
      // Bolt's stop() does not wait for its socket to close; give it a moment before cutting it.
      const deadline = Date.now() + 500;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      for (const socket of sockets) socket.terminate();
      connected = new Promise<void>((resolve) => (helloSent = resolve));
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Signed requests, as Slack sends them

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Overrides the computed signature (bad-signature tests). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackResponse {
  status: number;
  body: string;
}

export async function postSigned(url: string, body: string, contentType: string, options: SignOptions = {}): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    // Bolt matches the content type exactly; real Slack sends it bare, without a charset.
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, body: await response.text() };
}

let eventSeq = 0;

export function eventEnvelope(event: Json, eventId = `Ev${Date.now()}${++eventSeq}`): Json {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    api_app_id: 'A0PAPERBOT',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
  };
}

let tsSeq = 0;
/** A message timestamp as Slack writes them. */
export function messageTs(): string {
  return `${Math.floor(Date.now() / 1000)}.${String(++tsSeq).padStart(6, '0')}`;
}

export function mentionEvent(text: string, fields: Json = {}): Json {
  const ts = messageTs();
  return {
    type: 'app_mention',
    user: 'U0ALICE',
    text: `<@${FAKE_BOT_USER_ID}> ${text}`,
    ts,
    event_ts: ts,
    channel: 'C0GENERAL',
    ...fields,
  };
}

export function dmEvent(text: string, fields: Json = {}): Json {
  const ts = messageTs();
  return { type: 'message', channel_type: 'im', user: 'U0ALICE', text, ts, event_ts: ts, channel: 'D0ALICE', ...fields };
}

export function sendEvent(appUrl: string, envelope: Json, options: SignOptions = {}): Promise<SlackResponse> {
  return postSigned(appUrl, JSON.stringify(envelope), 'application/json', options);
}

export function sendSlashCommand(appUrl: string, fields: Record<string, string>, options: SignOptions = {}): Promise<SlackResponse> {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    team_domain: 'fake',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/paper',
    api_app_id: 'A0PAPERBOT',
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
  return postSigned(appUrl, body, 'application/x-www-form-urlencoded', options);
}

export function sendInteraction(appUrl: string, payload: Json, options: SignOptions = {}): Promise<SlackResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(appUrl, body, 'application/x-www-form-urlencoded', options);
}

/** A `block_actions` payload for a click on `button` inside a message the bot posted. */
export function buttonClick(message: StoredMessage, button: Json, responseUrl: string): Json {
  return {
    type: 'block_actions',
    team: { id: FAKE_TEAM_ID, domain: 'fake' },
    user: { id: 'U0ALICE', username: 'alice', team_id: FAKE_TEAM_ID },
    api_app_id: 'A0PAPERBOT',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: '1.2.3',
    channel: { id: message.channel, name: 'general' },
    message: { type: 'message', ts: message.ts, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}), text: message.text, blocks: message.blocks, bot_id: message.bot_id, user: message.user },
    response_url: responseUrl,
    actions: [{ ...button, block_id: 'b1', action_ts: String(Date.now() / 1000), type: 'button' }],
  };
}
