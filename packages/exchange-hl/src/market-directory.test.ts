import { describe, expect, it } from 'vitest';
import { UnknownMarketError } from './hyperliquid-errors.js';
import { MarketDirectory } from './market-directory.js';

describe('MarketDirectory', () => {
  it('takes asset ids from the meta universe order', () => {
    const directory = MarketDirectory.fromMeta({
      universe: [
        { name: 'BTC', szDecimals: 5, maxLeverage: 40 },
        { name: 'ETH', szDecimals: 4 },
      ],
    });
    expect(directory.market('ETH')).toEqual({ coin: 'ETH', assetId: 1, szDecimals: 4 });
    expect(directory.instrument('BTC').tickSizeText).toBe('0.1');
    expect(() => directory.market('DOGE')).toThrow(UnknownMarketError);
  });
});
