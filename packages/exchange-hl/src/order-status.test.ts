import { describe, expect, it } from 'vitest';
import { classifyCancelStatus, classifyOrderStatus } from './order-status.js';

describe('classifyOrderStatus / classifyCancelStatus', () => {
  it('reads the real status shapes (numeric oids become text)', () => {
    expect(classifyOrderStatus({ resting: { oid: 77738308 } })).toEqual({ kind: 'resting', oid: '77738308' });
    expect(classifyOrderStatus({ filled: { totalSz: '1.0', avgPx: '25.585', oid: 296683658818 } })).toEqual({
      kind: 'filled',
      oid: '296683658818',
      totalSz: '1.0',
      avgPx: '25.585',
    });
    expect(classifyOrderStatus({ error: 'Price must be divisible by tick size.' })).toEqual({
      kind: 'error',
      message: 'Price must be divisible by tick size.',
    });
    expect(classifyOrderStatus('waitingForTrigger')).toEqual({ kind: 'other' });
    expect(classifyOrderStatus(undefined)).toEqual({ kind: 'other' });
    expect(classifyCancelStatus('success')).toEqual({ kind: 'success' });
    expect(classifyCancelStatus({ error: 'x' })).toEqual({ kind: 'error', message: 'x' });
  });
});
