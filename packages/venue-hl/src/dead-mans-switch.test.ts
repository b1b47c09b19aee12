import { Instrument } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { AccountLedger } from './account-ledger.js';
import { setDeadMansSwitch, triggerDueSwitches } from './dead-mans-switch.js';

const NOW = Date.UTC(2026, 0, 2, 12);
const account = () => new AccountLedger(Instrument.hyperliquidPerp('BTC', 5), [], 40).get('0xabc');

describe("dead man's switch", () => {
  it('needs $1M traded unless allowed, 5 s of lead, and clears without a time', () => {
    const state = account();
    state.tradedVolumeUsd = 373.47205;
    expect(setDeadMansSwitch(state, NOW + 60_000, NOW, false)).toBe(
      'Cannot set scheduled cancel time until enough volume traded. Required: $1000000. Traded: $373.47205.',
    );
    expect(setDeadMansSwitch(state, NOW + 4_999, NOW, true)).toBe('Scheduled cancel time too early, must be at least 5 seconds from now.');
    expect(setDeadMansSwitch(state, NOW + 5_000, NOW, true)).toBeUndefined();
    expect(state.scheduledCancelAtMs).toBe(NOW + 5_000);
    expect(setDeadMansSwitch(state, undefined, NOW, true)).toBeUndefined();
    expect(state.scheduledCancelAtMs).toBeUndefined();
  });

  it('triggers when due, at most 10 times a UTC day', () => {
    const state = account();
    for (let trigger = 0; trigger < 10; trigger += 1) {
      expect(setDeadMansSwitch(state, NOW + 5_000, NOW, true)).toBeUndefined();
      expect(triggerDueSwitches([state], NOW + 4_999)).toHaveLength(0);
      expect(triggerDueSwitches([state], NOW + 5_000)).toEqual([state]);
    }
    expect(setDeadMansSwitch(state, NOW + 5_000, NOW, true)).toBe('Too many scheduled cancel triggers today.');
    const tomorrow = NOW + 24 * 3_600_000;
    expect(setDeadMansSwitch(state, tomorrow + 5_000, tomorrow, true)).toBeUndefined();
  });
});
