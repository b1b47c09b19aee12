import { describe, expect, it } from 'vitest';
import { signerFromPrivateKey } from './signer-from-private-key.js';

describe('signerFromPrivateKey', () => {
  it('derives the address and never quotes a bad key in its error', () => {
    expect(signerFromPrivateKey(`0x${'11'.repeat(32)}`).address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    const secret = `0x${'ab'.repeat(31)}`;
    expect(() => signerFromPrivateKey(secret)).toThrow(/value not shown/);
    try {
      signerFromPrivateKey(secret);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret.slice(2));
    }
    expect(() => signerFromPrivateKey(`0x${'00'.repeat(32)}`)).toThrow(/not a valid secp256k1 key/);
  });
});
