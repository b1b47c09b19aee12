import { ManualClock } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { NonceSource } from './nonce-source.js';

describe('NonceSource', () => {
  it('uses clock milliseconds and stays strictly increasing within a millisecond', () => {
    const clock = new ManualClock(1_700_000_000_000_500);
    const nonces = new NonceSource(clock);
    expect([nonces.next(), nonces.next(), nonces.next()]).toEqual([1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002]);
    clock.advance(10_000);
    expect(nonces.next()).toBe(1_700_000_000_010);
  });
});
