import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from './raw-ws-client.js';
import { MASTER, master, startHarness, type Harness } from './sdk-harness.js';

const DECIMAL = /^-?[0-9]+\.[0-9]+$/;

/**
 * One contract per WebSocket subscription added for other clients than the SDK the venue was built
 * with (ccxt's watchTicker/watchBalance/watchPositions/watchOHLCV, the web frontend's webData2):
 * the subscription is confirmed, a first frame comes at once where the venue sends one, and every
 * block (replayed book) pushes the view again in the documented shape.
 */
describe('WebSocket subscription contracts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('activeAssetCtx: {coin, ctx} at once and on every block', async () => {
    const { client } = h.subscriptions();
    const frames: Array<{ coin: string; ctx: Record<string, unknown> }> = [];
    const sub = await client.activeAssetCtx({ coin: 'BTC' }, (event) => frames.push(event as never));
    await vi.waitFor(() => expect(frames.length).toBe(1));
    expect(frames[0]!.coin).toBe('BTC');
    expect(frames[0]!.ctx).toMatchObject({
      markPx: '105055.5',
      midPx: '105055.5',
      oraclePx: '105055.5',
      impactPxs: ['105055.0', '105056.0'],
    });
    expect(frames[0]!.ctx['funding']).toMatch(DECIMAL);
    h.advanceSeconds(2);
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(1));
    await sub.unsubscribe();
  });

  it('clearinghouseState: {dex, user, clearinghouseState} for the account', async () => {
    const { client } = h.subscriptions();
    const frames: Array<{ dex: string; user: string; clearinghouseState: { marginSummary: { accountValue: string }; time: number } }> = [];
    await client.clearinghouseState({ user: master.address }, (event) => frames.push(event as never));
    await vi.waitFor(() => expect(frames.length).toBe(1));
    expect(frames[0]).toMatchObject({ dex: '', user: MASTER, clearinghouseState: { marginSummary: { accountValue: '100000.0' } } });
    h.advanceSeconds(1);
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(1));
    // Stamped with the time of the block (replayed book) that pushed it.
    expect(frames.at(-1)!.clearinghouseState.time).toBeGreaterThan(frames[0]!.clearinghouseState.time);
    expect(frames.at(-1)!.clearinghouseState.time).toBeLessThanOrEqual(h.venue.core.nowMs());
  });

  it('candle: the current candle first, then every trade frame updates it', async () => {
    h.advanceSeconds(5);
    const { client } = h.subscriptions();
    const frames: Array<{ t: number; T: number; s: string; i: string; o: string; c: string; n: number }> = [];
    await client.candle({ coin: 'BTC', interval: '1m' }, (event) => frames.push(event));
    await vi.waitFor(() => expect(frames.length).toBe(1));
    const first = frames[0]!;
    expect(first).toMatchObject({ s: 'BTC', i: '1m', o: expect.stringMatching(DECIMAL) });
    expect(first.T - first.t).toBe(59_999);
    h.advanceSeconds(15);
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(1));
    const last = frames.at(-1)!;
    if (last.t === first.t) expect(last.n).toBeGreaterThan(first.n);
    const [snapshot] = await h.info.candleSnapshot({ coin: 'BTC', interval: '1m', startTime: last.t, endTime: last.t });
    expect(snapshot).toEqual(last);
  });

  it('notification: confirmed (nothing the venue simulates sends one)', async () => {
    const { client } = h.subscriptions();
    const sub = await client.notification({ user: master.address }, () => undefined);
    await sub.unsubscribe();
  });

  it('webData2: the combined view, confirmed with the subscription echoed', async () => {
    const raw = await connect(h.venue.wsUrl);
    const subscription = { type: 'webData2', user: master.address };
    raw.socket.send(JSON.stringify({ method: 'subscribe', subscription }));
    const confirmed = JSON.parse(await raw.next((frame) => frame.includes('subscriptionResponse')));
    expect(confirmed.data.subscription).toEqual(subscription);
    const frame = JSON.parse(await raw.next((text) => text.includes('"channel":"webData2"')));
    expect(frame.data).toMatchObject({
      user: MASTER,
      isVault: false,
      clearinghouseState: { withdrawable: '100000.0' },
      assetCtxs: [expect.any(Object)],
    });
    raw.socket.send(JSON.stringify({ method: 'subscribe', subscription }));
    const again = JSON.parse(await raw.next((text) => text.includes('"channel":"error"')));
    expect(again.data).toMatch(/^Already subscribed/);
    raw.socket.close();
  });
});
