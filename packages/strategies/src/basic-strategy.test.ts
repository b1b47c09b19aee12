import { describe, expect, it } from 'vitest';
import { ConfigError } from '@mm/core';
import { fakeContext } from '../test/fake-context.js';
import { BasicStrategy } from './basic-strategy.js';

describe('BasicStrategy config', () => {
  it('defaults to one level with the whole order size on it', () => {
    const strategy = new BasicStrategy({ symbol: 'BTC' });
    expect(strategy.symbols).toEqual(['BTC']);
    expect(strategy.config).toMatchObject({ maxPositionUsd: 500, requoteIntervalMs: 1_000, minRequoteIntervalMs: 100 });
  });

  it('names bad fields', () => {
    expect(() => new BasicStrategy({ symbol: 'BTC', maxPositionUsd: -1 })).toThrow(/maxPositionUsd/);
    expect(() => new BasicStrategy({ symbol: 'BTC', requoteEvery: 5 } as never)).toThrow(ConfigError);
    expect(() => new BasicStrategy({ symbol: 'BTC', inventoryLadder: { pauseAboveRatio: 2 } })).toThrow(/pauseAboveRatio/);
  });
});

describe('BasicStrategy quoting decisions', () => {
  // BTCUSDT-like grid: tick 0.1, lot 0.001; at 60,000 one bp is 60 ticks and $100 is one lot.
  const filled = (clientOrderId: string) =>
    ({
      type: 'order-filled',
      symbol: 'BTCUSDT',
      clientOrderId,
      side: 'buy',
      priceTicks: 0,
      sizeLots: 1,
      venueTimeUs: 0,
      localTimeUs: 0,
    }) as never;

  it('requotes early when the mid moved requoteMoveBps, and not for a smaller move', () => {
    const world = fakeContext();
    const strategy = new BasicStrategy({ symbol: 'BTCUSDT', requoteMoveBps: 0.5 });
    strategy.onStart(world.context);
    world.setTouch(600_000, 600_001);
    strategy.onBook('BTCUSDT', world.context);
    expect(world.takeSent().map((command) => command.type)).toEqual(['place-order', 'place-order']);
    const requotes = strategy.stats.requotes;
    world.clock.advance(200_000); // past minRequoteIntervalMs, before requoteIntervalMs
    world.setTouch(600_010, 600_011); // 0.17 bps
    strategy.onBook('BTCUSDT', world.context);
    expect(strategy.stats.requotes).toBe(requotes);
    expect(world.takeSent()).toEqual([]);
    world.clock.advance(200_000);
    world.setTouch(600_060, 600_061); // 1 bp from the last quote's mid
    strategy.onBook('BTCUSDT', world.context);
    expect(strategy.stats.requotes).toBe(requotes + 1);
    expect(world.takeSent().map((command) => command.type)).toEqual(['modify-order', 'modify-order']);
  });

  it('never requotes faster than minRequoteIntervalMs, however far the mid moves', () => {
    const world = fakeContext();
    const strategy = new BasicStrategy({ symbol: 'BTCUSDT', minRequoteIntervalMs: 100 });
    strategy.onStart(world.context);
    world.setTouch(600_000, 600_001);
    strategy.onBook('BTCUSDT', world.context);
    world.takeSent();
    world.clock.advance(50_000);
    world.setTouch(603_000, 603_001); // 50 bps
    strategy.onBook('BTCUSDT', world.context);
    expect(world.takeSent()).toEqual([]);
  });

  it('over budget, sends the place for an empty side and leaves a stale price for later', () => {
    const world = fakeContext();
    // 10 orders a minute: a burst of 2, then one more every 6 s.
    const strategy = new BasicStrategy({ symbol: 'BTCUSDT', orderBudgetPerMinute: 10 });
    strategy.onStart(world.context);
    world.setTouch(600_000, 600_001);
    strategy.onBook('BTCUSDT', world.context);
    expect(world.takeSent().map((command) => command.type)).toEqual(['place-order', 'place-order']);
    // Our bid is filled; 6 s later one order's budget is back and the market has moved 1 bp.
    const bid = world.resting.findIndex((order) => order.side === 'buy');
    const [bidOrder] = world.resting.splice(bid, 1);
    world.setPosition(1);
    strategy.onOrderEvent(filled(bidOrder!.clientOrderId));
    world.clock.advance(6_000_000);
    world.setTouch(600_060, 600_061);
    strategy.onBook('BTCUSDT', world.context);
    expect(world.takeSent()).toMatchObject([{ type: 'place-order', side: 'buy' }]);
    expect(strategy.stats.skippedForBudget).toBe(1);
  });
});
