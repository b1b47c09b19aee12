import type { PositionReport } from '@mm/core';
import type { z } from 'zod';
import type { MarketDirectory } from './market-directory.js';
import type { clearinghouseStateSchema } from './venue-schemas.js';

/** Position reports per configured coin from `clearinghouseState` (`szi` is signed text), flat ones included. */
export function positionReports(state: z.output<typeof clearinghouseStateSchema>, markets: MarketDirectory): PositionReport[] {
  const reports = new Map<string, PositionReport>();
  for (const symbol of markets.symbols()) reports.set(symbol, { symbol, positionLots: 0 });
  for (const { position } of state.assetPositions) {
    if (!markets.has(position.coin)) continue;
    const instrument = markets.instrument(position.coin);
    const negative = position.szi.startsWith('-');
    const lots = instrument.parseSizeLots(negative ? position.szi.slice(1) : position.szi, 'nearest');
    const report: PositionReport = { symbol: position.coin, positionLots: negative ? -lots : lots };
    if (lots !== 0 && position.entryPx !== undefined && position.entryPx !== null)
      report.averageEntryPriceTicks = instrument.parsePriceTicks(position.entryPx, 'nearest');
    reports.set(position.coin, report);
  }
  return [...reports.values()];
}

/** Signed positions in lots per configured coin. */
export function accountPositions(state: z.output<typeof clearinghouseStateSchema>, markets: MarketDirectory): Record<string, number> {
  return Object.fromEntries(positionReports(state, markets).map((report) => [report.symbol, report.positionLots]));
}
