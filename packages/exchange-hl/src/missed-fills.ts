import type { OrderFilledEvent } from '@mm/core';
import { MICROS_PER_MILLI } from '@mm/core';
import type { MarketDirectory } from './market-directory.js';
import type { WireUserFill } from './venue-schemas.js';
import { sideFromWire } from './wire-order.js';

/** The id this adapter gives a fill known from a post response, before its trade ids arrive. */
export function responseFillId(oid: string): string {
  return `oid:${oid}:response`;
}

const RESPONSE_FILL = /^oid:(.+):response$/;

/**
 * The venue's fills (userFills) that are not on record yet, as fill events, oldest first: what
 * happened while no session was listening. A fill recorded from a post response (`oid:<oid>:response`,
 * counted before its trade ids existed) absorbs the trade ids of that order up to its size, as the
 * adapter does live, so no lot is counted twice; trade ids on record at a reduced size have
 * already absorbed their part.
 */
export function missedFills(
  venueFills: readonly WireUserFill[],
  booked: ReadonlyArray<Pick<OrderFilledEvent, 'fillId' | 'sizeLots'>>,
  markets: MarketDirectory,
  localTimeUs: number,
): OrderFilledEvent[] {
  const bookedById = new Map(booked.map((fill) => [fill.fillId, fill]));
  const provisionalLotsByOid = new Map<string, number>();
  for (const fill of booked) {
    const match = RESPONSE_FILL.exec(fill.fillId);
    if (match !== null) provisionalLotsByOid.set(match[1]!, (provisionalLotsByOid.get(match[1]!) ?? 0) + fill.sizeLots);
  }
  const oldestFirst = [...venueFills].sort((left, right) => left.time - right.time);
  for (const fill of oldestFirst) {
    const known = bookedById.get(fill.tid);
    if (known === undefined || !markets.has(fill.coin) || !provisionalLotsByOid.has(fill.oid)) continue;
    const absorbed = markets.instrument(fill.coin).parseSizeLots(fill.sz, 'nearest') - known.sizeLots;
    provisionalLotsByOid.set(fill.oid, provisionalLotsByOid.get(fill.oid)! - absorbed);
  }
  const missed: OrderFilledEvent[] = [];
  for (const fill of oldestFirst) {
    if (!markets.has(fill.coin) || bookedById.has(fill.tid)) continue;
    const instrument = markets.instrument(fill.coin);
    let sizeLots = instrument.parseSizeLots(fill.sz, 'nearest');
    const provisional = provisionalLotsByOid.get(fill.oid) ?? 0;
    if (provisional > 0) {
      const absorbed = Math.min(provisional, sizeLots);
      provisionalLotsByOid.set(fill.oid, provisional - absorbed);
      sizeLots -= absorbed;
    }
    if (sizeLots <= 0) continue;
    missed.push({
      type: 'order-filled',
      symbol: fill.coin,
      clientOrderId: fill.cloid ?? `oid:${fill.oid}`,
      fillId: fill.tid,
      side: sideFromWire(fill.side),
      priceTicks: instrument.parsePriceTicks(fill.px, 'nearest'),
      sizeLots,
      remainingLots: 0,
      liquidity: fill.crossed ? 'taker' : 'maker',
      feeQuote: Number(fill.fee),
      venueTimeUs: fill.time * MICROS_PER_MILLI,
      localTimeUs,
    });
  }
  return missed;
}
