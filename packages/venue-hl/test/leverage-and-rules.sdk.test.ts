import { ManualClock, MICROS_PER_MILLI } from '@mm/core';
import { ApiRequestError } from '@nktkas/hyperliquid/api/exchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHyperliquidVenue } from '../src/index.js';
import { CAPTURE, MASTER, master, startHarness, type Harness } from './sdk-harness.js';

const alo = (isBuy: boolean, price: string, size: string, reduceOnly = false) => ({
  a: 0,
  b: isBuy,
  p: price,
  s: size,
  r: reduceOnly,
  t: { limit: { tif: 'Alo' as const } },
});

/** The per-order statuses, whether the SDK returned them or threw them (any error status throws). */
async function statusesOf(promise: Promise<{ response: { data: { statuses: unknown[] } } }>): Promise<unknown[]> {
  try {
    return (await promise).response.data.statuses;
  } catch (error) {
    if (error instanceof ApiRequestError) return (error.response as { response: { data: { statuses: unknown[] } } }).response.data.statuses;
    throw error;
  }
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error.response;
    throw error;
  }
  throw new Error('expected the venue to refuse');
}

describe('leverage, margin and the order rules', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ accounts: [{ address: master.address, startingUsdc: 10_000 }] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('updateLeverage sets the margin an order needs: 10,400 USDC of bids need 2x on 10,000 USDC', async () => {
    await h.exchange.updateLeverage({ asset: 0, isCross: true, leverage: 1 });
    expect(await statusesOf(h.exchange.order({ orders: [alo(true, '104000', '0.1')], grouping: 'na' }))).toEqual([
      { error: 'Insufficient margin to place order. asset=0' },
    ]);
    await h.exchange.updateLeverage({ asset: 0, isCross: true, leverage: 2 });
    const [resting] = (await statusesOf(h.exchange.order({ orders: [alo(true, '104000', '0.1')], grouping: 'na' }))) as Array<{
      resting: { oid: number };
    }>;
    expect(resting!.resting.oid).toBeGreaterThan(0);
    await h.exchange.cancel({ cancels: [{ a: 0, o: resting!.resting.oid }] });
    expect(await refusal(h.exchange.updateLeverage({ asset: 0, isCross: true, leverage: 41 }))).toEqual({
      status: 'err',
      response: 'Invalid leverage value.',
    });
  });

  it("the position carries the account's leverage; its margin type cannot switch while it is open", async () => {
    await h.exchange.order({ orders: [alo(true, '105054', '0.0001')], grouping: 'na' });
    h.advanceSeconds(25);
    let state = await h.info.clearinghouseState({ user: MASTER });
    const position = state.assetPositions[0]!.position;
    expect(position.leverage).toEqual({ type: 'cross', value: 2 });
    expect(Number(position.marginUsed)).toBeCloseTo(Number(position.positionValue) / 2, 5);
    expect(await refusal(h.exchange.updateLeverage({ asset: 0, isCross: false, leverage: 2 }))).toEqual({
      status: 'err',
      response: 'Cannot switch leverage type with open position.',
    });
    await h.exchange.updateLeverage({ asset: 0, isCross: true, leverage: 5 });
    state = await h.info.clearinghouseState({ user: MASTER });
    expect(state.assetPositions[0]!.position.leverage).toEqual({ type: 'cross', value: 5 });
    expect(Number(state.marginSummary.totalMarginUsed)).toBeCloseTo(Number(state.marginSummary.totalNtlPos) / 5, 5);
  });

  it('reduce-only, IOC, minimum value and tick refusals end with asset=N, as the venue writes them', async () => {
    const ask = (await h.info.l2Book({ coin: 'BTC' }))!.levels[1][0]!.px;
    const above = String(Math.round(Number(ask)) + 200);
    expect(
      await statusesOf(
        h.exchange.order({
          orders: [
            alo(true, '100000', '0.0001', true),
            { ...alo(true, '100000', '0.001'), t: { limit: { tif: 'Ioc' as const } } },
            alo(true, '100000', '0.00001'),
            alo(true, '100000.5', '0.001'),
            alo(false, above, '0.0001', true),
          ],
          grouping: 'na',
        }),
      ),
    ).toEqual([
      { error: 'Reduce only order would increase position. asset=0' },
      { error: 'Order could not immediately match against any resting orders. asset=0' },
      { error: 'Order must have minimum value of $10. asset=0' },
      { error: 'Price must be divisible by tick size. asset=0' },
      { resting: { oid: expect.any(Number) } },
    ]);
  });

  it('refuses prices more than 95% from the reference price (a bid 99% under the mid does not rest)', async () => {
    expect(await statusesOf(h.exchange.order({ orders: [alo(true, '1050', '0.01')], grouping: 'na' }))).toEqual([
      { error: 'Order price cannot be more than 95% away from the reference price' },
    ]);
    expect(await statusesOf(h.exchange.order({ orders: [alo(false, '210000', '0.0001')], grouping: 'na' }))).toEqual([
      { error: 'Order price cannot be more than 95% away from the reference price' },
    ]);
    const [inside] = (await statusesOf(h.exchange.order({ orders: [alo(true, '6000', '0.002')], grouping: 'na' }))) as Array<{
      resting: { oid: number };
    }>;
    expect(inside!.resting.oid).toBeGreaterThan(0);
  });

  it('an order naming a builder needs the builder approved (approveBuilderFee), then pays it', async () => {
    const builder = '0x6530512a6c89c7cfcebc3ba7fcd9ada5f30827a6' as const;
    const order = { orders: [alo(true, '104500', '0.0001')], grouping: 'na' as const, builder: { b: builder, f: 10 } };
    expect(await statusesOf(h.exchange.order(order))).toEqual([{ error: 'Builder fee has not been approved.' }]);
    await h.exchange.approveBuilderFee({ builder, maxFeeRate: '0.01%' });
    expect(await h.info.maxBuilderFee({ user: MASTER, builder })).toBe(10);
    expect(await statusesOf(h.exchange.order({ ...order, builder: { b: builder, f: 11 } }))).toEqual([
      { error: 'Builder fee has not been approved.' },
    ]);
    expect(await statusesOf(h.exchange.order(order))).toEqual([{ resting: { oid: expect.any(Number) } }]);
  });
});

describe('trade ids and hashes', () => {
  it("look like the venue's, never repeat over a loop of the replay, and repeat when the venue restarts with the same seed", async () => {
    const startMs = Date.now();
    const run = async (seed: string) => {
      const clock = new ManualClock(startMs * MICROS_PER_MILLI);
      const venue = await startHyperliquidVenue({
        dataPath: CAPTURE,
        isTestnet: true,
        replayIntervalMs: 0,
        accounts: [{ address: master.address }],
        clock,
        idSeed: seed,
      });
      const seen: Array<{ tid: number; hash: string }> = [];
      // 25 s of capture + the loop gap, twice: the second loop replays the same recorded trades.
      for (let second = 0; second < 60; second += 1) {
        clock.advance(1_000_000);
        venue.catchUp();
        for (const trade of venue.core.latestTrades())
          if (!seen.some((known) => known.tid === trade.tid)) seen.push({ tid: trade.tid, hash: trade.hash });
      }
      await venue.close();
      return seen;
    };
    const first = await run('seed-a');
    expect(first.length).toBeGreaterThan(10);
    for (const trade of first) {
      expect(String(trade.tid)).toMatch(/^\d{15}$/);
      expect(trade.hash).toMatch(/^0x[0-9a-f]{64}$/);
    }
    expect(new Set(first.map((trade) => trade.hash)).size).toBe(first.length);
    expect(await run('seed-a')).toEqual(first);
    const other = await run('seed-b');
    expect(other.map((trade) => trade.tid)).not.toEqual(first.map((trade) => trade.tid));
  });
});
