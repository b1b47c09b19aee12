/**
 * CPU profile of one replay, the replay alone (the conversion before it and the module loading are
 * left out): `npx -y pnpm@10 --filter @mm/backtest exec tsx bench/profile-replay.ts [basic|peer]
 * [passes] [out.cpuprofile]`, then `node bench/top-self-time.mjs out.cpuprofile` for the functions
 * by self time (or open the file in Chrome DevTools' Performance panel for a flame graph).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { convertCapture } from '@mm/feeds';
import { BasicStrategy, FixedOffsetStrategy } from '@mm/strategies';
import { runBacktest } from '../src/index.js';

const [which = 'basic', passesText = '10', output = path.join(tmpdir(), `replay-${which}.cpuprofile`)] = process.argv.slice(2);
const capture = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'binance-usdm', 'btcusdt_20240808.gz');
const eventLog = path.join(mkdtempSync(path.join(tmpdir(), 'mm-profile-')), '0808.arrow');
await convertCapture({ inputs: [capture], output: eventLog });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const result =
  which === 'peer'
    ? await runBacktest({
        eventLogs: [eventLog],
        repeat: Number(passesText),
        strategy: new FixedOffsetStrategy({ symbol: 'BTCUSDT', halfSpreadTicks: 5, orderLots: 1, intervalMs: 100, maxPositionLots: 1_000 }),
        simulator: { queueModel: 'conservative', entryLatencyMs: 10, responseLatencyMs: 10, makerFeeRate: 0.0002, takerFeeRate: 0.0007 },
        risk: {
          maxOrdersPerMinute: 1_000_000,
          maxPositionUsdPerAsset: 1_000_000,
          maxTotalPositionUsd: 1_000_000,
          maxDailyLossUsd: 1_000_000,
          maxDrawdownPct: 100,
        },
        instrument: { minNotional: 0 },
      })
    : await runBacktest({
        eventLogs: [eventLog],
        repeat: Number(passesText),
        strategy: new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } }),
        simulator: { feeVenue: 'hyperliquid' },
      });
const { profile } = await session.post('Profiler.stop');
writeFileSync(output, JSON.stringify(profile));
session.disconnect();
console.log(
  `${which}: ${(result.events / result.wallSeconds / 1e6).toFixed(2)} M events/s, ${result.summary.fills} fills; profile in ${output}`,
);
