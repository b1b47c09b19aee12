import { describe, expect, it } from 'vitest';
import { NonceRegistry } from './nonce-registry.js';

const NOW = 1_800_000_000_000;
const registry = () => new NonceRegistry({ setSize: 3, windowPastMs: 1_000, windowFutureMs: 500 });

describe('NonceRegistry', () => {
  it('accepts a nonce once per signer and names the duplicate', () => {
    const nonces = registry();
    expect(nonces.accept('0xA', NOW, NOW)).toEqual({ ok: true });
    expect(nonces.accept('0xa', NOW, NOW)).toEqual({ ok: false, reason: `Invalid nonce: duplicate nonce ${NOW}` });
    expect(nonces.accept('0xb', NOW, NOW)).toEqual({ ok: true });
  });

  it('refuses nonces outside the window around venue time', () => {
    const nonces = registry();
    expect(nonces.accept('0xa', NOW - 1_000, NOW).ok).toBe(false);
    expect(nonces.accept('0xa', NOW - 999, NOW).ok).toBe(true);
    expect(nonces.accept('0xa', NOW + 500, NOW).ok).toBe(false);
    expect(nonces.accept('0xa', NOW + 499, NOW).ok).toBe(true);
  });

  it('keeps the highest nonces only: with a full set, older ones are stale, reordering above them is fine', () => {
    const nonces = registry();
    for (const nonce of [NOW + 10, NOW + 30, NOW + 20]) expect(nonces.accept('0xa', nonce, NOW).ok).toBe(true);
    expect(nonces.accept('0xa', NOW + 5, NOW).ok).toBe(false);
    expect(nonces.accept('0xa', NOW + 25, NOW).ok).toBe(true); // set now 20, 25, 30
    expect(nonces.accept('0xa', NOW + 15, NOW).ok).toBe(false);
  });
});
