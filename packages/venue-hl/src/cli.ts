import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageVersion, resolveUserPath, runCli, UsageError } from '@mm/cli';
import { explainListenError } from '@mm/core';
import { startHyperliquidVenue } from './start-hyperliquid-venue.js';

/** The shared recorded data next to the repository (never copied into it). */
const DEFAULT_DATA = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
/** Hardhat's first well-known test account: a wallet anyone can sign for in a local test. */
const DEFAULT_ACCOUNT = '0x14791697260E4c9A71f18484C9f997B308e59325';

await runCli(
  {
    spec: {
      name: 'venue-hl',
      summary:
        "Starts the local Hyperliquid venue on loopback: the real wire protocol (POST /info, /exchange, WebSocket), signature and nonce checks, the project's matching engine on replayed recorded data, faults on POST /control.",
      usage: [
        'npx -y pnpm@10 --filter @mm/venue-hl start -- [--port P] [--data <capture.gz>] [--account 0x...] [--agent 0x...] [--testnet]',
      ],
      flags: {
        port: { type: 'string', value: '<P>', description: 'TCP port (0: any free one, printed at start)', default: '0' },
        host: { type: 'string', value: '<host>', description: 'address to listen on', default: '127.0.0.1' },
        data: {
          type: 'string',
          value: '<capture.gz>',
          description: 'the recorded market to replay',
          defaultText: '../shared/data/hyperliquid/btcusd_20250126.gz',
        },
        account: {
          type: 'string',
          multiple: true,
          value: '<0x address>',
          description: 'an account the venue knows (repeatable)',
          defaultText: DEFAULT_ACCOUNT,
        },
        agent: {
          type: 'string',
          multiple: true,
          value: '<0x address>',
          description: 'an agent wallet approved for the first account (repeatable)',
        },
        testnet: { type: 'boolean', description: "sign and verify as testnet (the SDK's isTestnet: true)" },
        'allow-schedule-cancel': {
          type: 'boolean',
          description: "accept the dead man's switch (scheduleCancel) without the venue's volume requirement",
        },
      },
      examples: [
        'npx -y pnpm@10 --filter @mm/venue-hl start -- --port 8080 --data ../shared/data/hyperliquid/btcusd_20250126.gz --testnet',
        `npx -y pnpm@10 --filter @mm/venue-hl start -- --port 8080 --account ${DEFAULT_ACCOUNT} --testnet`,
      ],
      notes: 'Paths are relative to the directory you ran the command in. Ctrl-C closes the venue and exits 0.',
    },
    run: async ({ values }) => {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new UsageError(`--port must be 0-65535, got '${String(values.port)}'`);
      const given = (values.account as string[] | undefined) ?? [];
      const accounts = given.length > 0 ? given : [DEFAULT_ACCOUNT];
      for (const address of [...accounts, ...((values.agent as string[] | undefined) ?? [])]) {
        if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new UsageError(`'${address}' is not an address: give 0x and 40 hex digits`);
      }
      const dataPath = values.data === undefined ? DEFAULT_DATA : resolveUserPath(String(values.data));
      if (!existsSync(dataPath)) throw new UsageError(`--data: no such file: ${dataPath}`);
      let venue;
      try {
        venue = await startHyperliquidVenue({
          host: String(values.host),
          port,
          dataPath,
          isTestnet: values.testnet === true,
          allowScheduleCancel: values['allow-schedule-cancel'] === true,
          // Agents given on the command line trade for the first account.
          accounts: accounts.map((address, index) => ({
            address,
            agents: index === 0 ? ((values.agent as string[] | undefined) ?? []) : [],
          })),
        });
      } catch (failure) {
        throw explainListenError(failure, '--port');
      }
      console.log(`Hyperliquid local venue (${venue.isTestnet ? 'testnet' : 'mainnet'} signing)`);
      console.log(`  HTTP      ${venue.url}  (POST /info, /exchange, /control)`);
      console.log(`  WebSocket ${venue.wsUrl}`);
      console.log(`  accounts  ${accounts.join(', ')}`);
      // One Ctrl-C reaches us more than once (the terminal's process group, then pnpm forwarding it).
      let stopping = false;
      const stop = (signal: NodeJS.Signals): void => {
        if (stopping) return;
        stopping = true;
        void venue.close().then(() => {
          console.log(`${signal}: venue closed`);
          process.exit(0);
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
  },
  packageVersion(import.meta.dirname),
);
