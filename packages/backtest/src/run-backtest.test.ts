import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderCommand } from '@mm/core';
import { convertCapture } from '@mm/feeds';
import { BasicStrategy } from '@mm/strategies';
import { capturePath } from '../test/captures.js';
import { runBacktest } from './run-backtest.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-golden-'));
let hyperliquidLog = '';
let binanceLog = '';
beforeAll(async () => {
  hyperliquidLog = path.join(work, 'hl.arrow');
  binanceLog = path.join(work, 'binance.arrow');
  await convertCapture({ inputs: [capturePath('hyperliquid/btcusd_20250126.gz')], output: hyperliquidLog, venue: 'hyperliquid' });
  await convertCapture({ inputs: [capturePath('binance-usdm/btcusdt_20240808.gz')], output: binanceLog, venue: 'binance-usdm' });
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One line per command: replay time (µs from the start), then what it does. */
function describeCommand(startUs: number, timeUs: number, command: OrderCommand): string {
  const at = `+${((timeUs - startUs) / 1000).toFixed(3)}ms`;
  switch (command.type) {
    case 'place-order':
      return `${at} place ${command.side} ${command.sizeLots}@${command.priceTicks} ${command.timeInForce}`;
    case 'modify-order':
      return `${at} modify ${command.clientOrderId.slice(-4)} -> ${command.sizeLots}@${command.priceTicks}`;
    case 'cancel-order':
      return `${at} cancel ${command.clientOrderId.slice(-4)}`;
    case 'cancel-all':
      return `${at} cancel-all (${command.reason})`;
  }
}

async function commandStream(eventLog: string, strategyConfig: ConstructorParameters<typeof BasicStrategy>[0]) {
  const lines: string[] = [];
  let startUs: number | undefined;
  const result = await runBacktest({
    eventLogs: [eventLog],
    strategy: new BasicStrategy(strategyConfig),
    onCommands: (timeUs, commands) => {
      startUs ??= timeUs;
      for (const command of commands) lines.push(describeCommand(startUs, timeUs, command));
    },
  });
  return { lines, result };
}

describe('golden replays of the basic strategy on real captures', () => {
  it('Hyperliquid BTC 2025-01-26: the command stream does not change unnoticed', async () => {
    const { lines, result } = await commandStream(hyperliquidLog, { symbol: 'BTC' });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toMatchSnapshot();
    expect(result.summary.ordersSent).toBeGreaterThan(0);
  });

  it('Binance BTCUSDT 2024-08-08: command stream and results do not change unnoticed', async () => {
    const { lines, result } = await commandStream(binanceLog, { symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } });
    expect(lines.slice(0, 200)).toMatchSnapshot();
    const { summary } = result;
    expect({
      commands: lines.length,
      fills: summary.fills,
      buyFills: summary.buyFills,
      roundTrips: summary.roundTrips,
      netPnlQuote: summary.netPnlQuote.toFixed(6),
      spreadCaptureQuote: summary.spreadCaptureQuote.toFixed(6),
      feePnlQuote: summary.feePnlQuote.toFixed(6),
      inventoryPnlQuote: summary.inventoryPnlQuote.toFixed(6),
    }).toMatchSnapshot();
    // The inventory limit holds through every fill: |position| never above the strategy's $500.
    expect(summary.maxAbsPositionQuote).toBeGreaterThan(0);
    expect(summary.maxAbsPositionQuote).toBeLessThanOrEqual(500);
    // PnL decomposes exactly.
    expect(summary.spreadCaptureQuote + summary.inventoryPnlQuote + summary.feePnlQuote + summary.fundingQuote).toBeCloseTo(
      summary.netPnlQuote,
      6,
    );
  });
});
