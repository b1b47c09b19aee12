import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  // A key of 32 0xab bytes.
  const key = `0x${'ab'.repeat(32)}`;
  const decimal = BigInt(key).toString(10);

  it('replaces the key as given, without 0x, in upper case, in decimal and in base64', () => {
    const base64 = Buffer.from('ab'.repeat(32), 'hex').toString('base64');
    const text = `a ${key} b ${'ab'.repeat(32)} c ${'AB'.repeat(32)} d ${decimal} e ${base64} f`;
    expect(redactSecrets(text, [key])).toBe('a [redacted] b [redacted] c [redacted] d [redacted] e [redacted] f');
  });

  it('leaves other text and short numbers alone, and skips absent secrets', () => {
    expect(redactSecrets('order 12 at 0xab', [key, undefined, ''])).toBe('order 12 at 0xab');
    expect(redactSecrets('zero key 0 and 0x0', [`0x${'0'.repeat(64)}`])).toBe('zero key 0 and 0x0');
  });
});
