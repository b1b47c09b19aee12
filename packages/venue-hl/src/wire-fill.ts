import type { Instrument } from '@mm/core';
import type { VenueOrder } from './order-ledger.js';
import type { PositionChange } from './position.js';
import { formatLots, formatPx, formatSz, trimDecimal } from './wire-format.js';
import type { TradeIdentity } from './venue-ids.js';
import type { WireFill } from './wire-types.js';

export interface FillFacts {
  lots: number;
  priceTicks: number;
  liquidity: 'maker' | 'taker';
  /** Negative for the maker rebate; includes the builder's fee. */
  feeQuote: number;
  /** The builder's part of the fee, when the order named a builder. */
  builderFeeQuote?: number | undefined;
  timeMs: number;
  trade: TradeIdentity;
  change: PositionChange;
}

/**
 * One of our fills as the venue reports it (`userFills`, `user` events): `crossed` for taker fills,
 * a negative fee for rebates (the builder's fee included and also listed), the position before the
 * fill and its direction, a transaction hash and a trade id from the venue's sequence.
 */
export function toWireFill(instrument: Instrument, order: VenueOrder, fill: FillFacts): WireFill {
  const wire: WireFill = {
    coin: order.coin,
    px: formatPx(instrument, fill.priceTicks),
    sz: formatLots(instrument, fill.lots),
    side: order.isBuy ? 'B' : 'A',
    time: fill.timeMs,
    startPosition: formatSz(instrument, fill.change.startPositionLots),
    dir: fill.change.direction,
    closedPnl: trimDecimal(fill.change.closedPnlQuote, 6),
    hash: fill.trade.hash,
    oid: order.oid ?? 0,
    crossed: fill.liquidity === 'taker',
    fee: trimDecimal(fill.feeQuote, 6),
    ...(fill.builderFeeQuote === undefined ? {} : { builderFee: trimDecimal(fill.builderFeeQuote, 6) }),
    tid: fill.trade.tid,
    feeToken: 'USDC',
    twapId: null,
  };
  if (order.cloid !== undefined) wire.cloid = order.cloid;
  return wire;
}
