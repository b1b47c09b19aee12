import path from 'node:path';
import { parseArgs } from 'node:util';
import { explainListenError } from '@mm/core';
import { startHyperliquidVenue } from './start-hyperliquid-venue.js';

/**
 * `tsx src/cli.ts --port 8080 --data <capture.gz> --account 0x… [--agent 0x…] [--testnet]
 * [--allow-schedule-cancel]`: starts the local venue and prints its URLs.
 */
async function main(): Promise<void> {
  // `pnpm start -- --port 8080` passes the `--` through.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      // The shared recorded data next to the repository (never copied into it).
      data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz') },
      account: { type: 'string', multiple: true, default: [] },
      agent: { type: 'string', multiple: true, default: [] },
      testnet: { type: 'boolean', default: false },
      'allow-schedule-cancel': { type: 'boolean', default: false },
    },
  });
  const accounts = values.account.length > 0 ? values.account : ['0x14791697260E4c9A71f18484C9f997B308e59325'];
  const venue = await startHyperliquidVenue({
    host: values.host,
    port: Number(values.port),
    dataPath: values.data,
    isTestnet: values.testnet,
    allowScheduleCancel: values['allow-schedule-cancel'],
    // Agents given on the command line trade for the first account.
    accounts: accounts.map((address, index) => ({ address, agents: index === 0 ? values.agent : [] })),
  });
  console.log(`Hyperliquid local venue (${venue.isTestnet ? 'testnet' : 'mainnet'} signing)`);
  console.log(`  HTTP      ${venue.url}  (POST /info, /exchange, /control)`);
  console.log(`  WebSocket ${venue.wsUrl}`);
  console.log(`  accounts  ${accounts.join(', ')}`);
  const stop = (): void => {
    void venue.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((failure: unknown) => {
  const error = explainListenError(failure, '--port');
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
