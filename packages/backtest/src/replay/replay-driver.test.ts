import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBuffer, EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags, writeEventLog, type EventLogMetadata } from '@mm/feeds';
import type { EngineContext, Strategy } from '@mm/engine';
import type { ExecutionEvent } from '@mm/core';
import { runBacktest } from '../run-backtest.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BOTH = EXCHANGE_EVENT | LOCAL_EVENT;
const T0 = 1_700_000_000_000_000;

/** A hand-made market: a book, then trades that sell into the bid, each seen 5 ms after the venue. */
async function handMadeLog(): Promise<string> {
  const rows = new EventBuffer();
  const feedDelayUs = 5_000;
  const at = (offsetUs: number) => [T0 + offsetUs, T0 + offsetUs + feedDelayUs] as const;
  rows.push(eventFlags(EventKind.ClearBids, BOTH), ...at(0), Number.NaN, 0);
  rows.push(eventFlags(EventKind.ClearAsks, BOTH), ...at(0), Number.NaN, 0);
  rows.push(eventFlags(EventKind.BidLevel, BOTH), ...at(0), 599_900, 100_000);
  rows.push(eventFlags(EventKind.AskLevel, BOTH), ...at(0), 600_000, 100_000);
  for (let index = 1; index <= 20; index += 1) {
    rows.push(eventFlags(EventKind.TradeSell, BOTH), ...at(index * 100_000), 599_900, 20_000);
    rows.push(eventFlags(EventKind.BidLevel, BOTH), ...at(index * 100_000), 599_900, 100_000);
  }
  const metadata: EventLogMetadata = {
    format: 'mm-event-log',
    version: 2,
    instrument: { symbol: 'BTC', venue: 'hyperliquid', tickSize: '0.1', lotSize: '0.00001', minNotional: 10, maxSignificantFigures: 5 },
    sources: ['hand-made'],
    clocks: { exchTimeUs: 'venue', localTimeUs: 'receive, shifted onto the venue clock' },
    localClockShiftUs: 0,
    receiveDelayUs: { min: 0, max: 0 },
    counts: { events: 62, depthLevelChanges: 20, snapshotLevels: 2, trades: 20, gaps: 0, rows: rows.length },
    firstLocalTimeUs: T0 + feedDelayUs,
    lastLocalTimeUs: T0 + 2_000_000 + feedDelayUs,
  };
  const file = path.join(work, 'hand-made.arrow');
  await writeEventLog(file, rows, metadata);
  return file;
}

/** Joins the bid once and records what it sees, with the time it sees it. */
class JoinTheBid implements Strategy {
  readonly name = 'join-the-bid';
  readonly symbols = ['BTC'];
  readonly seen: string[] = [];
  private placed = false;
  onBook(symbol: string, context: EngineContext): void {
    this.seen.push(`book@${context.clock.now() - T0}`);
    if (this.placed) return;
    this.placed = true;
    context.send({
      type: 'place-order',
      symbol,
      clientOrderId: context.nextClientOrderId(),
      side: 'buy',
      priceTicks: 599_900,
      sizeLots: 10_000,
      timeInForce: 'post-only',
      reduceOnly: false,
    });
  }
  onOrderEvent(event: ExecutionEvent, context: EngineContext): void {
    this.seen.push(`${event.type}@${context.clock.now() - T0}`);
  }
}

describe('replay through the engine and the simulated exchange', () => {
  it('delivers market data at receive time, orders after latency, fills by queue position', async () => {
    const strategy = new JoinTheBid();
    const result = await runBacktest({
      eventLogs: [await handMadeLog()],
      strategy,
      simulator: { queueModel: 'conservative', entryLatencyMs: 10, responseLatencyMs: 10, sampleIntervalMs: 100 },
    });
    // The book reaches the strategy 5 ms after the venue stamped it; the order reaches the venue
    // 10 ms later and joins behind 1 BTC; the ack comes back 10 ms after that.
    expect(strategy.seen.slice(0, 2)).toEqual(['book@5000', 'order-accepted@25000']);
    // 0.2 BTC trades every 100 ms: 1 BTC ahead is gone after 5 trades, the 6th fills our 0.1 BTC.
    const fill = strategy.seen.find((entry) => entry.startsWith('order-filled'));
    expect(fill).toBe('order-filled@610000');
    expect(result.summary.fills).toBe(1);
    expect(result.summary.feesPaidQuote).toBeCloseTo(59_990 * 0.1 * 0.00015, 9); // Hyperliquid tier 0: 0.015% of $5,999
    expect(result.summary.rebatesReceivedQuote).toBe(0);
    expect(result.summary.finalPositionBase).toBeCloseTo(0.1, 12);
    expect(result.events).toBe(62);
  });

  it('is deterministic and replays data back to back when asked', async () => {
    const file = await handMadeLog();
    const once = await runBacktest({ eventLogs: [file], strategy: new JoinTheBid() });
    const again = await runBacktest({ eventLogs: [file], strategy: new JoinTheBid() });
    expect(again.summary).toEqual(once.summary);
    const twice = await runBacktest({ eventLogs: [file], strategy: new JoinTheBid(), repeat: 2 });
    expect(twice.events).toBe(124);
    expect(twice.rows.local).toBe(2 * once.rows.local);
  });
});
