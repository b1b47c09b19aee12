import { describe, expect, it } from 'vitest';
import { FillDeduper } from './fill-deduper.js';

describe('FillDeduper', () => {
  it('counts a trade id once and forgets the oldest beyond capacity', () => {
    const deduper = new FillDeduper(2);
    expect(deduper.firstTime('1')).toBe(true);
    expect(deduper.firstTime('1')).toBe(false);
    expect(deduper.firstTime('2')).toBe(true);
    expect(deduper.firstTime('3')).toBe(true);
    expect(deduper.has('1')).toBe(false);
    expect(deduper.size).toBe(2);
  });
});
