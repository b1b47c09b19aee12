import { Instrument } from '@mm/core';
import { PositionTracker } from '@mm/inventory';
import { RiskManager } from '@mm/risk';
import { describeDeadMansSwitch } from '@mm/exchange-hl';
import { describe, expect, it } from 'vitest';
import { formatStatusReport } from './status-report.js';

const btc = Instrument.hyperliquidPerp('BTC', 5);
const T0 = 1_786_539_646_983_000;

describe('formatStatusReport', () => {
  it("says why a symbol is not quoting and what the dead man's switch is doing", () => {
    const position = new PositionTracker(btc).snapshot(600_000);
    const text = formatStatusReport({
      nowUs: T0 + 60_000_000,
      startedUs: T0,
      mode: 'testnet',
      assets: [
        { symbol: 'BTC', position, quotes: 'none', resting: 0, notQuotingBecause: 'basic-BTC.onBook threw: boom; stopped quoting BTC' },
      ],
      risk: new RiskManager({ capitalUsd: 1_000 }).evaluate(T0),
      maxDrawdownQuote: 0,
      venue: {
        deadManSwitch: describeDeadMansSwitch({
          status: 'disabled',
          reason: 'Cannot set scheduled cancel time until enough volume traded. Required: $1000000.',
          sinceUs: T0,
        }),
        malformedMessages: 2,
        listenerErrors: 0,
        failedReconciles: 1,
      },
    });
    expect(text).toContain('  NOT QUOTING: basic-BTC.onBook threw: boom; stopped quoting BTC');
    expect(text).toContain(
      "VENUE: dead man's switch DISABLED by the venue: Cannot set scheduled cancel time until enough volume traded. Required: $1000000. | malformed messages 2 | listener errors 0 | failed reconciles 1",
    );
  });

  const quiet = (mode: string, positionText?: string) =>
    formatStatusReport({
      nowUs: T0 + 60_000_000,
      startedUs: T0,
      mode,
      assets: [{ symbol: 'BTC', position: new PositionTracker(btc).snapshot(600_000), quotes: 'none', resting: 0, positionText }],
      risk: new RiskManager({ capitalUsd: 1_000 }).evaluate(T0),
      maxDrawdownQuote: 0,
    });

  it('says MAINNET in the header and on its own line when trading real money, and not otherwise', () => {
    const lines = quiet('mainnet').split('\n');
    expect(lines[0]).toContain('(MAINNET, up 60 s)');
    expect(lines[1]).toBe('!!! MAINNET: these orders are real and trade real money !!!');
    expect(quiet('testnet')).not.toContain('MAINNET');
    expect(quiet('paper')).not.toContain('MAINNET');
  });

  it('writes the inventory in venue units with the coin', () => {
    expect(quiet('paper', '0.00064')).toContain('  inventory 0.00064 BTC ($0.00)');
  });
});
