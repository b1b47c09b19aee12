import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCapturePath, runQuoteDemo } from './quote-demo.js';

const capture = defaultCapturePath(path.resolve(import.meta.dirname, '..', '..', '..'));

describe('quote demo on the recorded Hyperliquid book', () => {
  it('quotes inside the limits on every sampled book', async () => {
    const lines = await runQuoteDemo(capture, 2);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) {
      expect(line.bestBid).toBeLessThan(line.bestAsk);
      const price = (text: string) => Number(text.split(' @ ')[1]);
      if (line.practicalBid !== 'paused') expect(price(line.practicalBid)).toBeLessThan(line.bestAsk);
      if (line.practicalAsk !== 'paused') expect(price(line.practicalAsk)).toBeGreaterThan(line.bestBid);
      // Model quotes go through the ladder: never crossing the market.
      expect(Number(line.glftBid)).toBeLessThan(line.bestAsk);
      expect(Number(line.asAsk)).toBeGreaterThan(line.bestBid);
      if (line.inventoryRule === 'pause') {
        // At 84% of the limit the side that would grow the position is paused.
        expect(line.positionBtc > 0 ? line.practicalBid : line.practicalAsk).toBe('paused');
        expect(line.riskStatus).not.toBe('NORMAL');
      }
    }
  });
});
