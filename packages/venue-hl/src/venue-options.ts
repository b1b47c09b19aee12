import { parseConfig } from '@mm/core';
import { z } from 'zod';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte hex address')
  .transform((text) => text.toLowerCase() as `0x${string}`);

/** One trading account of the venue and the API (agent) wallets allowed to sign for it. */
export const venueAccountSchema = z.strictObject({
  address,
  agents: z.array(address).default([]),
  /** USDC the account starts with (the margin summary's base). */
  startingUsdc: z.number().nonnegative().default(100_000),
  /** Lifetime traded volume before the venue starts (gates `scheduleCancel`, like the real venue). */
  tradedVolumeUsd: z.number().nonnegative().default(0),
});

export const venueOptionsSchema = z.strictObject({
  host: z.string().default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** Recorded capture (gzip, `<ns> <frame>` lines) replayed in a loop as the market. */
  dataPath: z.string().min(1),
  /**
   * What the capture holds: Hyperliquid `l2Book`/`trades` frames, or a Binance USD-M BTCUSDT
   * capture turned into a Hyperliquid BTC market (see `loadBinanceMarketCapture`). 'auto' goes by
   * the file's folder (`binance-usdm/...`).
   */
  dataFormat: z.enum(['auto', 'hyperliquid', 'binance-usdm']).default('auto'),
  /** Chooses the signing domain (phantom agent source 'b' testnet, 'a' mainnet), as the SDK does. */
  isTestnet: z.boolean().default(false),
  accounts: z.array(venueAccountSchema).min(1),
  coin: z.string().default('BTC'),
  szDecimals: z.number().int().min(0).max(6).default(5),
  maxLeverage: z.number().int().positive().default(40),
  /**
   * Fees: 'tiered' charges each account the rate of its 14-day volume tier and maker share, as
   * `userFees` reports (a new account pays 0.045 % taker, 0.015 % maker); fixed rates (fractions,
   * negative maker = rebate) override that for every account.
   */
  fees: z
    .union([z.literal('tiered'), z.strictObject({ makerRate: z.number().min(-0.01).max(0.01), takerRate: z.number().min(0).max(0.01) })])
    .default('tiered'),
  /** Seed of trade ids and hashes; by default the venue's start time, so ids never repeat across runs. */
  idSeed: z.string().min(1).optional(),
  /** The real venue refuses `scheduleCancel` below $1M traded volume; true lifts that gate. */
  allowScheduleCancel: z.boolean().default(false),
  /** Nonces must lie in (now − pastMs, now + futureMs) of the venue clock (venue: 2 days, 1 day). */
  nonceWindowPastMs: z
    .number()
    .int()
    .positive()
    .default(2 * 24 * 60 * 60 * 1000),
  nonceWindowFutureMs: z
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60 * 1000),
  /** Nonces remembered per signer; a nonce at or below the smallest of a full set is stale. */
  nonceSetSize: z.number().int().positive().default(100),
  /** How often the replay catches up with the clock (0: only when asked, e.g. tests). */
  replayIntervalMs: z.number().int().nonnegative().default(50),
  /** Pause between the end of the capture and its next loop. */
  loopGapMs: z.number().int().nonnegative().default(500),
  /** Expose `POST /control` for fault injection. */
  enableControl: z.boolean().default(true),
});

export type VenueOptionsInput = z.input<typeof venueOptionsSchema>;
export type VenueOptions = z.output<typeof venueOptionsSchema>;
export type VenueAccount = z.output<typeof venueAccountSchema>;

export function parseVenueOptions(input: unknown): VenueOptions {
  return parseConfig(venueOptionsSchema, input, 'Hyperliquid venue options');
}
