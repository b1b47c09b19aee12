import { ApiRequestError } from '@nktkas/hyperliquid/api/exchange';
import { describe, expect, it } from 'vitest';
import { outcomeOfResponse, runBulkAction } from './bulk-outcome.js';

const partly = {
  status: 'ok',
  response: { type: 'order', data: { statuses: [{ resting: { oid: 1 } }, { error: 'Order must have minimum value of $10.' }] } },
};

describe('runBulkAction', () => {
  it('keeps every status of a partly failed bulk the SDK threw on', async () => {
    const outcome = await runBulkAction(async () => {
      throw new ApiRequestError(partly, 'order 1: Order must have minimum value of $10.');
    });
    expect(outcome).toEqual({ kind: 'statuses', statuses: partly.response.data.statuses });
  });

  it('classifies a top-level err as rejected and a thrown transport failure as unknown', async () => {
    expect(outcomeOfResponse({ status: 'err', response: 'Invalid nonce: duplicate nonce 1788895523507' })).toEqual({
      kind: 'rejected',
      reason: 'Invalid nonce: duplicate nonce 1788895523507',
    });
    expect(await runBulkAction(async () => Promise.reject(new Error('socket hang up')))).toEqual({
      kind: 'unknown',
      reason: 'socket hang up',
    });
    expect(outcomeOfResponse({ status: 'ok', response: { type: 'default' } })).toEqual({ kind: 'statuses', statuses: [] });
  });
});
