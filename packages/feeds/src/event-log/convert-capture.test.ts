import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderBook } from '@mm/book';
import {
  BINANCE_0718,
  BINANCE_0719,
  BINANCE_0808,
  BINANCE_COINM_0808,
  BINANCE_ETH_0808,
  BINANCE_SPOT_0808,
  HYPERLIQUID_0126,
  capturePath,
} from '../../test/captures.js';
import { convertCapture } from './convert-capture.js';
import { openEventLog, writeEventLog, type EventLogMetadata, type EventLogReader } from './event-log-file.js';
import { EventBuffer } from './event-buffer.js';
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

/** The smallest and largest `local - venue` over every row of a log, and how many rows break `local >= venue`. */
async function receiveDelays(reader: EventLogReader) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let receivedBeforeSent = 0;
  for await (const batch of reader.batches()) {
    for (let index = 0; index < batch.length; index += 1) {
      const delay = batch.localTimeUs[index]! - batch.exchTimeUs[index]!;
      if (delay < 0 || Number.isNaN(delay)) receivedBeforeSent += 1;
      if (delay < min) min = delay;
      if (delay > max) max = delay;
    }
  }
  return { min, max, receivedBeforeSent };
}

describe('convertCapture: the two clocks', () => {
  // Every shared capture the converter reads: no row may be received before the venue sent it, and
  // the shift must not invent latency (the smallest delay is exactly 0).
  it.each([BINANCE_0808, BINANCE_0718, BINANCE_0719, BINANCE_ETH_0808, HYPERLIQUID_0126])(
    '%s: local >= venue on every row, smallest delay 0',
    async (capture) => {
      const output = path.join(work, `${path.basename(capture)}.clocks.arrow`);
      const { metadata } = await convertCapture({ inputs: [capturePath(capture)], output });
      const delays = await receiveDelays(await openEventLog(output));
      expect(delays.receivedBeforeSent).toBe(0);
      expect(delays.min).toBe(0);
      expect(metadata.receiveDelayUs).toEqual({ min: 0, max: delays.max });
      expect(metadata.clocks).toEqual({ exchTimeUs: 'venue', localTimeUs: 'receive, shifted onto the venue clock' });
    },
  );

  it('moves a receive clock that runs behind the venue forward, and one that runs ahead back', async () => {
    // 08-08: the recorder's clock ran ~1.27 s behind Binance's; the Hyperliquid capture's ~0.26 s ahead.
    const binance = await convertCapture({ inputs: [capturePath(BINANCE_0808)], output: path.join(work, 'behind.arrow') });
    expect(binance.metadata.localClockShiftUs).toBeGreaterThan(1_200_000);
    expect(binance.metadata.localClockShiftUs).toBeLessThan(1_300_000);
    const hyperliquid = await convertCapture({ inputs: [capturePath(HYPERLIQUID_0126)], output: path.join(work, 'ahead.arrow') });
    expect(hyperliquid.metadata.localClockShiftUs).toBeLessThan(-200_000);
    expect(hyperliquid.metadata.localClockShiftUs).toBeGreaterThan(-300_000);
  });
});

describe('event-log versions', () => {
  it('refuses a version-1 log (made with the wrong clock shift) and says to re-convert it', async () => {
    const output = path.join(work, 'current.arrow');
    const { metadata } = await convertCapture({ inputs: [capturePath(HYPERLIQUID_0126)], output });
    const old = path.join(work, 'old.arrow');
    const { clocks: _clocks, localClockShiftUs: _shift, receiveDelayUs: _delays, ...rest } = metadata;
    await writeEventLog(old, new EventBuffer(), { ...rest, version: 1, venueClockOffsetUs: 0 } as unknown as EventLogMetadata);
    await expect(openEventLog(old)).rejects.toThrow(/written by event-log version 1.*re-convert it from its capture/);
  });
});

describe('convertCapture: any symbol, any file name', () => {
  it('tells the venue and the symbol from the content, whatever the file is called', async () => {
    const renamed = path.join(work, 'my-capture.gz');
    copyFileSync(capturePath(BINANCE_ETH_0808), renamed);
    const { metadata } = await convertCapture({ inputs: [renamed], output: path.join(work, 'eth.arrow') });
    expect(metadata.instrument).toEqual({ symbol: 'ETHUSDT', venue: 'binance-usdm', tickSize: '0.01', lotSize: '0.001', minNotional: 20 });
    expect(metadata.counts.events).toBeGreaterThan(0);
  });

  it('rebuilds the ETHUSDT book an independent rebuild reports (best bid 2681.38 x 8.486, ask 2681.39 x 22.624)', async () => {
    const output = path.join(work, 'eth-book.arrow');
    await convertCapture({ inputs: [capturePath(BINANCE_ETH_0808)], output });
    for (const delivery of [LOCAL_EVENT, EXCHANGE_EVENT]) {
      const { book, outOfOrder } = await replayTimeline(await openEventLog(output), delivery);
      expect(outOfOrder).toBe(0);
      expect([book.bestBidTicks(), book.bestBidLots(), book.bestAskTicks(), book.bestAskLots()]).toEqual([268_138, 8_486, 268_139, 22_624]);
    }
  });

  it('reads one coin of a Binance combined stream that also carries another coin on another grid', async () => {
    const btc = (await import('node:zlib'))
      .gunzipSync((await import('node:fs')).readFileSync(capturePath(BINANCE_0808)))
      .toString('utf8')
      .split('\n')
      .slice(0, 2000);
    const eth = (await import('node:zlib'))
      .gunzipSync((await import('node:fs')).readFileSync(capturePath(BINANCE_ETH_0808)))
      .toString('utf8')
      .split('\n')
      .slice(0, 2000);
    const merged = [...btc, ...eth]
      .filter((line) => line !== '')
      .sort((a, b) => (BigInt(a.slice(0, a.indexOf(' '))) < BigInt(b.slice(0, b.indexOf(' '))) ? -1 : 1));
    const file = path.join(work, 'binance-two.gz');
    writeFileSync(file, gzipSync(`${merged.join('\n')}\n`));
    const alone = await convertCapture({ inputs: [capturePath(BINANCE_ETH_0808)], output: path.join(work, 'eth-alone.arrow') });
    const fromMerged = await convertCapture({ inputs: [file], output: path.join(work, 'eth-merged.arrow'), symbol: 'ETHUSDT' });
    expect(fromMerged.metadata.counts.trades).toBeGreaterThan(0);
    expect(fromMerged.metadata.counts.trades).toBeLessThan(alone.metadata.counts.trades);
    expect(fromMerged.metadata.instrument.symbol).toBe('ETHUSDT');
  });

  it('converts one symbol of a file that holds several, and asks which when not told', async () => {
    // A two-symbol Hyperliquid file as the recorder writes it: BTC lines and the same lines as ETH.
    const lines = (await import('node:zlib'))
      .gunzipSync((await import('node:fs')).readFileSync(capturePath(HYPERLIQUID_0126)))
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '');
    // ETH has szDecimals 4: its copy's sizes are the BTC sizes times ten (the decimal point moved).
    const timesTen = (_: string, whole: string, fraction: string) => {
      const digits = whole + fraction;
      const rest = digits.slice(whole.length + 1);
      return `"sz":"${BigInt(digits.slice(0, whole.length + 1)).toString()}${rest === '' ? '' : `.${rest}`}"`;
    };
    const both = lines.flatMap((line) => [line, line.replaceAll('"coin":"BTC"', '"coin":"ETH"').replace(/"sz":"(\d+)\.(\d+)"/g, timesTen)]);
    const file = path.join(work, 'btc-eth.gz');
    writeFileSync(file, gzipSync(`${both.join('\n')}\n`));
    await expect(convertCapture({ inputs: [file], output: path.join(work, 'both.arrow') })).rejects.toThrow(
      /several symbols \(BTC, ETH\): choose one with --symbol/,
    );
    const btc = await convertCapture({ inputs: [file], output: path.join(work, 'btc-only.arrow'), symbol: 'BTC' });
    const eth = await convertCapture({ inputs: [file], output: path.join(work, 'eth-only.arrow'), symbol: 'ETH' });
    expect(btc.metadata.counts).toMatchObject({ snapshotLevels: 46 * 40, trades: 64 });
    expect(eth.metadata.counts).toMatchObject({ snapshotLevels: 46 * 40, trades: 64 });
    expect(eth.metadata.instrument).toMatchObject({ symbol: 'ETH', lotSize: '0.0001', tickSize: '0.01' });
    await expect(convertCapture({ inputs: [file], output: path.join(work, 'sol.arrow'), symbol: 'SOL' })).rejects.toThrow(
      /no hyperliquid market data for 'SOL'.*symbols seen: BTC, ETH/,
    );
  });

  it("names the flags that supply an unknown symbol's rules, and uses them when given", async () => {
    const file = path.join(work, 'xyz.gz');
    const lines = (await import('node:zlib'))
      .gunzipSync((await import('node:fs')).readFileSync(capturePath(BINANCE_ETH_0808)))
      .toString('utf8')
      .split('\n')
      .slice(0, 3000);
    writeFileSync(
      file,
      gzipSync(`${lines.map((line) => line.replaceAll('ETHUSDT', 'XYZUSDT').replaceAll('ethusdt', 'xyzusdt')).join('\n')}\n`),
    );
    await expect(convertCapture({ inputs: [file], output: path.join(work, 'xyz.arrow') })).rejects.toThrow(
      /no trading rules known for binance-usdm symbol 'XYZUSDT'.*--tick-size, --lot-size and --min-notional/,
    );
    const { metadata } = await convertCapture({
      inputs: [file],
      output: path.join(work, 'xyz.arrow'),
      instrument: { tickSize: '0.01', lotSize: '0.001', minNotional: 5 },
    });
    expect(metadata.instrument).toEqual({ symbol: 'XYZUSDT', venue: 'binance-usdm', tickSize: '0.01', lotSize: '0.001', minNotional: 5 });
  });

  it('takes the rules the recorder saved beside a capture over the built-in table', async () => {
    const file = path.join(work, 'with-rules.gz');
    copyFileSync(capturePath(HYPERLIQUID_0126), file);
    writeFileSync(`${file}.rules.json`, JSON.stringify({ universe: [{ name: 'BTC', szDecimals: 6, maxLeverage: 40 }] }));
    const { metadata } = await convertCapture({ inputs: [file], output: path.join(work, 'rules.arrow') });
    expect(metadata.instrument).toMatchObject({ symbol: 'BTC', lotSize: '0.000001', tickSize: '1' });
  });

  it('refuses COIN-M and spot captures with what it recognised, and an unknown file with what it saw', async () => {
    await expect(convertCapture({ inputs: [capturePath(BINANCE_COINM_0808)], output: path.join(work, 'coinm.arrow') })).rejects.toThrow(
      /holds Binance COIN-M/,
    );
    await expect(convertCapture({ inputs: [capturePath(BINANCE_SPOT_0808)], output: path.join(work, 'spot.arrow') })).rejects.toThrow(
      /holds Binance spot/,
    );
    const empty = path.join(work, 'empty.gz');
    writeFileSync(empty, gzipSync(''));
    await expect(convertCapture({ inputs: [empty], output: path.join(work, 'empty.arrow') })).rejects.toThrow(
      /cannot tell what .*empty.gz holds: it has no lines/,
    );
    await expect(
      convertCapture({ inputs: [capturePath(BINANCE_0808)], output: path.join(work, 'x.arrow'), venue: 'hyperliquid' }),
    ).rejects.toThrow(/holds binance-usdm messages/);
  });
});

describe('convertCapture', () => {
  it('turns Binance 08-08 into a log that rebuilds the known book on both timelines', async () => {
    const output = path.join(work, 'binance-0808.arrow');
    const { metadata } = await convertCapture({ inputs: [capturePath(BINANCE_0808)], output, venue: 'binance-usdm' });
    expect(metadata.counts).toMatchObject({ depthLevelChanges: 443_521, trades: 21_313, snapshotLevels: 2_000, events: 466_834, gaps: 0 });
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
    expect(metadata.instrument).toMatchObject({ symbol: 'BTC', venue: 'hyperliquid', tickSize: '0.1', maxSignificantFigures: 5 });
    const { book, outOfOrder } = await replayTimeline(await openEventLog(output), LOCAL_EVENT);
    expect(outOfOrder).toBe(0);
    expect(book.levelCount).toBe(40);
    expect(book.bestBidTicks()!).toBeLessThan(book.bestAskTicks()!);
  });

  it('names the bad option', async () => {
    await expect(convertCapture({ inputs: [], output: 'x', venue: 'binance-usdm' })).rejects.toThrow(/inputs/);
    await expect(convertCapture({ inputs: ['a'], output: 'x', venue: 'kraken' as never })).rejects.toThrow(/venue/);
    await expect(convertCapture({ inputs: ['a'], output: 'x', instrument: { minNotional: -1 } })).rejects.toThrow(/instrument.minNotional/);
  });
});
