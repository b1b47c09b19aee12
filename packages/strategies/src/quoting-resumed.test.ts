import {
  ClientOrderIdSequence,
  Instrument,
  ManualClock,
  type AccountSnapshot,
  type ExecutionEvent,
  type ExecutionReports,
  type ExecutionVenue,
  type OrderCommand,
} from '@mm/core';
import { Engine } from '@mm/engine';
import { RiskManager } from '@mm/risk';
import { describe, expect, it } from 'vitest';
import { BasicStrategy } from './basic-strategy.js';

class RecordingVenue implements ExecutionVenue {
  readonly venue = 'recording';
  readonly capabilities = { modify: true, batch: true, maxBatchSize: 40, postOnly: true, deadManSwitch: false };
  readonly batches: OrderCommand[][] = [];
  send(commands: readonly OrderCommand[]): void {
    this.batches.push([...commands]);
  }
  onEvent(_handler: (event: ExecutionEvent) => void) {
    return () => {};
  }
  async reconcile(): Promise<AccountSnapshot> {
    return { openOrders: [], positions: {} };
  }
  async reports(): Promise<ExecutionReports> {
    return { openOrders: [], fills: [], positions: [], asOfUs: 0 };
  }
}

const btc = new Instrument({ symbol: 'BTC', venue: 'test', tickSize: '1', lotSize: '0.001', minNotional: 10 });
const book = (bid: number, ask: number) => ({
  type: 'book-snapshot' as const,
  symbol: 'BTC',
  venueTimeUs: 0,
  localTimeUs: 0,
  bids: [{ priceTicks: bid, sizeLots: 1000 }],
  asks: [{ priceTicks: ask, sizeLots: 1000 }],
});

describe('BasicStrategy after a pause', () => {
  it('requotes the moment quoting resumes, not on its next timer or price move', () => {
    const clock = new ManualClock(1_000_000_000);
    const venue = new RecordingVenue();
    const engine = new Engine({
      clock,
      venue,
      instruments: [btc],
      strategy: new BasicStrategy({ symbol: 'BTC', maxPositionUsd: 1_000, quoter: { orderSizeUsd: 100 } }),
      risk: new RiskManager({ capitalUsd: 10_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
    });
    engine.start();
    engine.onMarketData(book(50_000, 50_002));
    expect(venue.batches).toHaveLength(1);
    const placed = venue.batches[0]!.filter((command) => command.type === 'place-order');
    expect(placed).toHaveLength(2);

    // A reconcile pause (orders left resting): the market moves, the strategy's requote is denied.
    engine.pauseQuoting('*', 'reconcile', 'reconciling with the venue (test)', { cancel: false });
    clock.advance(200_000);
    engine.onMarketData(book(50_100, 50_102));
    expect(engine.stats.commandsDenied).toBeGreaterThan(0);
    expect(venue.batches).toHaveLength(1);

    // 0.4 s after the last quote: the 1 s timer is not due and the book has not moved since.
    clock.advance(200_000);
    expect(engine.nextTimerUs()).toBeGreaterThan(clock.now());
    engine.resumeQuoting('*', 'reconcile');
    expect(venue.batches).toHaveLength(2);
    const requote = venue.batches[1]!;
    expect(requote.every((command) => command.type === 'modify-order')).toBe(true);
    // The quotes follow the moved book: the bid now sits below 50,100, above the old 50,000.
    const bidModify = requote.find(
      (command) =>
        command.type === 'modify-order' &&
        command.clientOrderId === placed.find((p) => p.type === 'place-order' && p.side === 'buy')!.clientOrderId,
    );
    expect(bidModify).toBeDefined();
    if (bidModify?.type === 'modify-order') expect(bidModify.priceTicks).toBeGreaterThan(50_000);
  });

  it('does not quote while another cause still pauses the symbol', () => {
    const clock = new ManualClock(1_000_000_000);
    const venue = new RecordingVenue();
    const engine = new Engine({
      clock,
      venue,
      instruments: [btc],
      strategy: new BasicStrategy({ symbol: 'BTC', maxPositionUsd: 1_000, quoter: { orderSizeUsd: 100 } }),
      risk: new RiskManager({ capitalUsd: 10_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
    });
    engine.start();
    engine.onMarketData(book(50_000, 50_002));
    engine.pauseQuoting('BTC', 'stale-feed', 'silent', { cancel: false });
    engine.pauseQuoting('*', 'reconcile', 'reconciling', { cancel: false });
    clock.advance(200_000);
    engine.onMarketData(book(50_100, 50_102));
    const denied = engine.stats.commandsDenied;
    engine.resumeQuoting('*', 'reconcile');
    expect(venue.batches).toHaveLength(1);
    expect(engine.stats.commandsDenied).toBe(denied);
  });
});
