import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, explainListenError, parseConfig } from '@mm/core';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BotSnapshot } from './bot-snapshot.js';
import type { BotHistory } from './snapshot-history.js';
import { DASHBOARD_CONTENT_SECURITY_POLICY, renderDashboardPage } from './dashboard-page.js';
import type { MonitoringMetrics } from './monitoring-metrics.js';

const serverConfigSchema = z.strictObject({
  /** 0: any free port (tests); the bound one is in `url`. */
  port: z.number().int().min(0).max(65_535),
  /** Loopback by default; any other address needs `token`. */
  host: z.string().min(1).default('127.0.0.1'),
  /**
   * A bearer token every request must carry (`Authorization: Bearer …`, or `?token=…` once on the
   * dashboard, which then sets a same-site cookie for its own requests). Required off loopback.
   */
  token: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A comment line on every event stream this often, so proxies keep idle streams open. */
  heartbeatMs: z.number().int().positive().default(15_000),
  /** A client whose unsent events exceed this is disconnected rather than buffered for. */
  maxClientBufferBytes: z
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
});

export interface MonitoringServerOptions {
  port: number;
  host?: string;
  token?: string | undefined;
  heartbeatMs?: number;
  maxClientBufferBytes?: number;
  /** The current snapshot; called for `/api/snapshot`, `/metrics` and each new event stream. */
  getSnapshot: () => BotSnapshot;
  /** The charts' bounded history for `/api/history` (the page loads it once, then appends each snapshot). */
  getHistory?: () => BotHistory;
  metrics: MonitoringMetrics;
  logger?: Pick<Logger, 'warn'>;
}

export interface MonitoringServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** Pushes a new snapshot to every `/events` client and into the metrics. */
  publish(snapshot: BotSnapshot): void;
  /** Ends the event streams and stops listening. */
  close(): Promise<void>;
}

/**
 * The monitoring endpoints on one `node:http` server: `/metrics` (Prometheus text), `/api/snapshot`
 * (JSON), `/api/history` (the charts' bounded history, JSON), `/events` (Server-Sent Events, one `snapshot` event per `publish`) and `/` (the
 * dashboard). Read-only: nothing here can change what the bot does.
 */
export async function startMonitoringServer(options: MonitoringServerOptions): Promise<MonitoringServer> {
  const { getSnapshot, metrics, logger } = options;
  const config = parseConfig(
    serverConfigSchema,
    {
      port: options.port,
      host: options.host,
      token: options.token,
      heartbeatMs: options.heartbeatMs,
      maxClientBufferBytes: options.maxClientBufferBytes,
    },
    'monitoring server options',
  );
  if (!isLoopbackHost(config.host) && config.token === undefined) {
    throw new ConfigError('monitoring server options', [
      {
        field: 'MM_MONITOR_HOST',
        problem: `${config.host} is reachable from other machines and the dashboard and metrics would be open to them: set MM_MONITOR_TOKEN (16+ characters) or bind 127.0.0.1`,
      },
    ]);
  }
  const tokenDigest = config.token === undefined ? undefined : digest(config.token);
  const authorized = (request: http.IncomingMessage, url: URL): boolean => {
    if (tokenDigest === undefined) return true;
    const header = request.headers.authorization;
    const cookie = /(?:^|;\s*)mm_token=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    const offered = header?.startsWith('Bearer ')
      ? header.slice(7)
      : (url.searchParams.get('token') ?? (cookie === undefined ? undefined : decodeURIComponent(cookie)));
    return offered !== undefined && timingSafeEqual(digest(offered), tokenDigest);
  };
  const page = renderDashboardPage();
  const clients = new Set<http.ServerResponse>();

  const currentSnapshot = (): BotSnapshot | undefined => {
    try {
      return getSnapshot();
    } catch (error) {
      logger?.warn({ error: error instanceof Error ? error.message : String(error) }, 'monitoring: snapshot unavailable');
      return undefined;
    }
  };

  const send = (response: http.ServerResponse, chunk: string) => {
    if (response.writableLength > config.maxClientBufferBytes) {
      // A stalled reader: drop it (its EventSource reconnects) instead of growing its buffer.
      clients.delete(response);
      response.destroy();
      return;
    }
    response.write(chunk);
  };
  const snapshotEvent = (snapshot: BotSnapshot) => `event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`;

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (!authorized(request, url)) {
      response
        .writeHead(401, { ...common, 'www-authenticate': 'Bearer', 'content-type': 'text/plain; charset=utf-8' })
        .end('token required\n');
      return;
    }
    if (config.token !== undefined && url.searchParams.has('token')) {
      response.setHeader('set-cookie', `mm_token=${encodeURIComponent(config.token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    switch (path) {
      case '/': {
        response.writeHead(200, {
          ...common,
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': DASHBOARD_CONTENT_SECURITY_POLICY,
          'referrer-policy': 'no-referrer',
        });
        response.end(request.method === 'HEAD' ? undefined : page);
        return;
      }
      case '/metrics': {
        const snapshot = currentSnapshot();
        if (snapshot !== undefined) metrics.updateFromSnapshot(snapshot);
        const text = await metrics.metrics();
        response.writeHead(200, { ...common, 'content-type': metrics.contentType });
        response.end(request.method === 'HEAD' ? undefined : text);
        return;
      }
      case '/api/snapshot': {
        const snapshot = currentSnapshot();
        if (snapshot === undefined) {
          response.writeHead(503, { ...common, 'content-type': 'application/json' }).end(JSON.stringify({ error: 'no snapshot yet' }));
          return;
        }
        response.writeHead(200, { ...common, 'content-type': 'application/json; charset=utf-8' });
        response.end(request.method === 'HEAD' ? undefined : JSON.stringify(snapshot));
        return;
      }
      case '/api/history': {
        const history = options.getHistory?.() ?? { points: [], fills: [], capacity: { points: 0, fills: 0 } };
        response.writeHead(200, { ...common, 'content-type': 'application/json; charset=utf-8' });
        response.end(request.method === 'HEAD' ? undefined : JSON.stringify(history));
        return;
      }
      case '/events': {
        response.writeHead(200, {
          ...common,
          'content-type': 'text/event-stream; charset=utf-8',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        response.write('retry: 2000\n\n');
        clients.add(response);
        request.on('close', () => clients.delete(response));
        const snapshot = currentSnapshot();
        if (snapshot !== undefined) send(response, snapshotEvent(snapshot));
        return;
      }
      case '/favicon.ico':
        response.writeHead(204, common).end();
        return;
      default:
        response.writeHead(404, { ...common, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger?.warn({ error: error instanceof Error ? error.message : String(error) }, 'monitoring: request failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => reject(explainListenError(error, 'MM_MONITOR_PORT'));
    server.once('error', fail);
    server.listen(config.port, config.host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const heartbeat = setInterval(() => {
    for (const client of clients) send(client, ': heartbeat\n\n');
  }, config.heartbeatMs);
  heartbeat.unref();

  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed = false;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    publish(snapshot) {
      if (closed) return;
      metrics.updateFromSnapshot(snapshot);
      if (clients.size === 0) return;
      const event = snapshotEvent(snapshot);
      for (const client of clients) send(client, event);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Loopback names and addresses: the only binds served without a token. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function digest(text: string): Buffer {
  // Equal-length digests, so the comparison's time says nothing about the token.
  return createHash('sha256').update(text).digest();
}
