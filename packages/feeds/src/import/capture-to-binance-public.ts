import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BinanceUsdmParser } from '../binance-usdm-parser.js';
import { captureInstrument } from '../capture-instruments.js';
import { replayCapture } from '../replay-capture.js';
import { BINANCE_AGG_TRADES_HEADER, BINANCE_KLINES_HEADER } from './binance-public.js';

export interface BinancePublicExport {
  aggTrades: string;
  /** The same rows without the header row (as the older files are). */
  aggTradesNoHeader: string;
  klines1m: string;
  rows: { aggTrades: number; klines: number; trades: number };
}

/** `units` of a decimal unit (e.g. 616597 of '0.1') as exact decimal text ('61659.7'). */
function decimalText(units: number, scale: number): string {
  const digits = String(units).padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * Writes a Binance USD-M capture's `trade` messages out as Binance public-data CSVs: aggTrades
 * (consecutive trades of one venue time, price and aggressor make one aggregate, as Binance
 * aggregates the fills of a taker order at one price; `first/last_trade_id` are the capture's
 * trade ids, `agg_trade_id` our running count from the first trade id, not Binance's) and 1-minute
 * klines (OHLC, volumes, trade count, taker-buy volumes; `ignore` 0). Prices and sizes are the
 * capture's own. Makes the fixtures of the Binance public-data readers.
 */
export async function exportCaptureToBinancePublic(capture: string, outDir: string, symbol = 'BTCUSDT'): Promise<BinancePublicExport> {
  const instrument = captureInstrument('binance-usdm', symbol, { capturePath: capture });
  const tickScale = (instrument.tickSizeText.split('.')[1] ?? '').length;
  const lotScale = (instrument.lotSizeText.split('.')[1] ?? '').length;
  const tickMantissa = Number(instrument.tickSizeText.replace('.', ''));
  const lotMantissa = Number(instrument.lotSizeText.replace('.', ''));
  const price = (ticks: number) => decimalText(ticks * tickMantissa, tickScale);
  const size = (lots: number) => decimalText(lots * lotMantissa, lotScale);
  const quote = (ticksTimesLots: number) => decimalText(ticksTimesLots * tickMantissa * lotMantissa, tickScale + lotScale);
  const agg: string[] = [];
  let open: { timeMs: number; ticks: number; sell: boolean; lots: number; first: number; last: number } | undefined;
  let nextAggId = Number.NaN;
  const flush = () => {
    if (open === undefined) return;
    if (Number.isNaN(nextAggId)) nextAggId = open.first;
    agg.push([nextAggId++, price(open.ticks), size(open.lots), open.first, open.last, open.timeMs, open.sell].join(','));
  };
  const bars = new Map<
    number,
    { o: number; h: number; l: number; c: number; lots: number; quote: number; n: number; buyLots: number; buyQuote: number }
  >();
  let trades = 0;
  await replayCapture(capture, new BinanceUsdmParser(instrument), {
    trade(trade) {
      trades += 1;
      const timeMs = trade.venueTimeUs / 1000;
      const sell = trade.aggressorSide === 'sell';
      if (open !== undefined && open.timeMs === timeMs && open.ticks === trade.priceTicks && open.sell === sell) {
        open.lots += trade.sizeLots;
        open.last = trade.tradeId;
      } else {
        flush();
        open = { timeMs, ticks: trade.priceTicks, sell, lots: trade.sizeLots, first: trade.tradeId, last: trade.tradeId };
      }
      const minute = Math.floor(timeMs / 60_000) * 60_000;
      const bar = bars.get(minute) ?? {
        o: trade.priceTicks,
        h: trade.priceTicks,
        l: trade.priceTicks,
        c: 0,
        lots: 0,
        quote: 0,
        n: 0,
        buyLots: 0,
        buyQuote: 0,
      };
      bar.h = Math.max(bar.h, trade.priceTicks);
      bar.l = Math.min(bar.l, trade.priceTicks);
      bar.c = trade.priceTicks;
      bar.lots += trade.sizeLots;
      bar.quote += trade.priceTicks * trade.sizeLots;
      bar.n += 1;
      if (!sell) {
        bar.buyLots += trade.sizeLots;
        bar.buyQuote += trade.priceTicks * trade.sizeLots;
      }
      bars.set(minute, bar);
    },
  });
  flush();
  const klines = [...bars].map(([minute, bar]) =>
    [
      minute,
      price(bar.o),
      price(bar.h),
      price(bar.l),
      price(bar.c),
      size(bar.lots),
      minute + 59_999,
      quote(bar.quote),
      bar.n,
      size(bar.buyLots),
      quote(bar.buyQuote),
      0,
    ].join(','),
  );
  const base = path.join(outDir, `${symbol}-`);
  const files = { aggTrades: `${base}aggTrades.csv`, aggTradesNoHeader: `${base}aggTrades-noheader.csv`, klines1m: `${base}1m-klines.csv` };
  writeFileSync(files.aggTrades, `${BINANCE_AGG_TRADES_HEADER}\n${agg.join('\n')}\n`);
  writeFileSync(files.aggTradesNoHeader, `${agg.join('\n')}\n`);
  writeFileSync(files.klines1m, `${BINANCE_KLINES_HEADER}\n${klines.join('\n')}\n`);
  return { ...files, rows: { aggTrades: agg.length, klines: klines.length, trades } };
}
