import { ExchangeClient, WebSocketTransport } from '@nktkas/hyperliquid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MASTER, master, startHarness, type Harness } from './sdk-harness.js';

/**
 * The capture's BTC bid sits at 105055 for ~22 s, then sellers sweep it down to 105051. A bid resting
 * at 105054 is traded through and fills as maker (a new account pays the base-tier 0.015 % maker fee).
 */
describe('fills from the replayed market', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('userFills starts with a snapshot (isSnapshot, lowercase user)', async () => {
    const { client } = h.subscriptions();
    const events: Array<{ isSnapshot?: boolean; user: string; fills: unknown[] }> = [];
    const sub = await client.userFills({ user: master.address }, (event) => events.push(event));
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(1));
    expect(events[0]).toEqual({ isSnapshot: true, user: MASTER, fills: [] });
    await sub.unsubscribe();
  });

  it('a resting bid the market trades through is filled and shows in userFills, orderUpdates and the position', async () => {
    const { client } = h.subscriptions();
    const wsFills: Array<{ isSnapshot?: boolean; fills: Array<{ oid: number; px: string; sz: string; fee: string; crossed: boolean }> }> =
      [];
    const updates: Array<{ status: string; order: { oid: number } }> = [];
    const userEvents: unknown[] = [];
    await client.userFills({ user: master.address }, (event) => wsFills.push(event));
    await client.orderUpdates({ user: master.address }, (batch) => updates.push(...batch));
    await client.userEvents({ user: master.address }, (event) => userEvents.push(event));
    await vi.waitFor(() => expect(wsFills.length).toBe(1));

    const placed = await h.exchange.order({
      orders: [{ a: 0, b: true, p: '105054', s: '0.0001', r: false, t: { limit: { tif: 'Alo' } } }],
      grouping: 'na',
    });
    const oid = (placed.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    h.advanceSeconds(10);
    expect(await h.info.openOrders({ user: MASTER })).toHaveLength(1);
    h.advanceSeconds(15);

    await vi.waitFor(() => expect(wsFills.length).toBe(2));
    const fill = wsFills[1]!.fills[0]!;
    expect(wsFills[1]!.isSnapshot).toBeUndefined();
    expect(fill).toMatchObject({ oid, px: '105054.0', sz: '0.0001', crossed: false });
    // A new account is in the base tier: makers pay 0.015 % (official fee schedule), as userFees reports.
    expect(Number(fill.fee)).toBeCloseTo(105054 * 0.0001 * 0.00015, 6);
    await vi.waitFor(() => expect(updates.some((update) => update.order.oid === oid && update.status === 'filled')).toBe(true));
    await vi.waitFor(() => expect(userEvents.some((event) => 'fills' in (event as object))).toBe(true));

    const fills = await h.info.userFills({ user: MASTER });
    expect(fills).toEqual([expect.objectContaining({ oid, side: 'B', dir: 'Open Long', startPosition: '0.0', feeToken: 'USDC' })]);
    expect(await h.info.openOrders({ user: MASTER })).toHaveLength(0);
    const state = await h.info.clearinghouseState({ user: MASTER });
    expect(state.assetPositions[0]!.position).toMatchObject({ coin: 'BTC', szi: '0.0001', entryPx: '105054.0' });
    expect(await h.info.orderStatus({ user: MASTER, oid })).toMatchObject({ order: { status: 'filled' } });
  });

  it('a marketable IOC order takes the book and answers filled with avgPx', async () => {
    const placed = await h.exchange.order({
      orders: [{ a: 0, b: false, p: '100000', s: '0.0002', r: false, t: { limit: { tif: 'Ioc' } } }],
      grouping: 'na',
    });
    const status = placed.response.data.statuses[0] as { filled: { totalSz: string; avgPx: string; oid: number } };
    expect(status.filled.totalSz).toBe('0.0002');
    expect(Number(status.filled.avgPx)).toBeGreaterThan(100000);
    const fills = await h.info.userFills({ user: MASTER });
    expect(fills[0]).toMatchObject({ oid: status.filled.oid, crossed: true, dir: 'Long > Short' });
  });

  it('actions work over WS post, signed by the SDK', async () => {
    const transport = new WebSocketTransport({ url: h.venue.wsUrl, isTestnet: true });
    try {
      const viaWs = new ExchangeClient({ transport, wallet: master });
      const placed = await viaWs.order({
        orders: [{ a: 0, b: true, p: '100000', s: '0.001', r: false, t: { limit: { tif: 'Alo' } } }],
        grouping: 'na',
      });
      expect(placed.response.data.statuses[0]).toEqual({ resting: { oid: expect.any(Number) } });
    } finally {
      await transport.close();
    }
  });
});
