import { InvalidInputError, type Instrument, type Quote } from '@mm/core';
import { buildLadder, type LadderLevelTarget } from './build-ladder.js';
import { requirePositive } from './input-checks.js';
import { practicalSpread, type PracticalSpread, type PracticalSpreadInput } from './practical-spread.js';
import { parseQuoteEngineConfig, type QuoteEngineConfig, type QuoteEngineConfigInput } from './quote-engine-config.js';

const BPS = 10_000;

/**
 * Per-side controls from the inventory ladder. Structurally a subset of `@mm/inventory`'s
 * `SideControl`, so `controls.buy` / `controls.sell` can be passed as they are.
 */
export interface SideQuoteControl {
  /** No quotes at all on this side (e.g. no more buying at the long limit). Default false. */
  paused?: boolean;
  /** The inventory ladder's form of the same flag: 'pause' pauses the side. */
  action?: 'quote' | 'pause';
  /** Widening of this side's half spread, ≥ 1. Default 1. */
  spreadMultiplier?: number;
}

export interface QuoteEngineInput extends Omit<PracticalSpreadInput, 'bidSpreadMultiplier' | 'askSpreadMultiplier'> {
  /** Reference price in ticks (float: a mid may fall between ticks, a microprice anywhere). Default: mid of best bid/ask. */
  midPriceTicks?: number;
  /** Market best bid; also keeps our asks strictly above it. */
  bestBidTicks?: number;
  /** Market best ask; also keeps our bids strictly below it. */
  bestAskTicks?: number;
  /** Controls of our bids (buy side). */
  buy?: SideQuoteControl;
  /** Controls of our asks (sell side). */
  sell?: SideQuoteControl;
}

export interface QuoteEngineQuotes {
  /** The reference price the offsets were applied to, ticks. */
  midPriceTicks: number;
  /** The level-0 pricing parts, in bps. */
  spread: PracticalSpread;
  /** `minSpreadBps` at this mid, ticks: our best bid and ask are at least this far apart. */
  minSpreadTicks: number;
  /** On the grid: bids best first, then asks best first; ready for `diffQuotes`. */
  quotes: Quote[];
}

/**
 * The practical quoter: a validated config and an instrument, and one pure method from market
 * inputs to a ladder of grid-valid quotes. Stateless between calls, so the same inputs always
 * give the same quotes (backtest and live agree).
 *
 * Level i sits `offset + i × levelSpacingBps` from the mid; its size is
 * `orderSizeUsd × levelSizeShares[i]` at its target price, rounded down to lots. Levels that miss
 * the instrument's minimum notional are dropped (see `buildLadder`).
 */
export class QuoteEngine {
  readonly config: QuoteEngineConfig;
  readonly instrument: Instrument;

  /** Throws `ConfigError` naming every bad field. */
  constructor(instrument: Instrument, config: QuoteEngineConfigInput = {}) {
    this.instrument = instrument;
    this.config = parseQuoteEngineConfig(config);
  }

  computeQuotes(input: QuoteEngineInput): QuoteEngineQuotes {
    const midPriceTicks = this.referencePriceTicks(input);
    const spread = practicalSpread(this.config, {
      volatilityBps: input.volatilityBps,
      inventoryRatio: input.inventoryRatio,
      imbalance: input.imbalance,
      bias: input.bias,
      bidSpreadMultiplier: input.buy?.spreadMultiplier,
      askSpreadMultiplier: input.sell?.spreadMultiplier,
    });
    const minSpreadTicks = (midPriceTicks * this.config.minSpreadBps) / BPS;
    const bids = isPaused(input.buy) ? [] : this.levelTargets(midPriceTicks, spread.bidOffsetBps, -1);
    const asks = isPaused(input.sell) ? [] : this.levelTargets(midPriceTicks, spread.askOffsetBps, 1);
    const quotes = buildLadder(this.instrument, {
      bids,
      asks,
      minSpreadTicks,
      bestBidTicks: input.bestBidTicks,
      bestAskTicks: input.bestAskTicks,
    });
    return { midPriceTicks, spread, minSpreadTicks, quotes };
  }

  private referencePriceTicks(input: QuoteEngineInput): number {
    if (input.midPriceTicks !== undefined) return requirePositive('midPriceTicks', input.midPriceTicks);
    if (input.bestBidTicks !== undefined && input.bestAskTicks !== undefined) {
      return requirePositive('mid of bestBidTicks and bestAskTicks', (input.bestBidTicks + input.bestAskTicks) / 2);
    }
    throw new InvalidInputError('QuoteEngine needs midPriceTicks, or both bestBidTicks and bestAskTicks', {
      symbol: this.instrument.symbol,
    });
  }

  /** Float targets for one side; `direction` −1 for bids (below mid), +1 for asks. */
  private levelTargets(midPriceTicks: number, offsetBps: number, direction: -1 | 1): LadderLevelTarget[] {
    const targets: LadderLevelTarget[] = [];
    for (const [level, share] of this.config.levelSizeShares.entries()) {
      const levelOffsetBps = offsetBps + level * this.config.levelSpacingBps;
      const priceTicks = midPriceTicks * (1 + (direction * levelOffsetBps) / BPS);
      if (priceTicks <= 0) break; // a bid this far out has no price
      const price = priceTicks * this.instrument.tickSize;
      const sizeLots = this.instrument.sizeToLots((this.config.orderSizeUsd * share) / price, 'down');
      targets.push({ priceTicks, sizeLots });
    }
    return targets;
  }
}

function isPaused(control: SideQuoteControl | undefined): boolean {
  return control?.paused === true || control?.action === 'pause';
}
