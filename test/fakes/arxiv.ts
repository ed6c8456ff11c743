/**
 * A local stand-in for the arXiv API (`/api/query`), for tests: it answers `id_list=` and
 * `search_query=ti:"…"` with entries cut from real arXiv Atom responses (test/fixtures/arxiv-atom.xml
 * by default), wrapped in that response's own feed header, so the client parses what arXiv sends. It
 * records every request and can fail the way arXiv does: HTTP 500, a hang, a cut-off document, a
 * paper withdrawn (its summary replaced by a withdrawal notice, as arXiv shows it).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

export const ARXIV_FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'arxiv-atom.xml');

export type ArxivMode = 'ok' | '500' | 'hang' | 'malformed';

export interface ArxivRequest {
  query: URLSearchParams;
  userAgent: string | undefined;
  at: number;
}

export interface FakeArxiv {
  /** For ARXIV_API_URL. */
  url: string;
  requests: ArxivRequest[];
  mode: ArxivMode;
  /** Ids whose entry is served as withdrawn. */
  withdrawn: Set<string>;
  stop(): Promise<void>;
}

interface Entry {
  id: string;
  title: string;
  xml: string;
}

const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The feed header, the entries and the closing tag of an arXiv Atom document. */
export function splitFeed(xml: string): { head: string; entries: Entry[] } {
  const first = xml.indexOf('<entry>');
  const head = first === -1 ? xml.replace('</feed>', '') : xml.slice(0, first);
  const entries = [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map(([entry]) => {
    const id = /<id>https?:\/\/arxiv\.org\/abs\/(.+?)(?:v\d+)?<\/id>/.exec(entry)?.[1] ?? '';
    const title = (/<title>([\s\S]*?)<\/title>/.exec(entry)?.[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    return { id, title: title.replace(/\s+/g, ' ').trim(), xml: entry };
  });
  return { head, entries };
}

function feed(head: string, entries: string[]): string {
  const counted = head.replace(/(<opensearch:totalResults[^>]*>)\d+/, `$1${entries.length}`);
  return `${counted}${entries.map((e) => `  ${e}\n`).join('')}</feed>\n`;
}

const WITHDRAWN_SUMMARY = '<summary>  This paper has been withdrawn by the author due to an error in the main proof.\n</summary>';

export async function startFakeArxiv(options: { documents?: string[] } = {}): Promise<FakeArxiv> {
  const documents = (options.documents ?? [fs.readFileSync(ARXIV_FIXTURE, 'utf8')]).map(splitFeed);
  const head = documents[0]?.head ?? '';
  const entries = documents.flatMap((d) => d.entries);
  const requests: ArxivRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const fake: FakeArxiv = {
    url: '',
    requests,
    mode: 'ok',
    withdrawn: new Set(),
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  function answer(query: URLSearchParams): Entry[] {
    const ids = query.get('id_list');
    if (ids) {
      const wanted = ids.split(',').map((id) => id.trim().replace(/v\d+$/, ''));
      return wanted.flatMap((id) => entries.filter((e) => e.id === id));
    }
    const title = /^ti:"(.*)"$/.exec(query.get('search_query') ?? '')?.[1];
    if (title === undefined) return [];
    const max = Number(query.get('max_results') ?? 10);
    return entries.filter((e) => key(e.title).includes(key(title))).slice(0, max);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ query: url.searchParams, userAgent: req.headers['user-agent'], at: Date.now() });
    if (url.pathname !== '/api/query') return void res.writeHead(404).end('not found');
    switch (fake.mode) {
      case '500':
        return void res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      case 'hang':
        return; // never answers: the client's timeout must fire
      case 'malformed':
        return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(`${head}<entry><id>http://arxiv.org/abs/1501.05039v1</id><title>Defin`);
      case 'ok': {
        const found = answer(url.searchParams).map((e) => (fake.withdrawn.has(e.id) ? e.xml.replace(/<summary>[\s\S]*?<\/summary>/, WITHDRAWN_SUMMARY) : e.xml));
        return void res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(feed(head, found));
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/query`;
  return fake;
}
