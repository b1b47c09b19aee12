import { MICROS_PER_SECOND, type Micros, type OrderCommand, type Side } from '@mm/core';
import fc from 'fast-check';
import { RiskManager } from '../src/risk-manager.js';

/** 23:50 UTC, so generated sequences often cross 00:00 UTC and exercise the daily reset. */
export const START_US: Micros = Date.UTC(2024, 7, 9, 23, 50) * 1000;
export const SYMBOLS = ['BTC', 'ETH'] as const;

export type Observation =
  | { type: 'price'; gapUs: number; symbol: string; price: number }
  | { type: 'equity'; gapUs: number; equityUsd: number }
  | { type: 'position'; gapUs: number; symbol: string; notionalUsd: number }
  | { type: 'volatility'; gapUs: number; symbol: string; current: number; normal: number }
  | { type: 'api-error'; gapUs: number; count: number }
  | { type: 'order-sent'; gapUs: number; count: number }
  | { type: 'reset-drawdown'; gapUs: number };

const gap = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 * MICROS_PER_SECOND }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 * 60 * MICROS_PER_SECOND }) },
);
const symbol = fc.constantFrom(...SYMBOLS);

/** Observations sized to hit every rule now and then: 2% price swings, $60 equity swings, ... */
export const observationArbitrary: fc.Arbitrary<Observation> = fc.oneof(
  fc.record({ type: fc.constant('price' as const), gapUs: gap, symbol, price: fc.integer({ min: 9_700, max: 10_300 }) }),
  fc.record({ type: fc.constant('equity' as const), gapUs: gap, equityUsd: fc.integer({ min: 1_920, max: 2_080 }) }),
  fc.record({ type: fc.constant('position' as const), gapUs: gap, symbol, notionalUsd: fc.integer({ min: -700, max: 700 }) }),
  fc.record({
    type: fc.constant('volatility' as const),
    gapUs: gap,
    symbol,
    current: fc.double({ min: 0, max: 5, noNaN: true }),
    normal: fc.constant(1),
  }),
  // Bursts at one time, so error and order counts reach their limits.
  fc.record({ type: fc.constant('api-error' as const), gapUs: gap, count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ type: fc.constant('order-sent' as const), gapUs: gap, count: fc.integer({ min: 1, max: 12 }) }),
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reset-drawdown' as const), gapUs: gap }) },
);

export const observationsArbitrary = fc.array(observationArbitrary, { maxLength: 120 });

export const commandArbitrary: fc.Arbitrary<OrderCommand> = fc.oneof(
  fc.record({
    type: fc.constant('place-order' as const),
    symbol: fc.constantFrom(...SYMBOLS, 'SOL'),
    clientOrderId: fc.constant('0x1'),
    side: fc.constantFrom<Side>('buy', 'sell'),
    priceTicks: fc.integer({ min: 1, max: 1_000_000 }),
    sizeLots: fc.integer({ min: 1, max: 1_000 }),
    timeInForce: fc.constantFrom('post-only' as const, 'gtc' as const, 'ioc' as const),
    reduceOnly: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('modify-order' as const),
    symbol: fc.constantFrom(...SYMBOLS, 'SOL'),
    clientOrderId: fc.constant('0x1'),
    priceTicks: fc.integer({ min: 1, max: 1_000_000 }),
    sizeLots: fc.integer({ min: 1, max: 1_000 }),
  }),
  fc.record({ type: fc.constant('cancel-order' as const), symbol: fc.constantFrom(...SYMBOLS, 'SOL'), clientOrderId: fc.constant('0x1') }),
  fc.record(
    { type: fc.constant('cancel-all' as const), symbol: fc.constantFrom(...SYMBOLS, 'SOL'), reason: fc.constant('test') },
    { requiredKeys: ['type', 'reason'] },
  ),
);

/** Small limits so the generated observations reach them. */
export function newTestManager(): RiskManager {
  return new RiskManager({ capitalUsd: 2_000, maxTotalPositionUsd: 1_000, maxOrdersPerMinute: 20 });
}

/** Feeds `observations` in order and returns the time of the last one. */
export function feed(
  risk: RiskManager,
  observations: readonly Observation[],
  start: Micros = START_US,
  onEach?: (now: Micros) => void,
): Micros {
  let now = start;
  for (const observation of observations) {
    now += observation.gapUs;
    switch (observation.type) {
      case 'price':
        risk.onPrice(observation.symbol, observation.price, now);
        break;
      case 'equity':
        risk.onEquity(observation.equityUsd, now);
        break;
      case 'position':
        risk.onPosition(observation.symbol, observation.notionalUsd, now);
        break;
      case 'volatility':
        risk.onVolatility(observation.symbol, observation.current, observation.normal, now);
        break;
      case 'api-error':
        for (let index = 0; index < observation.count; index += 1) risk.onApiError(now);
        break;
      case 'order-sent':
        for (let index = 0; index < observation.count; index += 1) risk.onOrderSent(now);
        break;
      case 'reset-drawdown':
        risk.resetDrawdownHalt(now);
        break;
    }
    onEach?.(now);
  }
  return now;
}
