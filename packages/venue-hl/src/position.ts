/** What a fill did to a position, in Hyperliquid's terms (`dir`, `startPosition`, `closedPnl`). */
export interface PositionChange {
  startPositionLots: number;
  /** "Open Long", "Close Short", "Long > Short", ... */
  direction: string;
  /** Realised on the closed part, in quote currency, before fees. */
  closedPnlQuote: number;
}

/**
 * A one-way perp position in lots with its average entry price in ticks. Closing realises PnL
 * against the average entry; a flip opens the remainder at the fill price.
 */
export class Position {
  sizeLots = 0;
  entryPriceTicks = 0;

  constructor(
    private readonly tickSize: number,
    private readonly lotSize: number,
  ) {}

  applyFill(isBuy: boolean, lots: number, priceTicks: number): PositionChange {
    const start = this.sizeLots;
    const signed = isBuy ? lots : -lots;
    const next = start + signed;
    let closedLots = 0;
    if (start !== 0 && Math.sign(start) !== Math.sign(signed)) closedLots = Math.min(Math.abs(start), lots);
    const closedPnlQuote = closedLots * this.lotSize * (priceTicks - this.entryPriceTicks) * this.tickSize * Math.sign(start);
    if (next === 0) this.entryPriceTicks = 0;
    else if (start === 0 || Math.sign(start) !== Math.sign(next)) this.entryPriceTicks = priceTicks;
    else if (Math.abs(next) > Math.abs(start)) {
      this.entryPriceTicks = (this.entryPriceTicks * Math.abs(start) + priceTicks * lots) / Math.abs(next);
    }
    this.sizeLots = next;
    return { startPositionLots: start, direction: direction(start, next, isBuy), closedPnlQuote };
  }

  unrealizedPnlQuote(markPriceTicks: number): number {
    return this.sizeLots * this.lotSize * (markPriceTicks - this.entryPriceTicks) * this.tickSize;
  }
}

function direction(start: number, next: number, isBuy: boolean): string {
  if (start > 0 && next < 0) return 'Long > Short';
  if (start < 0 && next > 0) return 'Short > Long';
  if (isBuy) return start < 0 ? 'Close Short' : 'Open Long';
  return start > 0 ? 'Close Long' : 'Open Short';
}
