import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderBook } from '@mm/book';
import { BINANCE_0808, HYPERLIQUID_0126, capturePath } from '../../test/captures.js';
import { convertCapture } from './convert-capture.js';
import { openEventLog, type EventLogReader } from './event-log-file.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, kindOf } from './event-row.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-convert-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Replays one timeline of a log into a book, checking that timeline's times never go backwards. */
async function replayTimeline(reader: EventLogReader, delivery: number) {
  const book = new OrderBook();
  let lastTime = Number.NEGATIVE_INFINITY;
  let rows = 0;
  let outOfOrder = 0;
  for await (const batch of reader.batches()) {
    const times = delivery === LOCAL_EVENT ? batch.localTimeUs : batch.exchTimeUs;
    for (let index = 0; index < batch.length; index += 1) {
      const flags = batch.flags[index]!;
      if ((flags & delivery) === 0) continue;
      rows += 1;
      if (times[index]! < lastTime) outOfOrder += 1;
      lastTime = times[index]!;
      const price = batch.priceTicks[index]!;
      const size = batch.sizeLots[index]!;
      switch (kindOf(flags)) {
        case EventKind.BidLevel:
          book.side('bid').set(price, size);
          break;
        case EventKind.AskLevel:
          book.side('ask').set(price, size);
          break;
        case EventKind.ClearBids:
          if (Number.isNaN(price)) book.side('bid').clear();
          else book.side('bid').clearThroughPrice(price);
          break;
        case EventKind.ClearAsks:
          if (Number.isNaN(price)) book.side('ask').clear();
          else book.side('ask').clearThroughPrice(price);
          break;
        default:
          break;
      }
    }
  }
  return { book, rows, outOfOrder };
}

describe('convertCapture', () => {
  it('turns Binance 08-08 into a log that rebuilds the known book on both timelines', async () => {
    const output = path.join(work, 'binance-0808.arrow');
    const { metadata } = await convertCapture({ inputs: [capturePath(BINANCE_0808)], output, venue: 'binance-usdm' });
    expect(metadata.counts).toMatchObject({ depthLevelChanges: 443_521, trades: 21_313, snapshotLevels: 2_000, events: 466_834, gaps: 0 });
    // The receive clock of this capture runs ~1.27 s behind Binance's.
    expect(metadata.venueClockOffsetUs).toBeGreaterThan(1_200_000);
    expect(metadata.venueClockOffsetUs).toBeLessThan(1_300_000);
    for (const delivery of [LOCAL_EVENT, EXCHANGE_EVENT]) {
      const { book, rows, outOfOrder } = await replayTimeline(await openEventLog(output), delivery);
      expect(outOfOrder).toBe(0);
      expect(rows).toBeGreaterThanOrEqual(466_834);
      expect(book.levelCount).toBe(9_597);
      expect(book.bestBidTicks()).toBe(616_597);
      expect(book.bestBidLots()).toBe(1_486);
    }
  });

  it('turns the Hyperliquid capture into whole-book snapshots and trades', async () => {
    const output = path.join(work, 'hl-0126.arrow');
    const { metadata } = await convertCapture({ inputs: [capturePath(HYPERLIQUID_0126)], output, venue: 'hyperliquid' });
    expect(metadata.counts).toMatchObject({ snapshotLevels: 46 * 40, trades: 64, depthLevelChanges: 0 });
    expect(metadata.venueClockOffsetUs).toBe(0);
    expect(metadata.instrument).toMatchObject({ symbol: 'BTC', venue: 'hyperliquid', tickSize: '0.1', maxSignificantFigures: 5 });
    const { book, outOfOrder } = await replayTimeline(await openEventLog(output), LOCAL_EVENT);
    expect(outOfOrder).toBe(0);
    expect(book.levelCount).toBe(40);
    expect(book.bestBidTicks()!).toBeLessThan(book.bestAskTicks()!);
  });

  it('names the bad option', async () => {
    await expect(convertCapture({ inputs: [], output: 'x', venue: 'binance-usdm' })).rejects.toThrow(/inputs/);
    await expect(convertCapture({ inputs: ['a'], output: 'x', venue: 'kraken' as never })).rejects.toThrow(/venue/);
  });
});
