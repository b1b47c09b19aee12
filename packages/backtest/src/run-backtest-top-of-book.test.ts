import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientOrderIdSequence, Instrument, type ExecutionEvent } from '@mm/core';
import {
  convertCapture,
  EventBuffer,
  EventKind,
  EXCHANGE_EVENT,
  readEventLogBatches,
  topOfBookRows,
  type EventColumns,
  type EventLogMetadata,
} from '@mm/feeds';
import {
  ConservativeQueueModel,
  ConstantLatency,
  FlatFeeModel,
  SimulatedExchange,
  TopOfBookQueueModel,
  type QueueModel,
} from '@mm/sim-exchange';
import { BasicStrategy } from '@mm/strategies';
import { capturePath } from '../test/captures.js';
import { runBacktest } from './run-backtest.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-top-of-book-'));
let log: string;
let metadata: EventLogMetadata;
let full: EventBuffer;
beforeAll(async () => {
  log = path.join(work, '0808.arrow');
  metadata = (await convertCapture({ inputs: [capturePath('binance-usdm/btcusdt_20240808.gz')], output: log })).metadata;
  full = new EventBuffer();
  for (const batch of readEventLogBatches(log)) {
    for (let row = 0; row < batch.length; row += 1)
      full.push(batch.flags[row]!, batch.exchTimeUs[row]!, batch.localTimeUs[row]!, batch.priceTicks[row]!, batch.sizeLots[row]!);
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One simulated exchange fed a log's exchange-side rows, as the replay driver applies them. */
class ExchangeFeed {
  readonly exchange: SimulatedExchange;
  /** Per client order id: lots filled and the time of the first fill. */
  readonly fills = new Map<string, { lots: number; firstUs: number }>();
  nowUs = 0;
  private row = 0;

  constructor(
    private readonly rows: EventColumns,
    instrument: Instrument,
    queue: QueueModel,
  ) {
    this.exchange = new SimulatedExchange({
      instruments: [instrument],
      // Zero latency, run at once: both exchanges get the same orders at the same market state.
      scheduler: { now: () => this.nowUs, schedule: (_atUs, action) => action() },
      latency: new ConstantLatency(0, 0),
      queue,
      fees: new FlatFeeModel(0, 0),
      venue: instrument.venue,
    });
    if (queue instanceof TopOfBookQueueModel) queue.watch(this.exchange.book(instrument.symbol));
    this.exchange.onEvent((event: ExecutionEvent) => {
      if (event.type !== 'order-filled' || event.liquidity !== 'maker') return;
      const seen = this.fills.get(event.clientOrderId) ?? { lots: 0, firstUs: event.venueTimeUs };
      seen.lots += event.sizeLots;
      this.fills.set(event.clientOrderId, seen);
    });
  }

  /** Applies the exchange rows before `untilUs`. */
  advance(untilUs: number): void {
    const { flags, exchTimeUs, priceTicks, sizeLots } = this.rows;
    const exchange = this.exchange;
    let pending = false;
    while (this.row < this.rows.length) {
      const row = this.row;
      if ((flags[row]! & EXCHANGE_EVENT) === 0) {
        this.row += 1;
        continue;
      }
      const t = exchTimeUs[row]!;
      if (t >= untilUs) break;
      this.nowUs = t;
      const kind = flags[row]! >> 2;
      const isTrade = kind === EventKind.TradeBuy || kind === EventKind.TradeSell;
      if (pending && (isTrade || kind === EventKind.Gap || t !== exchTimeUs[row - 1])) {
        exchange.finishSnapshot(0);
        pending = false;
      }
      if (kind === EventKind.BidLevel || kind === EventKind.AskLevel)
        exchange.applyDepth(0, kind === EventKind.BidLevel, priceTicks[row]!, sizeLots[row]!);
      else if (kind === EventKind.ClearBids || kind === EventKind.ClearAsks) {
        exchange.clearSide(0, kind === EventKind.ClearBids, priceTicks[row]!);
        pending = true;
      } else if (isTrade) exchange.applyTrade(0, kind === EventKind.TradeBuy, priceTicks[row]!, sizeLots[row]!);
      this.row += 1;
    }
    if (pending) exchange.finishSnapshot(0);
    this.nowUs = untilUs;
  }
}

describe('top-of-book mode against full depth (08-08, the same orders on both)', () => {
  it('never fills an order earlier or more than the conservative full-depth model, and fills fewer behind the best', () => {
    const instrument = new Instrument({ ...metadata.instrument, minNotional: 0 });
    const top = topOfBookRows(full);
    const feeds = [
      new ExchangeFeed(full, instrument, new ConservativeQueueModel()),
      new ExchangeFeed(top, instrument, new TopOfBookQueueModel()),
    ];
    const [fullFeed, topFeed] = feeds as [ExchangeFeed, ExchangeFeed];
    const ids = new ClientOrderIdSequence(1);
    const behindBest = new Set<string>();
    const start = metadata.firstLocalTimeUs + 5_000_000;
    let placed = 0;
    // Every 2 s: a buy and a sell at the best and 1 and 3 ticks behind it, never cancelled.
    for (let at = start; at < metadata.lastLocalTimeUs; at += 2_000_000) {
      for (const feed of feeds) feed.advance(at);
      const fullBook = fullFeed.exchange.book(instrument.symbol);
      const topBook = topFeed.exchange.book(instrument.symbol);
      expect([topBook.bestBidTicks(), topBook.bestBidLots(), topBook.bestAskTicks(), topBook.bestAskLots()]).toEqual([
        fullBook.bestBidTicks(),
        fullBook.bestBidLots(),
        fullBook.bestAskTicks(),
        fullBook.bestAskLots(),
      ]);
      const bid = fullBook.bestBidTicks();
      const ask = fullBook.bestAskTicks();
      if (bid === undefined || ask === undefined) continue;
      for (const behind of [0, 1, 3]) {
        for (const [side, priceTicks] of [
          ['buy', bid - behind],
          ['sell', ask + behind],
        ] as const) {
          const clientOrderId = ids.nextId();
          if (behind > 0) behindBest.add(clientOrderId);
          const command = {
            type: 'place-order',
            symbol: instrument.symbol,
            clientOrderId,
            side,
            priceTicks,
            sizeLots: 5,
            timeInForce: 'post-only',
            reduceOnly: false,
          } as const;
          for (const feed of feeds) feed.exchange.send([command]);
          placed += 1;
        }
      }
    }
    for (const feed of feeds) feed.advance(Number.POSITIVE_INFINITY);
    expect(placed).toBeGreaterThan(500);

    let fullBehind = 0;
    let topBehind = 0;
    let topAtBest = 0;
    for (const [id, topFill] of topFeed.fills) {
      const fullFill = fullFeed.fills.get(id);
      expect(fullFill, `order ${id} filled only at top of book`).toBeDefined();
      expect(topFill.lots).toBeLessThanOrEqual(fullFill!.lots);
      expect(topFill.firstUs).toBeGreaterThanOrEqual(fullFill!.firstUs);
      if (behindBest.has(id)) topBehind += 1;
      else topAtBest += 1;
    }
    for (const id of fullFeed.fills.keys()) if (behindBest.has(id)) fullBehind += 1;
    expect(topAtBest).toBeGreaterThan(0);
    expect(fullBehind).toBeGreaterThan(0);
    expect(topBehind).toBeLessThanOrEqual(fullBehind);
  }, 180_000);

  it('runBacktest book top replays the reduced data with its own queue model and reports it', async () => {
    const strategy = () => new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } });
    const fullRun = await runBacktest({ eventLogs: [log], strategy: strategy() });
    const topRun = await runBacktest({ eventLogs: [log], strategy: strategy(), simulator: { book: 'top' } });
    expect(topRun.simulator.book).toBe('top');
    expect(fullRun.summary.fills).toBeGreaterThan(10);
    expect(topRun.summary.fills).toBeGreaterThan(0);
    expect(topRun.recorder.fills).not.toEqual(fullRun.recorder.fills);
    // The reduced data is withheld from the strategy until its snapshot, like the full data.
    expect(topRun.bookKnownFromUs).toBe(fullRun.bookKnownFromUs);
  }, 180_000);
});
