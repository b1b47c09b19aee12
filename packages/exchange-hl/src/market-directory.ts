import { Instrument } from '@mm/core';
import { UnknownMarketError } from './hyperliquid-errors.js';
import { perpMetaSchema } from './venue-schemas.js';

/** One tradable perp: the coin name, its asset id in actions (`a`), and its tick/lot grid. */
export interface HyperliquidMarket {
  coin: string;
  assetId: number;
  szDecimals: number;
}

/** coin ↔ asset id ↔ Instrument, fixed at start-up (perp asset ids are the `meta.universe` index). */
export class MarketDirectory {
  private readonly byCoin = new Map<string, { market: HyperliquidMarket; instrument: Instrument }>();

  constructor(markets: readonly HyperliquidMarket[]) {
    for (const market of markets) {
      this.byCoin.set(market.coin, {
        market: { ...market },
        instrument: Instrument.hyperliquidPerp(market.coin, market.szDecimals),
      });
    }
  }

  /** Builds the directory from an `info {type:"meta"}` answer. */
  static fromMeta(meta: unknown): MarketDirectory {
    const parsed = perpMetaSchema.parse(meta);
    return new MarketDirectory(parsed.universe.map((asset, assetId) => ({ coin: asset.name, assetId, szDecimals: asset.szDecimals })));
  }

  has(symbol: string): boolean {
    return this.byCoin.has(symbol);
  }

  market(symbol: string): HyperliquidMarket {
    const entry = this.byCoin.get(symbol);
    if (entry === undefined) throw new UnknownMarketError(symbol);
    return entry.market;
  }

  instrument(symbol: string): Instrument {
    const entry = this.byCoin.get(symbol);
    if (entry === undefined) throw new UnknownMarketError(symbol);
    return entry.instrument;
  }

  symbols(): string[] {
    return [...this.byCoin.keys()];
  }
}
