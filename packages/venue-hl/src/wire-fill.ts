import type { Instrument } from '@mm/core';
import type { VenueOrder } from './order-ledger.js';
import type { PositionChange } from './position.js';
import { formatPx, formatSz, trimDecimal } from './wire-format.js';
import type { WireFill } from './wire-types.js';

export const ZERO_HASH = `0x${'0'.repeat(64)}`;

export interface FillFacts {
  lots: number;
  priceTicks: number;
  liquidity: 'maker' | 'taker';
  /** Negative for the maker rebate. */
  feeQuote: number;
  timeMs: number;
  tradeId: number;
  change: PositionChange;
}

/**
 * One of our fills as the venue reports it (`userFills`, `user` events): `crossed` for taker fills,
 * a negative fee for rebates, the position before the fill and its direction. The venue's hash is
 * all zeros for some real fills too, so ours are.
 */
export function toWireFill(instrument: Instrument, order: VenueOrder, fill: FillFacts): WireFill {
  const wire: WireFill = {
    coin: order.coin,
    px: formatPx(instrument, fill.priceTicks),
    sz: instrument.formatSize(fill.lots),
    side: order.isBuy ? 'B' : 'A',
    time: fill.timeMs,
    startPosition: formatSz(instrument, fill.change.startPositionLots),
    dir: fill.change.direction,
    closedPnl: trimDecimal(fill.change.closedPnlQuote, 6),
    hash: ZERO_HASH,
    oid: order.oid ?? 0,
    crossed: fill.liquidity === 'taker',
    fee: trimDecimal(fill.feeQuote, 6),
    tid: fill.tradeId,
    feeToken: 'USDC',
    twapId: null,
  };
  if (order.cloid !== undefined) wire.cloid = order.cloid;
  return wire;
}
