import { parseConfig } from '@mm/core';
import { z } from 'zod';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte hex address')
  .transform((text) => text.toLowerCase() as `0x${string}`);

export const marketSchema = z.strictObject({
  coin: z.string().min(1),
  /** Index in `meta.universe` (perps). */
  assetId: z.number().int().nonnegative(),
  szDecimals: z.number().int().min(0).max(6),
});

/** Adapter settings; the private key is passed separately and never stored in a config object. */
export const executionConfigSchema = z.strictObject({
  /** Base URL of /info and /exchange; default: the venue's own for the network. */
  apiUrl: z.string().url().optional(),
  /** WebSocket URL (userFills, orderUpdates); default: the venue's own for the network. */
  wsUrl: z.string().url().optional(),
  /** Signing domain (and default URLs): testnet vs mainnet. */
  isTestnet: z.boolean().default(false),
  /** Account queried for orders, fills and positions when the key is an agent (API) wallet's. */
  masterAddress: address.optional(),
  markets: z.array(marketSchema).min(1),
  requestTimeoutMs: z.number().int().positive().default(10_000),
  /** Per-IP weight budget per minute (the venue allows 1200). */
  weightLimitPerMinute: z.number().int().positive().default(1200),
  deadManSwitch: z
    .strictObject({
      enabled: z.boolean().default(true),
      renewEveryMs: z.number().int().positive().default(30_000),
      /** The venue wants at least 5 s when the request arrives (6 s leaves room for the trip); 60 s leaves room for a missed renewal. */
      cancelAfterMs: z.number().int().min(6_000).default(60_000),
    })
    .prefault({}),
  watchdog: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** No heartbeat() for this long and the adapter cancels all our orders. */
      stallAfterMs: z.number().int().positive().default(5_000),
      checkEveryMs: z.number().int().positive().default(1_000),
    })
    .prefault({}),
});

export type ExecutionConfigInput = z.input<typeof executionConfigSchema>;
export type ExecutionConfig = z.output<typeof executionConfigSchema>;

export function parseExecutionConfig(input: unknown): ExecutionConfig {
  return parseConfig(executionConfigSchema, input, 'Hyperliquid execution config');
}
