import { Instrument, type PlaceOrderCommand } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { toWireOrder } from './wire-order.js';

const btc = Instrument.hyperliquidPerp('BTC', 5); // tick 0.1, lot 0.00001
const eth = Instrument.hyperliquidPerp('ETH', 4); // tick 0.01, lot 0.0001
const cheap = Instrument.hyperliquidPerp('KPEPE', 0); // tick 0.000001, lot 1

function place(priceTicks: number, sizeLots: number, extra: Partial<PlaceOrderCommand> = {}): PlaceOrderCommand {
  return {
    type: 'place-order',
    symbol: 'BTC',
    clientOrderId: '0x0000000000000000000000000000000A',
    side: 'buy',
    priceTicks,
    sizeLots,
    timeInForce: 'post-only',
    reduceOnly: false,
    ...extra,
  };
}

describe('toWireOrder: exact wire strings from ticks and lots', () => {
  it('writes integer prices without decimals and strips trailing zeros', () => {
    const wire = toWireOrder(0, btc, place(640_930, 100));
    expect(wire).toEqual({
      a: 0,
      b: true,
      p: '64093',
      s: '0.001',
      r: false,
      t: { limit: { tif: 'Alo' } },
      c: '0x0000000000000000000000000000000a',
    });
  });

  it('keeps 5 significant figures and szDecimals', () => {
    expect(toWireOrder(1, eth, place(345_670, 12_345))).toMatchObject({ a: 1, p: '3456.7', s: '1.2345' });
    expect(toWireOrder(1, eth, place(345_600, 10_000))).toMatchObject({ p: '3456', s: '1' });
  });

  it('refuses a price with more than 5 significant figures instead of sending it', () => {
    expect(() => toWireOrder(1, eth, place(345_678, 1))).toThrow(/significant figures/);
  });

  it('allows integer prices beyond 5 figures and small prices up to 6 - szDecimals decimals', () => {
    expect(toWireOrder(0, btc, place(1_234_560, 1)).p).toBe('123456');
    expect(toWireOrder(0, cheap, place(1_234, 100_000)).p).toBe('0.001234');
    expect(toWireOrder(0, cheap, place(1_234, 100_000)).s).toBe('100000');
  });

  it('maps time in force and side', () => {
    expect(toWireOrder(0, btc, place(640_930, 1, { timeInForce: 'gtc', side: 'sell' }))).toMatchObject({
      b: false,
      t: { limit: { tif: 'Gtc' } },
    });
    expect(toWireOrder(0, btc, place(640_930, 1, { timeInForce: 'ioc', reduceOnly: true }))).toMatchObject({
      r: true,
      t: { limit: { tif: 'Ioc' } },
    });
  });
});
