import { parseCommandLine, UsageError, type CommandSpec } from '@mm/cli';

/** The bot's command line: settings come from the environment, so its only flags are the built-in --help and --version. */
export const LIVE_BOT_COMMAND: CommandSpec = {
  name: 'live-bot',
  summary: `Runs the market maker. Settings come from the environment or a .env (apps/live-bot/.env or the
repository root's .env; see apps/live-bot/.env.example), not from flags. With no key it runs in
paper mode against a local Hyperliquid venue replaying recorded data.`,
  usage: [
    'npx -y pnpm@10 start            (from the repository root)',
    'npx -y pnpm@10 --filter live-bot start',
    'node --import tsx apps/live-bot/src/main.ts',
  ],
  flags: {},
  examples: ['npx -y pnpm@10 start', 'RUN_SECONDS=60 MM_MONITOR_PORT=0 npx -y pnpm@10 start'],
  notes: `Main settings (defaults):
  HL_MODE=paper            paper | testnet | mainnet (mainnet also needs MM_ALLOW_MAINNET=true)
  BTC_ENABLED=true         quote an asset: <ASSET>_ENABLED, <ASSET>_BASE_SPREAD_BPS=2, <ASSET>_ORDER_SIZE_USD=100, ...
  MM_MONITOR_PORT=8787     dashboard and /metrics (0 picks a free port)
  RUN_SECONDS=0            stop by itself after this many seconds (0: run until Ctrl-C)

Ctrl-C cancels every quote, waits for the venue to confirm, closes the journal and exits 0;
Ctrl-C again shows what the shutdown still waits on. A bad setting is a runtime failure (exit 1)
naming the key.`,
};

export type BotArguments = { kind: 'run' } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage-error'; message: string };

/** The bot takes no flags but --help and --version: anything else is a usage error (never a silent start). */
export function parseBotArguments(argv: readonly string[]): BotArguments {
  try {
    const line = parseCommandLine(LIVE_BOT_COMMAND, argv);
    return line.kind === 'run' ? { kind: 'run' } : { kind: line.kind };
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'usage-error', message: error.message };
    throw error;
  }
}
