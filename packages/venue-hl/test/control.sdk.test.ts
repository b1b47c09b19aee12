import { HttpRequestError } from '@nktkas/hyperliquid';
import { ApiRequestError } from '@nktkas/hyperliquid/api/exchange';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('refuses unknown control commands', async () => {
    expect((await control(h, { fault: 'meteorStrike' })).status).toBe(400);
  });
});
