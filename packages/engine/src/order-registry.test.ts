import { describe, expect, it } from 'vitest';
import { OrderRegistry } from './order-registry.js';

const times = { venueTimeUs: 0, localTimeUs: 0 };
const place = (id: string, side: 'buy' | 'sell' = 'buy') =>
  ({
    type: 'place-order',
    symbol: 'BTC',
    clientOrderId: id,
    side,
    priceTicks: 100,
    sizeLots: 10,
    timeInForce: 'post-only',
    reduceOnly: false,
  }) as const;

describe('OrderRegistry', () => {
  it('walks an order from send to fill', () => {
    const registry = new OrderRegistry();
    registry.onCommandSent(place('a'));
    expect(registry.get('a')!.status).toBe('pending-new');
    registry.onEvent({ type: 'order-accepted', symbol: 'BTC', clientOrderId: 'a', venueOrderId: '9', ...times });
    expect(registry.get('a')!.status).toBe('open');
    registry.onEvent({
      type: 'order-filled',
      symbol: 'BTC',
      clientOrderId: 'a',
      fillId: 'f',
      side: 'buy',
      priceTicks: 100,
      sizeLots: 4,
      remainingLots: 6,
      liquidity: 'maker',
      feeQuote: 0,
      ...times,
    });
    expect(registry.quotingOrders('BTC')).toEqual([
      { clientOrderId: 'a', symbol: 'BTC', side: 'buy', priceTicks: 100, sizeLots: 6, venueOrderId: '9' },
    ]);
    registry.onEvent({
      type: 'order-filled',
      symbol: 'BTC',
      clientOrderId: 'a',
      fillId: 'g',
      side: 'buy',
      priceTicks: 100,
      sizeLots: 6,
      remainingLots: 0,
      liquidity: 'maker',
      feeQuote: 0,
      ...times,
    });
    expect(registry.get('a')!.status).toBe('filled');
    expect(registry.liveCount).toBe(0);
  });

  it('shows in-flight modifies at their target and hides orders being cancelled', () => {
    const registry = new OrderRegistry();
    registry.onCommandSent(place('a'));
    registry.onCommandSent(place('b', 'sell'));
    registry.onCommandSent({ type: 'modify-order', symbol: 'BTC', clientOrderId: 'a', priceTicks: 99, sizeLots: 8 });
    registry.onCommandSent({ type: 'cancel-order', symbol: 'BTC', clientOrderId: 'b' });
    expect(registry.quotingOrders('BTC').map((order) => [order.clientOrderId, order.priceTicks, order.sizeLots])).toEqual([['a', 99, 8]]);
    registry.onEvent({ type: 'command-rejected', symbol: 'BTC', clientOrderId: 'b', command: 'cancel-order', reason: 'x', ...times });
    expect(registry.get('b')!.status).toBe('unknown');
    registry.onEvent({ type: 'order-modified', symbol: 'BTC', clientOrderId: 'a', priceTicks: 99, sizeLots: 8, ...times });
    expect(registry.get('a')!.restingLots).toBe(8);
  });

  it('reports unknown orders, ignores late duplicates, refuses reused ids', () => {
    const registry = new OrderRegistry();
    expect(registry.onEvent({ type: 'order-canceled', symbol: 'BTC', clientOrderId: 'x', reason: 'r', ...times })).toEqual({
      kind: 'unknown-order',
      clientOrderId: 'x',
    });
    registry.onCommandSent(place('a'));
    registry.onEvent({
      type: 'order-rejected',
      symbol: 'BTC',
      clientOrderId: 'a',
      reason: 'Post only order would have immediately matched',
      ...times,
    });
    expect(registry.onEvent({ type: 'order-canceled', symbol: 'BTC', clientOrderId: 'a', reason: 'r', ...times })).toEqual({
      kind: 'ignored',
    });
    expect(() => registry.onCommandSent(place('a'))).toThrow(/already used/);
  });
});

describe('OrderRegistry.quotingCount', () => {
  it('counts what quotingOrders lists, per side', () => {
    const registry = new OrderRegistry();
    registry.onCommandSent(place('a'));
    registry.onCommandSent(place('b'));
    registry.onCommandSent(place('c', 'sell'));
    registry.onCommandSent({ type: 'cancel-order', symbol: 'BTC', clientOrderId: 'b' });
    expect(registry.quotingCount('BTC', 'buy')).toBe(1);
    expect(registry.quotingCount('BTC', 'sell')).toBe(1);
    expect(registry.quotingCount('ETH', 'buy')).toBe(0);
  });
});

describe('OrderRegistry: refused modifies and cancels, pruning', () => {
  it('a refused modify or cancel leaves the order unknown (not open) until the venue reports it', () => {
    const registry = new OrderRegistry();
    registry.onCommandSent(place('a'));
    registry.onEvent({ type: 'order-accepted', symbol: 'BTC', clientOrderId: 'a', venueOrderId: '1', ...times });
    registry.onCommandSent({ type: 'modify-order', symbol: 'BTC', clientOrderId: 'a', priceTicks: 101, sizeLots: 10 });
    registry.onEvent({
      type: 'command-rejected',
      symbol: 'BTC',
      clientOrderId: 'a',
      command: 'modify-order',
      reason: 'Cannot modify canceled or filled order',
      ...times,
    });
    expect(registry.get('a')!.status).toBe('unknown');
    // Shown at its last confirmed price, so the quote is not placed twice meanwhile.
    expect(registry.quotingOrders('BTC')).toMatchObject([{ clientOrderId: 'a', priceTicks: 100 }]);
    registry.syncResting(registry.get('a')!, { clientOrderId: 'a', symbol: 'BTC', side: 'buy', priceTicks: 100, sizeLots: 7 });
    expect(registry.get('a')).toMatchObject({ status: 'open', restingLots: 7 });
    // A modify refused for its new price, the venue saying the order rests unchanged: open.
    registry.onCommandSent({ type: 'modify-order', symbol: 'BTC', clientOrderId: 'a', priceTicks: 120, sizeLots: 7 });
    registry.onEvent({
      type: 'command-rejected',
      symbol: 'BTC',
      clientOrderId: 'a',
      command: 'modify-order',
      reason: 'Post only order would have immediately matched',
      orderStillResting: true,
      ...times,
    });
    expect(registry.get('a')).toMatchObject({ status: 'open', priceTicks: 100 });
  });

  it('forgets the oldest terminal orders beyond its window, never a live one', () => {
    const registry = new OrderRegistry(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      registry.onCommandSent(place(id));
      registry.onEvent({ type: 'order-rejected', symbol: 'BTC', clientOrderId: id, reason: 'x', ...times });
    }
    registry.onCommandSent(place('live'));
    expect(registry.size).toBe(4);
    expect(registry.get('a')).toBeUndefined();
    expect(registry.get('c')!.status).toBe('rejected');
    expect(registry.get('live')!.status).toBe('pending-new');
  });
});
