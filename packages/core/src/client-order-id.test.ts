import { describe, expect, it } from 'vitest';
import { ClientOrderIdSequence, instanceIdOfClientOrderId } from './client-order-id.js';

describe('ClientOrderIdSequence', () => {
  it('writes Hyperliquid cloids: 0x + 32 hex digits, session then sequence', () => {
    const ids = new ClientOrderIdSequence(5, 1);
    expect(ids.nextId()).toBe('0x00000000000000050000000000000001');
    expect(ids.nextId()).toBe('0x00000000000000050000000000000002');
  });

  it('puts the instance id in the top 32 bits, where a later start reads it back', () => {
    const ids = new ClientOrderIdSequence(0x1234, 0, { instanceId: 0xdeadbeef });
    const id = ids.nextId();
    expect(id).toBe('0xdeadbeef000012340000000000000000');
    expect(instanceIdOfClientOrderId(id)).toBe(0xdeadbeef);
    expect(instanceIdOfClientOrderId(new ClientOrderIdSequence(0x1234).nextId())).toBeUndefined();
    expect(instanceIdOfClientOrderId('0xabc')).toBeUndefined();
  });

  it('refuses an instance id out of range, or a session too wide to sit beside it', () => {
    expect(() => new ClientOrderIdSequence(1, 0, { instanceId: 0 })).toThrow(/instanceId/);
    expect(() => new ClientOrderIdSequence(2 ** 32, 0, { instanceId: 1 })).toThrow(/sessionId/);
  });
});
