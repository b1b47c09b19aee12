import { describe, expect, it } from 'vitest';
import { aggregateLevels } from './aggregate-levels.js';

const level = (price: number, sizeLots: number, orders = 1) => ({ priceTicks: price * 10, sizeLots, orders });

describe('aggregateLevels', () => {
  it('buckets BTC levels to 5 significant figures ($10), bids down and asks up', () => {
    const bids = [level(105055, 3), level(105054, 1), level(105049, 2)];
    expect(aggregateLevels(bids, true, 0.1, 5, undefined)).toEqual([
      { priceTicks: 1_050_500, sizeLots: 4, orders: 2 },
      { priceTicks: 1_050_400, sizeLots: 2, orders: 1 },
    ]);
    const asks = [level(105056, 3), level(105061, 1)];
    expect(aggregateLevels(asks, false, 0.1, 5, undefined)).toEqual([
      { priceTicks: 1_050_600, sizeLots: 3, orders: 1 },
      { priceTicks: 1_050_700, sizeLots: 1, orders: 1 },
    ]);
  });

  it('applies the mantissa with 5 figures', () => {
    expect(aggregateLevels([level(105055, 1), level(105041, 1)], true, 0.1, 5, 5)).toEqual([
      { priceTicks: 1_050_500, sizeLots: 1, orders: 1 },
      { priceTicks: 1_050_000, sizeLots: 1, orders: 1 },
    ]);
  });
});
