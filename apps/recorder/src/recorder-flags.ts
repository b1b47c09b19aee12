import { parseCommandLine, resolveUserPath, UsageError, type CommandSpec, type FlagValues } from '@mm/cli';
import { ConfigError, parseConfig } from '@mm/core';
import type { L2RecorderOptions } from '@mm/l2-recorder';
import { z } from 'zod';

/** The CLI's flags, named as typed (`ws-url`), so a validation error names the flag. */
export const recorderFlagsSchema = z.strictObject({
  'ws-url': z.string().url(),
  /** The venue's /info endpoint for its `meta` (coin rules saved beside each capture); default: the ws-url's host. */
  'info-url': z.string().url().optional(),
  /** Comma-separated coins. */
  coins: z
    .string()
    .min(1)
    .transform((text) =>
      text
        .split(',')
        .map((coin) => coin.trim())
        .filter((coin) => coin !== ''),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9@:-]+$/, 'coins must be letters/digits, comma-separated')).min(1)),
  out: z.string().min(1),
  rotate: z.enum(['minute', 'hour', 'day']).default('hour'),
  'stale-after-ms': z.coerce.number().int().positive().default(10_000),
  'progress-ms': z.coerce.number().int().nonnegative().default(5_000),
});

export type RecorderFlags = z.output<typeof recorderFlagsSchema>;

const MAINNET_WS_URL = 'wss://api.hyperliquid.xyz/ws';
const TESTNET_WS_URL = 'wss://api.hyperliquid-testnet.xyz/ws';

export const RECORDER_COMMAND: CommandSpec = {
  name: 'recorder',
  summary:
    'Records Hyperliquid l2Book (20 levels a side) and trades to crash-safe, rotated, gzip capture files with a manifest each; the backtester replays them.',
  usage: ['npx -y pnpm@10 --filter recorder start -- (--ws-url <url> | --testnet | --mainnet) --coins <C>[,<C>...] --out <dir> [flags]'],
  flags: {
    'ws-url': {
      type: 'string',
      value: '<url>',
      description: 'a WebSocket speaking the Hyperliquid protocol (a local @mm/venue-hl or the venue)',
    },
    testnet: { type: 'boolean', description: `record Hyperliquid's public testnet feed (${TESTNET_WS_URL}) when no --ws-url` },
    mainnet: { type: 'boolean', description: `record Hyperliquid's public mainnet feed (${MAINNET_WS_URL}) when no --ws-url` },
    coins: { type: 'string', value: '<C>[,<C>...]', required: true, description: 'comma-separated coins, e.g. BTC,ETH' },
    out: { type: 'string', value: '<dir>', required: true, description: 'root folder; files go to <out>/hyperliquid/' },
    rotate: { type: 'string', value: 'minute|hour|day', description: 'one file per UTC period', defaultText: 'hour' },
    'info-url': {
      type: 'string',
      value: '<url>',
      description: "the venue's /info, asked for the coins' rules on every connect",
      defaultText: 'the --ws-url host',
    },
    'stale-after-ms': {
      type: 'string',
      value: '<ms>',
      description: 'an l2Book stream silent this long is a gap; the socket is renewed',
      defaultText: '10000',
    },
    'progress-ms': { type: 'string', value: '<ms>', description: 'progress line interval (0: off)', defaultText: '5000' },
  },
  examples: [
    'npx -y pnpm@10 --filter recorder start -- --mainnet --coins BTC --out data/rec',
    'npx -y pnpm@10 --filter recorder start -- --ws-url ws://127.0.0.1:8080/ws --coins BTC --out data/rec --rotate minute',
  ],
  notes: 'Paths are relative to the directory you ran the command in. Ctrl-C flushes, closes the files and exits 0.',
};

/** `--flag value` / `--flag=value` into recorder options; `--testnet=false` (older spelling) means --mainnet. */
export function parseRecorderFlags(argv: readonly string[]): L2RecorderOptions {
  const line = parseCommandLine(
    RECORDER_COMMAND,
    argv.map((arg) => (arg === '--testnet=false' ? '--mainnet' : arg === '--testnet=true' ? '--testnet' : arg)),
  );
  if (line.kind !== 'run') throw new UsageError(`--${line.kind} is answered before the recorder starts`);
  return recorderOptionsFrom(line.values);
}

/** The parsed flags, validated (zod names the flag), into recorder options. */
export function recorderOptionsFrom(values: FlagValues): L2RecorderOptions {
  const { testnet, mainnet, ...input } = values as Record<string, unknown>;
  if (testnet === true && mainnet === true) throw new UsageError('--testnet and --mainnet: choose one');
  if (input['ws-url'] === undefined && testnet === true) input['ws-url'] = TESTNET_WS_URL;
  if (input['ws-url'] === undefined && mainnet === true) input['ws-url'] = MAINNET_WS_URL;
  if (input['ws-url'] === undefined) throw new UsageError('missing --ws-url <url> (or --testnet / --mainnet for the public feed)');
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  let flags: RecorderFlags;
  try {
    flags = parseConfig(recorderFlagsSchema, input, 'recorder flags');
  } catch (error) {
    // The schema's keys are the flags as typed: name them as typed (`--rotate`), a usage error.
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      'recorder flags',
      error.issues.map((issue) => ({ ...issue, field: issue.field === '(root)' ? issue.field : `--${issue.field}` })),
    );
  }
  return {
    wsUrl: flags['ws-url'],
    ...(flags['info-url'] === undefined ? {} : { infoUrl: flags['info-url'] }),
    coins: [...flags.coins],
    // Relative to where the user typed the command (pnpm runs scripts inside apps/recorder).
    outDir: resolveUserPath(flags.out),
    rotate: flags.rotate,
    staleAfterMs: flags['stale-after-ms'],
    progressIntervalMs: flags['progress-ms'],
  };
}
