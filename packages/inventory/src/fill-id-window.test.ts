import { describe, expect, it } from 'vitest';
import { FillIdWindow } from './fill-id-window.js';

describe('FillIdWindow', () => {
  it('remembers an id once and refuses it the second time', () => {
    const window = new FillIdWindow(3);
    expect(window.remember('a')).toBe(true);
    expect(window.remember('a')).toBe(false);
    expect(window.has('a')).toBe(true);
    expect(window.size).toBe(1);
  });

  it('forgets the oldest ids first once full', () => {
    const window = new FillIdWindow(2);
    window.remember('a');
    window.remember('b');
    window.remember('c');
    expect(window.has('a')).toBe(false);
    expect(window.has('b')).toBe(true);
    expect(window.has('c')).toBe(true);
    window.remember('d');
    expect(window.has('b')).toBe(false);
    expect(window.size).toBe(2);
    // A forgotten id is new again.
    expect(window.remember('a')).toBe(true);
    expect(window.has('c')).toBe(false);
  });
});
