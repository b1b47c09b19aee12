import path from 'node:path';
import { MmError } from '@mm/core';
import { defaultCapturePath, runQuoteDemo } from './quote-demo.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const capture = process.argv[2] ?? defaultCapturePath(repositoryRoot);

try {
  console.log(`Replaying ${path.relative(process.cwd(), capture)}: the Hyperliquid BTC book as recorded, and the quotes`);
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
} catch (error) {
  if (error instanceof MmError) {
    console.error(`quote-demo: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
