import { parseConfig } from '@mm/core';
import { z } from 'zod';

/** Settings of a `PositionTracker` (and of every tracker a `Portfolio` creates). */
export const positionTrackerConfigSchema = z.strictObject({
  /**
   * How many of the latest fill ids are remembered for deduplication. A fill replayed after this
   * many newer fills would be counted again; replays on reconnect arrive far sooner.
   */
  rememberedFillIds: z.number().int().min(1).default(100_000),
});

export type PositionTrackerConfig = Readonly<z.output<typeof positionTrackerConfigSchema>>;
export type PositionTrackerConfigInput = z.input<typeof positionTrackerConfigSchema>;

/** Parses tracker settings (defaults from the schema); a bad field becomes a `ConfigError` naming it. */
export function parsePositionTrackerConfig(input: unknown = {}): PositionTrackerConfig {
  return parseConfig(positionTrackerConfigSchema, input, 'position tracker config');
}
