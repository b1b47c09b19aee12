import { ManualClock, type ExecutionEvent } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { MarketDirectory } from './market-directory.js';
import { OrderEventMapper } from './order-event-mapper.js';
import { OrderRegistry } from '@mm/engine';
import { VenueOrderIds } from './venue-order-ids.js';

const CLOID = '0x00000000000000000000000000000001';

function setup() {
  const registry = new OrderRegistry();
  const ids = new VenueOrderIds();
  const events: ExecutionEvent[] = [];
  const mapper = new OrderEventMapper(
    registry,
    ids,
    new MarketDirectory([{ coin: 'BTC', assetId: 0, szDecimals: 5 }]),
    new ManualClock(1_000),
    (event) => events.push(event),
  );
  registry.onCommandSent({
    type: 'place-order',
    clientOrderId: CLOID,
    symbol: 'BTC',
    side: 'sell',
    timeInForce: 'post-only',
    reduceOnly: false,
    priceTicks: 640_000,
    sizeLots: 100,
  });
  ids.track(CLOID, { timeInForce: 'post-only', reduceOnly: false });
  const order = registry.get(CLOID)!;
  return { registry, ids, events, mapper, order };
}

const update = (oid: number, status: string) => ({
  order: { coin: 'BTC', side: 'A' as const, limitPx: '64000.0', sz: '0.001', oid: String(oid), cloid: CLOID },
  status,
  statusTimestamp: 5,
});

describe('OrderEventMapper', () => {
  it('does not end an order whose old oid a modify cancels before the response names the new one', () => {
    const { registry, ids, events, mapper, order } = setup();
    mapper.placeResting(order, '10');
    registry.onCommandSent({ type: 'modify-order', symbol: 'BTC', clientOrderId: CLOID, priceTicks: 640_100, sizeLots: 100 });
    ids.get(CLOID)!.modifyPending = true;
    mapper.orderUpdate(update(10, 'canceled'));
    mapper.orderUpdate(update(11, 'open'));
    mapper.modifyResting(order, { type: 'modify-order', symbol: 'BTC', clientOrderId: CLOID, priceTicks: 640_100, sizeLots: 100 }, '11');
    mapper.orderUpdate(update(10, 'canceled'));
    expect(events.map((event) => event.type)).toEqual(['order-accepted', 'order-modified']);
    expect(order).toMatchObject({ status: 'open', priceTicks: 640_100, restingLots: 100 });
    expect(ids.get(CLOID)!.oid).toBe('11');
    expect(ids.cloidOf('10')).toBe(CLOID);
  });

  it("leaves a pending order's rejection to the post response (it carries the full venue text)", () => {
    const { events, mapper, order } = setup();
    mapper.orderUpdate(update(10, 'badAloPxRejected'));
    expect(events).toEqual([]);
    mapper.placeRejected(order, 'Post only order would have immediately matched, bbo was 64990@64991. asset=0');
    mapper.placeRejected(order, 'again');
    expect(events).toMatchObject([
      { type: 'order-rejected', reason: 'Post only order would have immediately matched, bbo was 64990@64991. asset=0' },
    ]);
  });

  it('counts a response fill first and absorbs the WS fills of the same lots', () => {
    const { events, mapper, order } = setup();
    mapper.placeFilled(order, '10', '0.001', '64000.0');
    const fill = (tid: number, sz: string) => ({
      coin: 'BTC',
      px: '64000.0',
      sz,
      side: 'A' as const,
      time: 1,
      oid: '10',
      tid: String(tid),
      crossed: true,
      fee: '0.01',
      cloid: CLOID,
    });
    mapper.userFill(fill(1, '0.0004'));
    mapper.userFill(fill(2, '0.0006'));
    mapper.userFill(fill(2, '0.0006'));
    const fills = events.filter((event) => event.type === 'order-filled');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ sizeLots: 100, remainingLots: 0, side: 'sell', fillId: 'oid:10:response' });
  });
});
