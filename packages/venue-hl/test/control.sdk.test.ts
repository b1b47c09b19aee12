import { HttpRequestError } from '@nktkas/hyperliquid';
import { ApiRequestError } from '@nktkas/hyperliquid/api/exchange';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from './raw-ws-client.js';
import { MASTER, startHarness, type Harness } from './sdk-harness.js';

const alo = (price: string) => ({ a: 0, b: true, p: price, s: '0.001', r: false, t: { limit: { tif: 'Alo' as const } } });

async function control(h: Harness, command: unknown): Promise<Response> {
  return fetch(`${h.venue.url}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(command),
  });
}

describe('POST /control fault injection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ allowScheduleCancel: true });
  });
  afterEach(async () => {
    await control(h, { fault: 'reset' });
    // Each test starts with no resting order of ours (a test's trade would fill an earlier one's bids).
    const open = await h.info.openOrders({ user: MASTER });
    if (open.length > 0) await h.exchange.cancel({ cancels: open.map((order) => ({ a: 0, o: order.oid })) });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers the next requests with an HTTP error status, then recovers', async () => {
    expect((await control(h, { fault: 'httpError', status: 429, count: 2 })).status).toBe(200);
    await expect(h.info.meta()).rejects.toBeInstanceOf(HttpRequestError);
    await expect(h.info.meta()).rejects.toBeInstanceOf(HttpRequestError);
    expect((await h.info.meta()).universe[0]!.name).toBe('BTC');
  });

  it('rejects every new order with a chosen message until cleared', async () => {
    await control(h, { fault: 'rejectOrders', reason: 'Insufficient margin to place order.' });
    const error = await h.exchange.order({ orders: [alo('104000')], grouping: 'na' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).message).toContain('Insufficient margin to place order.');
    await control(h, { fault: 'rejectOrders', reason: null });
    const placed = await h.exchange.order({ orders: [alo('104000')], grouping: 'na' });
    expect(placed.response.data.statuses[0]).toHaveProperty('resting');
  });

  it('delays acks: the action still answers, later', async () => {
    await control(h, { fault: 'delayAcks', ms: 30 });
    const placed = await h.exchange.order({ orders: [alo('104050')], grouping: 'na' });
    expect(placed.response.data.statuses[0]).toHaveProperty('resting');
  });

  it('loses an ack: the order is placed but the client never hears back', async () => {
    await control(h, { fault: 'loseAcks', count: 1 });
    await expect(h.exchange.order({ orders: [alo('104100')], grouping: 'na' })).rejects.toBeInstanceOf(HttpRequestError);
    const open = await h.info.openOrders({ user: MASTER });
    expect(open.some((order) => order.limitPx === '104100.0')).toBe(true);
  });

  it('pauses and resumes the replayed feed', async () => {
    const before = h.venue.core.currentBook()!.time;
    await control(h, { fault: 'pauseFeed' });
    h.advanceSeconds(5);
    expect(h.venue.core.currentBook()!.time).toBe(before);
    await control(h, { fault: 'resumeFeed' });
    h.advanceSeconds(5);
    expect(h.venue.core.currentBook()!.time).toBeGreaterThan(before);
  });

  it("expires the dead man's switch on demand", async () => {
    await h.exchange.order({ orders: [alo('104200')], grouping: 'na' });
    await h.exchange.scheduleCancel({ time: h.venue.core.nowMs() + 60_000 });
    await control(h, { fault: 'expireDeadMansSwitch' });
    expect(await h.info.openOrders({ user: MASTER })).toHaveLength(0);
  });

  it('drops WebSocket connections; the SDK reconnects and resubscribes', async () => {
    const { client } = h.subscriptions();
    const books: unknown[] = [];
    await client.l2Book({ coin: 'BTC' }, (book) => books.push(book));
    await vi.waitFor(() => expect(books.length).toBe(1));
    await control(h, { fault: 'dropConnections' });
    // On resubscribe the venue sends the current book again.
    await vi.waitFor(() => expect(books.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
  });

  /** Rests bids at `prices` (below the replayed market) and returns a function that fills one. */
  async function restBids(prices: string[]): Promise<(price: string) => void> {
    await h.exchange.order({ orders: prices.map(alo), grouping: 'na' });
    const instrument = h.venue.core.instrument;
    return (price) => {
      // A seller printing one tick below the bid: that bid (and any higher one) fills.
      h.venue.core.exchange.applyTrade(0, false, instrument.parsePriceTicks(price) - 1, 1_000_000);
      h.venue.core.scheduler.runDue();
    };
  }

  async function userFillsFrames() {
    const raw = await connect(h.venue.wsUrl);
    raw.socket.send(JSON.stringify({ method: 'subscribe', subscription: { type: 'userFills', user: MASTER } }));
    await raw.next((frame) => frame.includes('subscriptionResponse'));
    const tids = () =>
      raw.frames
        .filter((frame) => frame.startsWith('{"channel":"userFills"'))
        .map((frame) => JSON.parse(frame) as { data: { isSnapshot?: boolean; fills: Array<{ tid: number; px: string }> } })
        .filter((frame) => frame.data.isSnapshot !== true)
        .flatMap((frame) => frame.data.fills.map((fill) => `${fill.px}#${fill.tid}`));
    return { raw, tids };
  }

  it('sends a userFills message twice (duplicateFills), the same fill id both times', async () => {
    const fill = await restBids(['103500']);
    const { raw, tids } = await userFillsFrames();
    await control(h, { fault: 'duplicateFills', count: 1 });
    fill('103500');
    await vi.waitFor(() => expect(tids()).toHaveLength(2));
    expect(new Set(tids()).size).toBe(1);
    raw.socket.close();
  });

  it('delivers userFills out of order (reorderFills): the first fill after the second, none lost', async () => {
    const fill = await restBids(['103400', '103410']);
    const { raw, tids } = await userFillsFrames();
    await control(h, { fault: 'reorderFills', count: 1 });
    fill('103410');
    fill('103400');
    await vi.waitFor(() => expect(tids()).toHaveLength(2));
    const [first, second] = tids().map((tid) => tid.split('#'));
    // Published 103410 then 103400; received the other way round, with the earlier trade id last.
    expect(first![0]).toBe('103400.0');
    expect(second![0]).toBe('103410.0');
    expect(Number(second![1])).toBeLessThan(Number(first![1]));
    raw.socket.close();
  });

  it('releases a held-back fill when nothing follows it, and on reset', async () => {
    const fill = await restBids(['103300']);
    const { raw, tids } = await userFillsFrames();
    await control(h, { fault: 'reorderFills', count: 1 });
    fill('103300');
    expect(tids()).toHaveLength(0);
    await control(h, { fault: 'reset' });
    await vi.waitFor(() => expect(tids()).toHaveLength(1));
    raw.socket.close();
  });

  it('sends malformed frames on every connection, which stays open', async () => {
    const raw = await connect(h.venue.wsUrl);
    await control(h, { fault: 'malformedMessages', count: 2 });
    await vi.waitFor(() => expect(raw.frames.filter((frame) => frame.includes('"px":')).length).toBeGreaterThanOrEqual(2));
    const unparseable = raw.frames.filter((frame) => {
      try {
        JSON.parse(frame);
        return false;
      } catch {
        return true;
      }
    });
    // The greeting is plain text; each round adds a torn frame and a binary-looking one.
    expect(unparseable.length).toBe(1 + 2 * 2);
    raw.socket.send(JSON.stringify({ method: 'ping' }));
    await raw.next((frame) => frame.includes('pong'));
    raw.socket.close();
  });

  it('refuses only every n-th order of a batch (rejectOrders every)', async () => {
    await control(h, { fault: 'rejectOrders', reason: 'Too many orders', every: 2 });
    const prices = ['103000', '103010', '103020', '103030'];
    const error = await h.exchange.order({ orders: prices.map(alo), grouping: 'na' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    const resting = (await h.info.openOrders({ user: MASTER })).map((order) => order.limitPx);
    expect(resting).toContain('103000.0');
    expect(resting).toContain('103020.0');
    expect(resting).not.toContain('103010.0');
    expect(resting).not.toContain('103030.0');
  });

  it('restarts: connections refused while down, then the same port with the orders kept', async () => {
    await h.exchange.order({ orders: [alo('102900')], grouping: 'na' });
    const restarted = h.venue.restart(300);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${h.venue.url}/info`, { method: 'POST', body: '{"type":"meta"}' })).rejects.toThrow();
    await restarted;
    const open = await h.info.openOrders({ user: MASTER });
    expect(open.some((order) => order.limitPx === '102900.0')).toBe(true);
  });

  it('refuses unknown control commands', async () => {
    expect((await control(h, { fault: 'meteorStrike' })).status).toBe(400);
  });
});
