import { describe, expect, it } from 'vitest';
import type { EngineContext, Strategy } from '@mm/engine';
import { PerSymbolStrategies } from './per-symbol-strategies.js';

function recorder(symbol: string, seen: string[]): Strategy {
  return {
    name: `r-${symbol}`,
    symbols: [symbol],
    onBook: (book) => seen.push(`${symbol}:book:${book}`),
    onOrderEvent: (event) => seen.push(`${symbol}:${event.type}`),
  };
}

describe('PerSymbolStrategies', () => {
  it('routes each event to the strategy of its symbol', () => {
    const seen: string[] = [];
    const both = new PerSymbolStrategies([recorder('BTC', seen), recorder('ETH', seen)]);
    const context = {} as EngineContext;
    both.onBook('ETH', context);
    both.onOrderEvent({ type: 'order-canceled', symbol: 'BTC', clientOrderId: 'x', reason: 'r', venueTimeUs: 0, localTimeUs: 0 }, context);
    expect(seen).toEqual(['ETH:book:ETH', 'BTC:order-canceled']);
    expect(both.symbols).toEqual(['BTC', 'ETH']);
  });

  it('refuses two strategies for one symbol', () => {
    expect(() => new PerSymbolStrategies([recorder('BTC', []), recorder('BTC', [])])).toThrow(/two strategies trade BTC/);
  });
});
