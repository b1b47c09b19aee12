import { parseArgs } from 'node:util';

export const LIVE_BOT_USAGE = `Usage: npx -y pnpm@10 start            (from the repository root)
       npx -y pnpm@10 --filter live-bot start
       node --import tsx apps/live-bot/src/main.ts

Runs the market maker. Settings come from the environment or a .env (apps/live-bot/.env or the
repository root's .env; see apps/live-bot/.env.example), not from flags. With no key it runs in
paper mode against a local Hyperliquid venue replaying recorded data.

Options:
  -h, --help     print this help and exit (never starts quoting)

Main settings (defaults):
  HL_MODE=paper            paper | testnet | mainnet (mainnet also needs MM_ALLOW_MAINNET=true)
  BTC_ENABLED=true         quote an asset: <ASSET>_ENABLED, <ASSET>_BASE_SPREAD_BPS=2, <ASSET>_ORDER_SIZE_USD=100, ...
  MM_MONITOR_PORT=8787     dashboard and /metrics (0 picks a free port)
  RUN_SECONDS=0            stop by itself after this many seconds (0: run until Ctrl-C)

Examples:
  npx -y pnpm@10 start
  RUN_SECONDS=60 MM_MONITOR_PORT=0 npx -y pnpm@10 start

Ctrl-C cancels every quote, waits for the venue to confirm, closes the journal and exits 0;
Ctrl-C again shows what the shutdown still waits on. Exit codes: 0 ok, 1 runtime failure, 2 usage error.`;

export type BotArguments = { kind: 'run' } | { kind: 'help' } | { kind: 'usage-error'; message: string };

/** The bot takes no flags but --help: anything else is a usage error (never a silent start). */
export function parseBotArguments(argv: readonly string[]): BotArguments {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return values.help === true ? { kind: 'help' } : { kind: 'run' };
  } catch (error) {
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
}
