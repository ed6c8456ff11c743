/**
 * A local fake of Discord (REST under /api/v10 + a gateway WebSocket) for running the real discord.js
 * offline. It records every request and, like Discord, answers 400 "Invalid Form Body" to any payload
 * over a documented limit. Its checks are written from the API docs, independently of the adapter's
 * renderer, so the renderer cannot pass by agreeing with itself.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_APP_ID = '100000000000000001';
export const FAKE_BOT_ID = '100000000000000002';
export const FAKE_GUILD_ID = '100000000000000003';
export const FAKE_CHANNEL_ID = '100000000000000004';
export const FAKE_USER_ID = '100000000000000005';
/** A second server and its channel, on shard 1 of 2 (shard 0 holds FAKE_GUILD_ID): for sharding tests. */
export const FAKE_GUILD_2_ID = '100000000004194307';
export const FAKE_CHANNEL_2_ID = '100000000000000006';

export interface FakeGuild {
  id: string;
  channelId: string;
}

export interface FakeDiscordOptions {
  /** What GET /gateway/bot recommends; connections identify with `shard: [id, count]` and get their guilds only. */
  shards?: number;
  /** session_start_limit.max_concurrency: identifies allowed per 5 s. */
  maxConcurrency?: number;
  /** The servers the bot is in; default: one, FAKE_GUILD_ID with FAKE_CHANNEL_ID. */
  guilds?: FakeGuild[];
  /** When set, bot-authenticated requests with another token get 401, like a reset or mistyped token. */
  token?: string;
  /** The application's flags (`GET /applications/@me`, READY): which privileged intents are enabled. */
  applicationFlags?: number;
  /** The interval HELLO asks for (Discord's is 41.25 s); short, a test sees heartbeats flow. */
  heartbeatMs?: number;
}

type ResolvedOptions = Required<Pick<FakeDiscordOptions, 'shards' | 'maxConcurrency' | 'guilds' | 'heartbeatMs'>> & Pick<FakeDiscordOptions, 'token' | 'applicationFlags'>;

/** Discord's rule: a guild's events go to shard (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Discord's permission bits used by the fakes (strings, as on the wire). */
/** Gateway intent bits the fake honours when dispatching messages. */
export const INTENTS = { guilds: 1, guildMessages: 1 << 9, messageContent: 1 << 15 } as const;

export const PERMISSIONS = {
  /** View Channel + Send Messages + Read Message History. */
  member: String((1n << 10n) | (1n << 11n) | (1n << 16n)),
  /** Also Manage Channels. */
  manager: String((1n << 4n) | (1n << 10n) | (1n << 11n) | (1n << 16n)),
};

export interface RecordedRequest {
  method: string;
  /** Decoded path without the `/api/v10` prefix and the query: `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  status: number;
  /** Why the fake rejected the request (400), like Discord's `errors` object, flattened. */
  problems: string[];
  at: number;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  author: { id: string; username: string; discriminator: string; bot?: boolean; global_name: string | null; avatar: null };
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: unknown[];
  mentions: unknown[];
  mention_roles: string[];
  mention_everyone: boolean;
  pinned: boolean;
  tts: boolean;
  timestamp: string;
  edited_timestamp: string | null;
  type: number;
  flags: number;
  nonce?: string;
  webhook_id?: string;
  message_reference?: unknown;
  referenced_message?: FakeMessage;
}

export interface InteractionCallback {
  type: number;
  data?: Record<string, unknown>;
}

export interface SentInteraction {
  id: string;
  token: string;
  /** Dispatched at (performance.now()). */
  at: number;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

/** Application flags for the privileged intents (Developer Portal → Bot → Privileged Gateway Intents). */
export const APPLICATION_FLAGS = { messageContent: 1 << 18, messageContentLimited: 1 << 19 } as const;

let snowflake = 200_000_000_000_000_000n;
function nextId(): string {
  snowflake += 1n;
  return String(snowflake);
}

const DISCORD_EPOCH = 1_420_070_400_000n;
function idAt(ms: number): string {
  snowflake += 1n;
  return String(((BigInt(ms) - DISCORD_EPOCH) << 22n) | (snowflake & 0xfffn));
}

function user(id: string, username: string, bot = false): FakeMessage['author'] {
  return { id, username, discriminator: '0', global_name: username, avatar: null, ...(bot ? { bot: true } : {}) };
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Gateway IDENTIFY payloads and the query strings of gateway connections. */
  readonly identifies: Array<Record<string, unknown>> = [];
  readonly connectQueries: URLSearchParams[] = [];
  /** Interaction callbacks by interaction id, in order. */
  readonly callbacks = new Map<string, InteractionCallback[]>();
  /** Every message by channel, oldest first (bot posts, interaction replies and injected user messages). */
  private readonly channels = new Map<string, FakeMessage[]>();
  private readonly unavailable = new Map<string, { status: number; code: number; message: string }>();
  private readonly commands = new Map<string, unknown[]>();
  private readonly originals = new Map<string, FakeMessage>();
  private readonly interactionChannels = new Map<string, string>();
  private readonly sockets = new Set<WebSocket>();
  /** The intents each connection identified with: dispatches honour them as Discord does. */
  private readonly socketIntents = new Map<WebSocket, number>();
  /** The [shard, count] each connection identified as. */
  private readonly socketShards = new Map<WebSocket, [number, number]>();
  private readonly waiters = new Set<Waiter>();
  private readonly delays: Array<{ matches: (request: RecordedRequest) => boolean; ms: number }> = [];
  private sequence = 0;

  /** When each gateway heartbeat (op 1) arrived (performance.now()). */
  readonly heartbeats: number[] = [];

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
    private readonly options: ResolvedOptions,
  ) {}

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = http.createServer();
    const wss = new WebSocketServer({ noServer: true });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new FakeDiscord(server, wss, (server.address() as AddressInfo).port, {
      ...options,
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      guilds: options.guilds ?? [{ id: FAKE_GUILD_ID, channelId: FAKE_CHANNEL_ID }],
      heartbeatMs: options.heartbeatMs ?? 41_250,
    });
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => fake.accept(ws, req));
    });
    return fake;
  }

  /** What `DISCORD_API_URL` / `rest.api` should be: discord.js appends `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Requests the fake answered with a 400 (payload over a limit) or a 404 (route it does not serve). */
  get rejected(): RecordedRequest[] {
    return this.requests.filter((r) => r.status === 400 || (r.status === 404 && r.problems.length > 0));
  }

  /** Every request whose body is a message the bot sends (channel posts, replies, edits, follow-ups). */
  get messagePayloads(): Array<Record<string, unknown>> {
    const payloads: Array<Record<string, unknown>> = [];
    for (const request of this.requests) {
      const body = request.body as Record<string, unknown> | undefined;
      if (!body) continue;
      if (request.path.startsWith('/interactions/')) {
        const callback = body as unknown as InteractionCallback;
        if ((callback.type === 4 || callback.type === 7) && callback.data) payloads.push(callback.data);
      } else if (
        (request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path)) ||
        (request.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(request.path)) ||
        (request.method === 'PATCH' && request.path.includes('/messages/'))
      ) {
        payloads.push(body);
      }
    }
    return payloads;
  }

  /** Messages in a channel, oldest first. */
  channelMessages(channelId: string = FAKE_CHANNEL_ID): FakeMessage[] {
    return [...(this.channels.get(channelId) ?? [])];
  }

  /**
   * From now on, requests that `matches` are held `ms` before they are answered (a slow platform).
   * They are recorded, and `waitFor` sees them, as soon as they arrive.
   */
  slowDown(matches: (request: RecordedRequest) => boolean, ms: number): void {
    this.delays.push({ matches, ms });
  }

  /** Makes a channel answer like Discord does once the bot lost it: 403 Missing Access or 404 Unknown Channel. */
  makeChannelUnavailable(channelId: string, status: 403 | 404 = 403): void {
    this.unavailable.set(
      channelId,
      status === 403 ? { status, code: 50001, message: 'Missing Access' } : { status, code: 10003, message: 'Unknown Channel' },
    );
  }

  /** Puts a message into a channel as if someone posted it (not dispatched on the gateway). */
  seedMessage(channelId: string, message: Partial<FakeMessage> & { author?: FakeMessage['author'] }): FakeMessage {
    const stored = this.message(channelId, message.author ?? user(FAKE_USER_ID, 'someone'), message);
    this.store(channelId, stored);
    return stored;
  }

  /** Registered commands as the last PUT left them (`global` or a guild id). */
  registered(scope: string = 'global'): unknown[] | undefined {
    return this.commands.get(scope);
  }

  /** The last message an interaction's `@original` was set to (editReply), or its type 4 reply. */
  original(token: string): FakeMessage | undefined {
    return this.originals.get(token);
  }

  callbacksOf(interactionId: string): InteractionCallback[] {
    return this.callbacks.get(interactionId) ?? [];
  }

  /** Resolves when `check` holds (evaluated after every request and gateway frame); rejects after `ms`. */
  waitFor(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake discord: timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.waiters.add(waiter);
    });
  }

  /** Waits for the PATCH that edits an interaction's `@original` (what `editReply` sends). */
  async waitForEdit(token: string, ms = 5_000): Promise<RecordedRequest> {
    const find = () => this.requests.find((r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`));
    await this.waitFor(() => find() !== undefined, ms, `editReply of ${token}`);
    return find() as RecordedRequest;
  }

  /** Waits until the adapter has answered an interaction with a callback of one of `types`. */
  async waitForCallback(interactionId: string, types: number[], ms = 5_000): Promise<InteractionCallback> {
    const find = () => this.callbacksOf(interactionId).find((c) => types.includes(c.type));
    await this.waitFor(() => find() !== undefined, ms, `callback ${types.join('/')} for ${interactionId}`);
    return find() as InteractionCallback;
  }

  /** Dispatches a `/paper <subcommand>` chat-input interaction. */
  sendCommand(
    subcommand: string,
    options: Record<string, string | number> = {},
    extra: { permissions?: string; guild?: boolean; channelId?: string; guildId?: string } = {},
  ): SentInteraction {
    const typed = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value }));
    return this.sendInteraction(
      2,
      { id: '300000000000000001', name: 'paper', type: 1, options: [{ name: subcommand, type: 1, options: typed }] },
      extra,
    );
  }

  /** Dispatches an autocomplete interaction for `/paper <subcommand>` with `option` focused. */
  sendAutocomplete(subcommand: string, option: string, value: string): SentInteraction {
    return this.sendInteraction(2 + 2, {
      id: '300000000000000001',
      name: 'paper',
      type: 1,
      options: [{ name: subcommand, type: 1, options: [{ name: option, type: 3, value, focused: true }] }],
    });
  }

  /** Dispatches a button click on `message` (a message the bot sent, as the fake stored it). */
  sendButton(customId: string, message: FakeMessage): SentInteraction {
    return this.sendInteraction(3, { custom_id: customId, component_type: 2 }, { message, channelId: message.channel_id });
  }

  /**
   * Dispatches the submit of a modal (interaction type 5), as Discord sends it for a modal opened
   * from a button on `message`: each text input inside a label component (type 18), by custom id.
   */
  sendModalSubmit(customId: string, values: Record<string, string>, message: FakeMessage): SentInteraction {
    const components = Object.entries(values).map(([id, value], i) => ({ type: 18, id: i + 1, component: { type: 4, id: i + 10, custom_id: id, value } }));
    return this.sendInteraction(5, { custom_id: customId, components }, { message, channelId: message.channel_id });
  }

  /**
   * Dispatches MESSAGE_CREATE from a user in a server channel; `mentionBot` puts `<@bot>` in front and
   * in `mentions`. Like Discord, only connections with the GuildMessages intent receive it, and its
   * content is blanked unless the connection has MessageContent or the message mentions the bot.
   * `withholdContent` blanks it regardless, as Discord may (e.g. a mention it does not count as one).
   */
  sendUserMessage(
    text: string,
    options: { mentionBot?: boolean; channelId?: string; withholdContent?: boolean; replyTo?: FakeMessage } = {},
  ): FakeMessage {
    const channelId = options.channelId ?? FAKE_CHANNEL_ID;
    const author = user(FAKE_USER_ID, 'reader');
    const content = options.mentionBot ? `<@${FAKE_BOT_ID}> ${text}` : text;
    // A reply (type 19) names the message it answers and carries a copy of it, as Discord sends them.
    const reply = options.replyTo
      ? { type: 19, message_reference: { type: 0, message_id: options.replyTo.id, channel_id: channelId, guild_id: FAKE_GUILD_ID }, referenced_message: options.replyTo }
      : {};
    const message = this.message(channelId, author, { content, ...reply });
    if (options.mentionBot) message.mentions = [user(FAKE_BOT_ID, 'paperbot', true)];
    this.store(channelId, message);
    const event = { ...message, guild_id: FAKE_GUILD_ID, member: this.member(PERMISSIONS.member) };
    const withheld = { ...event, content: '', embeds: [], attachments: [], components: [] };
    this.dispatch('MESSAGE_CREATE', FAKE_GUILD_ID, (intents) => {
      if ((intents & INTENTS.guildMessages) === 0) return undefined;
      const readable = !options.withholdContent && (options.mentionBot === true || (intents & INTENTS.messageContent) !== 0);
      return readable ? event : withheld;
    });
    return message;
  }

  /** Cuts every gateway connection, as a network failure would; discord.js then tries to resume. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private sendInteraction(
    type: number,
    data: Record<string, unknown>,
    extra: { permissions?: string; guild?: boolean; channelId?: string; guildId?: string; message?: FakeMessage } = {},
  ): SentInteraction {
    const id = nextId();
    const token = `tok-${id}`;
    const guildId = extra.guildId ?? FAKE_GUILD_ID;
    const channelId = extra.channelId ?? this.options.guilds.find((g) => g.id === guildId)?.channelId ?? FAKE_CHANNEL_ID;
    const inGuild = extra.guild ?? true;
    this.interactionChannels.set(token, channelId);
    if (extra.message) this.originals.set(token, extra.message);
    const at = performance.now();
    // DMs go to shard 0, as on Discord.
    this.dispatch('INTERACTION_CREATE', inGuild ? guildId : undefined, {
      id,
      token,
      application_id: FAKE_APP_ID,
      type,
      data,
      version: 1,
      locale: 'en-US',
      app_permissions: PERMISSIONS.member,
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: inGuild ? 0 : 1,
      channel_id: channelId,
      channel: { id: channelId, type: inGuild ? 0 : 1 },
      ...(inGuild
        ? { guild_id: guildId, guild_locale: 'en-US', member: this.member(extra.permissions ?? PERMISSIONS.member) }
        : { user: user(FAKE_USER_ID, 'reader') }),
      ...(extra.message ? { message: extra.message } : {}),
    });
    return { id, token, at };
  }

  private member(permissions: string): Record<string, unknown> {
    return {
      user: user(FAKE_USER_ID, 'reader'),
      roles: [],
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      permissions,
    };
  }

  private message(channelId: string, author: FakeMessage['author'], fields: Partial<FakeMessage>): FakeMessage {
    return {
      id: idAt(Date.now()),
      channel_id: channelId,
      author,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      type: 0,
      flags: 0,
      ...fields,
    };
  }

  private store(channelId: string, message: FakeMessage): void {
    const list = this.channels.get(channelId) ?? [];
    const at = list.findIndex((m) => m.id === message.id);
    if (at >= 0) list[at] = message;
    else list.push(message);
    this.channels.set(channelId, list);
  }

  /**
   * Sends an event to every identified connection of the shard that holds `guildId` (shard 0 when
   * there is none); `data` may depend on the connection's intents (undefined: not sent).
   */
  private dispatch(
    event: string,
    guildId: string | undefined,
    data: Record<string, unknown> | ((intents: number) => Record<string, unknown> | undefined),
  ): void {
    this.sequence += 1;
    for (const socket of this.sockets) {
      const [shard, count] = this.socketShards.get(socket) ?? [0, 1];
      if (shard !== (guildId ? shardOf(guildId, count) : 0)) continue;
      const d = typeof data === 'function' ? data(this.socketIntents.get(socket) ?? 0) : data;
      if (d !== undefined) socket.send(JSON.stringify({ op: 0, t: event, s: this.sequence, d }));
    }
  }

  private settle(): void {
    for (const waiter of this.waiters) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private accept(ws: WebSocket, req: http.IncomingMessage): void {
    this.sockets.add(ws);
    this.connectQueries.push(new URL(req.url ?? '/', 'http://x').searchParams);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.socketIntents.delete(ws);
      this.socketShards.delete(ws);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatMs }, s: null, t: null }));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (frame.op === 1) {
        this.heartbeats.push(performance.now());
        ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      }
      if (frame.op === 2) {
        this.identifies.push(frame.d);
        this.socketIntents.set(ws, Number(frame.d.intents ?? 0));
        const [shard, count] = Array.isArray(frame.d.shard) ? (frame.d.shard as [number, number]) : [0, 1];
        this.socketShards.set(ws, [shard, count]);
        const guilds = this.options.guilds.filter((g) => shardOf(g.id, count) === shard);
        this.sequence += 1;
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: this.sequence,
            d: {
              v: 10,
              user: { ...user(FAKE_BOT_ID, 'paperbot', true), verified: true, mfa_enabled: false, flags: 0 },
              guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
              session_id: 'fake-session',
              resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
              shard: [shard, count],
              application: { id: FAKE_APP_ID, flags: this.options.applicationFlags ?? 0 },
            },
          }),
        );
        for (const guild of guilds) {
          this.sequence += 1;
          ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: this.sequence, d: this.guild(guild) }));
        }
      }
      this.settle();
    });
  }

  private guild({ id, channelId }: FakeGuild): Record<string, unknown> {
    return {
      id,
      name: 'Paper club',
      icon: null,
      owner_id: FAKE_USER_ID,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: '2024-01-01T00:00:00.000Z',
      features: [],
      premium_tier: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      preferred_locale: 'en-US',
      roles: [
        {
          id,
          name: '@everyone',
          permissions: PERMISSIONS.member,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      channels: [
        { id: channelId, type: 0, name: 'papers', guild_id: id, position: 0, permission_overwrites: [], parent_id: null },
      ],
      members: [],
      threads: [],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const body: unknown = raw && String(req.headers['content-type']).includes('json') ? JSON.parse(raw) : undefined;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 200,
      problems: [],
      at: performance.now(),
    };
    this.requests.push(record);
    this.settle();
    const delay = this.delays.find((d) => d.matches(record));
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const reply = (status: number, json?: unknown) => {
      record.status = status;
      res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
      res.end(json === undefined ? undefined : JSON.stringify(json));
      this.settle();
    };
    const invalid = (problems: string[]) => {
      record.problems = problems;
      reply(400, { code: 50035, message: 'Invalid Form Body', errors: Object.fromEntries(problems.map((p, i) => [i, p])) });
    };
    const auth = req.headers.authorization;
    if (this.options.token !== undefined && auth !== undefined && auth !== `Bot ${this.options.token}`) {
      record.problems = ['401: Unauthorized'];
      reply(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    const route = this.route(record, reply, invalid);
    if (!route) {
      record.problems = [`no route ${record.method} ${path}`];
      reply(404, { message: '404: Not Found', code: 0 });
    }
  }

  /** Returns false when no route matched. */
  private route(
    request: RecordedRequest,
    reply: (status: number, json?: unknown) => void,
    invalid: (problems: string[]) => void,
  ): boolean {
    const { method, path } = request;
    const body = request.body as Record<string, unknown> | undefined;
    let match: RegExpMatchArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      reply(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.options.shards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.options.maxConcurrency },
      });
      return true;
    }

    if (method === 'GET' && path === '/users/@me') {
      reply(200, { ...user(FAKE_BOT_ID, 'paperbot', true), verified: true, mfa_enabled: false, flags: 0 });
      return true;
    }

    if (method === 'GET' && path === '/applications/@me') {
      reply(200, {
        id: FAKE_APP_ID,
        name: 'paperbot',
        description: '',
        icon: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: 'fake',
        flags: this.options.applicationFlags ?? 0,
        bot: { ...user(FAKE_BOT_ID, 'paperbot', true) },
      });
      return true;
    }

    if ((match = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const scope = match[2] ?? 'global';
      if (method === 'GET') {
        reply(200, this.commands.get(scope) ?? []);
        return true;
      }
      if (method === 'PUT') {
        const problems = Array.isArray(body) ? validateCommands(body) : ['body: expected an array of commands'];
        if (problems.length > 0) return invalid(problems), true;
        const stored = (body as unknown as Array<Record<string, unknown>>).map((command) => ({
          ...command,
          id: nextId(),
          application_id: match?.[1],
          version: nextId(),
          ...(scope === 'global' ? {} : { guild_id: scope }),
        }));
        this.commands.set(scope, stored);
        reply(200, stored);
        return true;
      }
    }

    if (method === 'POST' && (match = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const [, id = '', token = ''] = match;
      const callback = body as unknown as InteractionCallback;
      const problems = validateCallback(callback);
      if (problems.length > 0) return invalid(problems), true;
      const list = this.callbacks.get(id) ?? [];
      if (list.length > 0) {
        request.problems = ['interaction has already been acknowledged'];
        reply(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
        return true;
      }
      list.push(callback);
      this.callbacks.set(id, list);
      // A deferred reply (5) makes a message of its own, even for a click on another message, whose
      // original a deferred update (6) edits.
      if (callback.type === 5) this.originals.delete(token);
      if (callback.type === 4 && callback.data) this.setOriginal(token, callback.data);
      if (callback.type === 7 && callback.data) this.setOriginal(token, callback.data);
      reply(204);
      return true;
    }

    if ((match = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/))) {
      const token = match[2] ?? '';
      if (method === 'PATCH') {
        const problems = validateMessage(body ?? {}, 'edit');
        if (problems.length > 0) return invalid(problems), true;
        reply(200, this.setOriginal(token, body ?? {}));
        return true;
      }
      if (method === 'DELETE') {
        this.originals.delete(token);
        reply(204);
        return true;
      }
      if (method === 'GET') {
        const original = this.originals.get(token);
        if (original) reply(200, original);
        else reply(404, { message: 'Unknown Message', code: 10008 });
        return true;
      }
    }

    if (method === 'POST' && (match = path.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      const problems = validateMessage(body ?? {});
      if (problems.length > 0) return invalid(problems), true;
      const channelId = this.interactionChannels.get(match[2] ?? '') ?? FAKE_CHANNEL_ID;
      const message = this.fromPayload(channelId, body ?? {});
      message.webhook_id = FAKE_APP_ID;
      this.store(channelId, message);
      reply(200, message);
      return true;
    }

    if ((match = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const channelId = match[1] ?? '';
      const gone = this.unavailable.get(channelId);
      if (gone) {
        reply(gone.status, { message: gone.message, code: gone.code });
        return true;
      }
      if (method === 'GET') {
        const limit = Math.min(100, Number(request.query.get('limit') ?? 50));
        // Discord does not store nonces: fetched messages never carry one.
        const newestFirst = this.channelMessages(channelId).reverse().slice(0, limit);
        reply(200, newestFirst.map(({ nonce: _nonce, ...message }) => message));
        return true;
      }
      if (method === 'POST') {
        const problems = validateMessage(body ?? {});
        if (problems.length > 0) return invalid(problems), true;
        const nonce = body?.nonce === undefined ? undefined : String(body.nonce);
        if (nonce && body?.enforce_nonce === true) {
          const earlier = this.channelMessages(channelId).find((m) => m.nonce === nonce && m.author.id === FAKE_BOT_ID);
          if (earlier) {
            reply(200, earlier);
            return true;
          }
        }
        const message = this.fromPayload(channelId, body ?? {});
        if (nonce) message.nonce = nonce;
        this.store(channelId, message);
        reply(200, message);
        return true;
      }
    }
    return false;
  }

  private setOriginal(token: string, payload: Record<string, unknown>): FakeMessage {
    const channelId = this.interactionChannels.get(token) ?? FAKE_CHANNEL_ID;
    const previous = this.originals.get(token);
    const message = this.fromPayload(channelId, payload, previous);
    message.webhook_id = FAKE_APP_ID;
    this.originals.set(token, message);
    this.store(channelId, message);
    return message;
  }

  private fromPayload(channelId: string, payload: Record<string, unknown>, previous?: FakeMessage): FakeMessage {
    const base = previous ?? this.message(channelId, user(FAKE_BOT_ID, 'paperbot', true), {});
    return {
      ...base,
      content: typeof payload.content === 'string' ? payload.content : base.content,
      embeds: Array.isArray(payload.embeds) ? payload.embeds : base.embeds,
      components: Array.isArray(payload.components) ? payload.components : base.components,
      flags: typeof payload.flags === 'number' ? payload.flags : base.flags,
      ...(payload.message_reference ? { message_reference: payload.message_reference } : {}),
      ...(previous ? { edited_timestamp: new Date().toISOString() } : {}),
    };
  }
}

// ---- Discord's documented limits, checked on the wire -------------------------------------------

/** Discord counts characters (code points), not UTF-16 units. */
function chars(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function hasLoneSurrogate(value: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}

/**
 * A message body as Create Message, Edit Webhook Message or an interaction callback's data takes it.
 * An edit may leave fields out; a new message must show something.
 */
export function validateMessage(body: Record<string, unknown>, kind: 'create' | 'edit' = 'create'): string[] {
  const problems: string[] = [];
  const content = body.content;
  if (content !== undefined && content !== null) {
    if (typeof content !== 'string') problems.push('content: must be a string');
    else {
      if (chars(content) > 2000) problems.push(`content: must be 2000 or fewer in length (got ${chars(content)})`);
      if (hasLoneSurrogate(content)) problems.push('content: invalid unicode');
    }
  }
  const embeds = body.embeds;
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) problems.push('embeds: must be an array');
    else {
      if (embeds.length > 10) problems.push(`embeds: must be 10 or fewer in length (got ${embeds.length})`);
      let total = 0;
      embeds.forEach((embed: Record<string, unknown>, i: number) => {
        total += validateEmbed(embed, `embeds.${i}`, problems);
      });
      if (total > 6000) problems.push(`embeds: embed size exceeds maximum size of 6000 (got ${total})`);
    }
  }
  if (body.components !== undefined && body.components !== null) validateComponents(body.components, problems);
  if (body.nonce !== undefined) {
    if (chars(body.nonce) > 25) problems.push('nonce: must be 25 or fewer in length');
  }
  const mentions = body.allowed_mentions as { parse?: unknown; users?: unknown[]; roles?: unknown[] } | undefined;
  if (mentions !== undefined) {
    if (Array.isArray(mentions.parse) && mentions.parse.some((p) => !['users', 'roles', 'everyone'].includes(String(p)))) {
      problems.push('allowed_mentions.parse: invalid value');
    }
    if ((mentions.users?.length ?? 0) > 100 || (mentions.roles?.length ?? 0) > 100) {
      problems.push('allowed_mentions: at most 100 ids');
    }
  }
  const empty =
    (typeof content !== 'string' || content.length === 0) &&
    (!Array.isArray(embeds) || embeds.length === 0) &&
    (!Array.isArray(body.components) || body.components.length === 0);
  if (empty && kind === 'create') problems.push('Cannot send an empty message (50006)');
  return problems;
}

/** Returns the embed's size as Discord sums it for the 6000 limit. */
function validateEmbed(embed: Record<string, unknown>, at: string, problems: string[]): number {
  const limit = (field: string, value: unknown, max: number) => {
    if (value === undefined || value === null) return 0;
    if (typeof value !== 'string') problems.push(`${at}.${field}: must be a string`);
    const n = chars(value);
    if (n > max) problems.push(`${at}.${field}: must be ${max} or fewer in length (got ${n})`);
    if (typeof value === 'string' && hasLoneSurrogate(value)) problems.push(`${at}.${field}: invalid unicode`);
    return n;
  };
  let size = limit('title', embed.title, 256) + limit('description', embed.description, 4096);
  const footer = embed.footer as { text?: unknown } | undefined;
  if (footer) {
    if (chars(footer.text) === 0) problems.push(`${at}.footer.text: required`);
    size += limit('footer.text', footer.text, 2048);
  }
  const author = embed.author as { name?: unknown; url?: unknown } | undefined;
  if (author) {
    if (chars(author.name) === 0) problems.push(`${at}.author.name: required`);
    size += limit('author.name', author.name, 256);
    if (author.url !== undefined && !isHttpUrl(author.url)) problems.push(`${at}.author.url: not a well formed URL`);
  }
  if (embed.url !== undefined && !isHttpUrl(embed.url)) problems.push(`${at}.url: not a well formed URL`);
  const fields = embed.fields;
  if (fields !== undefined) {
    if (!Array.isArray(fields)) problems.push(`${at}.fields: must be an array`);
    else {
      if (fields.length > 25) problems.push(`${at}.fields: must be 25 or fewer in length`);
      fields.forEach((field: { name?: unknown; value?: unknown }, i: number) => {
        if (chars(field.name) === 0) problems.push(`${at}.fields.${i}.name: required`);
        if (chars(field.value) === 0) problems.push(`${at}.fields.${i}.value: required`);
        size += limit(`fields.${i}.name`, field.name, 256) + limit(`fields.${i}.value`, field.value, 1024);
      });
    }
  }
  return size;
}

function validateComponents(components: unknown, problems: string[]): void {
  if (!Array.isArray(components)) return void problems.push('components: must be an array');
  if (components.length > 5) problems.push(`components: must be 5 or fewer in length (got ${components.length})`);
  const ids = new Set<string>();
  components.forEach((row: { type?: unknown; components?: unknown }, r: number) => {
    if (row.type !== 1) problems.push(`components.${r}.type: expected an action row (1)`);
    const buttons = row.components;
    if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 5) {
      problems.push(`components.${r}.components: must hold 1 to 5 components`);
      return;
    }
    buttons.forEach((button: Record<string, unknown>, b: number) => {
      const at = `components.${r}.components.${b}`;
      if (button.type !== 2) return void problems.push(`${at}.type: only buttons are expected`);
      if (button.label !== undefined && chars(button.label) > 80) problems.push(`${at}.label: must be 80 or fewer in length`);
      if (button.label === undefined && button.emoji === undefined) problems.push(`${at}: a button needs a label or an emoji`);
      if (typeof button.label === 'string' && hasLoneSurrogate(button.label)) problems.push(`${at}.label: invalid unicode`);
      if (button.style === 5) {
        if (!isHttpUrl(button.url) || chars(button.url) > 512) problems.push(`${at}.url: not a well formed URL (max 512)`);
        if (button.custom_id !== undefined) problems.push(`${at}.custom_id: a link button cannot have one`);
      } else {
        const id = button.custom_id;
        if (typeof id !== 'string' || chars(id) < 1 || chars(id) > 100) problems.push(`${at}.custom_id: must be 1 to 100 long`);
        else if (ids.has(id)) problems.push(`${at}.custom_id: component custom id cannot be duplicated`);
        else ids.add(id);
        if (button.url !== undefined) problems.push(`${at}.url: only link buttons have a url`);
      }
    });
  });
}

function validateCallback(callback: InteractionCallback | undefined): string[] {
  if (!callback || typeof callback.type !== 'number') return ['type: required'];
  if (callback.type === 8) {
    const choices = callback.data?.choices;
    if (!Array.isArray(choices)) return ['data.choices: required'];
    const problems: string[] = [];
    if (choices.length > 25) problems.push(`data.choices: must be 25 or fewer in length (got ${choices.length})`);
    choices.forEach((choice: { name?: unknown; value?: unknown }, i: number) => {
      const n = chars(choice.name);
      if (n < 1 || n > 100) problems.push(`data.choices.${i}.name: must be between 1 and 100 in length (got ${n})`);
      if (typeof choice.value === 'string' && chars(choice.value) > 100) problems.push(`data.choices.${i}.value: too long`);
    });
    return problems;
  }
  if ((callback.type === 4 || callback.type === 7) && callback.data) return validateMessage(callback.data);
  if (callback.type === 9) return validateModal(callback.data ?? {});
  return [];
}

/**
 * A modal (callback type 9): custom id 1-100, title 1-45, 1-5 components, each a label (type 18,
 * label 1-45) holding a text input, or a legacy action row of one text input with its own label.
 */
function validateModal(modal: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const length = (at: string, value: unknown, min: number, max: number) => {
    const n = chars(value);
    if (typeof value !== 'string' || n < min || n > max) problems.push(`${at}: must be ${min} to ${max} long (got ${n})`);
  };
  length('data.custom_id', modal.custom_id, 1, 100);
  length('data.title', modal.title, 1, 45);
  const components = Array.isArray(modal.components) ? (modal.components as Array<Record<string, unknown>>) : [];
  if (components.length < 1 || components.length > 5) problems.push(`data.components: must hold 1 to 5 components (got ${components.length})`);
  components.forEach((component, i) => {
    const at = `data.components.${i}`;
    const input = (component.type === 18 ? component.component : (component.components as unknown[] | undefined)?.[0]) as Record<string, unknown> | undefined;
    if (component.type === 18) length(`${at}.label`, component.label, 1, 45);
    else if (component.type === 1) length(`${at}.components.0.label`, input?.label, 1, 45);
    else return void problems.push(`${at}.type: expected a label (18) or an action row (1)`);
    if (input?.type !== 4) return void problems.push(`${at}: expected a text input (4)`);
    length(`${at}.custom_id`, input.custom_id, 1, 100);
    if (input.style !== 1 && input.style !== 2) problems.push(`${at}.style: must be 1 (short) or 2 (paragraph)`);
    if (input.max_length !== undefined && (Number(input.max_length) < 1 || Number(input.max_length) > 4000)) problems.push(`${at}.max_length: must be 1 to 4000`);
    if (input.placeholder !== undefined) length(`${at}.placeholder`, input.placeholder, 0, 100);
  });
  return problems;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

function validateCommands(commands: unknown[]): string[] {
  const problems: string[] = [];
  commands.forEach((command, i) => validateCommandOption(command as Record<string, unknown>, `${i}`, problems, 0));
  return problems;
}

function validateCommandOption(option: Record<string, unknown>, at: string, problems: string[], depth: number): void {
  const name = String(option.name ?? '');
  if (!COMMAND_NAME.test(name) || name !== name.toLowerCase()) problems.push(`${at}.name: invalid command name "${name}"`);
  const description = chars(option.description);
  if (description < 1 || description > 100) problems.push(`${at}.description: must be 1 to 100 long (got ${description})`);
  if (option.autocomplete === true && Array.isArray(option.choices)) problems.push(`${at}: autocomplete cannot have choices`);
  const children = option.options;
  if (children === undefined) return;
  if (!Array.isArray(children)) return void problems.push(`${at}.options: must be an array`);
  if (children.length > 25) problems.push(`${at}.options: must be 25 or fewer in length`);
  let seenOptional = false;
  children.forEach((child: Record<string, unknown>, i: number) => {
    const isValue = child.type !== 1 && child.type !== 2;
    if (isValue && child.required !== true) seenOptional = true;
    else if (isValue && seenOptional) problems.push(`${at}.options.${i}: required options must be placed before non-required options`);
    if (depth > 2) problems.push(`${at}.options.${i}: nested too deep`);
    validateCommandOption(child, `${at}.options.${i}`, problems, depth + 1);
  });
}
