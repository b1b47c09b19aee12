import { ConfigError } from '@mm/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MonitoringMetrics } from './monitoring-metrics.js';
import { isLoopbackHost, startMonitoringServer, type MonitoringServer } from './monitoring-server.js';
import { syntheticSnapshot } from './snapshot-fixtures.js';
import { loadBotConfig } from '../config/bot-config.js';

const TOKEN = 'canary-token-0123456789abcdef';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: { host?: string; token?: string }): Promise<MonitoringServer> {
  const metrics = new MonitoringMetrics();
  const server = await startMonitoringServer({ port: 0, getSnapshot: () => syntheticSnapshot(), metrics, ...options });
  cleanups.push(
    () => metrics.close(),
    () => server.close(),
  );
  return server;
}

describe('monitoring off loopback needs a token', () => {
  it('refuses a non-loopback bind without a token, naming MM_MONITOR_HOST and MM_MONITOR_TOKEN', async () => {
    const error = await start({ host: '0.0.0.0' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/MM_MONITOR_HOST: 0\.0\.0\.0 .*set MM_MONITOR_TOKEN/);
  });

  it('with a token: 401 without it, served with the bearer header, and the dashboard link sets a same-site cookie', async () => {
    const server = await start({ host: '127.0.0.1', token: TOKEN });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const page = await fetch(`${server.url}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const snapshot = await fetch(`${server.url}/api/snapshot`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('tells loopback from other binds', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('the bot configuration refuses MM_MONITOR_HOST=0.0.0.0 without MM_MONITOR_TOKEN, and takes it with one', () => {
    expect(() => loadBotConfig({ MM_MONITOR_HOST: '0.0.0.0' }, '/repo')).toThrow(/MM_MONITOR_HOST: 0\.0\.0\.0 serves the dashboard/);
    expect(loadBotConfig({ MM_MONITOR_HOST: '0.0.0.0', MM_MONITOR_TOKEN: TOKEN }, '/repo').config.MM_MONITOR_HOST).toBe('0.0.0.0');
  });
});
