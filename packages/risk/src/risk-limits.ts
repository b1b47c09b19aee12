import { InvalidInputError, MICROS_PER_SECOND, parseConfig, type Micros } from '@mm/core';
import { z } from 'zod';

const positiveUsd = z.number().positive();
/** A percentage of something: more than 0, at most 100. */
const percent = z.number().gt(0).max(100);
const positiveSeconds = z.number().positive();

/**
 * Risk limits and circuit-breaker settings. Every default lives here and nowhere else.
 * Limits must be positive: a zero limit would silently mean "never trade", which is a kill switch,
 * not a limit. Durations are in seconds because people write this file; the manager converts them
 * to integer microseconds once.
 */
export const riskLimitsSchema = z
  .strictObject({
    /** Capital the drawdown limit is a percentage of. Required: there is no safe default. */
    capitalUsd: positiveUsd,
    /** Largest |position| notional per asset; at or above it, the side that would grow it is paused. */
    maxPositionUsdPerAsset: positiveUsd.default(500),
    /**
     * Per-symbol overrides of `maxPositionUsdPerAsset` (a user's BTC limit need not be their ETH
     * limit); a symbol not listed has `maxPositionUsdPerAsset`.
     */
    maxPositionUsdBySymbol: z.record(z.string(), positiveUsd).default({}),
    /** Largest sum of |position| notionals; at or above it, every side that would grow a position is paused. */
    maxTotalPositionUsd: positiveUsd.default(2000),
    /** Loss since 00:00 UTC at which trading stops until the next 00:00 UTC. */
    maxDailyLossUsd: positiveUsd.default(50),
    /** Drawdown from peak equity, in % of `capitalUsd`, above which trading stops until a manual reset. */
    maxDrawdownPct: percent.default(5),
    /** Quoting on a symbol pauses while its volatility is more than this multiple of its normal volatility. */
    volatilityPauseMultiple: z.number().positive().default(3),
    /** New orders (place or modify) allowed in any rolling minute; further ones are denied. */
    maxOrdersPerMinute: z.number().int().positive().default(60),

    /** A price move of more than this % within `widenWindowSeconds` widens spreads. */
    widenMovePct: percent.default(1),
    widenWindowSeconds: positiveSeconds.default(60),
    /** Spread multiplier while widened; at least 1 (a widening never tightens). */
    widenSpreadMultiple: z.number().min(1).default(3),
    widenCooldownSeconds: positiveSeconds.default(300),

    /** A price move of more than this % within `cancelWindowSeconds` cancels all orders on the symbol. */
    cancelMovePct: percent.default(3),
    cancelWindowSeconds: positiveSeconds.default(300),
    cancelCooldownSeconds: positiveSeconds.default(900),

    /** More than this many API errors within `apiErrorWindowSeconds` pause quoting everywhere. */
    maxApiErrors: z.number().int().min(0).default(5),
    apiErrorWindowSeconds: positiveSeconds.default(60),
    apiErrorPauseSeconds: positiveSeconds.default(120),

    /** Status thresholds, in % of a limit: WARNING from `warningUsagePct`, CRITICAL from `criticalUsagePct`. */
    warningUsagePct: percent.default(50),
    criticalUsagePct: percent.default(80),
  })
  .superRefine((limits, context) => {
    if (limits.warningUsagePct >= limits.criticalUsagePct) {
      context.addIssue({
        code: 'custom',
        path: ['warningUsagePct'],
        message: `must be < criticalUsagePct (${limits.criticalUsagePct})`,
      });
    }
  });

/** What a user writes: only `capitalUsd` is required. */
export type RiskLimitsInput = z.input<typeof riskLimitsSchema>;
/** Parsed, defaulted, frozen limits. */
export type RiskLimits = Readonly<z.output<typeof riskLimitsSchema>>;

/** Parses risk limits; anything invalid is one `ConfigError` naming every bad field. */
export function parseRiskLimits(input: unknown): RiskLimits {
  return parseConfig(riskLimitsSchema, input, 'risk limits');
}

/** The per-asset position limit of `symbol`: its own if it has one, else the common one. */
export function maxPositionUsdFor(limits: RiskLimits, symbol: string): number {
  return limits.maxPositionUsdBySymbol[symbol] ?? limits.maxPositionUsdPerAsset;
}

/** Seconds from the config to integer microseconds, the unit of every time inside. */
export function secondsToMicros(seconds: number): Micros {
  return Math.round(seconds * MICROS_PER_SECOND);
}

/**
 * The order-rate limit that leaves a known normal rate below the warning level: the smallest whole
 * `maxOrdersPerMinute` at which `normalOrdersPerMinute` uses less than `warningUsagePct` of it. A
 * strategy that only spends its own order budget is then NORMAL; WARNING means orders beyond it
 * (a requote loop, a second sender), and the limit still denies a runaway.
 */
export function orderRateLimitAbove(normalOrdersPerMinute: number, warningUsagePct: number): number {
  if (!(normalOrdersPerMinute >= 0) || !Number.isFinite(normalOrdersPerMinute))
    throw new InvalidInputError(`normalOrdersPerMinute must be a finite number >= 0, got ${normalOrdersPerMinute}`);
  if (!(warningUsagePct > 0 && warningUsagePct <= 100))
    throw new InvalidInputError(`warningUsagePct must be in (0, 100], got ${warningUsagePct}`);
  // normal / limit < warning / 100  <=>  limit > normal * 100 / warning.
  return Math.max(1, Math.floor((normalOrdersPerMinute * 100) / warningUsagePct) + 1);
}
