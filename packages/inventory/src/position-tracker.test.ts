import { ConfigError, Instrument, InvalidInputError, sideSign, type Side } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PositionTracker, type TrackedFill } from './position-tracker.js';

/** Tick $0.01, lot 0.001 ETH: one tick on one lot is $0.00001. */
const eth = new Instrument({ symbol: 'ETH', venue: 'test', tickSize: '0.01', lotSize: '0.001', minNotional: 0 });
const QUOTE_PER_TICK_LOT = 0.01 * 0.001;

let nextFillId = 0;
function fill(side: Side, priceTicks: number, sizeLots: number, extra: Partial<TrackedFill> = {}): TrackedFill {
  nextFillId += 1;
  return {
    symbol: 'ETH',
    fillId: `f${nextFillId}`,
    side,
    priceTicks,
    sizeLots,
    liquidity: 'maker',
    feeQuote: 0,
    ...extra,
  };
}

function closeTo(actual: number, expected: number, scale = 1): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale, Math.abs(expected)));
}

describe('PositionTracker: position and average entry', () => {
  it('starts flat with everything zero', () => {
    const snapshot = new PositionTracker(eth).snapshot();
    expect(snapshot.positionLots).toBe(0);
    expect(snapshot.averageEntryPriceTicks).toBeNull();
    expect(snapshot.markPriceTicks).toBeNull();
    expect(snapshot.totalPnlQuote).toBe(0);
    expect(Object.isFrozen(snapshot)).toBe(true);
  });

  it('weights the average entry by size while the position grows', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('buy', 300_000, 1_000));
    tracker.applyFill(fill('buy', 310_000, 3_000));
    expect(tracker.positionLots).toBe(4_000);
    expect(tracker.averageEntryPriceTicks).toBe(307_500);
    const snapshot = tracker.snapshot(320_000);
    expect(snapshot.averageEntryPrice).toBeCloseTo(3_075, 9);
    expect(snapshot.positionBase).toBe(4);
    closeTo(snapshot.unrealizedPnlQuote, (320_000 - 307_500) * 4_000 * QUOTE_PER_TICK_LOT); // $500
    closeTo(snapshot.positionNotionalQuote, 12_800);
  });

  it('realizes against the average on a partial close and keeps the average', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('buy', 300_000, 1_000));
    tracker.applyFill(fill('buy', 310_000, 3_000));
    const result = tracker.applyFill(fill('sell', 320_000, 1_000));
    expect(result.status).toBe('applied');
    if (result.status === 'applied') closeTo(result.realizedPnlQuote, 12_500 * 1_000 * QUOTE_PER_TICK_LOT);
    expect(tracker.positionLots).toBe(3_000);
    expect(tracker.averageEntryPriceTicks).toBe(307_500);
  });

  it('crossing through zero: the closing part realizes, the remainder opens at the fill price', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('buy', 100_000, 10));
    tracker.applyFill(fill('sell', 110_000, 15));
    expect(tracker.positionLots).toBe(-5);
    expect(tracker.averageEntryPriceTicks).toBe(110_000);
    const snapshot = tracker.snapshot(105_000);
    closeTo(snapshot.realizedPnlQuote, 10_000 * 10 * QUOTE_PER_TICK_LOT); // $1
    closeTo(snapshot.unrealizedPnlQuote, 5_000 * 5 * QUOTE_PER_TICK_LOT); // short 5 from 110,000 at 105,000
    // And back the other way, from short to long.
    tracker.applyFill(fill('buy', 100_000, 8));
    expect(tracker.positionLots).toBe(3);
    expect(tracker.averageEntryPriceTicks).toBe(100_000);
    closeTo(tracker.snapshot(100_000).realizedPnlQuote, (10_000 * 10 + 10_000 * 5) * QUOTE_PER_TICK_LOT);
  });

  it('an exact close leaves the position flat with no average', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('sell', 200_000, 7));
    tracker.applyFill(fill('buy', 199_000, 7));
    expect(tracker.positionLots).toBe(0);
    expect(tracker.averageEntryPriceTicks).toBeNull();
    const snapshot = tracker.snapshot();
    expect(snapshot.unrealizedPnlQuote).toBe(0);
    closeTo(snapshot.realizedPnlQuote, 1_000 * 7 * QUOTE_PER_TICK_LOT);
  });

  it('needs a mark to value an open position, and refuses a bad one', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('buy', 100_000, 1));
    expect(() => tracker.snapshot()).toThrow(InvalidInputError);
    expect(() => tracker.snapshot(Number.NaN)).toThrow(InvalidInputError);
    expect(() => tracker.snapshot(0)).toThrow(InvalidInputError);
  });

  it('starts from an opening position carried in', () => {
    const tracker = new PositionTracker(eth, {
      openingPosition: { positionLots: -2_000, averageEntryPriceTicks: 300_000 },
    });
    expect(tracker.positionLots).toBe(-2_000);
    const snapshot = tracker.snapshot(290_000);
    closeTo(snapshot.unrealizedPnlQuote, 10_000 * 2_000 * QUOTE_PER_TICK_LOT);
    closeTo(snapshot.inventoryPnlQuote, snapshot.unrealizedPnlQuote);
    expect(snapshot.spreadCaptureQuote).toBe(0);
    expect(snapshot.buyFillCount + snapshot.sellFillCount).toBe(0);
    expect(() => new PositionTracker(eth, { openingPosition: { positionLots: 5, averageEntryPriceTicks: -1 } })).toThrow(InvalidInputError);
  });
});

describe('PositionTracker: fills', () => {
  it('counts buys and sells, maker and taker, and volume in lots, base and quote', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('buy', 300_000, 1_000, { liquidity: 'maker' }));
    tracker.applyFill(fill('sell', 301_000, 500, { liquidity: 'taker' }));
    tracker.applyFill(fill('sell', 302_000, 500, { liquidity: 'maker' }));
    const snapshot = tracker.snapshot();
    expect(snapshot).toMatchObject({
      buyFillCount: 1,
      sellFillCount: 2,
      makerFillCount: 2,
      takerFillCount: 1,
      volumeLots: 2_000,
      volumeBase: 2,
    });
    closeTo(snapshot.volumeQuote, 3_000 + 1_505 + 1_510);
  });

  it('ignores a fill whose id was seen already', () => {
    const tracker = new PositionTracker(eth);
    const first = fill('buy', 300_000, 1_000, { feeQuote: 0.3 });
    expect(tracker.applyFill(first).status).toBe('applied');
    const again = tracker.applyFill({ ...first });
    expect(again).toEqual({ status: 'duplicate', fillId: first.fillId, positionLots: 1_000 });
    const snapshot = tracker.snapshot(300_000);
    expect(snapshot.positionLots).toBe(1_000);
    expect(snapshot.buyFillCount).toBe(1);
    expect(snapshot.feesPaidQuote).toBe(0.3);
    expect(snapshot.duplicateFillCount).toBe(1);
    expect(tracker.hasSeenFill(first.fillId)).toBe(true);
  });

  it('remembers only the configured number of fill ids', () => {
    const tracker = new PositionTracker(eth, { config: { rememberedFillIds: 1 } });
    const first = fill('buy', 300_000, 1);
    tracker.applyFill(first);
    tracker.applyFill(fill('buy', 300_000, 1));
    expect(tracker.applyFill(first).status).toBe('applied');
    expect(() => new PositionTracker(eth, { config: { rememberedFillIds: 0 } })).toThrow(ConfigError);
  });

  it('rejects fills that break the preconditions, before remembering their id', () => {
    const tracker = new PositionTracker(eth);
    expect(() => tracker.applyFill(fill('buy', 300_000, 1, { symbol: 'BTC' }))).toThrow(InvalidInputError);
    expect(() => tracker.applyFill(fill('buy', 300_000.5, 1))).toThrow(InvalidInputError);
    expect(() => tracker.applyFill(fill('buy', 300_000, 0))).toThrow(InvalidInputError);
    expect(() => tracker.applyFill(fill('buy', 300_000, 1, { feeQuote: Number.NaN }))).toThrow(InvalidInputError);
    const bad = fill('buy', 300_000, 1);
    expect(() => tracker.applyFill(bad, -1)).toThrow(InvalidInputError);
    expect(tracker.applyFill(bad, 300_001).status).toBe('applied');
  });

  it('counts the edge against the mid as spread capture, the rest as inventory PnL', () => {
    const tracker = new PositionTracker(eth);
    // Bought 1,000 lots 5 ticks under a mid of 300,005; the mid then moves to 300,105.
    const result = tracker.applyFill(fill('buy', 300_000, 1_000), 300_005);
    if (result.status === 'applied') closeTo(result.spreadCaptureQuote, 5 * 1_000 * QUOTE_PER_TICK_LOT);
    // Sold 1,000 lots 3 ticks over a mid of 300,100.
    tracker.applyFill(fill('sell', 300_103, 1_000), 300_100);
    const snapshot = tracker.snapshot(300_100);
    closeTo(snapshot.spreadCaptureQuote, (5 + 3) * 1_000 * QUOTE_PER_TICK_LOT);
    closeTo(snapshot.inventoryPnlQuote, 95 * 1_000 * QUOTE_PER_TICK_LOT); // mid 300,005 → 300,100 while held
    closeTo(snapshot.realizedPnlQuote, 103 * 1_000 * QUOTE_PER_TICK_LOT);
    expect(snapshot.fillsWithoutMidCount).toBe(0);
  });

  it('a fill without a mid has no spread capture and is counted as such', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('buy', 300_000, 1_000));
    const snapshot = tracker.snapshot(300_050);
    expect(snapshot.spreadCaptureQuote).toBe(0);
    closeTo(snapshot.inventoryPnlQuote, snapshot.unrealizedPnlQuote);
    expect(snapshot.fillsWithoutMidCount).toBe(1);
  });

  it('keeps fees paid and rebates received apart, outside spread capture', () => {
    const tracker = new PositionTracker(eth);
    tracker.applyFill(fill('buy', 300_000, 1_000, { feeQuote: -0.06, liquidity: 'maker' }), 300_010);
    tracker.applyFill(fill('sell', 300_000, 1_000, { feeQuote: 1.35, liquidity: 'taker' }), 299_990);
    const snapshot = tracker.snapshot();
    expect(snapshot.rebatesReceivedQuote).toBeCloseTo(0.06, 12);
    expect(snapshot.feesPaidQuote).toBeCloseTo(1.35, 12);
    expect(snapshot.feePnlQuote).toBeCloseTo(-1.29, 12);
    // Bought 10 ticks under the mid and sold 10 over it: $0.20 of spread capture, given back as
    // inventory PnL because the mid fell 20 ticks in between; the fees are in neither.
    closeTo(snapshot.spreadCaptureQuote, 20 * 1_000 * QUOTE_PER_TICK_LOT);
    closeTo(snapshot.inventoryPnlQuote, -20 * 1_000 * QUOTE_PER_TICK_LOT);
    expect(snapshot.realizedPnlQuote).toBe(0);
    expect(snapshot.totalPnlQuote).toBeCloseTo(-1.29, 12);
  });
});

// ---- properties ---------------------------------------------------------------------------

/** The mid of a generated fill; a fill without one is taken at its own price (as the tracker does). */
function midOf(generated: GeneratedFill): number | undefined {
  return generated.midOffsetHalfTicks === null ? undefined : generated.priceTicks + generated.midOffsetHalfTicks / 2;
}

interface GeneratedFill {
  side: Side;
  priceTicks: number;
  sizeLots: number;
  /** Offset of the mid from the price in half ticks, or null for a fill without a mid. */
  midOffsetHalfTicks: number | null;
  feeQuote: number;
  liquidity: 'maker' | 'taker';
}

const generatedFill: fc.Arbitrary<GeneratedFill> = fc.record({
  side: fc.constantFrom('buy' as const, 'sell' as const),
  priceTicks: fc.integer({ min: 250_000, max: 350_000 }),
  sizeLots: fc.integer({ min: 1, max: 50_000 }),
  midOffsetHalfTicks: fc.option(fc.integer({ min: -400, max: 400 }), { nil: null }),
  feeQuote: fc.integer({ min: -5_000_000, max: 5_000_000 }).map((microQuote) => microQuote / 1e6),
  liquidity: fc.constantFrom('maker' as const, 'taker' as const),
});

const markTicks = fc.integer({ min: 200_000, max: 400_000 });

function replay(fills: readonly GeneratedFill[], feeScale = 1): PositionTracker {
  const tracker = new PositionTracker(eth);
  fills.forEach((generated, index) => {
    const mid = midOf(generated);
    tracker.applyFill(
      {
        symbol: 'ETH',
        fillId: `p${index}`,
        side: generated.side,
        priceTicks: generated.priceTicks,
        sizeLots: generated.sizeLots,
        liquidity: generated.liquidity,
        feeQuote: generated.feeQuote * feeScale,
      },
      mid,
    );
  });
  return tracker;
}

describe('PositionTracker properties', () => {
  it('PnL decomposes: realized + unrealized + fees = spread capture + inventory + fees = cash-flow PnL', () => {
    fc.assert(
      fc.property(fc.array(generatedFill, { maxLength: 200, size: 'max' }), markTicks, (fills, mark) => {
        const snapshot = replay(fills).snapshot(mark);
        // Independent reference: cash flows plus the position valued at the mark.
        let positionLots = 0;
        let cashTickLots = 0;
        let spreadTickLots = 0;
        let grossNotionalTickLots = 0;
        for (const generated of fills) {
          const sign = sideSign(generated.side);
          positionLots += sign * generated.sizeLots;
          cashTickLots -= sign * generated.priceTicks * generated.sizeLots;
          const mid = midOf(generated) ?? generated.priceTicks;
          spreadTickLots += sign * (mid - generated.priceTicks) * generated.sizeLots;
          grossNotionalTickLots += generated.priceTicks * generated.sizeLots;
        }
        const scale = (grossNotionalTickLots + Math.abs(positionLots) * mark) * QUOTE_PER_TICK_LOT;
        const cashFlowPnl = (cashTickLots + positionLots * mark) * QUOTE_PER_TICK_LOT;

        expect(snapshot.positionLots).toBe(positionLots);
        closeTo(snapshot.realizedPnlQuote + snapshot.unrealizedPnlQuote, cashFlowPnl, scale);
        closeTo(snapshot.spreadCaptureQuote, spreadTickLots * QUOTE_PER_TICK_LOT, scale);
        closeTo(snapshot.totalPnlQuote, snapshot.spreadCaptureQuote + snapshot.inventoryPnlQuote + snapshot.feePnlQuote, scale);
        closeTo(snapshot.totalPnlQuote, cashFlowPnl + snapshot.feePnlQuote, scale);
      }),
    );
  });

  it('a round trip buy at p1 / sell at p2 of the same size realizes (p2 − p1)·size, in either order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        (buyPriceTicks, sellPriceTicks, sizeLots, buyFirst, splitInto) => {
          const tracker = new PositionTracker(eth);
          const legs: TrackedFill[] = [];
          // The second leg may arrive as several partial fills; the result must not change.
          const buy = fill('buy', buyPriceTicks, sizeLots);
          legs.push(buy);
          const partLots = Math.floor(sizeLots / splitInto);
          const parts = partLots === 0 ? 1 : splitInto;
          for (let part = 1; part < parts; part += 1) legs.push(fill('sell', sellPriceTicks, partLots));
          legs.push(fill('sell', sellPriceTicks, sizeLots - (parts - 1) * partLots));
          const ordered = buyFirst ? legs : [...legs.slice(1), legs[0] as TrackedFill];
          for (const leg of ordered) tracker.applyFill(leg);
          const snapshot = tracker.snapshot();
          expect(snapshot.positionLots).toBe(0);
          expect(snapshot.unrealizedPnlQuote).toBe(0);
          closeTo(
            snapshot.realizedPnlQuote,
            (sellPriceTicks - buyPriceTicks) * sizeLots * QUOTE_PER_TICK_LOT,
            (sellPriceTicks + buyPriceTicks) * sizeLots * QUOTE_PER_TICK_LOT,
          );
        },
      ),
    );
  });

  it('fees and rebates are split by sign and touch nothing but fee PnL', () => {
    fc.assert(
      fc.property(fc.array(generatedFill, { maxLength: 100, size: 'max' }), markTicks, (fills, mark) => {
        const withFees = replay(fills).snapshot(mark);
        const withoutFees = replay(fills, 0).snapshot(mark);
        const paid = fills.reduce((sum, generated) => sum + Math.max(generated.feeQuote, 0), 0);
        const received = fills.reduce((sum, generated) => sum + Math.max(-generated.feeQuote, 0), 0);
        expect(withFees.feesPaidQuote).toBeGreaterThanOrEqual(0);
        expect(withFees.rebatesReceivedQuote).toBeGreaterThanOrEqual(0);
        closeTo(withFees.feesPaidQuote, paid);
        closeTo(withFees.rebatesReceivedQuote, received);
        closeTo(withFees.feePnlQuote, received - paid);
        expect(withFees.realizedPnlQuote).toBe(withoutFees.realizedPnlQuote);
        expect(withFees.unrealizedPnlQuote).toBe(withoutFees.unrealizedPnlQuote);
        expect(withFees.spreadCaptureQuote).toBe(withoutFees.spreadCaptureQuote);
        expect(withFees.inventoryPnlQuote).toBe(withoutFees.inventoryPnlQuote);
        closeTo(withFees.totalPnlQuote - withoutFees.totalPnlQuote, received - paid);
      }),
    );
  });

  it('replayed fills change nothing but the duplicate count', () => {
    fc.assert(
      fc.property(fc.array(generatedFill, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 30 }), (fills, replays) => {
        const once = replay(fills);
        const twice = replay(fills);
        replays.forEach((pick) => {
          const index = pick % fills.length;
          const generated = fills[index] as GeneratedFill;
          const result = twice.applyFill({
            symbol: 'ETH',
            fillId: `p${index}`,
            side: generated.side,
            priceTicks: generated.priceTicks,
            sizeLots: generated.sizeLots,
            liquidity: generated.liquidity,
            feeQuote: generated.feeQuote,
          });
          expect(result.status).toBe('duplicate');
        });
        const mark = 300_000;
        expect({ ...twice.snapshot(mark), duplicateFillCount: 0 }).toEqual(once.snapshot(mark));
        expect(twice.snapshot(mark).duplicateFillCount).toBe(replays.length);
      }),
    );
  });

  it('the average entry of a position built by one side only is its size-weighted price', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (side, legs) => {
          const tracker = new PositionTracker(eth);
          for (const [priceTicks, sizeLots] of legs) tracker.applyFill(fill(side, priceTicks, sizeLots));
          const lots = legs.reduce((sum, [, sizeLots]) => sum + sizeLots, 0);
          const cost = legs.reduce((sum, [priceTicks, sizeLots]) => sum + priceTicks * sizeLots, 0);
          expect(tracker.positionLots).toBe(sideSign(side) * lots);
          closeTo(tracker.averageEntryPriceTicks ?? Number.NaN, cost / lots, 1_000_000);
        },
      ),
    );
  });
});

describe('PositionTracker.totalPnlQuote', () => {
  it('equals the snapshot total at any mark', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            buy: fc.boolean(),
            price: fc.integer({ min: 900, max: 1_100 }),
            size: fc.integer({ min: 1, max: 50 }),
            fee: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 900, max: 1_100 }),
        (fills, mark) => {
          const tracker = new PositionTracker(
            new Instrument({ symbol: 'T', venue: 'test', tickSize: '0.5', lotSize: '0.01', minNotional: 0 }),
          );
          fills.forEach((fill, index) =>
            tracker.applyFill({
              symbol: 'T',
              fillId: String(index),
              side: fill.buy ? 'buy' : 'sell',
              priceTicks: fill.price,
              sizeLots: fill.size,
              liquidity: 'maker',
              feeQuote: fill.fee,
            }),
          );
          expect(tracker.totalPnlQuote(mark)).toBeCloseTo(tracker.snapshot(mark).totalPnlQuote, 9);
        },
      ),
    );
  });
});
