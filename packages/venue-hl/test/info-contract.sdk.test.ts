import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER, master, startHarness, type Harness } from './sdk-harness.js';

/** A decimal as the venue writes it: always with a fractional part ("0.0", "105055.0", "-0.00012"). */
const DECIMAL = /^-?[0-9]+\.[0-9]+$/;
const decimal = expect.stringMatching(DECIMAL);
const keys = (value: unknown) => Object.keys(value as object).sort();

/**
 * One contract per info type a market maker's client reads, checked through the official SDK
 * against the documented response shapes (@nktkas/hyperliquid's response types, which its online
 * tests prove against the real venue) and known answers (the official fee schedule, USDC at index 0).
 */
describe('POST /info contracts', () => {
  let h: Harness;
  let oid: number;
  let filledAtMs: number;
  beforeAll(async () => {
    h = await startHarness();
    // A bid the replayed sellers sweep after ~22 s (see fills.sdk.test.ts), and one canceled order.
    const placed = await h.exchange.order({
      orders: [
        { a: 0, b: true, p: '105054', s: '0.0001', r: false, t: { limit: { tif: 'Alo' } } },
        { a: 0, b: true, p: '104000', s: '0.001', r: false, t: { limit: { tif: 'Alo' } } },
      ],
      grouping: 'na',
    });
    const [first, second] = placed.response.data.statuses as Array<{ resting: { oid: number } }>;
    oid = first!.resting.oid;
    await h.exchange.cancel({ cancels: [{ a: 0, o: second!.resting.oid }] });
    h.advanceSeconds(25);
    filledAtMs = (await h.info.userFills({ user: MASTER }))[0]!.time;
  });
  afterAll(async () => {
    await h.close();
  });

  it('spotMeta lists USDC as token 0, the collateral token meta points to', async () => {
    const spot = await h.info.spotMeta();
    expect(spot.universe).toEqual([]);
    expect(spot.tokens[0]).toMatchObject({
      name: 'USDC',
      index: 0,
      szDecimals: 8,
      weiDecimals: 8,
      isCanonical: true,
      tokenId: expect.stringMatching(/^0x[0-9a-f]{32}$/),
    });
    expect(keys(spot.tokens[0])).toEqual([
      'deployerTradingFeeShare',
      'evmContract',
      'fullName',
      'index',
      'isCanonical',
      'name',
      'szDecimals',
      'tokenId',
      'weiDecimals',
    ]);
    expect((await h.info.meta()).collateralToken).toBe(0);
  });

  it('spotMetaAndAssetCtxs is [spotMeta, contexts]', async () => {
    const [meta, contexts] = await h.info.spotMetaAndAssetCtxs();
    expect(meta.tokens[0]!.name).toBe('USDC');
    expect(contexts).toEqual([]);
  });

  it('metaAndAssetCtxs carries the documented asset-context fields, decimals as the venue writes them', async () => {
    const [, [ctx]] = await h.info.metaAndAssetCtxs();
    expect(keys(ctx)).toEqual([
      'dayBaseVlm',
      'dayNtlVlm',
      'funding',
      'impactPxs',
      'markPx',
      'midPx',
      'openInterest',
      'oraclePx',
      'premium',
      'prevDayPx',
    ]);
    for (const field of ['dayBaseVlm', 'dayNtlVlm', 'funding', 'markPx', 'openInterest', 'oraclePx', 'prevDayPx'] as const)
      expect(ctx![field]).toMatch(DECIMAL);
    // Our fill is the only open interest the venue knows; the tape traded in the last 24 h.
    expect(ctx!.openInterest).toBe('0.0001');
    expect(Number(ctx!.dayNtlVlm)).toBeGreaterThan(0);
  });

  it('exchangeStatus answers the venue time and no special status', async () => {
    const status = await h.info.exchangeStatus();
    expect(status).toEqual({ time: h.venue.core.nowMs(), specialStatuses: null });
  });

  it('userAbstraction says a standard account', async () => {
    expect(await h.info.userAbstraction({ user: MASTER })).toBe('default');
  });

  it('spotClearinghouseState holds no spot balances (collateral stays in perps)', async () => {
    expect(await h.info.spotClearinghouseState({ user: MASTER })).toEqual({ balances: [] });
  });

  it('userFees: the official base tier for a new account, the schedule, the day volumes', async () => {
    const fees = await h.info.userFees({ user: MASTER });
    expect(fees).toMatchObject({
      userCrossRate: '0.00045',
      userAddRate: '0.00015',
      userSpotCrossRate: '0.0007',
      userSpotAddRate: '0.0004',
    });
    expect(fees.feeSchedule).toMatchObject({ cross: '0.00045', add: '0.00015', spotCross: '0.0007', spotAdd: '0.0004' });
    expect(fees.feeSchedule.tiers.vip[0]).toEqual({
      ntlCutoff: '5000000.0',
      cross: '0.0004',
      add: '0.00012',
      spotCross: '0.0006',
      spotAdd: '0.0003',
    });
    expect(fees.feeSchedule.tiers.mm.map((tier) => tier.add)).toEqual(['-0.00001', '-0.00002', '-0.00003']);
    const today = fees.dailyUserVlm.at(-1)!;
    expect(today.date).toBe(new Date(h.venue.core.nowMs()).toISOString().slice(0, 10));
    expect(Number(today.userAdd)).toBeCloseTo(105054 * 0.0001, 2);
    expect(today.userCross).toBe('0.0');
    expect(keys(fees)).toEqual(
      [
        'activeReferralDiscount',
        'activeStakingDiscount',
        'dailyUserVlm',
        'feeSchedule',
        'feeTrialEscrow',
        'nextTrialAvailableTimestamp',
        'stakingLink',
        'trial',
        'userAddRate',
        'userCrossRate',
        'userSpotAddRate',
        'userSpotCrossRate',
      ].sort(),
    );
  });

  it('userFillsByTime returns the fills inside [startTime, endTime]', async () => {
    const fills = await h.info.userFillsByTime({ user: MASTER, startTime: filledAtMs - 1 });
    expect(fills).toEqual([
      expect.objectContaining({ oid, px: '105054.0', sz: '0.0001', startPosition: '0.0', closedPnl: '0.0', fee: decimal }),
    ]);
    expect(await h.info.userFillsByTime({ user: MASTER, startTime: filledAtMs + 1 })).toEqual([]);
    expect(await h.info.userFillsByTime({ user: MASTER, startTime: 0, endTime: filledAtMs - 1 })).toEqual([]);
  });

  it('historicalOrders lists done orders with their final status, newest first', async () => {
    const history = await h.info.historicalOrders({ user: MASTER });
    expect(history.map((entry) => entry.status)).toEqual(['canceled', 'filled']);
    expect(history[1]).toMatchObject({
      order: { oid, limitPx: '105054.0', origSz: '0.0001', tif: 'Alo', orderType: 'Limit' },
      status: 'filled',
    });
    expect(keys(history[0]!.order)).toEqual(
      [
        'children',
        'coin',
        'isPositionTpsl',
        'isTrigger',
        'limitPx',
        'oid',
        'orderType',
        'origSz',
        'reduceOnly',
        'side',
        'sz',
        'tif',
        'timestamp',
        'triggerCondition',
        'triggerPx',
      ].sort(),
    );
  });

  it('candleSnapshot: one-minute candles of the replayed tape', async () => {
    const candles = await h.info.candleSnapshot({ coin: 'BTC', interval: '1m', startTime: 0 });
    expect(candles.length).toBeGreaterThanOrEqual(1);
    for (const candle of candles) {
      expect(keys(candle)).toEqual(['T', 'c', 'h', 'i', 'l', 'n', 'o', 's', 't', 'v']);
      expect(candle).toMatchObject({ s: 'BTC', i: '1m', o: decimal, c: decimal, h: decimal, l: decimal, v: decimal });
      expect(candle.t % 60_000).toBe(0);
      expect(candle.T).toBe(candle.t + 59_999);
    }
    // The tape the bid was swept by traded down through 105054.
    expect(Math.min(...candles.map((candle) => Number(candle.l)))).toBeLessThanOrEqual(105054);
    const daily = await h.info.candleSnapshot({ coin: 'BTC', interval: '1d', startTime: 0 });
    expect(daily).toHaveLength(1);
    expect(daily[0]!.n).toBe(candles.reduce((sum, candle) => sum + candle.n, 0));
    expect(await h.info.candleSnapshot({ coin: 'ETH', interval: '1m', startTime: 0 })).toEqual([]);
  });

  it('webData2 combines the account and market views', async () => {
    const data = await h.info.webData2({ user: MASTER });
    expect(data).toMatchObject({ user: MASTER, isVault: false, serverTime: h.venue.core.nowMs(), openOrders: [], spotAssetCtxs: [] });
    expect(data.clearinghouseState.assetPositions[0]!.position.szi).toBe('0.0001');
    expect(data.meta.universe[0]!.name).toBe('BTC');
  });

  it('clearinghouseState writes whole numbers with ".0"', async () => {
    const fresh = await h.info.clearinghouseState({ user: '0x00000000000000000000000000000000000000ab' });
    expect(fresh.marginSummary).toEqual({ accountValue: '0.0', totalNtlPos: '0.0', totalRawUsd: '0.0', totalMarginUsed: '0.0' });
    expect(fresh.withdrawable).toBe('0.0');
    const ours = await h.info.clearinghouseState({ user: master.address });
    expect(ours.crossMaintenanceMarginUsed).toMatch(DECIMAL);
  });

  it('an info type the venue does not know is answered 422, like the real one', async () => {
    const response = await fetch(`${h.venue.url}/info`, {
      method: 'POST',
      body: JSON.stringify({ type: 'notAType' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toBe('Failed to deserialize the JSON body into the target type');
  });
});
