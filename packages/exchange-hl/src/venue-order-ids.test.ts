import { OrderRegistry } from '@mm/engine';
import { describe, expect, it } from 'vitest';
import { restingOrders, VenueOrderIds } from './venue-order-ids.js';

const place = (n: number) =>
  ({
    type: 'place-order',
    symbol: 'BTC',
    clientOrderId: `c${n}`,
    side: 'buy',
    priceTicks: 640_000,
    sizeLots: 10,
    timeInForce: 'post-only',
    reduceOnly: false,
  }) as const;

describe('VenueOrderIds', () => {
  it('maps every oid an order had back to it (a modify assigns a new one) and reports the current one', () => {
    const orders = new OrderRegistry();
    const ids = new VenueOrderIds();
    orders.onCommandSent(place(1));
    ids.track('c1', { timeInForce: 'post-only', reduceOnly: false });
    expect(restingOrders(orders, ids)).toEqual([]); // not acknowledged yet
    ids.setOid('c1', '100');
    orders.onEvent({ type: 'order-accepted', symbol: 'BTC', clientOrderId: 'c1', venueOrderId: '100', venueTimeUs: 1, localTimeUs: 1 });
    ids.setOid('c1', '101');
    expect([ids.cloidOf('100'), ids.cloidOf('101')]).toEqual(['c1', 'c1']);
    expect(restingOrders(orders, ids)).toEqual([
      { clientOrderId: 'c1', symbol: 'BTC', side: 'buy', priceTicks: 640_000, sizeLots: 10, venueOrderId: '101' },
    ]);
  });

  it('forgets the orders the registry forgot, with all their oids', () => {
    const orders = new OrderRegistry(10);
    const ids = new VenueOrderIds();
    for (let n = 0; n < 1_100; n += 1) {
      orders.onCommandSent(place(n));
      ids.track(`c${n}`, { timeInForce: 'post-only', reduceOnly: false, oid: String(n) });
      orders.onEvent({ type: 'order-rejected', symbol: 'BTC', clientOrderId: `c${n}`, reason: 'x', venueTimeUs: 1, localTimeUs: 1 });
    }
    expect(orders.size).toBe(10);
    ids.prune(orders);
    expect(ids.size).toBe(10);
    expect(ids.cloidOf('0')).toBeUndefined();
    expect(ids.cloidOf('1099')).toBe('c1099');
  });
});
