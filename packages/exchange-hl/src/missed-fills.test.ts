import { describe, expect, it } from 'vitest';
import { MarketDirectory } from './market-directory.js';
import { missedFills, responseFillId } from './missed-fills.js';
import { userFillSchema } from './venue-schemas.js';

const markets = new MarketDirectory([{ coin: 'BTC', assetId: 0, szDecimals: 5 }]);

function wireFill(tid: number, side: 'B' | 'A', sz: string, extra: Record<string, unknown> = {}) {
  return userFillSchema.parse({
    coin: 'BTC',
    px: '100000',
    sz,
    side,
    time: 1_700_000_000_000 + tid,
    oid: 500 + tid,
    tid,
    crossed: false,
    fee: '-0.001',
    cloid: null,
    ...extra,
  });
}

describe('missedFills', () => {
  it('gives the trade ids not on record, once, in our units', () => {
    const missed = missedFills(
      [wireFill(2, 'B', '0.002'), wireFill(1, 'B', '0.001'), wireFill(3, 'A', '0.0005')],
      [{ fillId: '1', sizeLots: 100 }],
      markets,
      9,
    );
    expect(missed).toEqual([
      {
        type: 'order-filled',
        symbol: 'BTC',
        clientOrderId: 'oid:502',
        fillId: '2',
        side: 'buy',
        priceTicks: 1_000_000,
        sizeLots: 200,
        remainingLots: 0,
        liquidity: 'maker',
        feeQuote: -0.001,
        venueTimeUs: 1_700_000_000_002_000,
        localTimeUs: 9,
      },
      expect.objectContaining({ fillId: '3', side: 'sell', sizeLots: 50 }),
    ]);
  });

  it('absorbs the trade ids of a fill first counted from the post response, as the adapter does live', () => {
    const missed = missedFills(
      [wireFill(7, 'B', '0.0006', { oid: 42 }), wireFill(8, 'B', '0.0006', { oid: 42 })],
      [{ fillId: responseFillId('42'), sizeLots: 100 }],
      markets,
      0,
    );
    // 100 lots were counted already: of 60 + 60 lots, the first 60 and 40 of the second are absorbed.
    expect(missed).toEqual([expect.objectContaining({ fillId: '8', sizeLots: 20 })]);
    // A trade id on record at a reduced size (absorbed live) has taken its part already.
    const later = missedFills(
      [wireFill(7, 'B', '0.0006', { oid: 42 }), wireFill(8, 'B', '0.0006', { oid: 42 })],
      [
        { fillId: responseFillId('42'), sizeLots: 100 },
        { fillId: '7', sizeLots: 0 },
      ],
      markets,
      0,
    );
    expect(later).toEqual([expect.objectContaining({ fillId: '8', sizeLots: 20 })]);
  });
});
