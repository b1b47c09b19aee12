import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Instrument, InvalidInputError, type InstrumentSpec } from '@mm/core';

/** Venues whose captures the converter reads. */
export type CaptureVenue = 'binance-usdm' | 'hyperliquid';

/**
 * Binance USD-M perpetuals as their `exchangeInfo` listed them when the 2024 captures were made
 * (`PRICE_FILTER.tickSize`, `LOT_SIZE.stepSize`, `MIN_NOTIONAL.notional`). A recorder that saves the
 * venue's `exchangeInfo` beside a capture overrides this table for that capture.
 */
const BINANCE_USDM_RULES: Record<string, Omit<InstrumentSpec, 'symbol' | 'venue'>> = {
  BTCUSDT: { tickSize: '0.1', lotSize: '0.001', minNotional: 100 },
  ETHUSDT: { tickSize: '0.01', lotSize: '0.001', minNotional: 20 },
  SOLUSDT: { tickSize: '0.01', lotSize: '1', minNotional: 5 },
};

/**
 * Hyperliquid perpetuals' `szDecimals` (`meta.universe[i].szDecimals`); price ticks and the
 * 5-significant-figure rule follow from it (`Instrument.hyperliquidPerp`). A recorder's saved
 * `meta` beside a capture overrides this table.
 */
const HYPERLIQUID_SZ_DECIMALS: Record<string, number> = { BTC: 5, ETH: 4, SOL: 2 };

/** Binance USD-M BTCUSDT perpetual, as in the recorded captures: tick 0.1, lot 0.001, $100 minimum. */
export const BINANCE_USDM_BTCUSDT: Instrument = new Instrument({
  symbol: 'BTCUSDT',
  venue: 'binance-usdm',
  ...BINANCE_USDM_RULES.BTCUSDT!,
});

/** Hyperliquid BTC perpetual (szDecimals 5): tick 0.1, lot 0.00001, 5 significant figures, $10 minimum. */
export const HYPERLIQUID_BTC: Instrument = Instrument.hyperliquidPerp('BTC', HYPERLIQUID_SZ_DECIMALS.BTC!);

/** A user's corrections to a venue's rules, e.g. to study order sizes below its minimum. */
export interface InstrumentOverrides {
  tickSize?: string;
  lotSize?: string;
  minNotional?: number;
}

/** No rules are known for a symbol: the message names the flags that supply them. */
export class UnknownInstrumentError extends InvalidInputError {
  constructor(venue: string, symbol: string, known: readonly string[]) {
    super(
      `no trading rules known for ${venue} symbol '${symbol}' (known: ${known.join(', ')}): ` +
        "give them with --tick-size, --lot-size and --min-notional (or record the capture with the recorder, which saves the venue's rules beside it)",
      { venue, symbol },
    );
  }
}

/** The venue's own rules file a recorder writes beside `capture.gz`: `capture.gz.rules.json`. */
export function venueRulesPath(capturePath: string): string {
  return `${capturePath}.rules.json`;
}

/**
 * The instrument of `symbol` on `venue`: from the venue's rules saved beside the capture (if any),
 * else from the table above; then the user's overrides. An unknown symbol without overrides for
 * every rule is an `UnknownInstrumentError`.
 */
export function captureInstrument(
  venue: CaptureVenue,
  symbol: string,
  options: { capturePath?: string; overrides?: InstrumentOverrides } = {},
): Instrument {
  const overrides = options.overrides ?? {};
  const saved = options.capturePath === undefined ? undefined : savedRules(options.capturePath, venue, symbol);
  let base: InstrumentSpec | undefined = saved;
  if (base === undefined) {
    if (venue === 'hyperliquid') {
      const szDecimals = HYPERLIQUID_SZ_DECIMALS[symbol];
      if (szDecimals !== undefined) base = specOf(Instrument.hyperliquidPerp(symbol, szDecimals));
    } else {
      const rules = BINANCE_USDM_RULES[symbol];
      if (rules !== undefined) base = { symbol, venue, ...rules };
    }
  }
  if (base === undefined && venue === 'hyperliquid' && overrides.lotSize !== undefined) {
    // Hyperliquid's ticks follow from szDecimals, so the lot size alone defines the instrument.
    base = specOf(Instrument.hyperliquidPerp(symbol, decimalsOf(overrides.lotSize)));
  }
  if (base === undefined) {
    if (overrides.tickSize === undefined || overrides.lotSize === undefined || overrides.minNotional === undefined) {
      throw new UnknownInstrumentError(venue, symbol, Object.keys(venue === 'hyperliquid' ? HYPERLIQUID_SZ_DECIMALS : BINANCE_USDM_RULES));
    }
    base = { symbol, venue, tickSize: overrides.tickSize, lotSize: overrides.lotSize, minNotional: overrides.minNotional };
  }
  if (
    venue === 'hyperliquid' &&
    overrides.lotSize !== undefined &&
    overrides.tickSize === undefined &&
    base.lotSize !== overrides.lotSize
  ) {
    base = { ...specOf(Instrument.hyperliquidPerp(symbol, decimalsOf(overrides.lotSize))), minNotional: base.minNotional };
  }
  return new Instrument({
    ...base,
    ...(overrides.tickSize === undefined ? {} : { tickSize: overrides.tickSize }),
    ...(overrides.lotSize === undefined ? {} : { lotSize: overrides.lotSize }),
    ...(overrides.minNotional === undefined ? {} : { minNotional: overrides.minNotional }),
  });
}

/** The spec an instrument was made from (what an event log stores). */
export function specOf(instrument: Instrument): InstrumentSpec {
  return {
    symbol: instrument.symbol,
    venue: instrument.venue,
    tickSize: instrument.tickSizeText,
    lotSize: instrument.lotSizeText,
    minNotional: instrument.minNotional,
    ...(instrument.maxSignificantFigures === undefined ? {} : { maxSignificantFigures: instrument.maxSignificantFigures }),
  };
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Rules saved by the recorder: Hyperliquid's `meta` answer (`{universe: [{name, szDecimals}]}`) or
 * Binance's `exchangeInfo` (`{symbols: [{symbol, filters: [...]}]}`), as the venue sent it.
 */
function savedRules(capturePath: string, venue: CaptureVenue, symbol: string): InstrumentSpec | undefined {
  const file = venueRulesPath(capturePath);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(
      `${path.basename(file)} (the venue rules saved beside ${capturePath}) is not JSON: ${(error as Error).message}`,
      { file },
    );
  }
  if (venue === 'hyperliquid') {
    const universe = (json as { universe?: Array<{ name?: unknown; szDecimals?: unknown }> }).universe;
    const entry = Array.isArray(universe) ? universe.find((asset) => asset.name === symbol) : undefined;
    if (entry === undefined || typeof entry.szDecimals !== 'number') return undefined;
    return specOf(Instrument.hyperliquidPerp(symbol, entry.szDecimals));
  }
  const symbols = (json as { symbols?: Array<{ symbol?: unknown; filters?: Array<Record<string, unknown>> }> }).symbols;
  const entry = Array.isArray(symbols) ? symbols.find((candidate) => candidate.symbol === symbol) : undefined;
  if (entry === undefined || !Array.isArray(entry.filters)) return undefined;
  const filter = (type: string) => entry.filters!.find((candidate) => candidate.filterType === type);
  const tickSize = trimDecimal(filter('PRICE_FILTER')?.tickSize);
  const lotSize = trimDecimal(filter('LOT_SIZE')?.stepSize);
  const minNotional = Number(filter('MIN_NOTIONAL')?.notional ?? Number.NaN);
  if (tickSize === undefined || lotSize === undefined || !Number.isFinite(minNotional)) return undefined;
  return { symbol, venue, tickSize, lotSize, minNotional };
}

/** "0.10000000" -> "0.1" (exchangeInfo pads its decimals). */
function trimDecimal(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
