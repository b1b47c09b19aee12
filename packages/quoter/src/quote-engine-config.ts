import { parseConfig } from '@mm/core';
import { z } from 'zod';

/** Shares may come from decimal config text; this much float slack in their sum is accepted. */
const SHARE_SUM_TOLERANCE = 1e-9;

/**
 * Configuration of the practical quoter (`QuoteEngine`). Strict: unknown keys fail. This schema is
 * the only place defaults live. Spreads are in basis points of the mid; `spreadBps` is the full
 * bid-to-ask distance at level 0 before per-side widening.
 */
export const quoteEngineConfigSchema = z
  .strictObject({
    /** Spread floor before volatility and inventory are added. */
    baseSpreadBps: z.number().nonnegative().default(2),
    /** Spread added per bp of volatility: `spreadBps = base + volatilityBps × volMultiplier + …`. */
    volMultiplier: z.number().nonnegative().default(1.5),
    /** Spread added at full inventory (|inventoryRatio| = 1), linear in between: holding risk costs more. */
    inventoryPenaltyBps: z.number().nonnegative().default(2),
    /** Shift of both quotes against the inventory: `skewBps = inventoryRatio × skewFactor × volatilityBps`. */
    skewFactor: z.number().nonnegative().default(0.5),
    /** Shift with book imbalance, as a fraction of the half spread at |imbalance| = 1. */
    imbalanceFactor: z.number().min(0).max(1).default(0.5),
    /** Shift with the caller's directional bias, as a fraction of the half spread at |bias| = 1. */
    biasFactor: z.number().min(0).max(1).default(0.5),
    /** The level-0 bid and ask are never closer than this, even after rounding to the grid. */
    minSpreadBps: z.number().nonnegative().default(0.5),
    maxSpreadBps: z.number().positive().default(20),
    /** Quote-currency notional quoted per side, summed over the levels. */
    orderSizeUsd: z.number().positive().default(100),
    numLevels: z.number().int().min(1).max(50).default(3),
    /** Extra distance from mid of each level beyond the previous one. */
    levelSpacingBps: z.number().nonnegative().default(1),
    /**
     * Share of `orderSizeUsd` per level, best level first; one per level, summing to 1. Left out,
     * it is `defaultLevelSizeShares(numLevels)`.
     */
    levelSizeShares: z.array(z.number().positive()).min(1).optional(),
  })
  .superRefine((config, context) => {
    if (config.minSpreadBps > config.maxSpreadBps) {
      context.addIssue({
        code: 'custom',
        path: ['minSpreadBps'],
        message: `must be <= maxSpreadBps (${config.maxSpreadBps}), got ${config.minSpreadBps}`,
      });
    }
    if (config.levelSizeShares === undefined) return;
    if (config.levelSizeShares.length !== config.numLevels) {
      context.addIssue({
        code: 'custom',
        path: ['levelSizeShares'],
        message: `must have one share per level (numLevels = ${config.numLevels}), got ${config.levelSizeShares.length}`,
      });
    }
    const shareSum = config.levelSizeShares.reduce((sum, share) => sum + share, 0);
    if (Math.abs(shareSum - 1) > SHARE_SUM_TOLERANCE) {
      context.addIssue({ code: 'custom', path: ['levelSizeShares'], message: `must sum to 1, got ${shareSum}` });
    }
  })
  .transform((config) => ({ ...config, levelSizeShares: config.levelSizeShares ?? defaultLevelSizeShares(config.numLevels) }));

/** Front-loaded shares for up to three levels (the best level fills most often), equal beyond. */
const FRONT_LOADED_SHARES: Readonly<Record<number, readonly number[]>> = {
  1: [1],
  2: [0.55, 0.45],
  3: [0.4, 0.35, 0.25],
};

/**
 * How `orderSizeUsd` is split over `numLevels` levels when the config does not say: more size
 * where fills are likeliest (the best level), equal shares past three levels.
 */
export function defaultLevelSizeShares(numLevels: number): number[] {
  const shares = FRONT_LOADED_SHARES[numLevels];
  return shares === undefined ? Array.from({ length: numLevels }, () => 1 / numLevels) : [...shares];
}

/** What a user writes (every field optional). */
export type QuoteEngineConfigInput = z.input<typeof quoteEngineConfigSchema>;
/** The parsed, defaulted, frozen config. */
export type QuoteEngineConfig = Readonly<z.output<typeof quoteEngineConfigSchema>>;

/** Parses and freezes a quote engine config; a `ConfigError` names every bad field. */
export function parseQuoteEngineConfig(input: unknown): QuoteEngineConfig {
  return parseConfig(quoteEngineConfigSchema, input, 'quote engine config');
}
