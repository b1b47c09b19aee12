import { InvalidInputError, sideSign, type Instrument, type OrderFilledEvent } from '@mm/core';
import { FillIdWindow } from './fill-id-window.js';
import { parsePositionTrackerConfig, type PositionTrackerConfigInput } from './position-tracker-config.js';

/** The parts of a fill the tracker reads; every `OrderFilledEvent` is one. */
export type TrackedFill = Pick<OrderFilledEvent, 'symbol' | 'fillId' | 'side' | 'priceTicks' | 'sizeLots' | 'liquidity' | 'feeQuote'>;

/** A position carried in from before this tracker existed (e.g. from `reconcile()` after a restart). */
export interface OpeningPosition {
  /** Signed: long > 0, short < 0. */
  positionLots: number;
  averageEntryPriceTicks: number;
}

export interface PositionTrackerOptions {
  config?: PositionTrackerConfigInput;
  openingPosition?: OpeningPosition;
}

/** What one `applyFill` did. A duplicate changes nothing. */
export type FillApplication =
  | {
      readonly status: 'applied';
      readonly fillId: string;
      /** PnL realized by the closing part of this fill, gross of its fee. */
      readonly realizedPnlQuote: number;
      /** This fill's edge against the mid at fill time (0 when no mid was given). */
      readonly spreadCaptureQuote: number;
      readonly positionLots: number;
    }
  | { readonly status: 'duplicate'; readonly fillId: string; readonly positionLots: number };

/**
 * One asset's position and PnL at a mark price, frozen, for status reports. All `…Quote` amounts
 * are in the instrument's quote currency (USD/USDC for the perps we trade).
 *
 * PnL decomposes exactly (up to float rounding):
 *   totalPnlQuote = realizedPnlQuote + unrealizedPnlQuote + feePnlQuote
 *                 = spreadCaptureQuote + inventoryPnlQuote + feePnlQuote
 * where, over fills i with side sign s (+1 buy, −1 sell), price p, size q and mid at fill time m:
 *   spreadCaptureQuote = Σ s·(m − p)·q   the edge earned against the mid when filled
 *   inventoryPnlQuote  = Σ s·(M − m)·q   what holding each fill from its mid to the mark M made
 *   feePnlQuote        = rebatesReceivedQuote − feesPaidQuote
 * A fill without a mid is taken at m = p: no spread capture, all its PnL counts as inventory PnL
 * (counted in `fillsWithoutMidCount`, so a report can say the split is incomplete).
 */
export interface PositionSnapshot {
  readonly symbol: string;
  /** Signed: long > 0, short < 0. */
  readonly positionLots: number;
  /** The position in base units (e.g. BTC), signed. */
  readonly positionBase: number;
  /** Size-weighted entry price of the open position; null when flat. */
  readonly averageEntryPriceTicks: number | null;
  /** The same in quote per base unit, for display; null when flat. */
  readonly averageEntryPrice: number | null;
  /** The mark the unrealized and inventory PnL are valued at; null when flat and none was given. */
  readonly markPriceTicks: number | null;
  /** Signed position value at the mark; 0 when flat. */
  readonly positionNotionalQuote: number;
  /** Closed PnL against the average entry, gross of fees. */
  readonly realizedPnlQuote: number;
  /** Open PnL of the position from its average entry to the mark, gross of fees. */
  readonly unrealizedPnlQuote: number;
  readonly spreadCaptureQuote: number;
  readonly inventoryPnlQuote: number;
  /** Fees paid, ≥ 0. */
  readonly feesPaidQuote: number;
  /** Maker rebates received, ≥ 0. */
  readonly rebatesReceivedQuote: number;
  /** rebatesReceivedQuote − feesPaidQuote: the fees' contribution to PnL. */
  readonly feePnlQuote: number;
  /** realized + unrealized + fee PnL. */
  readonly totalPnlQuote: number;
  readonly buyFillCount: number;
  readonly sellFillCount: number;
  readonly makerFillCount: number;
  readonly takerFillCount: number;
  /** Fills applied without a mid, whose edge could not be split out as spread capture. */
  readonly fillsWithoutMidCount: number;
  /** Fills ignored because their `fillId` had been seen already. */
  readonly duplicateFillCount: number;
  /** Traded volume, both sides, in lots, base units and quote currency. */
  readonly volumeLots: number;
  readonly volumeBase: number;
  readonly volumeQuote: number;
}

function requirePositiveSafeInteger(value: number, what: string, context: Record<string, unknown>): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidInputError(`${what} must be a positive safe integer, got ${value}`, context);
  }
}

function requirePositivePrice(value: number, what: string, context: Record<string, unknown>): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError(`${what} must be a positive finite number of ticks, got ${value}`, context);
  }
}

/**
 * Position, average entry and PnL of one asset, built from its fills. Deterministic and free of
 * I/O: the same fills in the same order always give the same state.
 *
 * Inside, money is kept in tick·lots (price ticks × size lots), where fill prices and sizes are
 * integers, and turned into quote currency only in snapshots; fees arrive in quote and stay there.
 * Fills are deduplicated by `fillId` within this symbol (a venue's trade id is unique per symbol).
 */
export class PositionTracker {
  readonly instrument: Instrument;
  private readonly fillIds: FillIdWindow;
  /** Quote currency per (tick × lot): the value of one tick of price move on one lot. */
  private readonly quotePerTickLot: number;

  private position = 0;
  /** Meaningful only while the position is open; unchanged by reducing fills. */
  private averageEntryTicks = 0;
  private realizedTickLots = 0;
  private spreadCaptureTickLots = 0;
  /** Σ s·q·m over fills: the position's cost valued at the mid of each fill, for inventory PnL. */
  private midCostTickLots = 0;
  private feesPaid = 0;
  private rebatesReceived = 0;
  private buyFills = 0;
  private sellFills = 0;
  private makerFills = 0;
  private takerFills = 0;
  private fillsWithoutMid = 0;
  private duplicateFills = 0;
  private volumeLots = 0;
  private volumeTickLots = 0;

  constructor(instrument: Instrument, options: PositionTrackerOptions = {}) {
    this.instrument = instrument;
    const config = parsePositionTrackerConfig(options.config ?? {});
    this.fillIds = new FillIdWindow(config.rememberedFillIds);
    this.quotePerTickLot = instrument.tickSize * instrument.lotSize;
    const opening = options.openingPosition;
    if (opening !== undefined && opening.positionLots !== 0) {
      const context = { symbol: instrument.symbol, ...opening };
      if (!Number.isSafeInteger(opening.positionLots)) {
        throw new InvalidInputError(`opening positionLots must be a safe integer, got ${opening.positionLots}`, context);
      }
      requirePositivePrice(opening.averageEntryPriceTicks, 'opening averageEntryPriceTicks', context);
      this.position = opening.positionLots;
      this.averageEntryTicks = opening.averageEntryPriceTicks;
      // Valued from its entry: a carried-in position has no spread capture of its own here.
      this.midCostTickLots = opening.averageEntryPriceTicks * opening.positionLots;
    }
  }

  get symbol(): string {
    return this.instrument.symbol;
  }

  /** Signed position in lots: long > 0, short < 0. */
  get positionLots(): number {
    return this.position;
  }

  /** Size-weighted entry of the open position, in (fractional) ticks; null when flat. */
  get averageEntryPriceTicks(): number | null {
    return this.position === 0 ? null : this.averageEntryTicks;
  }

  /** True when a fill with this id has been applied (within the remembered window). */
  hasSeenFill(fillId: string): boolean {
    return this.fillIds.has(fillId);
  }

  /**
   * Applies one of our fills. `midPriceTicks`, the book's mid when the fill happened, lets the
   * fill's edge be counted as spread capture; without it the edge lands in inventory PnL.
   * A fill whose `fillId` was seen already is ignored and reported as a duplicate.
   */
  applyFill(fill: TrackedFill, midPriceTicks?: number): FillApplication {
    const context = { symbol: this.symbol, fillId: fill.fillId };
    if (fill.symbol !== this.symbol) {
      throw new InvalidInputError(`fill for '${fill.symbol}' applied to the '${this.symbol}' position`, context);
    }
    if (fill.side !== 'buy' && fill.side !== 'sell') {
      throw new InvalidInputError(`fill side must be 'buy' or 'sell', got '${String(fill.side)}'`, context);
    }
    requirePositiveSafeInteger(fill.priceTicks, 'fill priceTicks', context);
    requirePositiveSafeInteger(fill.sizeLots, 'fill sizeLots', context);
    if (!Number.isFinite(fill.feeQuote)) {
      throw new InvalidInputError(`fill feeQuote must be finite, got ${fill.feeQuote}`, context);
    }
    if (midPriceTicks !== undefined) requirePositivePrice(midPriceTicks, 'midPriceTicks', context);

    if (!this.fillIds.remember(fill.fillId)) {
      this.duplicateFills += 1;
      return { status: 'duplicate', fillId: fill.fillId, positionLots: this.position };
    }

    const sign = sideSign(fill.side);
    const price = fill.priceTicks;
    const size = fill.sizeLots;

    // Closing part first: it realizes against the average entry, which it leaves unchanged.
    let realizedTickLots = 0;
    let openingLots = size;
    if (this.position !== 0 && Math.sign(this.position) !== sign) {
      const positionSign = Math.sign(this.position);
      const closingLots = Math.min(size, Math.abs(this.position));
      realizedTickLots = positionSign * (price - this.averageEntryTicks) * closingLots;
      this.position += sign * closingLots;
      openingLots = size - closingLots;
      if (this.position === 0) this.averageEntryTicks = 0;
    }
    // Opening part (all of a fill that adds, the remainder of one that crosses zero) joins the
    // weighted average; crossing zero starts a fresh average at the fill price.
    if (openingLots > 0) {
      const heldLots = Math.abs(this.position);
      this.averageEntryTicks = (this.averageEntryTicks * heldLots + price * openingLots) / (heldLots + openingLots);
      this.position += sign * openingLots;
    }
    this.realizedTickLots += realizedTickLots;

    const mid = midPriceTicks ?? price;
    const spreadCaptureTickLots = sign * (mid - price) * size;
    this.spreadCaptureTickLots += spreadCaptureTickLots;
    this.midCostTickLots += sign * mid * size;
    if (midPriceTicks === undefined) this.fillsWithoutMid += 1;

    if (fill.feeQuote > 0) this.feesPaid += fill.feeQuote;
    else if (fill.feeQuote < 0) this.rebatesReceived -= fill.feeQuote;

    if (sign > 0) this.buyFills += 1;
    else this.sellFills += 1;
    if (fill.liquidity === 'maker') this.makerFills += 1;
    else this.takerFills += 1;
    this.volumeLots += size;
    this.volumeTickLots += price * size;

    return {
      status: 'applied',
      fillId: fill.fillId,
      realizedPnlQuote: realizedTickLots * this.quotePerTickLot,
      spreadCaptureQuote: spreadCaptureTickLots * this.quotePerTickLot,
      positionLots: this.position,
    };
  }

  /**
   * A frozen picture of the position valued at `markPriceTicks` (usually the book mid). The mark
   * may be omitted only when flat, where it changes nothing.
   */
  /**
   * `snapshot(mark).totalPnlQuote` without building the snapshot: realized + unrealized + fee PnL.
   * Equity curves and risk checks ask for it many times a second.
   */
  totalPnlQuote(markPriceTicks?: number): number {
    const k = this.quotePerTickLot;
    const unrealizedTickLots =
      this.position !== 0 && markPriceTicks !== undefined ? (markPriceTicks - this.averageEntryTicks) * this.position : 0;
    if (this.position !== 0 && markPriceTicks === undefined) {
      throw new InvalidInputError(`a mark price is needed to value the open ${this.symbol} position`, { symbol: this.symbol });
    }
    return (this.realizedTickLots + unrealizedTickLots) * k + this.rebatesReceived - this.feesPaid;
  }

  snapshot(markPriceTicks?: number): PositionSnapshot {
    const context = { symbol: this.symbol };
    if (markPriceTicks === undefined) {
      if (this.position !== 0) {
        throw new InvalidInputError(`a mark price is needed to value the open ${this.symbol} position`, context);
      }
    } else {
      requirePositivePrice(markPriceTicks, 'markPriceTicks', context);
    }
    const k = this.quotePerTickLot;
    const mark = markPriceTicks ?? 0;
    const isOpen = this.position !== 0;
    const realizedPnlQuote = this.realizedTickLots * k;
    const unrealizedPnlQuote = isOpen ? (mark - this.averageEntryTicks) * this.position * k : 0;
    const inventoryPnlQuote = ((isOpen ? mark * this.position : 0) - this.midCostTickLots) * k;
    const feePnlQuote = this.rebatesReceived - this.feesPaid;
    return Object.freeze({
      symbol: this.symbol,
      positionLots: this.position,
      positionBase: this.instrument.lotsToSize(this.position),
      averageEntryPriceTicks: isOpen ? this.averageEntryTicks : null,
      averageEntryPrice: isOpen ? this.averageEntryTicks * this.instrument.tickSize : null,
      markPriceTicks: markPriceTicks ?? null,
      positionNotionalQuote: isOpen ? mark * this.position * k : 0,
      realizedPnlQuote,
      unrealizedPnlQuote,
      spreadCaptureQuote: this.spreadCaptureTickLots * k,
      inventoryPnlQuote,
      feesPaidQuote: this.feesPaid,
      rebatesReceivedQuote: this.rebatesReceived,
      feePnlQuote,
      totalPnlQuote: realizedPnlQuote + unrealizedPnlQuote + feePnlQuote,
      buyFillCount: this.buyFills,
      sellFillCount: this.sellFills,
      makerFillCount: this.makerFills,
      takerFillCount: this.takerFills,
      fillsWithoutMidCount: this.fillsWithoutMid,
      duplicateFillCount: this.duplicateFills,
      volumeLots: this.volumeLots,
      volumeBase: this.instrument.lotsToSize(this.volumeLots),
      volumeQuote: this.volumeTickLots * k,
    });
  }
}
