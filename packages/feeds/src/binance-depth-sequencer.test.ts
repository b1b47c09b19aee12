import { describe, expect, it } from 'vitest';
import { BinanceDepthSequencer } from './binance-depth-sequencer.js';

describe('BinanceDepthSequencer (USD-M rules)', () => {
  it('waits for a snapshot, drops u < lastUpdateId, bridges on U <= id <= u, then chains pu = previous u', () => {
    const sequencer = new BinanceDepthSequencer();
    expect(sequencer.check(90, 95, 89)).toBe('unsynced');
    sequencer.onSnapshot(100);
    expect(sequencer.state).toBe('awaiting-bridge');
    expect(sequencer.check(90, 99, 89)).toBe('stale');
    expect(sequencer.check(96, 104, 95)).toBe('apply'); // U 96 <= 100 <= u 104
    expect(sequencer.state).toBe('synced');
    expect(sequencer.check(105, 110, 104)).toBe('apply');
    expect(sequencer.check(111, 120, 110)).toBe('apply');
    expect(sequencer.lastFinalUpdateId).toBe(120);
  });

  it('accepts a bridge whose u equals lastUpdateId exactly', () => {
    const sequencer = new BinanceDepthSequencer();
    sequencer.onSnapshot(100);
    expect(sequencer.check(97, 100, 96)).toBe('apply');
  });

  it('reports a missing bridge when the first diff after the snapshot starts beyond it', () => {
    const sequencer = new BinanceDepthSequencer();
    sequencer.onSnapshot(100);
    expect(sequencer.check(102, 110, 101)).toBe('gap');
    expect(sequencer.lastGapReason).toBe('missing-bridge');
    expect(sequencer.lastGapExpectedUpdateId).toBe(100);
    // 'continue': the chain restarts from the gapped diff.
    expect(sequencer.check(111, 115, 110)).toBe('apply');
  });

  it('reports a sequence break when pu is not the previous u, and drops repeats as stale', () => {
    const sequencer = new BinanceDepthSequencer();
    sequencer.onSnapshot(100);
    sequencer.check(95, 105, 94);
    expect(sequencer.check(95, 105, 94)).toBe('stale'); // the same diff again
    expect(sequencer.check(120, 130, 119)).toBe('gap');
    expect(sequencer.lastGapReason).toBe('sequence-break');
    expect(sequencer.lastGapExpectedUpdateId).toBe(105);
    expect(sequencer.check(131, 140, 130)).toBe('apply');
  });

  it("under 'resync' goes back to waiting for a snapshot after a gap", () => {
    const sequencer = new BinanceDepthSequencer('resync');
    sequencer.onSnapshot(100);
    sequencer.check(95, 105, 94);
    expect(sequencer.check(120, 130, 119)).toBe('gap');
    expect(sequencer.state).toBe('awaiting-snapshot');
    expect(sequencer.check(131, 140, 130)).toBe('unsynced');
    sequencer.onSnapshot(135);
    expect(sequencer.check(131, 140, 130)).toBe('apply');
  });

  it('rejects a non-integer snapshot id', () => {
    expect(() => new BinanceDepthSequencer().onSnapshot(Number.NaN)).toThrow(/safe integer/);
  });
});
