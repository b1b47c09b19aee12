import { MICROS_PER_DAY, parseConfig } from '@mm/core';
import { z } from 'zod';

/** A share of the maximum position: in (0, 1]. */
const shareOfMax = z.number().gt(0).lte(1);

/**
 * Thresholds of the inventory control ladder, as shares of the maximum position |q|/max. The
 * defaults here are the only ones: widen the side that would grow the position above 50%, stop
 * quoting it above 80%, hedge back to 50% above 90%. Each rung must sit strictly above the one below.
 */
export const inventoryLadderConfigSchema = z
  .strictObject({
    /** Above this share the side that would grow the position is quoted wider. */
    widenAboveRatio: shareOfMax.default(0.5),
    /** Spread multiplier of the widened side (≥ 1; 1 turns widening off). */
    widenSpreadMultiplier: z.number().min(1).max(100).default(2),
    /** Above this share the side that would grow the position is not quoted. */
    pauseAboveRatio: shareOfMax.default(0.8),
    /** Above this share a reduce-only hedge brings the position back to `hedgeTargetRatio`. */
    hedgeAboveRatio: shareOfMax.default(0.9),
    /** Where a hedge brings |position| back to, as a share of max; 0 hedges to flat. */
    hedgeTargetRatio: z.number().min(0).lt(1).default(0.5),
    /**
     * Time of day (microseconds after 00:00 UTC) from which the position is flattened and quoting
     * stops, until the UTC day ends. null (the default): no end-of-day flatten; perps trade 24/7.
     */
    endOfDayFlattenUtcTimeOfDayUs: z.number().int().min(0).lt(MICROS_PER_DAY).nullable().default(null),
  })
  .superRefine((config, context) => {
    if (!(config.pauseAboveRatio > config.widenAboveRatio)) {
      context.addIssue({
        code: 'custom',
        path: ['pauseAboveRatio'],
        message: `must be greater than widenAboveRatio (${config.widenAboveRatio}); thresholds must increase`,
      });
    }
    if (!(config.hedgeAboveRatio > config.pauseAboveRatio)) {
      context.addIssue({
        code: 'custom',
        path: ['hedgeAboveRatio'],
        message: `must be greater than pauseAboveRatio (${config.pauseAboveRatio}); thresholds must increase`,
      });
    }
    if (!(config.hedgeTargetRatio < config.hedgeAboveRatio)) {
      context.addIssue({
        code: 'custom',
        path: ['hedgeTargetRatio'],
        message: `must be less than hedgeAboveRatio (${config.hedgeAboveRatio}), or a hedge would not reduce`,
      });
    }
  });

export type InventoryLadderConfig = Readonly<z.output<typeof inventoryLadderConfigSchema>>;
export type InventoryLadderConfigInput = z.input<typeof inventoryLadderConfigSchema>;

/** Parses ladder settings once, at start-up; anything invalid is a `ConfigError` naming the field. */
export function parseInventoryLadderConfig(input: unknown = {}): InventoryLadderConfig {
  return parseConfig(inventoryLadderConfigSchema, input, 'inventory ladder config');
}
