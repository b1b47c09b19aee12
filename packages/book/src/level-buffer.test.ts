import { describe, expect, it } from 'vitest';
import { LevelBuffer } from './level-buffer.js';

describe('LevelBuffer', () => {
  it('grows past its capacity, keeps order, and resets without reallocating', () => {
    const buffer = new LevelBuffer(2);
    for (let i = 0; i < 5; i += 1) buffer.push(100 + i, i);
    expect(buffer.count).toBe(5);
    expect(buffer.toLevels()).toEqual([0, 1, 2, 3, 4].map((i) => ({ priceTicks: 100 + i, sizeLots: i })));
    const prices = buffer.priceTicks;
    buffer.clear();
    buffer.push(7, 8);
    expect(buffer.priceTicks).toBe(prices);
    expect(buffer.toLevels()).toEqual([{ priceTicks: 7, sizeLots: 8 }]);
  });

  it('copies another buffer', () => {
    const source = new LevelBuffer(4);
    for (let i = 0; i < 10; i += 1) source.push(i, i * 2);
    const copy = new LevelBuffer(1);
    copy.copyFrom(source);
    source.clear();
    expect(copy.count).toBe(10);
    expect(copy.toLevels()[9]).toEqual({ priceTicks: 9, sizeLots: 18 });
  });
});
