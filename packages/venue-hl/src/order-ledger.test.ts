import { describe, expect, it } from 'vitest';
import { OrderLedger, type VenueOrder } from './order-ledger.js';

function order(ledger: OrderLedger, user: string, cloid?: string): VenueOrder {
  const created: VenueOrder = {
    engineOrderId: ledger.newEngineOrderId(),
    oid: undefined,
    user,
    coin: 'BTC',
    asset: 0,
    isBuy: true,
    limitPriceTicks: 1_000_000,
    originalLots: 100,
    remainingLots: 100,
    timestampMs: 1,
    cloid,
    tif: 'Alo',
    reduceOnly: false,
    status: 'pending',
    statusTimestampMs: 1,
    cancelStatus: undefined,
  };
  ledger.add(created);
  return created;
}

describe('OrderLedger', () => {
  it('indexes by engine id, oid and (user, cloid); open orders per user follow status changes', () => {
    const ledger = new OrderLedger();
    const a = order(ledger, '0xa', '0x000000000000000000000000000000AA');
    const b = order(ledger, '0xb');
    ledger.assignOid(a, ledger.newOid());
    ledger.assignOid(b, ledger.newOid());
    ledger.setStatus(a, 'open', 2);
    ledger.setStatus(b, 'open', 2);
    expect(ledger.byEngineOrderId(a.engineOrderId)).toBe(a);
    expect(ledger.byVenueOid(b.oid!)).toBe(b);
    expect(ledger.byUserCloid('0xa', '0x000000000000000000000000000000aa')).toBe(a);
    expect(ledger.byUserCloid('0xb', '0x000000000000000000000000000000aa')).toBeUndefined();
    expect(ledger.openOrders('0xa')).toEqual([a]);
    ledger.setStatus(a, 'filled', 3);
    expect(ledger.openOrders('0xa')).toEqual([]);
    expect(a.statusTimestampMs).toBe(3);
    expect(b.oid).toBe(a.oid! + 1);
  });

  it('a refused order gets an oid but does not take over its cloid', () => {
    const ledger = new OrderLedger();
    const live = order(ledger, '0xa', '0x000000000000000000000000000000aa');
    ledger.assignOid(live, ledger.newOid());
    const refused = order(ledger, '0xa', '0x000000000000000000000000000000aa');
    ledger.assignOid(refused, ledger.newOid(), false);
    expect(ledger.byUserCloid('0xa', '0x000000000000000000000000000000aa')).toBe(live);
  });
});
