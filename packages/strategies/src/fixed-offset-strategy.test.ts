import { describe, expect, it } from 'vitest';
import { Instrument } from '@mm/core';
import { fakeContext } from '../test/fake-context.js';
import { FixedOffsetStrategy } from './fixed-offset-strategy.js';

const timerOf = (strategy: FixedOffsetStrategy) => ({
  type: 'timer' as const,
  name: `fixed-offset:${strategy.config.symbol}`,
  venueTimeUs: 0,
  localTimeUs: 0,
});

describe('FixedOffsetStrategy', () => {
  it('quotes one lot N ticks either side of the mid on each loop, and only on the loop', () => {
    const world = fakeContext();
    const strategy = new FixedOffsetStrategy({ symbol: 'BTCUSDT', halfSpreadTicks: 5 });
    strategy.onStart(world.context);
    expect(world.timers.get('fixed-offset:BTCUSDT')).toBe(world.clock.now() + 100_000);
    world.setTouch(600_000, 600_001); // mid 600,000.5 ticks
    world.clock.advance(100_000);
    strategy.onTimer(timerOf(strategy), world.context);
    expect(world.takeSent()).toMatchObject([
      { type: 'place-order', side: 'buy', priceTicks: 599_995, sizeLots: 1, timeInForce: 'post-only' },
      { type: 'place-order', side: 'sell', priceTicks: 600_006, sizeLots: 1, timeInForce: 'post-only' },
    ]);
    expect(world.timers.get('fixed-offset:BTCUSDT')).toBe(world.clock.now() + 100_000);
    // Same book next loop: nothing to do. A one-tick move: both quotes follow it.
    strategy.onTimer(timerOf(strategy), world.context);
    expect(world.takeSent()).toEqual([]);
    world.setTouch(600_001, 600_002);
    strategy.onTimer(timerOf(strategy), world.context);
    expect(
      world
        .takeSent()
        .map((command) => [command.type, (command as { priceTicks: number }).priceTicks])
        .sort(),
    ).toEqual([
      ['modify-order', 599_996],
      ['modify-order', 600_007],
    ]);
  });

  it('rounds onto a significant-figure grid away from the mid', () => {
    const world = fakeContext({ instrument: Instrument.hyperliquidPerp('BTC', 5) });
    const strategy = new FixedOffsetStrategy({ symbol: 'BTC', halfSpreadTicks: 7 });
    world.setTouch(1_050_550, 1_050_560); // $105,055 / $105,056: the grid steps by 10 ticks ($1) here
    expect(strategy.targetPrices(1_050_550, 1_050_560, world.context)).toEqual({ bidTicks: 1_050_540, askTicks: 1_050_570 });
  });

  it('leaves out the side that would grow a position at its limit', () => {
    const world = fakeContext();
    const strategy = new FixedOffsetStrategy({ symbol: 'BTCUSDT', halfSpreadTicks: 3, maxPositionLots: 4 });
    world.setTouch(600_000, 600_001);
    world.setPosition(4);
    strategy.onTimer(timerOf(strategy), world.context);
    expect(world.takeSent().map((command) => (command as { side?: string }).side)).toEqual(['sell']);
    world.setPosition(-4);
    strategy.onTimer(timerOf(strategy), world.context);
    expect(world.takeSent()).toMatchObject([{ type: 'cancel-order' }, { type: 'place-order', side: 'buy' }]);
  });

  it('pulls both quotes when the book is gone or risk halts', () => {
    const world = fakeContext();
    const strategy = new FixedOffsetStrategy({ symbol: 'BTCUSDT', halfSpreadTicks: 3 });
    world.setTouch(600_000, 600_001);
    strategy.onTimer(timerOf(strategy), world.context);
    world.takeSent();
    world.risk.halted = true;
    strategy.onTimer(timerOf(strategy), world.context);
    expect(world.takeSent().map((command) => command.type)).toEqual(['cancel-order', 'cancel-order']);
  });

  it('names bad settings', () => {
    expect(() => new FixedOffsetStrategy({ symbol: 'BTC', halfSpreadTicks: 0 })).toThrow(/halfSpreadTicks/);
    expect(() => new FixedOffsetStrategy({ symbol: 'BTC', halfSpreadTicks: 2, intervalMs: 1e300 })).toThrow(/intervalMs/);
  });
});
