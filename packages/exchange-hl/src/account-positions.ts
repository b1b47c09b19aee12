import type { z } from 'zod';
import type { MarketDirectory } from './market-directory.js';
import type { clearinghouseStateSchema } from './venue-schemas.js';

/** Signed positions in lots per configured coin from `clearinghouseState` (`szi` is signed text). */
export function accountPositions(
  state: z.output<typeof clearinghouseStateSchema>,
  markets: MarketDirectory,
): Record<string, number> {
  const positions: Record<string, number> = {};
  for (const symbol of markets.symbols()) positions[symbol] = 0;
  for (const { position } of state.assetPositions) {
    if (!markets.has(position.coin)) continue;
    const negative = position.szi.startsWith('-');
    const lots = markets.instrument(position.coin).parseSizeLots(negative ? position.szi.slice(1) : position.szi, 'nearest');
    positions[position.coin] = negative ? -lots : lots;
  }
  return positions;
}
