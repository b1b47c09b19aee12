import { describe, expect, it } from 'vitest';
import type { Level } from '@mm/core';
import { BINANCE_0718, BINANCE_0719, BINANCE_0808, HYPERLIQUID_0126, capturePath } from '../test/captures.js';
import { BinanceBookRebuilder } from './binance-book-rebuilder.js';
import { BinanceUsdmParser } from './binance-usdm-parser.js';
import { BINANCE_USDM_BTCUSDT, HYPERLIQUID_BTC } from './capture-instruments.js';
import { forEachCaptureLine } from './capture-line-reader.js';
import { rebuildBinanceUsdmBook, rebuildHyperliquidBook } from './rebuild-book.js';
import { replayCapture } from './replay-capture.js';

const instrument = BINANCE_USDM_BTCUSDT;
const price = (ticks: number | undefined) => (ticks === undefined ? undefined : instrument.formatPrice(ticks));
const size = (lots: number) => instrument.formatSize(lots);

describe('Binance USD-M rebuild of btcusdt_20240808.gz (known facts)', () => {
  it('ends with 9,597 levels and best bid 61659.7 × 1.486, with no gaps', async () => {
    const rebuild = await rebuildBinanceUsdmBook(capturePath(BINANCE_0808), { instrument });
    expect(rebuild.book.levelCount).toBe(9_597);
    expect(price(rebuild.book.bestBidTicks())).toBe('61659.7');
    expect(size(rebuild.book.bestBidLots())).toBe('1.486');
    expect(price(rebuild.book.bestAskTicks())).toBe('61659.8');
    expect(rebuild.book.isCrossed()).toBe(false);
    expect(rebuild.gaps).toEqual([]);
    expect(rebuild.rebuilder.isSynced).toBe(true);
    expect(rebuild.lines).toBe(93_954);
    expect(rebuild.rebuilder.stats).toEqual({
      snapshots: 1,
      appliedUpdates: 6_547,
      staleUpdates: 4,
      unsyncedUpdates: 6,
      gaps: 0,
      appliedLevelChanges: 443_262,
    });
  });

  it("under the strict 'full' snapshot scope holds one level fewer: a pre-snapshot bid deeper than the snapshot", async () => {
    const full = await rebuildBinanceUsdmBook(capturePath(BINANCE_0808), { instrument, snapshotScope: 'full' });
    const range = await rebuildBinanceUsdmBook(capturePath(BINANCE_0808), { instrument });
    expect(full.book.levelCount).toBe(9_596);
    const fullBids = new Map(full.book.bids.levels().map((l) => [l.priceTicks, l.sizeLots]));
    const onlyInRange = range.book.bids.levels().filter((l) => fullBids.get(l.priceTicks) !== l.sizeLots);
    // Set by a diff with u < lastUpdateId (so the venue's recipe drops it) at a price below the
    // 1,000-level snapshot's worst bid (61653.4), and never touched again.
    expect(onlyInRange.map((l) => [price(l.priceTicks), size(l.sizeLots)])).toEqual([['60118.6', '0.002']]);
    expect(full.book.asks.levels()).toEqual(range.book.asks.levels());
  });

  it('yields 443,521 depth level changes + 21,313 trades + 2,000 snapshot levels = 466,834 events', async () => {
    let depthLevelChanges = 0;
    let snapshotLevels = 0;
    let trades = 0;
    let tickers = 0;
    const summary = await replayCapture(capturePath(BINANCE_0808), new BinanceUsdmParser(instrument), {
      bookUpdate: (update) => {
        if (update.kind === 'snapshot') snapshotLevels += update.levelCount;
        else depthLevelChanges += update.levelCount;
      },
      trade: () => {
        trades += 1;
      },
      bookTicker: () => {
        tickers += 1;
      },
    });
    expect(depthLevelChanges).toBe(443_521);
    expect(trades).toBe(21_313);
    expect(snapshotLevels).toBe(2_000);
    expect(depthLevelChanges + trades + snapshotLevels).toBe(466_834);
    expect(tickers).toBe(66_089);
    expect(summary.messages).toBe(1 + 6_551 + 21_313 + 66_089);
  });

  it('agrees with the bookTicker stream whenever both are at the same update id, and never crosses', async () => {
    const rebuilder = new BinanceBookRebuilder();
    let compared = 0;
    let disagreed = 0;
    let crossed = 0;
    await replayCapture(capturePath(BINANCE_0808), new BinanceUsdmParser(instrument), {
      bookUpdate: (update) => {
        rebuilder.apply(update);
        if (rebuilder.isSynced && rebuilder.book.isCrossed()) crossed += 1;
      },
      bookTicker: (ticker) => {
        if (!rebuilder.isSynced || rebuilder.sequencer.lastFinalUpdateId !== ticker.updateId) return;
        compared += 1;
        const book = rebuilder.book;
        if (
          book.bestBidTicks() !== ticker.bidPriceTicks ||
          book.bestBidLots() !== ticker.bidSizeLots ||
          book.bestAskTicks() !== ticker.askPriceTicks ||
          book.bestAskLots() !== ticker.askSizeLots
        ) {
          disagreed += 1;
        }
      },
    });
    expect(compared).toBeGreaterThan(100);
    expect(disagreed).toBe(0);
    expect(crossed).toBe(0);
  });

  it('rebuilds to a given local time exactly like a plain Map book following the venue recipe', async () => {
    // Lines 40,000 and 40,001 were received within the same microsecond (…062626214 and …062626914 ns).
    const untilLocalTimeUs = 1_723_161_434_062_626;
    const rebuild = await rebuildBinanceUsdmBook(capturePath(BINANCE_0808), {
      instrument,
      snapshotScope: 'full',
      untilLocalTimeUs,
    });
    expect(rebuild.stopped).toBe(true);
    expect(rebuild.lines).toBe(40_001);
    expect(rebuild.lastLocalTimeUs).toBe(untilLocalTimeUs);

    // Reference: JSON.parse, Maps, and the recipe read literally (buffer, snapshot, drop u < id, chain).
    const bids = new Map<number, number>();
    const asks = new Map<number, number>();
    const buffered: Array<Record<string, unknown>> = [];
    let lastUpdateId: number | undefined;
    let previousU: number | undefined;
    const apply = (data: Record<string, unknown>) => {
      if ((data.u as number) < lastUpdateId!) return;
      if (previousU === undefined) expect(data.U as number).toBeLessThanOrEqual(lastUpdateId!);
      else expect(data.pu).toBe(previousU);
      previousU = data.u as number;
      for (const [side, book] of [
        ['b', bids],
        ['a', asks],
      ] as const) {
        for (const [p, q] of data[side] as [string, string][]) {
          const lots = instrument.parseSizeLots(q);
          if (lots === 0) book.delete(instrument.parsePriceTicks(p));
          else book.set(instrument.parsePriceTicks(p), lots);
        }
      }
    };
    await forEachCaptureLine(capturePath(BINANCE_0808), (payload, localTimeUs) => {
      if (localTimeUs > untilLocalTimeUs) return false;
      const message = JSON.parse(payload) as { data?: Record<string, unknown> } & Record<string, unknown>;
      if ('lastUpdateId' in message) {
        lastUpdateId = message.lastUpdateId as number;
        for (const [book, levels] of [
          [bids, message.bids],
          [asks, message.asks],
        ] as const) {
          book.clear();
          for (const [p, q] of levels as [string, string][]) book.set(instrument.parsePriceTicks(p), instrument.parseSizeLots(q));
        }
        for (const data of buffered) apply(data);
        buffered.length = 0;
      } else if (message.data?.e === 'depthUpdate') {
        if (lastUpdateId === undefined) buffered.push(message.data);
        else apply(message.data);
      }
      return true;
    });
    const sorted = (book: Map<number, number>, descending: boolean): Level[] =>
      [...book.entries()]
        .sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]))
        .map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots }));
    expect(rebuild.book.bids.levels()).toEqual(sorted(bids, true));
    expect(rebuild.book.asks.levels()).toEqual(sorted(asks, false));
  });
});

describe('Binance USD-M rebuild across midnight (btcusdt_20240718 → 20240719)', () => {
  it('continues the diff chain into the next file without a gap', async () => {
    const files = [capturePath(BINANCE_0718), capturePath(BINANCE_0719)];
    const rebuild = await rebuildBinanceUsdmBook(files, { instrument, snapshotScope: 'full' });
    expect(rebuild.gaps).toEqual([]);
    expect(rebuild.rebuilder.stats.snapshots).toBe(1);
    expect(rebuild.book.levelCount).toBe(10_432);
    expect(price(rebuild.book.bestBidTicks())).toBe('63867.4');
    expect(rebuild.book.isCrossed()).toBe(false);
  });

  it('cannot sync the second file alone: it has no snapshot', async () => {
    const rebuild = await rebuildBinanceUsdmBook(capturePath(BINANCE_0719), { instrument });
    expect(rebuild.rebuilder.isSynced).toBe(false);
    expect(rebuild.rebuilder.stats.appliedUpdates).toBe(0);
    expect(rebuild.rebuilder.stats.unsyncedUpdates).toBe(5_696);
  });
});

describe('Hyperliquid rebuild', () => {
  it('holds the last l2Book snapshot at or before the given local time', async () => {
    const all = await rebuildHyperliquidBook(capturePath(HYPERLIQUID_0126), { instrument: HYPERLIQUID_BTC });
    expect(all.snapshots).toBe(46);
    expect(all.book.bids.levelCount).toBe(20);
    expect(all.book.asks.levelCount).toBe(20);
    const early = await rebuildHyperliquidBook(capturePath(HYPERLIQUID_0126), {
      instrument: HYPERLIQUID_BTC,
      untilLocalTimeUs: 1_737_918_853_261_030, // line 20, an l2Book
    });
    expect(early.stopped).toBe(true);
    expect(early.bookLocalTimeUs).toBe(1_737_918_853_261_030);
    expect(early.snapshots).toBeLessThan(46);
  });
});
