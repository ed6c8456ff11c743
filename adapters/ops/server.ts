/**
 * The operations endpoints, `/healthz`, `/readyz` and `/metrics`, as routes that run on Bolt's own
 * server when Slack is in HTTP mode (its `customRoutes`) and on a small server of their own
 * otherwise, on the same PORT either way.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaperbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { PrometheusMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';

/** The shape Bolt's `customRoutes` takes. */
export interface OpsRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
}

export function opsRoutes(readiness: Readiness, metrics: PrometheusMetrics, logger: Logger): OpsRoute[] {
  const started = Date.now();
  const methods = ['GET', 'HEAD'];
  const failed = (res: ServerResponse, what: string) => (error: unknown) => {
    logger.error({ err: error }, `ops: ${what} failed`);
    if (!res.headersSent) json(res, 500, { error: `${what} failed` });
    else res.end();
  };
  return [
    {
      path: '/healthz',
      method: methods,
      handler: (_req, res) => json(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
    },
    {
      path: '/readyz',
      method: methods,
      handler: (_req, res) => {
        readiness
          .check()
          .then((report) => json(res, report.ready ? 200 : 503, report))
          .catch(failed(res, 'readiness check'));
      },
    },
    {
      path: '/metrics',
      method: methods,
      handler: (_req, res) => {
        metrics
          .render()
          .then(({ contentType, body }) => {
            res.writeHead(200, { 'content-type': contentType });
            res.end(body);
          })
          .catch(failed(res, 'metrics'));
      },
    },
  ];
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** Serves `routes` alone, for when no Slack HTTP server is there to carry them. */
export async function listenOps(routes: OpsRoute[], port: number, host?: string): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? 'GET'));
    if (route) route.handler(req, res);
    else json(res, 404, { error: `no such endpoint: ${req.method} ${path} (try /healthz, /readyz, /metrics)` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use (another paperbot?); set PORT to a free port for /healthz, /readyz and /metrics`
          : `cannot listen on port ${port}: ${error.message}`;
      reject(new PaperbotError('config_error', `configuration: PORT: ${reason}`, { variable: 'PORT' }));
    });
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
