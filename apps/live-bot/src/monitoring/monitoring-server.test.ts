import { PortInUseError } from '@mm/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotSnapshot } from './bot-snapshot.js';
import { MonitoringMetrics } from './monitoring-metrics.js';
import { startMonitoringServer, type MonitoringServer } from './monitoring-server.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';
import { syntheticSnapshot } from './snapshot-fixtures.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  getSnapshot: () => BotSnapshot = () => syntheticSnapshot(),
): Promise<{ server: MonitoringServer; metrics: MonitoringMetrics }> {
  const metrics = new MonitoringMetrics();
  const server = await startMonitoringServer({ port: 0, getSnapshot, metrics });
  cleanups.push(
    () => metrics.close(),
    () => server.close(),
  );
  return { server, metrics };
}

/** Reads Server-Sent Events off a fetch body. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return async function next(): Promise<{ event: string; data: string }> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const data = lines
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
        if (data !== '') return { event, data };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  };
}

describe('startMonitoringServer', () => {
  it('listens on 127.0.0.1 on a free port when port is 0', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('names the port and MM_MONITOR_PORT in one line when the port is taken', async () => {
    const { server } = await start();
    const port = Number(new URL(server.url).port);
    const metrics = new MonitoringMetrics();
    cleanups.push(() => metrics.close());
    const second = startMonitoringServer({ port, getSnapshot: () => syntheticSnapshot(), metrics });
    await expect(second).rejects.toBeInstanceOf(PortInUseError);
    await expect(second).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use (is another copy running?): set MM_MONITOR_PORT to a free port`,
    );
  });

  it('/metrics serves Prometheus text (version 0.0.4) that parses, updated from the current snapshot', async () => {
    let snapshot = syntheticSnapshot();
    const { server } = await start(() => snapshot);
    let response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    let families = parsePrometheusText(await response.text());
    expect(sampleValue(families, 'mm_total_pnl_usd')).toBe(10.84);
    snapshot = syntheticSnapshot({ totals: { ...snapshot.totals, pnlUsd: 20.5 } });
    response = await fetch(`${server.url}/metrics`);
    families = parsePrometheusText(await response.text());
    expect(sampleValue(families, 'mm_total_pnl_usd')).toBe(20.5);
  });

  it('/api/snapshot serves the current snapshot as JSON; 503 while there is none', async () => {
    let ready = false;
    const { server } = await start(() => {
      if (!ready) throw new Error('not started');
      return syntheticSnapshot();
    });
    expect((await fetch(`${server.url}/api/snapshot`)).status).toBe(503);
    ready = true;
    const response = await fetch(`${server.url}/api/snapshot`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(syntheticSnapshot());
  });

  it('/events sends the current snapshot at once, then each published one', async () => {
    const { server } = await start();
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const response = await fetch(`${server.url}/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const next = eventReader(response.body!);
    const first = await next();
    expect(first.event).toBe('snapshot');
    expect((JSON.parse(first.data) as BotSnapshot).totals.pnlUsd).toBe(10.84);
    const published = syntheticSnapshot({ timeUs: syntheticSnapshot().timeUs + 1_000_000, failClosedReason: 'line 1\nline 2' });
    server.publish(published);
    const second = await next();
    expect(JSON.parse(second.data)).toEqual(published);
  });

  it('serves the self-contained dashboard with a CSP forbidding outside requests', async () => {
    const { server } = await start();
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await response.text();
    expect(html).toContain('<body data-ready="false">');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    // The only address in the page is the SVG namespace name, an identifier that is never fetched.
    expect(html.replaceAll("'http://www.w3.org/2000/svg'", '')).not.toMatch(/https?:\/\//);
  });

  it('answers 404 to unknown paths and 405 to writes', async () => {
    const { server } = await start();
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('close() ends open event streams and stops listening', async () => {
    const metrics = new MonitoringMetrics();
    cleanups.push(() => metrics.close());
    const server = await startMonitoringServer({ port: 0, getSnapshot: () => syntheticSnapshot(), metrics });
    const response = await fetch(`${server.url}/events`);
    const next = eventReader(response.body!);
    await next();
    await server.close();
    await expect(next()).rejects.toThrow();
    await expect(fetch(`${server.url}/metrics`)).rejects.toThrow();
  });

  it('rejects a bad port naming the field', async () => {
    const metrics = new MonitoringMetrics();
    cleanups.push(() => metrics.close());
    await expect(startMonitoringServer({ port: 70_000, getSnapshot: () => syntheticSnapshot(), metrics })).rejects.toThrow(/port/);
  });
});
