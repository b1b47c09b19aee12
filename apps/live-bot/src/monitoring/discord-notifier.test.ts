import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DiscordNotifier,
  discordNotifierFromBotConfig,
  redactSecrets,
  type DiscordWebhookBody,
  type NotificationOutcome,
  type NotifierTiming,
} from './discord-notifier.js';
import { syntheticFill, syntheticSnapshot } from './snapshot-fixtures.js';

interface Received {
  path: string;
  contentType: string | undefined;
  body: DiscordWebhookBody;
}

type Responder = (request: http.IncomingMessage, response: http.ServerResponse, index: number) => void;

/** A local stand-in for Discord's webhook endpoint that records every body. */
async function startWebhook(responder: Responder = (_req, res) => res.writeHead(204).end()) {
  const received: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = received.length;
      received.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as DiscordWebhookBody,
      });
      responder(request, response, index);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/123456/s3cr3t-t0ken`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Time under the test's control: a sleep is recorded and only ends when the test releases it. */
function manualTiming() {
  let now = 1_000_000;
  const sleeps: Array<{ ms: number; resolve: () => void }> = [];
  const timing: NotifierTiming = {
    nowMs: () => now,
    sleep: (ms) => new Promise<void>((resolve) => sleeps.push({ ms, resolve })),
  };
  return {
    timing,
    sleeps,
    /** Ends the oldest pending sleep, moving the clock by what it asked for. */
    release() {
      const sleep = sleeps.shift();
      if (sleep === undefined) throw new Error('no sleep pending');
      now += sleep.ms;
      sleep.resolve();
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1_000; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(responder?: Responder, config: Record<string, unknown> = {}, withManualTiming = true) {
  const webhook = await startWebhook(responder);
  const clock = manualTiming();
  const outcomes: NotificationOutcome[] = [];
  const notifier = new DiscordNotifier(
    { webhookUrl: webhook.url, ...config },
    { ...(withManualTiming ? { timing: clock.timing } : {}), onOutcome: (outcome) => outcomes.push(outcome) },
  );
  cleanups.push(webhook.close, () => notifier.close());
  return { webhook, clock, notifier, outcomes };
}

describe('DiscordNotifier', () => {
  it('posts JSON bodies Discord accepts: fills as content, status and risk events as embeds, no mentions', async () => {
    const { webhook, notifier } = await setup();
    notifier.notifyFill(syntheticFill({ side: 'sell', price: 97_012.5, size: 0.0011 }));
    await notifier.whenIdle();
    notifier.notifyStatus(syntheticSnapshot());
    await notifier.whenIdle();
    notifier.notifyRiskStatus({ status: 'NORMAL', reason: 'all clear', firedRules: [] }); // baseline, not news
    notifier.notifyRiskStatus({
      status: 'CRITICAL',
      reason: 'drawdown 4.1%',
      firedRules: [{ ruleId: 'max-drawdown', reason: '4.1% of 5%' }],
    });
    notifier.notifyRiskStatus({ status: 'CRITICAL', reason: 'drawdown 4.2%', firedRules: [] }); // no change: not sent
    notifier.notifyFailClosed('market data stale for 10 s');
    notifier.notifyFailClosed('market data stale for 10 s');
    await notifier.whenIdle();

    expect(webhook.received).toHaveLength(4);
    for (const message of webhook.received) {
      expect(message.contentType).toBe('application/json');
      expect(message.path).toBe('/api/webhooks/123456/s3cr3t-t0ken');
      expect(message.body.allowed_mentions).toEqual({ parse: [] });
    }
    const [fill, status, risk, failClosed] = webhook.received.map((message) => message.body);
    expect(fill!.content).toContain('SELL 0.0011 BTC @ 97012.5');
    expect(status!.embeds![0]!.title).toContain('MM bot status (paper, up 1h 2m 5s)');
    expect(status!.embeds![0]!.description).toContain('PnL **$10.84**');
    expect(status!.embeds![0]!.fields!.map((field) => field.name)).toEqual(['BTC', 'ETH', 'Risk']);
    expect(status!.embeds![0]!.fields![0]!.value).toContain('spread $10.50');
    expect(risk!.embeds![0]!.title).toBe('Risk status NORMAL → CRITICAL');
    expect(risk!.embeds![0]!.description).toContain('`max-drawdown`: 4.1% of 5%');
    expect(failClosed!.embeds![0]!.title).toBe('Stopped quoting (fail-closed)');
    expect(notifier.stats()).toMatchObject({ sent: 4, failed: 0, dropped: 0, queued: 0 });
  });

  it('honours NOTIFY_ON_FILL and NOTIFY_ON_RISK_EVENT being off', async () => {
    const { webhook, notifier } = await setup(undefined, { notifyOnFill: false, notifyOnRiskEvent: false });
    notifier.notifyFill(syntheticFill());
    notifier.notifyRiskStatus({ status: 'HALT', reason: 'x', firedRules: [] });
    notifier.notifyFailClosed('y');
    notifier.observeSnapshot(syntheticSnapshot({ failClosedReason: 'z' }));
    notifier.notifyStatus(syntheticSnapshot());
    await notifier.whenIdle();
    expect(webhook.received).toHaveLength(1);
    expect(webhook.received[0]!.body.embeds![0]!.title).toContain('MM bot status');
  });

  it('observeSnapshot sends risk status changes and new fail-closed reasons once', async () => {
    const { webhook, notifier } = await setup();
    notifier.observeSnapshot(syntheticSnapshot({ risk: { status: 'NORMAL', reason: 'ok', firedRules: [] } }));
    notifier.observeSnapshot(syntheticSnapshot());
    notifier.observeSnapshot(syntheticSnapshot());
    notifier.observeSnapshot(
      syntheticSnapshot({ risk: { status: 'HALT', reason: 'loss limit', firedRules: [] }, failClosedReason: 'risk halt' }),
    );
    notifier.observeSnapshot(
      syntheticSnapshot({ risk: { status: 'HALT', reason: 'loss limit', firedRules: [] }, failClosedReason: 'risk halt' }),
    );
    await notifier.whenIdle();
    expect(webhook.received.map((message) => message.body.embeds![0]!.title)).toEqual([
      'Risk status NORMAL → WARNING',
      'Risk status WARNING → HALT',
      'Stopped quoting (fail-closed)',
    ]);
  });

  it('keeps to the rate limit: waits for the window instead of posting beyond it', async () => {
    const { webhook, notifier, clock } = await setup(undefined, { maxMessagesPerWindow: 2, windowMs: 60_000 });
    for (let i = 0; i < 5; i += 1) notifier.notifyText(`message ${i}`);
    await until(() => clock.sleeps.length === 1, 'the sender to wait for the window');
    expect(webhook.received).toHaveLength(2);
    expect(clock.sleeps[0]!.ms).toBe(60_000);
    clock.release();
    await until(() => clock.sleeps.length === 1, 'the second wait');
    expect(webhook.received).toHaveLength(4);
    clock.release();
    await notifier.whenIdle();
    expect(webhook.received.map((message) => message.body.content)).toEqual([0, 1, 2, 3, 4].map((i) => `message ${i}`));
  });

  it('coalesces a burst of fills into one message while rate limited', async () => {
    const { webhook, notifier, clock } = await setup(undefined, { maxMessagesPerWindow: 1, windowMs: 60_000, maxFillLines: 5 });
    notifier.notifyText('first');
    await until(() => webhook.received.length === 1, 'the first message');
    for (let i = 0; i < 12; i += 1)
      notifier.notifyFill(syntheticFill({ side: i % 3 === 0 ? 'sell' : 'buy', price: 97_000 + i, size: 0.001 }));
    await until(() => clock.sleeps.length === 1, 'the sender to wait');
    expect(notifier.stats().queued).toBe(1);
    clock.release();
    await notifier.whenIdle();
    expect(webhook.received).toHaveLength(2);
    const content = webhook.received[1]!.body.content!;
    expect(content).toMatch(/^\*\*12 fills\*\*/);
    expect(content.split('\n').filter((line) => line.includes(' @ '))).toHaveLength(5);
    expect(content).toContain('… and 7 more');
    expect(content).toContain('BTC buy: 8 fills');
    expect(content).toContain('BTC sell: 4 fills');
  });

  it('fills queued in the same tick go out as one message', async () => {
    const { webhook, notifier } = await setup();
    for (let i = 0; i < 3; i += 1) notifier.notifyFill(syntheticFill({ price: 97_000 + i }));
    await notifier.whenIdle();
    expect(webhook.received).toHaveLength(1);
    expect(webhook.received[0]!.body.content).toMatch(/^\*\*3 fills\*\*/);
  });

  it('on 429 waits retry_after (seconds, from the body) and resends the same message', async () => {
    const { webhook, notifier, clock, outcomes } = await setup((_req, res, index) => {
      if (index === 0)
        res
          .writeHead(429, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 1.5, global: false }));
      else res.writeHead(204).end();
    });
    notifier.notifyText('hello');
    await until(() => clock.sleeps.length === 1, 'the retry wait');
    expect(clock.sleeps[0]!.ms).toBe(1_500);
    expect(webhook.received).toHaveLength(1);
    clock.release();
    await notifier.whenIdle();
    expect(webhook.received.map((message) => message.body.content)).toEqual(['hello', 'hello']);
    expect(outcomes).toEqual(['rate-limited', 'sent']);
  });

  it('gives up on a message after maxAttempts 429s', async () => {
    const { webhook, notifier, clock } = await setup((_req, res) => res.writeHead(429, { 'retry-after': '2' }).end('busy'), {
      maxAttempts: 2,
    });
    notifier.notifyText('hello');
    await until(() => clock.sleeps.length === 1, 'the retry wait');
    expect(clock.sleeps[0]!.ms).toBe(2_000); // from the Retry-After header when the body is not JSON
    clock.release();
    await notifier.whenIdle();
    expect(webhook.received).toHaveLength(2);
    expect(notifier.stats()).toMatchObject({ sent: 0, rateLimited: 2, failed: 1 });
  });

  it('drops the oldest message, counted, when the queue is full', async () => {
    const { webhook, notifier, clock } = await setup(undefined, { maxMessagesPerWindow: 1, maxQueueLength: 3 });
    notifier.notifyText('m0');
    await until(() => webhook.received.length === 1, 'the first message');
    for (let i = 1; i <= 6; i += 1) notifier.notifyText(`m${i}`);
    expect(notifier.stats()).toMatchObject({ dropped: 3, queued: 3 });
    await until(() => clock.sleeps.length === 1, 'the window wait');
    clock.release();
    await until(() => clock.sleeps.length === 1, 'the window wait');
    clock.release();
    await until(() => clock.sleeps.length === 1, 'the window wait');
    clock.release();
    await notifier.whenIdle();
    expect(webhook.received.map((message) => message.body.content)).toEqual(['m0', 'm4', 'm5', 'm6']);
  });

  it('a webhook that never answers does not block callers: the call times out and the next message goes', async () => {
    let hung: http.ServerResponse | undefined;
    const { webhook, notifier } = await setup(
      (_req, res, index) => {
        if (index === 0) hung = res;
        else res.writeHead(204).end();
      },
      { requestTimeoutMs: 200 },
      false,
    );
    notifier.notifyText('into the void');
    await until(() => webhook.received.length === 1, 'the request to arrive');
    // Callers only queue: these return at once while the first request hangs.
    for (let i = 0; i < 100; i += 1) expect(notifier.notifyFill(syntheticFill({ price: 97_000 + i }))).toBeUndefined();
    expect(notifier.stats().queued).toBe(1);
    await notifier.whenIdle();
    expect(notifier.stats()).toMatchObject({ failed: 1, sent: 1, queued: 0 });
    expect(webhook.received[1]!.body.content).toMatch(/^\*\*100 fills\*\*/);
    hung?.destroy();
  });

  it('an unreachable or failing webhook is counted, never thrown', async () => {
    const { notifier, webhook } = await setup((_req, res) => res.writeHead(500).end());
    notifier.notifyText('a');
    await notifier.whenIdle();
    expect(webhook.received).toHaveLength(1);
    expect(notifier.stats()).toMatchObject({ failed: 1, sent: 0 });

    const closed = await startWebhook();
    await closed.close();
    const nowhere = new DiscordNotifier({ webhookUrl: closed.url, requestTimeoutMs: 500 });
    nowhere.notifyText('b');
    await nowhere.whenIdle();
    expect(nowhere.stats()).toMatchObject({ failed: 1 });
  });

  it('never sends a private key or the webhook token, even when a reason quotes them', async () => {
    const { webhook, notifier } = await setup();
    const key = `0x${'ab'.repeat(32)}`;
    notifier.notifyFailClosed(`signer ${key} rejected; see ${webhook.url}`);
    notifier.notifyText(`posting to https://discord.com/api/webhooks/1/abcdef`);
    await notifier.whenIdle();
    const everything = JSON.stringify(webhook.received.map((message) => message.body));
    expect(everything).not.toContain('ab'.repeat(32));
    expect(everything).not.toContain('s3cr3t-t0ken');
    expect(everything).not.toContain('abcdef');
    expect(redactSecrets(`k=${key}`)).toBe('k=0x[redacted]');
  });

  it('close() ends a rate-limit wait, drops what is left and accepts nothing more', async () => {
    const { notifier } = await setup(undefined, { maxMessagesPerWindow: 1 }, false);
    notifier.notifyText('one');
    notifier.notifyText('two');
    await until(() => notifier.stats().sent === 1, 'the first message to be acknowledged');
    await notifier.close();
    await notifier.whenIdle();
    notifier.notifyText('three');
    expect(notifier.stats()).toMatchObject({ sent: 1, dropped: 1, queued: 0 });
  });

  it('is built from the bot settings only when DISCORD_WEBHOOK_URL is set', () => {
    expect(discordNotifierFromBotConfig({ NOTIFY_ON_FILL: true, NOTIFY_ON_RISK_EVENT: true })).toBeUndefined();
    const notifier = discordNotifierFromBotConfig({
      DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/x',
      NOTIFY_ON_FILL: false,
      NOTIFY_ON_RISK_EVENT: true,
    });
    expect(notifier?.config).toMatchObject({ notifyOnFill: false, notifyOnRiskEvent: true });
  });

  it('rejects an invalid configuration naming the field', () => {
    expect(() => new DiscordNotifier({ webhookUrl: 'not a url' })).toThrow(/webhookUrl/);
    expect(() => new DiscordNotifier({ webhookUrl: 'https://discord.com/api/webhooks/1/x', maxMessagesPerWindow: 100 })).toThrow(
      /maxMessagesPerWindow/,
    );
  });
});
