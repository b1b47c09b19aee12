import { ClientOrderIdSequence, ConfigError, InvalidInputError, type OpenOrder, type OrderCommand, type Quote, type Side } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffQuotes, isWithinTolerance, parseQuoteDiffTolerance, type DiffQuotesOptions } from './diff-quotes.js';

const SYMBOL = 'BTC';

function options(modify: boolean, overrides: Partial<DiffQuotesOptions> = {}): DiffQuotesOptions {
  const ids = new ClientOrderIdSequence(7);
  return { symbol: SYMBOL, capabilities: { modify }, nextClientOrderId: () => ids.nextId(), ...overrides };
}

function quote(side: Side, priceTicks: number, sizeLots: number, level = 0): Quote {
  return { side, priceTicks, sizeLots, level };
}

function order(clientOrderId: string, side: Side, priceTicks: number, sizeLots: number, symbol = SYMBOL): OpenOrder {
  return { clientOrderId, symbol, side, priceTicks, sizeLots };
}

/** What the venue's book of our orders looks like after `commands`, assuming every one succeeds. */
function applyCommands(orders: readonly OpenOrder[], commands: readonly OrderCommand[]): OpenOrder[] {
  const byId = new Map(orders.map((open) => [open.clientOrderId, { ...open }] as const));
  for (const command of commands) {
    switch (command.type) {
      case 'place-order':
        expect(byId.has(command.clientOrderId)).toBe(false);
        byId.set(command.clientOrderId, order(command.clientOrderId, command.side, command.priceTicks, command.sizeLots));
        break;
      case 'modify-order': {
        const resting = byId.get(command.clientOrderId);
        expect(resting).toBeDefined();
        byId.set(command.clientOrderId, { ...resting!, priceTicks: command.priceTicks, sizeLots: command.sizeLots });
        break;
      }
      case 'cancel-order':
        expect(byId.delete(command.clientOrderId)).toBe(true);
        break;
      case 'cancel-all':
        throw new Error('diffQuotes never cancels all');
    }
  }
  return [...byId.values()];
}

/** True when every target can be paired with a distinct order within tolerance (Kuhn's matching). */
function matchesWithinTolerance(targets: readonly Quote[], orders: readonly OpenOrder[]): boolean {
  if (targets.length !== orders.length) return false;
  const tolerance = parseQuoteDiffTolerance({});
  const orderOwner: (number | undefined)[] = orders.map(() => undefined);
  const tryAssign = (targetIndex: number, seen: Set<number>): boolean => {
    const target = targets[targetIndex]!;
    for (const [orderIndex, candidate] of orders.entries()) {
      if (seen.has(orderIndex) || candidate.side !== target.side || !isWithinTolerance(target, candidate, tolerance)) {
        continue;
      }
      seen.add(orderIndex);
      const owner = orderOwner[orderIndex];
      if (owner === undefined || tryAssign(owner, seen)) {
        orderOwner[orderIndex] = targetIndex;
        return true;
      }
    }
    return false;
  };
  return targets.every((_, targetIndex) => tryAssign(targetIndex, new Set()));
}

describe('diffQuotes', () => {
  it('places post-only orders for new targets, with ids from the generator', () => {
    const commands = diffQuotes([quote('buy', 999_900, 40), quote('sell', 1_000_100, 39)], [], options(true));
    expect(commands).toEqual([
      {
        type: 'place-order',
        symbol: SYMBOL,
        clientOrderId: '0x00000000000000070000000000000000',
        side: 'buy',
        priceTicks: 999_900,
        sizeLots: 40,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
      {
        type: 'place-order',
        symbol: SYMBOL,
        clientOrderId: '0x00000000000000070000000000000001',
        side: 'sell',
        priceTicks: 1_000_100,
        sizeLots: 39,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
    ]);
  });

  it('skips moves within 0.5 bps and size changes within 10 % by default', () => {
    // 0.5 bps of 1,000,000 ticks is 50 ticks.
    const open = [order('a', 'buy', 999_950, 38)];
    expect(diffQuotes([quote('buy', 1_000_000, 40)], open, options(true))).toEqual([]);
    expect(diffQuotes([quote('buy', 1_000_051, 40)], open, options(true))).toHaveLength(1);
    expect(diffQuotes([quote('buy', 999_950, 46)], open, options(true))).toHaveLength(1);
  });

  it('uses the caller tolerance', () => {
    const open = [order('a', 'buy', 999_950, 40)];
    const exact = options(true, { tolerance: { priceToleranceBps: 0, sizeToleranceRatio: 0 } });
    expect(diffQuotes([quote('buy', 999_951, 40)], open, exact)).toEqual([
      { type: 'modify-order', symbol: SYMBOL, clientOrderId: 'a', priceTicks: 999_951, sizeLots: 40 },
    ]);
    expect(() => diffQuotes([], open, options(true, { tolerance: { priceToleranceBps: -1 } }))).toThrow(ConfigError);
  });

  it('modifies when the venue can, else cancels and places', () => {
    const open = [order('a', 'sell', 1_000_100, 39)];
    const targets = [quote('sell', 1_000_300, 39)];
    expect(diffQuotes(targets, open, options(true))).toEqual([
      { type: 'modify-order', symbol: SYMBOL, clientOrderId: 'a', priceTicks: 1_000_300, sizeLots: 39 },
    ]);
    expect(diffQuotes(targets, open, options(false)).map((command) => command.type)).toEqual(['cancel-order', 'place-order']);
  });

  it('cancels orders with no target, and leaves other symbols alone', () => {
    const open = [order('a', 'buy', 999_900, 40), order('b', 'buy', 999_800, 35), order('x', 'buy', 1, 1, 'ETH')];
    expect(diffQuotes([quote('buy', 999_900, 40)], open, options(true))).toEqual([
      { type: 'cancel-order', symbol: SYMBOL, clientOrderId: 'b' },
    ]);
  });

  it('keeps the order nearest each target and moves the rest best-first', () => {
    // Market moved up one level: old level 0 is within tolerance of new level 1, so only one order moves.
    const open = [order('a', 'buy', 999_900, 40), order('b', 'buy', 999_800, 40)];
    const targets = [quote('buy', 1_000_000, 40, 0), quote('buy', 999_900, 40, 1)];
    expect(diffQuotes(targets, open, options(true))).toEqual([
      { type: 'modify-order', symbol: SYMBOL, clientOrderId: 'b', priceTicks: 1_000_000, sizeLots: 40 },
    ]);
  });

  it('orders commands: cancels, modifies away from the market, modifies toward it, places', () => {
    const open = [order('bid', 'buy', 999_000, 10), order('ask', 'sell', 1_000_500, 10), order('stale', 'sell', 1_002_000, 10)];
    // Market jumps up: the best ask moves up (away), the bid moves up (toward), one bid level is new
    // and the outer ask has no target left.
    const targets = [quote('buy', 1_001_000, 10, 0), quote('buy', 1_000_000, 10, 1), quote('sell', 1_002_500, 10, 0)];
    const commands = diffQuotes(targets, open, options(true));
    expect(commands.map((command) => [command.type, 'clientOrderId' in command ? command.clientOrderId : ''])).toEqual([
      ['cancel-order', 'stale'],
      ['modify-order', 'ask'],
      ['modify-order', 'bid'],
      ['place-order', '0x00000000000000070000000000000000'],
    ]);
  });

  it('a paused side (no targets on it) only gets cancels', () => {
    const open = [order('a', 'buy', 999_900, 40), order('b', 'sell', 1_000_100, 39)];
    const commands = diffQuotes([quote('sell', 1_000_100, 39)], open, options(true));
    expect(commands).toEqual([{ type: 'cancel-order', symbol: SYMBOL, clientOrderId: 'a' }]);
  });

  it('rejects targets off the integer grid', () => {
    expect(() => diffQuotes([quote('buy', 100.5, 1)], [], options(true))).toThrow(InvalidInputError);
    expect(() => diffQuotes([quote('buy', 100, 0)], [], options(true))).toThrow(InvalidInputError);
  });

  const sideArbitrary = fc.constantFrom<Side>('buy', 'sell');
  const targetsArbitrary = fc
    .array(
      fc.record({
        side: sideArbitrary,
        priceTicks: fc.integer({ min: 990_000, max: 1_010_000 }),
        sizeLots: fc.integer({ min: 1, max: 100 }),
      }),
      {
        maxLength: 8,
      },
    )
    .map((items) => items.map((item, level): Quote => ({ ...item, level })));
  const ordersArbitrary = fc
    .array(
      fc.record({
        side: sideArbitrary,
        priceTicks: fc.integer({ min: 990_000, max: 1_010_000 }),
        sizeLots: fc.integer({ min: 1, max: 100 }),
      }),
      {
        maxLength: 8,
      },
    )
    .map((items) => items.map((item, index) => order(`open-${index}`, item.side, item.priceTicks, item.sizeLots)));

  it('property: applying the commands to the open orders yields the targets within tolerance', () => {
    fc.assert(
      fc.property(targetsArbitrary, ordersArbitrary, fc.boolean(), (targets, open, modify) => {
        const commands = diffQuotes(targets, open, options(modify));
        const after = applyCommands(open, commands);
        expect(matchesWithinTolerance(targets, after)).toBe(true);
        for (const command of commands) {
          if (command.type === 'place-order') expect(command.timeInForce).toBe('post-only');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: with modify, at most max(targets, orders) commands per side', () => {
    fc.assert(
      fc.property(targetsArbitrary, ordersArbitrary, (targets, open) => {
        const commands = diffQuotes(targets, open, options(true));
        const bound = (['buy', 'sell'] as const).reduce(
          (sum, side) =>
            sum + Math.max(targets.filter((target) => target.side === side).length, open.filter((o) => o.side === side).length),
          0,
        );
        expect(commands.length).toBeLessThanOrEqual(bound);
      }),
    );
  });

  it('property: no command when the open orders already are the targets', () => {
    fc.assert(
      fc.property(targetsArbitrary, fc.boolean(), (targets, modify) => {
        const open = targets.map((target, index) => order(`o${index}`, target.side, target.priceTicks, target.sizeLots));
        expect(diffQuotes(targets, open, options(modify))).toEqual([]);
      }),
    );
  });

  it('property: a side without targets gets no place or modify, and all its orders cancelled', () => {
    fc.assert(
      fc.property(targetsArbitrary, ordersArbitrary, sideArbitrary, (targets, open, pausedSide) => {
        const live = targets.filter((target) => target.side !== pausedSide);
        const commands = diffQuotes(live, open, options(true));
        const pausedIds = new Set(open.filter((o) => o.side === pausedSide).map((o) => o.clientOrderId));
        for (const command of commands) {
          if (command.type === 'place-order') expect(command.side).not.toBe(pausedSide);
          if (command.type === 'modify-order') expect(pausedIds.has(command.clientOrderId)).toBe(false);
        }
        const cancelled = commands.flatMap((command) => (command.type === 'cancel-order' ? [command.clientOrderId] : []));
        expect(new Set(cancelled.filter((id) => pausedIds.has(id)))).toEqual(pausedIds);
      }),
    );
  });
});
