import { describe, expect, it } from 'vitest';
import { Position } from './position.js';

describe('Position', () => {
  it('opens, adds at an average entry, closes with realised PnL, and flips', () => {
    const position = new Position(0.1, 0.00001);
    expect(position.applyFill(true, 100, 1_000_000)).toEqual({ startPositionLots: 0, direction: 'Open Long', closedPnlQuote: 0 });
    position.applyFill(true, 100, 1_002_000);
    expect(position.entryPriceTicks).toBe(1_001_000);
    const close = position.applyFill(false, 100, 1_011_000); // 0.001 BTC closed $1000 above entry
    expect(close.direction).toBe('Close Long');
    expect(close.closedPnlQuote).toBeCloseTo(1, 9);
    const flip = position.applyFill(false, 300, 1_000_000);
    expect(flip.direction).toBe('Long > Short');
    expect(position.sizeLots).toBe(-200);
    expect(position.entryPriceTicks).toBe(1_000_000);
    expect(position.applyFill(true, 50, 990_000).direction).toBe('Close Short');
    expect(position.unrealizedPnlQuote(990_000)).toBeCloseTo(0.0015 * 1_000, 9);
  });
});
