import { describe, expect, it } from 'vitest';
import { ClientOrderIdSequence, Instrument, ManualClock, type ExecutionVenue } from '@mm/core';
import { Engine } from '@mm/engine';
import { RiskManager } from '@mm/risk';
import { buildBotSnapshot } from './build-bot-snapshot.js';

const btc = new Instrument({ symbol: 'BTC', venue: 'test', tickSize: '1', lotSize: '0.001', minNotional: 10 });

const venue: ExecutionVenue = {
  venue: 'null',
  capabilities: { modify: true, batch: true, maxBatchSize: 40, postOnly: true, deadManSwitch: false },
  send: () => {},
  onEvent: () => () => {},
  reconcile: async () => ({ openOrders: [], positions: {} }),
  reports: async () => ({ openOrders: [], fills: [], positions: [], asOfUs: 0 }),
};

function snapshotAfter(positionLots: number) {
  const clock = new ManualClock(1_000_000);
  const engine = new Engine({
    clock,
    venue,
    instruments: [btc],
    strategy: { name: 'idle', symbols: ['BTC'] },
    risk: new RiskManager({ capitalUsd: 1_000 }),
    clientOrderIds: new ClientOrderIdSequence(1),
  });
  engine.applyReports({ openOrders: [], fills: [], positions: [{ symbol: 'BTC', positionLots }], asOfUs: 1_000_000 });
  const sources = { engine, instruments: [btc], mode: 'paper' as const, startedUs: 0, recentFills: () => [], maxDrawdownUsd: () => 0 };
  return buildBotSnapshot(sources, clock.now());
}

describe('buildBotSnapshot', () => {
  it('says why a symbol stopped quoting when its position differs from the venue after a reconcile', () => {
    expect(snapshotAfter(80).failClosedReason).toContain('BTC: position 0 lots here, 80 lots at the venue');
  });

  it('says nothing when the positions agree', () => {
    expect(snapshotAfter(0).failClosedReason).toBeNull();
  });
});
