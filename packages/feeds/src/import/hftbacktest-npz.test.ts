import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderBook } from '@mm/book';
import { convertCapture } from '../event-log/convert-capture.js';
import { openEventLog } from '../event-log/event-log-file.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, kindOf } from '../event-log/event-row.js';
import { exportEventLogToHftbacktest, importHftbacktestNpz } from './hftbacktest-npz.js';

const DATA = path.resolve(import.meta.dirname, '../../../../../shared/data');
/** hftbacktest's own conversion of 08-08 (`bash ../shared/tools/peer/setup.sh`). */
const PEER_NPZ = path.join(process.env.PEER_WORK ?? path.join(tmpdir(), 'peer'), 'data', 'btcusdt_20240808.npz');
const work = mkdtempSync(path.join(tmpdir(), 'mm-npz-'));
let ours = '';
beforeAll(async () => {
  ours = path.join(work, 'ours.arrow');
  await convertCapture({ inputs: [path.join(DATA, 'binance-usdm/btcusdt_20240808.gz')], output: ours });
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Rows as text; a row of one timeline shows only that timeline's time (1.x keeps no other). */
async function rowsOf(file: string): Promise<string[]> {
  const reader = await openEventLog(file);
  const rows: string[] = [];
  for await (const batch of reader.batches()) {
    for (let row = 0; row < batch.length; row += 1) {
      const flags = batch.flags[row]!;
      const exch = (flags & EXCHANGE_EVENT) !== 0 ? batch.exchTimeUs[row] : '-';
      const local = (flags & LOCAL_EVENT) !== 0 ? batch.localTimeUs[row] : '-';
      rows.push(`${flags} ${exch} ${local} ${batch.priceTicks[row]} ${batch.sizeLots[row]}`);
    }
  }
  return rows;
}

async function finalLocalBook(file: string): Promise<OrderBook> {
  const reader = await openEventLog(file);
  const book = new OrderBook();
  for await (const batch of reader.batches()) {
    for (let row = 0; row < batch.length; row += 1) {
      if ((batch.flags[row]! & LOCAL_EVENT) === 0) continue;
      const kind = kindOf(batch.flags[row]!);
      const price = batch.priceTicks[row]!;
      if (kind === EventKind.BidLevel) book.bids.set(price, batch.sizeLots[row]!);
      else if (kind === EventKind.AskLevel) book.asks.set(price, batch.sizeLots[row]!);
      else if (kind === EventKind.ClearBids) book.bids.clearThroughPrice(price);
      else if (kind === EventKind.ClearAsks) book.asks.clearThroughPrice(price);
    }
  }
  return book;
}

describe('hftbacktest .npz (1.x event arrays)', () => {
  it("export then import gives back the event log row for row (each timeline's own time)", async () => {
    const npz = path.join(work, 'ours.npz');
    const { rows, gapsLeftOut } = await exportEventLogToHftbacktest(ours, npz);
    expect(gapsLeftOut).toBe(0);
    const back = path.join(work, 'back.arrow');
    await importHftbacktestNpz({ input: npz, output: back, venue: 'binance-usdm', symbol: 'BTCUSDT' });
    const original = await rowsOf(ours);
    expect(rows).toBe(original.length);
    expect(await rowsOf(back)).toEqual(original);
  }, 60_000);

  it.skipIf(!existsSync(PEER_NPZ))(
    "hftbacktest's own conversion of 08-08 imports to the capture's known book and our event counts",
    async () => {
      const imported = path.join(work, 'peer.arrow');
      const { metadata } = await importHftbacktestNpz({ input: PEER_NPZ, output: imported, venue: 'binance-usdm', symbol: 'BTCUSDT' });
      // The peer README: 491,973 rows carrying 443,521 level changes + 21,313 trades + 2,000 snapshot levels.
      expect(metadata.counts.rows).toBe(491_973);
      expect([metadata.counts.depthLevelChanges, metadata.counts.trades, metadata.counts.snapshotLevels]).toEqual([443_521, 21_313, 2_000]);
      // The shared data README: the range rebuild ends with 9,597 levels, best bid 61659.7 × 1.486.
      const book = await finalLocalBook(imported);
      const oursBook = await finalLocalBook(ours);
      expect(book.levelCount).toBe(9_597);
      expect([book.bestBidTicks(), book.bestBidLots()]).toEqual([616_597, 1_486]);
      expect(book.bids.levels()).toEqual(oursBook.bids.levels());
      expect(book.asks.levels()).toEqual(oursBook.asks.levels());
    },
    60_000,
  );

  it('a file that is not an npz is refused with what it is', async () => {
    const file = path.join(work, 'not.npz');
    writeFileSync(file, 'hello');
    await expect(
      importHftbacktestNpz({ input: file, output: path.join(work, 'x.arrow'), venue: 'binance-usdm', symbol: 'BTCUSDT' }),
    ).rejects.toThrow(/not an \.npz \(numpy zip\)/);
  });
});
