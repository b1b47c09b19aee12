import path from 'node:path';
import { MICROS_PER_SECOND, type Micros } from '@mm/core';
import { OrderBook } from '@mm/book';
import { HYPERLIQUID_BTC, HyperliquidParser, replayCapture, type BookUpdateScratch } from '@mm/feeds';
import { inventoryLadder, maxPositionLotsForNotional, parseInventoryLadderConfig } from '@mm/inventory';
import { avellanedaStoikovQuote, buildLadder, glftQuote, QuoteEngine } from '@mm/quoter';
import { RiskManager } from '@mm/risk';

export interface DemoLine {
  localTimeUs: Micros;
  bestBid: number;
  bestAsk: number;
  /** Hypothetical position, in BTC, the quotes are computed for. */
  positionBtc: number;
  practicalBid: string;
  practicalAsk: string;
  practicalSpreadBps: number;
  inventoryRule: string;
  glftBid: string;
  glftAsk: string;
  asBid: string;
  asAsk: string;
  riskStatus: string;
}

/** The capture the demo replays, resolved from the repository root. */
export function defaultCapturePath(repositoryRoot: string): string {
  return path.resolve(repositoryRoot, '..', 'shared', 'data', 'hyperliquid', 'btcusd_20250126.gz');
}

/**
 * Replays the recorded Hyperliquid BTC book and, every `everySeconds` of data, computes what each
 * quoter would post for a hypothetical inventory that walks from short to long. Nothing is sent
 * anywhere: this shows the pure core on real data (the live bot and backtester come later).
 */
export async function runQuoteDemo(capturePath: string, everySeconds = 2): Promise<DemoLine[]> {
  const instrument = HYPERLIQUID_BTC;
  const parser = new HyperliquidParser(instrument);
  const book = new OrderBook();
  const quoter = new QuoteEngine(instrument, { numLevels: 3 });
  const ladderConfig = parseInventoryLadderConfig({});
  const risk = new RiskManager({ capitalUsd: 5_000 });
  const positions = [-0.004, -0.002, 0, 0.002, 0.004];
  const lines: DemoLine[] = [];
  let nextUs = Number.NEGATIVE_INFINITY;
  let firstUs: Micros | undefined;
  let previousMid: number | undefined;
  let varianceBps2 = 1;
  await replayCapture(capturePath, parser, {
    bookUpdate(update: BookUpdateScratch) {
      book.clear();
      book.side('bid').applyLevels(update.bids);
      book.side('ask').applyLevels(update.asks);
      const now = update.localTimeUs;
      firstUs ??= now;
      const bestBid = book.bestBidTicks();
      const bestAsk = book.bestAskTicks();
      if (bestBid === undefined || bestAsk === undefined) return;
      const mid = (bestBid + bestAsk) / 2;
      if (previousMid !== undefined) {
        const returnBps = Math.log(mid / previousMid) * 10_000;
        varianceBps2 = 0.9 * varianceBps2 + 0.1 * returnBps * returnBps;
      }
      previousMid = mid;
      risk.onPrice('BTC', mid * instrument.tickSize, now);
      if (now < nextUs) return;
      nextUs = now + everySeconds * MICROS_PER_SECOND;
      const positionBtc = positions[lines.length % positions.length]!;
      const positionLots = Math.round(positionBtc / instrument.lotSize);
      risk.onPosition('BTC', positionBtc * mid * instrument.tickSize, now);
      const maxPositionLots = maxPositionLotsForNotional(instrument, 500, mid);
      const controls = inventoryLadder({ positionLots, maxPositionLots, nowUs: now }, ladderConfig);
      const volatilityBps = Math.sqrt(varianceBps2);
      const practical = quoter.computeQuotes({
        bestBidTicks: bestBid,
        bestAskTicks: bestAsk,
        volatilityBps,
        inventoryRatio: controls.inventoryRatio,
        imbalance: book.imbalance(5),
        buy: controls.buy,
        sell: controls.sell,
      });
      const best = (side: 'buy' | 'sell') => {
        const quote = practical.quotes.find((candidate) => candidate.side === side && candidate.level === 0);
        return quote === undefined ? 'paused' : `${instrument.formatSize(quote.sizeLots)} @ ${instrument.formatPrice(quote.priceTicks)}`;
      };
      // GLFT in tick units with the GLFT tutorial's calibration scale; σ from the book in ticks.
      const sigmaTicks = (volatilityBps / 10_000) * mid;
      const glft = glftQuote({
        midPriceTicks: mid,
        volatilityTicks: Math.max(sigmaTicks, 1),
        riskAversion: 0.05,
        arrivalIntensity: 2.986,
        arrivalDecay: 0.0424,
        orderSize: 1,
        inventory: positionLots / 100,
      });
      const as = avellanedaStoikovQuote({
        midPrice: mid * instrument.tickSize,
        inventory: positionBtc * 100,
        riskAversion: 0.1,
        volatility: Math.max(sigmaTicks * instrument.tickSize, 0.01),
        orderBookLiquidity: 1.5,
        horizon: { kind: 'rolling', horizon: 1 },
      });
      // Raw model prices can cross the market at large inventory; the ladder puts them on the grid
      // with the post-only guards, as a bot would send them.
      const onGrid = (bidTicks: number, askTicks: number) => {
        const sizeLots = instrument.minLotsAt(mid) * 4;
        const quotes = buildLadder(instrument, {
          bids: [{ priceTicks: bidTicks, sizeLots }],
          asks: [{ priceTicks: askTicks, sizeLots }],
          bestBidTicks: bestBid,
          bestAskTicks: bestAsk,
        });
        const price = (side: 'buy' | 'sell') => {
          const quote = quotes.find((candidate) => candidate.side === side);
          return quote === undefined ? '-' : instrument.formatPrice(quote.priceTicks);
        };
        return [price('buy'), price('sell')] as const;
      };
      const [glftBid, glftAsk] = onGrid(glft.bidPriceTicks, glft.askPriceTicks);
      const [asBid, asAsk] = onGrid(as.bidPrice / instrument.tickSize, as.askPrice / instrument.tickSize);
      lines.push({
        localTimeUs: now,
        bestBid: bestBid * instrument.tickSize,
        bestAsk: bestAsk * instrument.tickSize,
        positionBtc,
        practicalBid: best('buy'),
        practicalAsk: best('sell'),
        practicalSpreadBps: practical.spread.spreadBps,
        inventoryRule: controls.rule,
        glftBid,
        glftAsk,
        asBid,
        asAsk,
        riskStatus: risk.evaluate(now).status,
      });
    },
  });
  return lines;
}
