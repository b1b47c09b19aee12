import { describe, expect, it } from 'vitest';
import { redactRaw } from './redact-raw.js';

describe('redactRaw', () => {
  it('redacts signatures and keys, keeps addresses, cuts long text', () => {
    const signature = `0x${'ab'.repeat(65)}`;
    const address = `0x${'12'.repeat(20)}`;
    expect(redactRaw({ user: address, r: signature })).toBe(`{"user":"${address}","r":"0x[redacted]"}`);
    expect(redactRaw('x'.repeat(600))).toBe(`${'x'.repeat(500)}... (600 chars)`);
  });
});
