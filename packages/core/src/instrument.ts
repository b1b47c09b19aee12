import { z } from 'zod';
import { parseConfig } from './config.js';
import { divideDecimals, divideRounded, formatDecimal, parseDecimal, type ExactDecimal, type RoundingMode } from './decimal.js';
import { InvalidInputError, PriceRuleError } from './errors.js';

const decimalText = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive decimal string such as "0.1"')
  .refine((text) => Number(text) > 0, 'must be > 0');

/** What a venue says about one instrument; validated once, when the instrument is created. */
export const instrumentSpecSchema = z.strictObject({
  /** Venue-wide unique symbol as the venue spells it ("BTC" on Hyperliquid, "BTCUSDT" on Binance). */
  symbol: z.string().min(1),
  venue: z.string().min(1),
  /** Smallest price increment, as a decimal string ("0.1"). Prices inside are integers of it. */
  tickSize: decimalText,
  /** Smallest size increment, as a decimal string ("0.00001"). Sizes inside are integers of it. */
  lotSize: decimalText,
  /** Minimum order notional in quote currency (Hyperliquid: $10). */
  minNotional: z.number().nonnegative(),
  /**
   * Hyperliquid's extra price rule: at most this many significant figures, integer prices always
   * allowed. Absent for venues with a plain tick grid.
   */
  maxSignificantFigures: z.number().int().min(1).max(15).optional(),
});

export type InstrumentSpec = z.input<typeof instrumentSpecSchema>;

/** Hyperliquid's price decimal budget for perps: prices have at most 6 − szDecimals decimals. */
export const HYPERLIQUID_PERP_MAX_DECIMALS = 6;
export const HYPERLIQUID_SIGNIFICANT_FIGURES = 5;
export const HYPERLIQUID_MIN_NOTIONAL_USD = 10;

function isPowerOfTen(decimal: ExactDecimal): boolean {
  return /^10*$/.test(decimal.units.toString());
}

/**
 * An instrument with exact tick/lot arithmetic. Inside the system prices are integer ticks and
 * sizes integer lots; this class is where they meet the venue's decimal strings, so no float
 * noise ever reaches a venue.
 */
export class Instrument {
  readonly symbol: string;
  readonly venue: string;
  readonly minNotional: number;
  readonly maxSignificantFigures: number | undefined;
  /** Tick size as a number, for float arithmetic in quoting (never for what is sent). */
  readonly tickSize: number;
  readonly lotSize: number;
  readonly tickSizeText: string;
  readonly lotSizeText: string;
  private readonly tick: ExactDecimal;
  private readonly lot: ExactDecimal;

  constructor(spec: InstrumentSpec) {
    const valid = parseConfig(instrumentSpecSchema, spec, `instrument spec for '${String(spec?.symbol)}'`);
    this.symbol = valid.symbol;
    this.venue = valid.venue;
    this.minNotional = valid.minNotional;
    this.maxSignificantFigures = valid.maxSignificantFigures;
    this.tick = parseDecimal(valid.tickSize);
    this.lot = parseDecimal(valid.lotSize);
    this.tickSizeText = formatDecimal(this.tick);
    this.lotSizeText = formatDecimal(this.lot);
    this.tickSize = Number(this.tickSizeText);
    this.lotSize = Number(this.lotSizeText);
    if (this.maxSignificantFigures !== undefined && !isPowerOfTen(this.tick)) {
      throw new InvalidInputError(
        `instrument '${this.symbol}': a significant-figure price rule needs a power-of-ten tick size, got ${this.tickSizeText}`,
      );
    }
    Object.freeze(this);
  }

  /** A Hyperliquid perpetual: tick 10^−(6−szDecimals), lot 10^−szDecimals, 5 significant figures, $10 minimum. */
  static hyperliquidPerp(coin: string, szDecimals: number): Instrument {
    if (!Number.isInteger(szDecimals) || szDecimals < 0 || szDecimals > HYPERLIQUID_PERP_MAX_DECIMALS) {
      throw new InvalidInputError(`szDecimals for '${coin}' must be an integer in [0, 6], got ${szDecimals}`);
    }
    const priceDecimals = HYPERLIQUID_PERP_MAX_DECIMALS - szDecimals;
    return new Instrument({
      symbol: coin,
      venue: 'hyperliquid',
      tickSize: formatDecimal({ units: 1n, scale: priceDecimals }),
      lotSize: formatDecimal({ units: 1n, scale: szDecimals }),
      minNotional: HYPERLIQUID_MIN_NOTIONAL_USD,
      maxSignificantFigures: HYPERLIQUID_SIGNIFICANT_FIGURES,
    });
  }

  // ---- prices -------------------------------------------------------------------------------

  /**
   * The price step, in ticks, that applies at `priceTicks`. On a plain grid it is 1. Under a
   * significant-figure rule it grows with the price (BTC at 60,000 with tick 0.1 and 5 figures:
   * step 10 ticks = $1), but never beyond one whole unit, because integer prices are always allowed.
   */
  priceStepTicksAt(priceTicks: number): number {
    if (this.maxSignificantFigures === undefined || priceTicks <= 0) return 1;
    const tickExponent = -this.tick.scale + (this.tick.units.toString().length - 1);
    const integerDigits = Math.trunc(priceTicks).toString().length; // exact for safe integers
    const priceMagnitude = integerDigits - 1 + tickExponent; // floor(log10(price))
    const sigFigStepExponent = Math.min(priceMagnitude - (this.maxSignificantFigures - 1), 0);
    return 10 ** Math.max(sigFigStepExponent - tickExponent, 0);
  }

  /** True when `priceTicks` is a price the venue accepts. */
  isValidPriceTicks(priceTicks: number): boolean {
    return Number.isSafeInteger(priceTicks) && priceTicks > 0 && priceTicks % this.priceStepTicksAt(priceTicks) === 0;
  }

  /**
   * Rounds a (possibly fractional) price in ticks onto the venue's price grid. Bids round 'down'
   * and asks 'up', so rounding never makes a quote more aggressive.
   */
  roundPriceTicks(priceTicks: number, mode: Exclude<RoundingMode, 'exact'>): number {
    if (!Number.isFinite(priceTicks) || priceTicks <= 0) {
      throw new InvalidInputError(`price in ticks must be a positive finite number, got ${priceTicks}`, {
        symbol: this.symbol,
      });
    }
    let ticks = roundToInteger(priceTicks, mode);
    if (ticks < 1) ticks = 1;
    // The step depends on the magnitude, which rounding can change; two passes settle it.
    for (let pass = 0; pass < 2; pass += 1) {
      const step = this.priceStepTicksAt(ticks);
      const rounded = roundToMultiple(ticks, step, mode);
      if (rounded === ticks) break;
      ticks = rounded;
    }
    return ticks;
  }

  /** A float price onto the grid in ticks (bids 'down', asks 'up'). Float noise below 1e-9 tick is ignored. */
  priceToTicks(price: number, mode: Exclude<RoundingMode, 'exact'>): number {
    return this.roundPriceTicks(price / this.tickSize, mode);
  }

  /** Ticks to a float price, for arithmetic and display. */
  ticksToPrice(priceTicks: number): number {
    return Number(this.formatPrice(priceTicks));
  }

  /** The exact decimal text the venue receives ("64093", not "64093.0"). Rejects off-grid prices. */
  formatPrice(priceTicks: number): string {
    if (!Number.isSafeInteger(priceTicks)) {
      throw new PriceRuleError(`price ticks must be a safe integer, got ${priceTicks}`, { symbol: this.symbol });
    }
    if (this.maxSignificantFigures !== undefined && !this.isValidPriceTicks(priceTicks)) {
      throw new PriceRuleError(
        `price ${formatDecimal(this.scaleTicks(priceTicks))} breaks ${this.symbol}'s rule of ${this.maxSignificantFigures} significant figures`,
        { symbol: this.symbol, priceTicks },
      );
    }
    return formatDecimal(this.scaleTicks(priceTicks));
  }

  /** Parses a venue price string to ticks; 'exact' (the default) throws when it is off the tick grid. */
  parsePriceTicks(text: string, mode: RoundingMode = 'exact'): number {
    return this.toUnits(text, this.tick, mode, 'price');
  }

  // ---- sizes --------------------------------------------------------------------------------

  /** A float size onto the lot grid; orders use 'down' so a size never grows past what was meant. */
  sizeToLots(size: number, mode: Exclude<RoundingMode, 'exact'> = 'down'): number {
    if (!Number.isFinite(size) || size < 0) {
      throw new InvalidInputError(`size must be a finite number >= 0, got ${size}`, { symbol: this.symbol });
    }
    return roundToInteger(size / this.lotSize, mode);
  }

  lotsToSize(sizeLots: number): number {
    return Number(this.formatSize(sizeLots));
  }

  formatSize(sizeLots: number): string {
    if (!Number.isSafeInteger(sizeLots)) {
      throw new PriceRuleError(`size lots must be a safe integer, got ${sizeLots}`, { symbol: this.symbol });
    }
    return formatDecimal({ units: BigInt(sizeLots) * this.lot.units, scale: this.lot.scale });
  }

  parseSizeLots(text: string, mode: RoundingMode = 'exact'): number {
    return this.toUnits(text, this.lot, mode, 'size');
  }

  /** Notional value in quote currency (float: for limits and display, not for the wire). */
  notional(priceTicks: number, sizeLots: number): number {
    return priceTicks * this.tickSize * sizeLots * this.lotSize;
  }

  /** True when the order meets the venue's minimum notional. */
  meetsMinNotional(priceTicks: number, sizeLots: number): boolean {
    return this.notional(priceTicks, sizeLots) >= this.minNotional - 1e-9;
  }

  /** The fewest lots whose notional at `priceTicks` meets the minimum. */
  minLotsAt(priceTicks: number): number {
    if (this.minNotional === 0) return 1;
    const lots = Math.ceil(this.minNotional / (priceTicks * this.tickSize * this.lotSize) - 1e-9);
    return Math.max(lots, 1);
  }

  private scaleTicks(priceTicks: number): ExactDecimal {
    return { units: BigInt(priceTicks) * this.tick.units, scale: this.tick.scale };
  }

  private toUnits(text: string, unit: ExactDecimal, mode: RoundingMode, what: string): number {
    const { num, den } = divideDecimals(parseDecimal(text), unit);
    const units = divideRounded(num, den, mode);
    if (units === undefined) {
      throw new PriceRuleError(`${what} ${text} is not a multiple of ${formatDecimal(unit)} for ${this.symbol}`, {
        symbol: this.symbol,
        text,
      });
    }
    const asNumber = Number(units);
    if (!Number.isSafeInteger(asNumber)) {
      throw new PriceRuleError(`${what} ${text} is too large for ${this.symbol}`, { symbol: this.symbol, text });
    }
    return asNumber;
  }
}

/**
 * Rounds a float to an integer, treating a value within float noise of an integer as that integer:
 * 64093.4 / 0.1 is 640933.9999999999, which must not round down to 640933. The tolerance is a few
 * hundred ulps (1e-14 relative) plus 1e-9 absolute, far below a tick, so 'down' never rounds up by
 * more than noise.
 */
function roundToInteger(value: number, mode: Exclude<RoundingMode, 'exact'>): number {
  const nearest = Math.round(value);
  if (Math.abs(value - nearest) <= 1e-9 + Math.abs(value) * 1e-14) return nearest;
  if (mode === 'down') return Math.floor(value);
  if (mode === 'up') return Math.ceil(value);
  return nearest;
}

function roundToMultiple(value: number, step: number, mode: Exclude<RoundingMode, 'exact'>): number {
  if (step === 1) return value;
  if (mode === 'down') return Math.floor(value / step) * step;
  if (mode === 'up') return Math.ceil(value / step) * step;
  return Math.round(value / step) * step;
}
