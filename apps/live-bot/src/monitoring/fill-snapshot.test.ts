import { Instrument, type OrderFilledEvent } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { fillSnapshotFromEvent, RecentFills } from './fill-snapshot.js';
import { syntheticFill } from './snapshot-fixtures.js';

describe('fillSnapshotFromEvent', () => {
  it('converts ticks and lots to price and size with the instrument', () => {
    const instrument = Instrument.hyperliquidPerp('BTC', 5);
    const event: OrderFilledEvent = {
      type: 'order-filled',
      symbol: 'BTC',
      clientOrderId: 'c1' as OrderFilledEvent['clientOrderId'],
      fillId: 'f1',
      side: 'sell',
      priceTicks: instrument.priceToTicks(97_012, 'nearest'),
      sizeLots: instrument.sizeToLots(0.0011),
      remainingLots: 0,
      liquidity: 'maker',
      feeQuote: -0.0016,
      venueTimeUs: 1_764_000_090_000_000,
      localTimeUs: 1_764_000_090_001_000,
    };
    expect(fillSnapshotFromEvent(event, instrument)).toEqual({
      timeUs: 1_764_000_090_000_000,
      symbol: 'BTC',
      side: 'sell',
      price: 97_012,
      size: 0.0011,
      liquidity: 'maker',
      feeUsd: -0.0016,
    });
  });
});

describe('RecentFills', () => {
  it('keeps the newest first, at most the capacity, and hands out copies', () => {
    const recent = new RecentFills(3);
    for (let i = 0; i < 5; i += 1) recent.push(syntheticFill({ price: 100 + i }));
    const list = recent.list();
    expect(list.map((fill) => fill.price)).toEqual([104, 103, 102]);
    list.pop();
    expect(recent.list()).toHaveLength(3);
  });
});
