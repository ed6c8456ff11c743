/**
 * A local stand-in for an OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp all speak this):
 * `POST /v1/chat/completions` and `GET /v1/models` on 127.0.0.1, scripted per test. Each request takes
 * the next scripted reply (or the handler's), and every request is recorded with its headers and
 * body, so tests can assert what paperbot sent. paperbot does not stream (it shows nothing before the
 * whole reply is checked), so neither does the fake.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_MODEL = 'fake-model-7b';

/** One scripted reply. */
export type FakeReply =
  /** A chat completion whose message content is this text. */
  | { content: string; finishReason?: string; delayMs?: number }
  /** Any status and JSON body, e.g. a 429 with Retry-After. */
  | { status: number; json?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** A raw body (garbage, HTML from a proxy). */
  | { status?: number; raw: string; contentType?: string; delayMs?: number }
  /** Headers, then nothing: a server that stalls until the client gives up. */
  | { hang: true }
  /** The connection is closed without a reply. */
  | { drop: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
}

export interface ModelSentence {
  text: string;
  passages: number[];
}

/** The JSON content a well-behaved model returns. */
export function answerJson(sentences: ModelSentence[]): string {
  return JSON.stringify({ answerable: true, sentences });
}

export const REFUSAL_JSON = JSON.stringify({ answerable: false, sentences: [] });

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeReply[] = [];
  private handler: ((body: Record<string, unknown>) => FakeReply) | undefined;
  private readonly open = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly models: string[],
  ) {}

  static async start(options: { models?: string[] } = {}): Promise<FakeOpenAi> {
    const server = createServer();
    const fake = new FakeOpenAi(server, options.models ?? [FAKE_MODEL, 'other-model']);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { unparsed: text };
        }
        fake.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() });
        fake.handle(req.method ?? '', req.url ?? '', body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Replies for the next requests, in order; after them, the handler (or a 500 saying the script ran out). */
  script(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Answers every request not covered by the script. */
  respondWith(handler: (body: Record<string, unknown>) => FakeReply): this {
    this.handler = handler;
    return this;
  }

  get completions(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  private handle(method: string, path: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (method === 'GET' && path.replace(/\?.*$/, '') === '/v1/models') {
      json(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      return;
    }
    if (method !== 'POST' || path.replace(/\?.*$/, '') !== '/v1/chat/completions') {
      json(res, 404, { error: { message: `no route ${method} ${path}`, type: 'invalid_request_error' } });
      return;
    }
    if (typeof body.model === 'string' && !this.models.includes(body.model)) {
      json(res, 404, { error: { message: `model "${body.model}" not found`, type: 'invalid_request_error', code: 'model_not_found' } });
      return;
    }
    const reply = this.queue.shift() ?? this.handler?.(body) ?? { status: 500, json: { error: { message: 'the test script ran out' } } };
    const send = () => this.send(reply, body, res);
    const delay = 'delayMs' in reply ? (reply.delayMs ?? 0) : 0;
    if (delay > 0) setTimeout(send, delay);
    else send();
  }

  private send(reply: FakeReply, body: Record<string, unknown>, res: ServerResponse): void {
    if (res.destroyed) return;
    if ('hang' in reply) {
      this.open.add(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      return;
    }
    if ('drop' in reply) {
      res.socket?.destroy();
      return;
    }
    if ('raw' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
      res.end(reply.raw);
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.json ?? { error: { message: `status ${reply.status}` } }));
      return;
    }
    const model = typeof body.model === 'string' ? body.model : FAKE_MODEL;
    const finish = reply.finishReason ?? 'stop';
    json(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: finish }],
      usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
    });
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
