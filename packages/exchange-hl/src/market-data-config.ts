import { parseConfig } from '@mm/core';
import { z } from 'zod';
import { marketSchema } from './execution-config.js';

export const marketDataConfigSchema = z.strictObject({
  wsUrl: z.string().url().optional(),
  isTestnet: z.boolean().default(false),
  markets: z.array(marketSchema).min(1),
  requestTimeoutMs: z.number().int().positive().default(10_000),
  /** No l2Book for this long → a 'stale' notification (the venue pushes at least every ~0.5 s when it moves). */
  staleAfterMs: z.number().int().positive().default(5_000),
  staleCheckEveryMs: z.number().int().positive().default(1_000),
});

export type MarketDataConfigInput = z.input<typeof marketDataConfigSchema>;
export type MarketDataConfig = z.output<typeof marketDataConfigSchema>;

export function parseMarketDataConfig(input: unknown): MarketDataConfig {
  return parseConfig(marketDataConfigSchema, input, 'Hyperliquid market data config');
}
