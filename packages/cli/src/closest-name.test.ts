import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closest-name.js';

describe('editDistance', () => {
  it('counts edits as in the textbook examples', () => {
    // Levenshtein's classic pair: kitten -> sitting is 3 edits (k->s, e->i, +g).
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    // One swap of neighbours, not two substitutions.
    expect(editDistance('ouptut', 'output')).toBe(1);
  });
});

describe('closestName', () => {
  const replayFlags = ['data', 'symbol', 'out', 'repeat', 'order-size-usd', 'latency-ms', 'queue-model', 'help', 'version'];

  it('names the flag a typo meant', () => {
    expect(closestName('dta', replayFlags)).toBe('data');
    expect(closestName('ouput', replayFlags)).toBe('out');
    expect(closestName('reapet', replayFlags)).toBe('repeat');
    expect(closestName('latency', replayFlags)).toBe('latency-ms');
    expect(closestName('order-size', replayFlags)).toBe('order-size-usd');
    expect(closestName('Symbol', replayFlags)).toBe('symbol');
  });

  it('suggests nothing for a word unlike every flag', () => {
    expect(closestName('paper', ['help'])).toBeUndefined();
    expect(closestName('frobnicate', replayFlags)).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });
});
