import path from 'node:path';
import { parseConfig, InvalidInputError } from '@mm/core';
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
  /** Hyperliquid's public testnet feed when no --ws-url is given (see `resolveWsUrl`). */
  testnet: z.boolean().default(false),
  'stale-after-ms': z.coerce.number().int().positive().default(10_000),
  'progress-ms': z.coerce.number().int().nonnegative().default(5_000),
});

export type RecorderFlags = z.output<typeof recorderFlagsSchema>;

const BOOLEAN_FLAGS = new Set(['testnet']);

/** `--name value` / `--name=value` / `--flag` into an object; unknown flags are left to zod. */
export function parseRecorderFlags(argv: readonly string[]): L2RecorderOptions {
  const input: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) throw new InvalidInputError(`unexpected argument '${arg}': flags look like --name value`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (eq >= 0) input[name] = BOOLEAN_FLAGS.has(name) ? arg.slice(eq + 1) !== 'false' : arg.slice(eq + 1);
    else if (BOOLEAN_FLAGS.has(name)) input[name] = true;
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new InvalidInputError(`flag --${name} needs a value`);
      input[name] = value;
      i += 1;
    }
  }
  if (input['ws-url'] === undefined && input.testnet !== undefined) {
    input['ws-url'] = input.testnet === true ? 'wss://api.hyperliquid-testnet.xyz/ws' : 'wss://api.hyperliquid.xyz/ws';
  }
  const flags = parseConfig(recorderFlagsSchema, input, 'recorder flags');
  return {
    wsUrl: flags['ws-url'],
    ...(flags['info-url'] === undefined ? {} : { infoUrl: flags['info-url'] }),
    coins: [...flags.coins],
    // Relative to where pnpm was run (`INIT_CWD`): pnpm runs scripts inside apps/recorder.
    outDir: path.resolve(process.env.INIT_CWD ?? process.cwd(), flags.out),
    rotate: flags.rotate,
    staleAfterMs: flags['stale-after-ms'],
    progressIntervalMs: flags['progress-ms'],
  };
}
