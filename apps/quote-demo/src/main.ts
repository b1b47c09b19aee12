import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageVersion, resolveUserPath, runCli, UsageError, userDirectory } from '@mm/cli';
import { defaultCapturePath, runQuoteDemo } from './quote-demo.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');

async function demo(capture: string): Promise<void> {
  console.log(`Replaying ${path.relative(userDirectory(), capture)}: the Hyperliquid BTC book as recorded, and the quotes`);
  console.log('each quoter would post for a hypothetical position (nothing is sent anywhere).\n');
  const lines = await runQuoteDemo(capture);
  const header = [
    'time (UTC)',
    'best bid',
    'best ask',
    'pos BTC',
    'practical bid',
    'practical ask',
    'spread bps',
    'inventory rule',
    'GLFT bid',
    'GLFT ask',
    'AS bid',
    'AS ask',
    'risk',
  ];
  const rows = lines.map((line) => [
    new Date(line.localTimeUs / 1000).toISOString().slice(11, 23),
    line.bestBid.toFixed(0),
    line.bestAsk.toFixed(0),
    line.positionBtc.toFixed(3),
    line.practicalBid,
    line.practicalAsk,
    line.practicalSpreadBps.toFixed(2),
    line.inventoryRule,
    line.glftBid,
    line.glftAsk,
    line.asBid,
    line.asAsk,
    line.riskStatus,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  console.log(format(header));
  for (const row of rows) console.log(format(row));
  console.log(`\n${lines.length} quote sets from real data. Tests: npx -y pnpm@10 test`);
}

await runCli(
  {
    spec: {
      name: 'quote-demo',
      summary:
        'Rebuilds the recorded Hyperliquid BTC book frame by frame and prints the quotes each quoter (practical, GLFT, Avellaneda-Stoikov) would post on it; nothing is sent anywhere.',
      usage: ['npx -y pnpm@10 --filter quote-demo start [-- <capture.gz>]'],
      flags: {},
      positionals: [
        { name: '<capture.gz>', description: 'a Hyperliquid capture (default: ../shared/data/hyperliquid/btcusd_20250126.gz)' },
      ],
      examples: [
        'npx -y pnpm@10 --filter quote-demo start',
        'npx -y pnpm@10 --filter quote-demo start -- ../shared/data/hyperliquid/btcusd_20250126.gz',
      ],
      notes: 'Paths are relative to the directory you ran the command in.',
    },
    run: async ({ positionals }) => {
      const capture = positionals[0] === undefined ? defaultCapturePath(repositoryRoot) : resolveUserPath(positionals[0]);
      if (!existsSync(capture)) throw new UsageError(`no such capture: ${capture}`);
      await demo(capture);
    },
  },
  packageVersion(import.meta.dirname),
);
