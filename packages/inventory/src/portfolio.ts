import { InvalidInputError, type Instrument } from '@mm/core';
import type { PositionTrackerConfigInput } from './position-tracker-config.js';
import {
  PositionTracker,
  type FillApplication,
  type OpeningPosition,
  type PositionSnapshot,
  type TrackedFill,
} from './position-tracker.js';

/**
 * Sums over every asset, in quote currency. Positions and base volumes are not summed: lots of
 * different assets do not add. Gross notional is Σ|position value|, net notional Σ position value.
 */
export interface PortfolioTotals extends Pick<
  PositionSnapshot,
  | 'realizedPnlQuote'
  | 'unrealizedPnlQuote'
  | 'spreadCaptureQuote'
  | 'inventoryPnlQuote'
  | 'feesPaidQuote'
  | 'rebatesReceivedQuote'
  | 'feePnlQuote'
  | 'totalPnlQuote'
  | 'volumeQuote'
  | 'buyFillCount'
  | 'sellFillCount'
  | 'makerFillCount'
  | 'takerFillCount'
  | 'fillsWithoutMidCount'
  | 'duplicateFillCount'
> {
  readonly grossNotionalQuote: number;
  readonly netNotionalQuote: number;
}

export interface PortfolioSnapshot {
  /** One entry per asset, in the order the instruments were given. */
  readonly assets: readonly PositionSnapshot[];
  readonly totals: PortfolioTotals;
}

export interface PortfolioOptions {
  /** Settings for every asset's tracker. */
  config?: PositionTrackerConfigInput;
  /** Positions carried in, by symbol (e.g. after a restart). */
  openingPositions?: Readonly<Record<string, OpeningPosition>>;
}

const SUMMED_FIELDS = [
  'realizedPnlQuote',
  'unrealizedPnlQuote',
  'spreadCaptureQuote',
  'inventoryPnlQuote',
  'feesPaidQuote',
  'rebatesReceivedQuote',
  'feePnlQuote',
  'totalPnlQuote',
  'volumeQuote',
  'buyFillCount',
  'sellFillCount',
  'makerFillCount',
  'takerFillCount',
  'fillsWithoutMidCount',
  'duplicateFillCount',
] as const satisfies readonly (keyof PositionSnapshot & keyof PortfolioTotals)[];

/** Several assets' positions, each its own `PositionTracker`, with totals across them. */
export class Portfolio {
  private readonly trackers = new Map<string, PositionTracker>();

  constructor(instruments: readonly Instrument[], options: PortfolioOptions = {}) {
    for (const instrument of instruments) {
      if (this.trackers.has(instrument.symbol)) {
        throw new InvalidInputError(`instrument '${instrument.symbol}' given twice to the portfolio`, {
          symbol: instrument.symbol,
        });
      }
      const openingPosition = options.openingPositions?.[instrument.symbol];
      this.trackers.set(
        instrument.symbol,
        new PositionTracker(instrument, {
          ...(options.config === undefined ? {} : { config: options.config }),
          ...(openingPosition === undefined ? {} : { openingPosition }),
        }),
      );
    }
    for (const symbol of Object.keys(options.openingPositions ?? {})) {
      if (!this.trackers.has(symbol)) {
        throw new InvalidInputError(`opening position for '${symbol}', which is not in the portfolio`, { symbol });
      }
    }
  }

  get symbols(): readonly string[] {
    return [...this.trackers.keys()];
  }

  /** The asset's tracker; throws for a symbol the portfolio does not hold. */
  tracker(symbol: string): PositionTracker {
    const tracker = this.trackers.get(symbol);
    if (tracker === undefined) {
      throw new InvalidInputError(`'${symbol}' is not in the portfolio`, { symbol, symbols: this.symbols });
    }
    return tracker;
  }

  positionLots(symbol: string): number {
    return this.tracker(symbol).positionLots;
  }

  /** Routes the fill to its asset by `symbol`; see `PositionTracker.applyFill`. */
  applyFill(fill: TrackedFill, midPriceTicks?: number): FillApplication {
    return this.tracker(fill.symbol).applyFill(fill, midPriceTicks);
  }

  /**
   * Every asset valued at its mark (ticks, by symbol) plus totals, frozen. A mark is needed for
   * each asset with an open position; flat assets may go without.
   */
  snapshot(markPriceTicksBySymbol: Readonly<Record<string, number>>): PortfolioSnapshot {
    for (const symbol of Object.keys(markPriceTicksBySymbol)) {
      if (!this.trackers.has(symbol)) {
        throw new InvalidInputError(`mark given for '${symbol}', which is not in the portfolio`, { symbol });
      }
    }
    const assets = [...this.trackers.values()].map((tracker) => tracker.snapshot(markPriceTicksBySymbol[tracker.symbol]));
    const totals: { -readonly [Field in keyof PortfolioTotals]: number } = {
      grossNotionalQuote: 0,
      netNotionalQuote: 0,
      realizedPnlQuote: 0,
      unrealizedPnlQuote: 0,
      spreadCaptureQuote: 0,
      inventoryPnlQuote: 0,
      feesPaidQuote: 0,
      rebatesReceivedQuote: 0,
      feePnlQuote: 0,
      totalPnlQuote: 0,
      volumeQuote: 0,
      buyFillCount: 0,
      sellFillCount: 0,
      makerFillCount: 0,
      takerFillCount: 0,
      fillsWithoutMidCount: 0,
      duplicateFillCount: 0,
    };
    for (const asset of assets) {
      totals.grossNotionalQuote += Math.abs(asset.positionNotionalQuote);
      totals.netNotionalQuote += asset.positionNotionalQuote;
      for (const field of SUMMED_FIELDS) totals[field] += asset[field];
    }
    return Object.freeze({
      assets: Object.freeze(assets),
      totals: Object.freeze(totals),
    });
  }
}
