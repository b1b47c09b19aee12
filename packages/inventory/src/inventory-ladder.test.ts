import { Instrument, InvalidInputError, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, sideSign, type Side } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInventoryLadderConfig, type InventoryLadderConfig } from './inventory-ladder-config.js';
import { inventoryLadder, type InventoryControls, type InventoryLadderInput } from './inventory-ladder.js';
import { PositionTracker, type TrackedFill } from './position-tracker.js';

const defaults = parseInventoryLadderConfig();
/** 2024-08-09 00:00 UTC, in microseconds. */
const DAY_START_US = 19_944 * MICROS_PER_DAY;
const NOON_US = DAY_START_US + 12 * MICROS_PER_HOUR;

function ladder(positionLots: number, extra: Partial<InventoryLadderInput> = {}, config = defaults): InventoryControls {
  return inventoryLadder({ positionLots, maxPositionLots: 100, nowUs: NOON_US, ...extra }, config);
}

describe('inventoryLadder: the rungs', () => {
  it('flat: both sides quote at the normal spread, no skew', () => {
    const controls = ladder(0);
    expect(controls.inventoryRatio).toBe(0);
    expect(controls.rule).toBe('skew');
    expect(controls.buy).toMatchObject({ action: 'quote', spreadMultiplier: 1, maxOrderLots: 100, rule: 'skew' });
    expect(controls.sell).toMatchObject({ action: 'quote', spreadMultiplier: 1, maxOrderLots: 100, rule: 'skew' });
    expect(controls.hedge).toBeNull();
    expect(controls.reason).toContain('flat');
  });

  it('skews always, and only skews up to the widen threshold (inclusive)', () => {
    const controls = ladder(50);
    expect(controls.inventoryRatio).toBe(0.5);
    expect(controls.rule).toBe('skew');
    expect(controls.buy.spreadMultiplier).toBe(1);
    expect(ladder(-30).inventoryRatio).toBe(-0.3);
  });

  it('widens the side that would grow the position above 50%', () => {
    const long = ladder(51);
    expect(long.rule).toBe('widen');
    expect(long.buy).toMatchObject({ action: 'quote', spreadMultiplier: 2, maxOrderLots: 49, rule: 'widen' });
    expect(long.sell).toMatchObject({ action: 'quote', spreadMultiplier: 1, maxOrderLots: 151, rule: 'skew' });
    expect(long.reason).toMatch(/^widen: long 51 of max 100 lots \(51\.0%\) > widen threshold 50\.0%; buy spread ×2$/);
    const short = ladder(-60, {}, parseInventoryLadderConfig({ widenSpreadMultiplier: 1.5 }));
    expect(short.sell).toMatchObject({ action: 'quote', spreadMultiplier: 1.5, rule: 'widen' });
    expect(short.buy).toMatchObject({ action: 'quote', spreadMultiplier: 1, rule: 'skew' });
  });

  it('pauses that side above 80% (still quoting at exactly 80%)', () => {
    expect(ladder(80).buy.action).toBe('quote');
    const controls = ladder(81);
    expect(controls.rule).toBe('pause');
    expect(controls.buy).toMatchObject({ action: 'pause', maxOrderLots: 0, rule: 'pause' });
    expect(controls.sell).toMatchObject({ action: 'quote', spreadMultiplier: 1 });
    expect(controls.hedge).toBeNull();
    expect(controls.buy.reason).toContain('pause threshold 80.0%');
  });

  it('hedges above 90%, reduce-only, back to 50%', () => {
    const long = ladder(95);
    expect(long.rule).toBe('hedge');
    expect(long.buy.action).toBe('pause');
    expect(long.sell.action).toBe('quote');
    expect(long.hedge).toMatchObject({
      side: 'sell',
      sizeLots: 45,
      targetPositionLots: 50,
      reduceOnly: true,
      rule: 'hedge',
    });
    expect(long.reason).toContain('hedge: long 95 of max 100 lots');
    const short = ladder(-91);
    expect(short.hedge).toMatchObject({ side: 'buy', sizeLots: 41, targetPositionLots: -50 });
    expect(short.sell.action).toBe('pause');
  });

  it('clamps the skew ratio beyond the limit and hedges from there', () => {
    const controls = ladder(-250);
    expect(controls.inventoryRatio).toBe(-1);
    expect(controls.hedge).toMatchObject({ side: 'buy', sizeLots: 200, targetPositionLots: -50 });
    expect(controls.sell.maxOrderLots).toBe(0);
  });

  it('rounds the hedge target down so the hedge always reaches it', () => {
    const config = parseInventoryLadderConfig({ hedgeTargetRatio: 0.29 }); // 0.29 × 100 is 28.999… in floats
    expect(ladder(95, {}, config).hedge).toMatchObject({ sizeLots: 66, targetPositionLots: 29 });
    const toFlat = parseInventoryLadderConfig({ hedgeTargetRatio: 0 });
    expect(ladder(-95, {}, toFlat).hedge).toMatchObject({ side: 'buy', sizeLots: 95, targetPositionLots: 0 });
  });

  it('leaves room for resting orders in maxOrderLots', () => {
    const controls = ladder(20, { restingBuyLots: 30, restingSellLots: 100 });
    expect(controls.buy.maxOrderLots).toBe(50);
    expect(controls.sell.maxOrderLots).toBe(20);
    expect(() => ladder(20, { restingBuyLots: -1 })).toThrow(InvalidInputError);
  });

  it('caps the hedge by the room resting orders on its side leave, and nets it out of that side', () => {
    // Long 95 of 100 with sells resting: were they and the hedge all to fill, the position must
    // not pass −100, so the hedge is at most 100 + 95 − resting.
    const roomy = ladder(95, { restingSellLots: 100 });
    expect(roomy.hedge).toMatchObject({ side: 'sell', sizeLots: 45, targetPositionLots: 50 });
    expect(roomy.sell.maxOrderLots).toBe(100 + 95 - 100 - 45);
    expect(roomy.sell.reason).toContain('room net of the hedge');
    const capped = ladder(95, { restingSellLots: 180 });
    expect(capped.hedge).toMatchObject({ side: 'sell', sizeLots: 15, targetPositionLots: 80 });
    expect(capped.sell.maxOrderLots).toBe(0);
    expect(capped.reason).toContain('capped from 45');
    const deferred = ladder(95, { restingSellLots: 195 });
    expect(deferred.rule).toBe('hedge');
    expect(deferred.hedge).toBeNull();
    expect(deferred.reason).toContain('45 lots deferred: 195 lots of sell orders already rest');
    const flatten = ladder(95, { restingSellLots: 150, emergency: true });
    expect(flatten.hedge).toMatchObject({ side: 'sell', sizeLots: 45, targetPositionLots: 50 });
  });

  it('flattens on emergency: nothing quotes, the whole position is closed', () => {
    const controls = ladder(30, { emergency: true });
    expect(controls.rule).toBe('flatten-emergency');
    expect(controls.buy).toMatchObject({ action: 'pause', maxOrderLots: 0, rule: 'flatten-emergency' });
    expect(controls.sell).toMatchObject({ action: 'pause', maxOrderLots: 0, rule: 'flatten-emergency' });
    expect(controls.hedge).toMatchObject({ side: 'sell', sizeLots: 30, targetPositionLots: 0, reduceOnly: true });
    expect(controls.reason).toContain('emergency');
    expect(ladder(0, { emergency: true }).hedge).toBeNull();
  });

  it('flattens from the UTC end-of-day cutoff until the day ends', () => {
    const cutoffUs = 23 * MICROS_PER_HOUR + 50 * MICROS_PER_MINUTE;
    const config = parseInventoryLadderConfig({ endOfDayFlattenUtcTimeOfDayUs: cutoffUs });
    expect(ladder(-10, { nowUs: DAY_START_US + cutoffUs - 1 }, config).rule).toBe('skew');
    const atCutoff = ladder(-10, { nowUs: DAY_START_US + cutoffUs }, config);
    expect(atCutoff.rule).toBe('flatten-end-of-day');
    expect(atCutoff.hedge).toMatchObject({ side: 'buy', sizeLots: 10, targetPositionLots: 0 });
    expect(atCutoff.reason).toContain('cutoff');
    expect(ladder(-10, { nowUs: DAY_START_US + MICROS_PER_DAY - 1 }, config).rule).toBe('flatten-end-of-day');
    expect(ladder(-10, { nowUs: DAY_START_US + MICROS_PER_DAY }, config).rule).toBe('skew');
    // Without a configured cutoff there is no end-of-day flatten.
    expect(ladder(-10, { nowUs: DAY_START_US + MICROS_PER_DAY - 1 }).rule).toBe('skew');
    // An emergency outranks the end of day.
    expect(ladder(-10, { nowUs: DAY_START_US + cutoffUs, emergency: true }, config).rule).toBe('flatten-emergency');
  });

  it('refuses inputs that break its preconditions', () => {
    expect(() => ladder(1.5)).toThrow(InvalidInputError);
    expect(() => ladder(1, { maxPositionLots: 0 })).toThrow(InvalidInputError);
    expect(() => ladder(1, { nowUs: Number.NaN })).toThrow(InvalidInputError);
  });
});

// ---- properties ---------------------------------------------------------------------------

/** Valid ladder configs: three increasing thresholds in (0, 1] and a target below the hedge one. */
const ladderConfig: fc.Arbitrary<InventoryLadderConfig> = fc
  .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 })
  .chain((percents) => {
    const [widen, pause, hedge] = [...percents].sort((a, b) => a - b) as [number, number, number];
    return fc.record({
      widenAboveRatio: fc.constant(widen / 100),
      pauseAboveRatio: fc.constant(pause / 100),
      hedgeAboveRatio: fc.constant(hedge / 100),
      hedgeTargetRatio: fc.integer({ min: 0, max: hedge - 1 }).map((target) => target / 100),
      widenSpreadMultiplier: fc.integer({ min: 100, max: 500 }).map((hundredths) => hundredths / 100),
    });
  })
  .map((input) => parseInventoryLadderConfig(input));

interface RestingOrder {
  id: number;
  lots: number;
}

type Step =
  | { kind: 'place'; side: Side; sizeShare: number }
  | { kind: 'fill'; side: Side; pick: number; fillShare: number }
  | { kind: 'cancel'; side: Side; pick: number }
  | { kind: 'hedge'; fillShare: number };

const side = fc.constantFrom('buy' as const, 'sell' as const);
/** A share in [0, 1], uniform (fc.double crowds near 0, which would rarely fill anything sizeable). */
const share = fc.integer({ min: 0, max: 1_000 }).map((permille) => permille / 1_000);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('place' as const), side, sizeShare: share }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fill' as const), side, pick: fc.nat(), fillShare: share }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), side, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hedge' as const), fillShare: share }) },
);

const eth = new Instrument({ symbol: 'ETH', venue: 'test', tickSize: '0.01', lotSize: '0.001', minNotional: 0 });

/** A fill of ours at a fixed price: the limit property is about sizes, not prices. */
function ethFill(fillId: string, side: Side, sizeLots: number): TrackedFill {
  return { symbol: 'ETH', fillId, side, priceTicks: 300_000, sizeLots, liquidity: 'maker', feeQuote: 0 };
}

describe('inventoryLadder properties', () => {
  it('|position| never exceeds max through any fill sequence the ladder allows', () => {
    // Orders are placed only on a side the ladder quotes, sized at most `maxOrderLots` given what
    // already rests there; resting orders fill in any order and any parts, cancels of paused sides
    // may never happen (lost races), hedges fill partially, and from some step on the emergency
    // flag may be set. The limit must hold after every fill.
    fc.assert(
      fc.property(
        ladderConfig,
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(step, { maxLength: 300, size: 'max' }),
        fc.integer({ min: 0, max: 600 }),
        (config, maxPositionLots, steps, emergencyFromStep) => {
          const tracker = new PositionTracker(eth);
          const resting: Record<Side, RestingOrder[]> = { buy: [], sell: [] };
          const restingLots = (s: Side): number => resting[s].reduce((sum, order) => sum + order.lots, 0);
          let nextId = 0;
          const fillLots = (s: Side, lots: number): void => {
            nextId += 1;
            tracker.applyFill(ethFill(`${nextId}`, s, lots));
            expect(Math.abs(tracker.positionLots)).toBeLessThanOrEqual(maxPositionLots);
          };
          for (const [index, current] of steps.entries()) {
            const controls = inventoryLadder(
              {
                positionLots: tracker.positionLots,
                maxPositionLots,
                nowUs: NOON_US,
                emergency: index >= emergencyFromStep,
                restingBuyLots: restingLots('buy'),
                restingSellLots: restingLots('sell'),
              },
              config,
            );
            expect(Math.abs(controls.inventoryRatio)).toBeLessThanOrEqual(1);
            if (current.kind === 'place') {
              const control = controls[current.side];
              if (control.action === 'pause' || control.maxOrderLots === 0) continue;
              const lots = Math.max(1, Math.floor(current.sizeShare * control.maxOrderLots));
              nextId += 1;
              resting[current.side].push({ id: nextId, lots });
            } else if (current.kind === 'fill') {
              const orders = resting[current.side];
              const order = orders[current.pick % Math.max(orders.length, 1)];
              if (order === undefined) continue;
              const lots = Math.max(1, Math.floor(current.fillShare * order.lots));
              order.lots -= lots;
              if (order.lots === 0) orders.splice(orders.indexOf(order), 1);
              fillLots(current.side, lots);
            } else if (current.kind === 'cancel') {
              const orders = resting[current.side];
              if (orders.length > 0) orders.splice(current.pick % orders.length, 1);
            } else if (controls.hedge !== null) {
              // The hedge goes out together with a full-size quote on the same side from the same
              // decision; both rest, the hedge fills at least in part now, the rest maybe later.
              const hedgeSide = controls.hedge.side;
              nextId += 1;
              const hedgeOrder: RestingOrder = { id: nextId, lots: controls.hedge.sizeLots };
              resting[hedgeSide].push(hedgeOrder);
              if (controls[hedgeSide].maxOrderLots > 0) {
                nextId += 1;
                resting[hedgeSide].push({ id: nextId, lots: controls[hedgeSide].maxOrderLots });
              }
              const lots = Math.max(1, Math.floor(current.fillShare * hedgeOrder.lots));
              hedgeOrder.lots -= lots;
              if (hedgeOrder.lots === 0) resting[hedgeSide].splice(resting[hedgeSide].indexOf(hedgeOrder), 1);
              fillLots(hedgeSide, lots);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('without maxOrderLots: one order at a time of ≤ max − ⌊pause·max⌋ lots, gated by pause, keeps it', () => {
    // The documented assumption for quoters that size orders themselves: a side the ladder does
    // not pause holds |q| ≤ pause·max, so a full fill of such an order ends at or under max.
    fc.assert(
      fc.property(
        ladderConfig,
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(fc.tuple(side, share, share), { maxLength: 300, size: 'max' }),
        (config, maxPositionLots, orders) => {
          const tracker = new PositionTracker(eth);
          const orderCapLots = maxPositionLots - Math.floor(config.pauseAboveRatio * maxPositionLots);
          orders.forEach(([orderSide, sizeShare, fillShare], index) => {
            const positionLots = tracker.positionLots;
            const controls = inventoryLadder({ positionLots, maxPositionLots, nowUs: NOON_US }, config);
            if (controls[orderSide].action === 'pause' || orderCapLots === 0) return;
            const orderLots = Math.max(1, Math.ceil(sizeShare * orderCapLots));
            const filledLots = Math.max(1, Math.ceil(fillShare * orderLots));
            tracker.applyFill(ethFill(`${index}`, orderSide, filledLots));
            expect(Math.abs(tracker.positionLots)).toBeLessThanOrEqual(maxPositionLots);
          });
        },
      ),
    );
  });

  it('every decision names its rule and reason, and the rungs are consistent with the thresholds', () => {
    fc.assert(
      fc.property(
        ladderConfig,
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -20_000, max: 20_000 }),
        fc.boolean(),
        (config, maxPositionLots, positionLots, emergency) => {
          const controls = inventoryLadder({ positionLots, maxPositionLots, nowUs: NOON_US, emergency }, config);
          const load = Math.abs(positionLots) / maxPositionLots;
          const hedges = controls.hedge === null ? [] : [controls.hedge];
          const decisions = [controls, controls.buy, controls.sell, ...hedges];
          for (const decision of decisions) {
            expect(decision.reason.startsWith(`${decision.rule}:`)).toBe(true);
          }
          expect(controls.inventoryRatio).toBeCloseTo(Math.max(-1, Math.min(1, positionLots / maxPositionLots)), 12);
          if (emergency) {
            expect(controls.rule).toBe('flatten-emergency');
            expect(controls.hedge?.sizeLots ?? 0).toBe(Math.abs(positionLots));
            return;
          }
          const growing = positionLots > 0 ? controls.buy : positionLots < 0 ? controls.sell : null;
          const reducing = positionLots > 0 ? controls.sell : positionLots < 0 ? controls.buy : null;
          expect(reducing?.action ?? 'quote').toBe('quote');
          expect(reducing?.spreadMultiplier ?? 1).toBe(1);
          if (growing !== null) {
            expect(growing.action === 'pause').toBe(load > config.pauseAboveRatio);
            const widened = growing.spreadMultiplier === config.widenSpreadMultiplier;
            expect(widened || load <= config.widenAboveRatio).toBe(true);
            if (load <= config.widenAboveRatio) expect(growing.spreadMultiplier).toBe(1);
          }
          expect(controls.hedge !== null).toBe(load > config.hedgeAboveRatio);
          if (controls.hedge !== null) {
            const after = positionLots + sideSign(controls.hedge.side) * controls.hedge.sizeLots;
            expect(after).toBe(controls.hedge.targetPositionLots);
            expect(Math.abs(after)).toBeLessThanOrEqual(config.hedgeTargetRatio * maxPositionLots + 1e-6);
            expect(Math.sign(after) * Math.sign(positionLots)).toBeGreaterThanOrEqual(0); // never flips
          }
        },
      ),
    );
  });
});
