import { Instrument } from '@mm/core';
import { ExchangeClient, HttpTransport } from '@nktkas/hyperliquid';
import { ApiRequestError } from '@nktkas/hyperliquid/api/exchange';
import { signL1Action } from '@nktkas/hyperliquid/signing';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agent, MASTER, master, startHarness, stranger, type Harness } from './sdk-harness.js';

const btc = Instrument.hyperliquidPerp('BTC', 5);
const alo = (isBuy: boolean, price: string, size: string, cloid?: `0x${string}`) => ({
  a: 0,
  b: isBuy,
  p: price,
  s: size,
  r: false,
  t: { limit: { tif: 'Alo' as const } },
  ...(cloid === undefined ? {} : { c: cloid }),
});

async function rejection(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('expected the venue to refuse');
}

function statuses(error: ApiRequestError): unknown[] {
  return (error.response as { response: { data: { statuses: unknown[] } } }).response.data.statuses;
}

describe('POST /exchange through the official SDK', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('an ALO bid below the touch rests and openOrders lists it', async () => {
    const result = await h.exchange.order({ orders: [alo(true, '105000', '0.001')], grouping: 'na' });
    const status = result.response.data.statuses[0] as { resting: { oid: number } };
    expect(status.resting.oid).toBeGreaterThan(0);
    const open = await h.info.openOrders({ user: MASTER });
    expect(open).toContainEqual(
      expect.objectContaining({ oid: status.resting.oid, coin: 'BTC', side: 'B', limitPx: '105000.0', sz: '0.001' }),
    );
  });

  it('a crossing ALO gets the venue message with the bbo, inside ApiRequestError.response', async () => {
    const error = await rejection(
      h.exchange.order({ orders: [alo(true, '105056', '0.001'), alo(true, '104990', '0.001')], grouping: 'na' }),
    );
    const [first, second] = statuses(error);
    expect(first).toEqual({ error: 'Post only order would have immediately matched, bbo was 105055@105056. asset=0' });
    expect(second).toEqual({ resting: { oid: expect.any(Number) } });
  });

  it('prices off the 5-significant-figure grid, tiny notionals and bad sizes are refused per order', async () => {
    const error = await rejection(
      h.exchange.order({
        orders: [alo(true, '105000.5', '0.001'), alo(true, '105000', '0.00001'), alo(true, '105000', '0.000001')],
        grouping: 'na',
      }),
    );
    expect(statuses(error)).toEqual([
      { error: 'Price must be divisible by tick size. asset=0' },
      { error: 'Order must have minimum value of $10. asset=0' },
      { error: 'Order has invalid size.' },
    ]);
  });

  it('cancel of an unknown oid answers the venue string', async () => {
    const error = await rejection(h.exchange.cancel({ cancels: [{ a: 0, o: 987654321 }] }));
    expect(statuses(error)).toEqual([{ error: 'Order was never placed, already canceled, or filled. asset=0' }]);
  });

  it('cancel by oid succeeds once and then answers the unknown-order string', async () => {
    const placed = await h.exchange.order({ orders: [alo(false, '105200', '0.001')], grouping: 'na' });
    const oid = (placed.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    const canceled = await h.exchange.cancel({ cancels: [{ a: 0, o: oid }] });
    expect(canceled.response.data.statuses).toEqual(['success']);
    const again = await rejection(h.exchange.cancel({ cancels: [{ a: 0, o: oid }] }));
    expect(statuses(again)).toEqual([{ error: 'Order was never placed, already canceled, or filled. asset=0' }]);
  });

  it('cancelByCloid cancels the order placed with that cloid', async () => {
    const cloid = '0x0000000000000000000000000000abcd' as const;
    const placed = await h.exchange.order({ orders: [alo(false, '105300', '0.001', cloid)], grouping: 'na' });
    expect(placed.response.data.statuses[0]).toEqual({ resting: { oid: expect.any(Number), cloid } });
    const canceled = await h.exchange.cancelByCloid({ cancels: [{ asset: 0, cloid }] });
    expect(canceled.response.data.statuses).toEqual(['success']);
    const open = await h.info.openOrders({ user: MASTER });
    expect(open.some((order) => order.cloid === cloid)).toBe(false);
    // InfoClient.orderStatus coerces a hex cloid to a number (its oid schema comes first), so ask raw.
    const status = await h.http.request('info', { type: 'orderStatus', user: MASTER, oid: cloid });
    expect(status).toMatchObject({ status: 'order', order: { status: 'canceled', order: { cloid } } });
  });

  it('modify and batchModify move a resting order (cancel + place under a new oid)', async () => {
    const placed = await h.exchange.order({ orders: [alo(true, '104900', '0.001')], grouping: 'na' });
    const oid = (placed.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    await h.exchange.modify({ oid, order: alo(true, '104910', '0.002') });
    let open = await h.info.openOrders({ user: MASTER });
    const moved = open.find((order) => order.limitPx === '104910.0');
    expect(moved).toMatchObject({ sz: '0.002' });
    expect(open.some((order) => order.oid === oid)).toBe(false);
    const batch = await h.exchange.batchModify({ modifies: [{ oid: moved!.oid, order: alo(true, '104920', '0.002') }] });
    expect(batch.response.data.statuses[0]).toEqual({ resting: { oid: expect.any(Number) } });
    open = await h.info.openOrders({ user: MASTER });
    expect(open.some((order) => order.limitPx === '104920.0')).toBe(true);
    const dead = await rejection(h.exchange.modify({ oid, order: alo(true, '104930', '0.002') }));
    expect(dead.response).toEqual({ status: 'err', response: 'Cannot modify canceled or filled order' });
  });

  it('an approved agent wallet trades for its master', async () => {
    const viaAgent = new ExchangeClient({ transport: h.http, wallet: agent });
    const placed = await viaAgent.order({ orders: [alo(true, '104800', '0.001')], grouping: 'na' });
    const oid = (placed.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    const open = await h.info.openOrders({ user: MASTER });
    expect(open.some((order) => order.oid === oid)).toBe(true);
  });

  it('approveAgent (user-signed by the master) lets a new agent trade for it', async () => {
    const newAgent = privateKeyToAccount(generatePrivateKey());
    const asAgent = new ExchangeClient({ transport: h.http, wallet: newAgent });
    const before = await rejection(asAgent.noop({ nonce: Date.now() }));
    expect((before.response as { response: string }).response).toBe(`User or API Wallet ${newAgent.address.toLowerCase()} does not exist.`);
    await h.exchange.approveAgent({ agentAddress: newAgent.address, agentName: 'mm-bot' });
    const placed = await asAgent.order({ orders: [alo(true, '104700', '0.001')], grouping: 'na' });
    const oid = (placed.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    expect((await h.info.openOrders({ user: MASTER })).some((order) => order.oid === oid)).toBe(true);
    // An agent cannot approve agents.
    const nested = await rejection(asAgent.approveAgent({ agentAddress: stranger.address, agentName: 'x' }));
    expect((nested.response as { response: string }).response).toMatch(/^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
  });

  it('updateLeverage is accepted; an expired action (expiresAfter before venue time) is refused', async () => {
    await expect(h.exchange.updateLeverage({ asset: 0, isCross: true, leverage: 10 })).resolves.toEqual({
      status: 'ok',
      response: { type: 'default' },
    });
    const stale = await rejection(h.exchange.noop({ nonce: Date.now() }, { expiresAfter: h.venue.core.nowMs() - 1_000 }));
    expect((stale.response as { response: string }).response).toMatch(/^Action expired/);
  });

  it('an unknown signer gets "User or API Wallet 0x… does not exist."', async () => {
    const error = await rejection(new ExchangeClient({ transport: h.http, wallet: stranger }).noop({ nonce: Date.now() }));
    expect(error.response).toEqual({ status: 'err', response: `User or API Wallet ${stranger.address.toLowerCase()} does not exist.` });
  });

  it('a tampered action (signature over other bytes) is refused as an unknown wallet', async () => {
    const action = { type: 'order', orders: [alo(true, '105000', '0.001')], grouping: 'na' };
    const nonce = Date.now();
    const signature = await signL1Action({ wallet: master, action, nonce, isTestnet: true });
    const tampered = { ...action, orders: [alo(true, '104000', '0.001')] };
    const answer = await h.http.request('exchange', { action: tampered, signature, nonce });
    expect(answer).toMatchObject({
      status: 'err',
      response: expect.stringMatching(/^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/),
    });
    expect((answer as { response: string }).response).not.toContain(MASTER);
  });

  it('accepts the python SDK envelope (vaultAddress and expiresAfter sent as null)', async () => {
    const action = { type: 'order', orders: [alo(true, '104600', '0.001')], grouping: 'na' };
    const nonce = Date.now() + 10_000;
    const signature = await signL1Action({ wallet: master, action, nonce, isTestnet: true });
    const answer = await h.http.request('exchange', { action, signature, nonce, vaultAddress: null, expiresAfter: null });
    expect(answer).toEqual({ status: 'ok', response: { type: 'order', data: { statuses: [{ resting: { oid: expect.any(Number) } }] } } });
  });

  it('a signature for the other network is refused', async () => {
    const mainnetSigner = new ExchangeClient({ transport: new HttpTransport({ apiUrl: h.venue.url, isTestnet: false }), wallet: master });
    const error = await rejection(mainnetSigner.noop({ nonce: Date.now() }));
    expect((error.response as { response: string }).response).toMatch(/^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
  });

  it('a duplicate nonce is refused with the venue message', async () => {
    const nonce = Date.now() + 5_000;
    await h.exchange.noop({ nonce });
    const error = await rejection(h.exchange.noop({ nonce }));
    expect(error.response).toEqual({ status: 'err', response: `Invalid nonce: duplicate nonce ${nonce}` });
  });

  it('nonces outside the window around the venue clock are refused', async () => {
    const stale = await rejection(h.exchange.noop({ nonce: Date.now() - 3 * 24 * 3_600_000 }));
    expect((stale.response as { response: string }).response).toMatch(/^Invalid nonce: /);
    const future = await rejection(h.exchange.noop({ nonce: Date.now() + 2 * 24 * 3_600_000 }));
    expect((future.response as { response: string }).response).toMatch(/^Invalid nonce: /);
  });

  it('scheduleCancel is refused below $1M traded volume, like the venue', async () => {
    const error = await rejection(h.exchange.scheduleCancel({ time: Date.now() + 60_000 }));
    expect(error.response).toEqual({
      status: 'err',
      response: 'Cannot set scheduled cancel time until enough volume traded. Required: $1000000. Traded: $0.',
    });
  });

  it('orders beyond equity × max leverage are refused for margin; reduce-only without a position is refused', async () => {
    // 100,000 USDC × 40 = $4M of notional; 50 BTC at 100,000 is $5M.
    const error = await rejection(
      h.exchange.order({ orders: [alo(true, '100000', '50'), { ...alo(false, '106000', '0.001'), r: true }], grouping: 'na' }),
    );
    expect(statuses(error)).toEqual([
      { error: 'Insufficient margin to place order. asset=0' },
      { error: 'Reduce only order would increase position. asset=0' },
    ]);
  });

  it('a refused ALO is reported on orderUpdates as badAloPxRejected', async () => {
    const { client } = h.subscriptions();
    const updates: Array<{ status: string; order: { limitPx: string } }> = [];
    await client.orderUpdates({ user: master.address }, (batch) => updates.push(...batch));
    await rejection(h.exchange.order({ orders: [alo(false, '105055', '0.001')], grouping: 'na' }));
    await vi.waitFor(() =>
      expect(updates).toContainEqual(
        expect.objectContaining({ status: 'badAloPxRejected', order: expect.objectContaining({ limitPx: '105055.0' }) }),
      ),
    );
  });

  it("userRateLimit counts the account's signed actions", async () => {
    const limit = await h.info.userRateLimit({ user: MASTER });
    expect(limit.nRequestsUsed).toBeGreaterThan(5);
    expect(limit.nRequestsCap).toBe(10_000);
  });

  it('every resting price is on the instrument grid', async () => {
    const open = await h.info.openOrders({ user: MASTER });
    for (const order of open) expect(btc.isValidPriceTicks(btc.parsePriceTicks(order.limitPx))).toBe(true);
  });
});

describe('scheduleCancel when the venue allows it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ allowScheduleCancel: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a time under 5 s ahead, then cancels every open order when the time comes', async () => {
    const early = await rejection(h.exchange.scheduleCancel({ time: h.venue.core.nowMs() + 1_000 }));
    expect(early.response).toEqual({ status: 'err', response: 'Scheduled cancel time too early, must be at least 5 seconds from now.' });
    const placed = await h.exchange.order({ orders: [alo(true, '105000', '0.001'), alo(false, '105100', '0.001')], grouping: 'na' });
    expect(placed.response.data.statuses).toHaveLength(2);
    await h.exchange.scheduleCancel({ time: h.venue.core.nowMs() + 10_000 });
    h.advanceSeconds(9);
    expect(await h.info.openOrders({ user: MASTER })).toHaveLength(2);
    h.advanceSeconds(2);
    expect(await h.info.openOrders({ user: MASTER })).toHaveLength(0);
    const oid = (placed.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    expect(await h.info.orderStatus({ user: MASTER, oid })).toMatchObject({ order: { status: 'scheduledCancel' } });
  });
});
