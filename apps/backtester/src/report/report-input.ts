import { configIssuesFromZod, InvalidInputError } from '@mm/core';
import { z } from 'zod';

/** Everything the HTML report shows; built by the replay from its recorder. */
export interface ReportInput {
  /** Page heading, e.g. "BTC · hyperliquid · btcusd_20250126". */
  title: string;
  /** The command line that produced the run, shown so the report can be reproduced. */
  generatedBy: string;
  /** Shown as a two-column table in insertion order; numbers are formatted, strings shown as given. */
  summary: Record<string, number | string>;
  series: {
    /** Sample times, integer microseconds since the Unix epoch, non-decreasing. */
    timeUs: Float64Array | number[];
    /** Net PnL in quote currency. */
    equity: number[];
    /** Position in base units. */
    inventory: number[];
    mid: number[];
    /** Our best bid price; `null` while not quoting that side. */
    bid: (number | null)[];
    ask: (number | null)[];
  };
  fills: Array<{ timeUs: number; side: 'buy' | 'sell'; price: number; size: number; liquidity: 'maker' | 'taker' }>;
  /** Share of time (a fraction in [0, 1]) spent in each inventory bucket. */
  inventoryHistogram?: Array<{ bucket: string; share: number }>;
  markouts?: Array<{ horizon: string; bps: number }>;
}

const SERIES_KEYS = ['equity', 'inventory', 'mid', 'bid', 'ask'] as const;

const timeArray = z.custom<Float64Array | number[]>(
  (value) => value instanceof Float64Array || Array.isArray(value),
  'expected an array of numbers or a Float64Array',
);
const numberArray = z.custom<number[]>((value) => Array.isArray(value), 'expected an array of numbers');
const anyNumber = z.custom<number>((value) => typeof value === 'number', 'expected a number');
const nullableNumberArray = z.custom<(number | null)[]>((value) => Array.isArray(value), 'expected an array');

/**
 * Series are checked element by element in plain loops rather than with `z.array(z.number())`:
 * a day of replay is millions of samples and the report must not take longer than the run. Only the
 * first bad element is reported, which is enough to find the bug.
 */
function checkSeries(series: ReportInput['series'], context: z.RefinementCtx): void {
  const { timeUs } = series;
  for (let i = 0; i < timeUs.length; i += 1) {
    const time = timeUs[i] as unknown;
    if (typeof time !== 'number' || !Number.isSafeInteger(time)) {
      context.addIssue({ code: 'custom', path: ['timeUs', i], message: 'must be an integer number of microseconds' });
      return;
    }
    if (i > 0 && time < (timeUs[i - 1] as number)) {
      context.addIssue({ code: 'custom', path: ['timeUs', i], message: 'times must be non-decreasing' });
      return;
    }
  }
  for (const key of SERIES_KEYS) {
    const values: ArrayLike<unknown> = series[key];
    if (values.length !== timeUs.length) {
      context.addIssue({ code: 'custom', path: [key], message: `has ${values.length} samples but timeUs has ${timeUs.length}` });
      continue;
    }
    // NaN and ±Infinity are accepted and drawn as gaps; anything that is not a number is a bug upstream.
    const nullable = key === 'bid' || key === 'ask';
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i];
      if (typeof value === 'number' || (nullable && value === null)) continue;
      context.addIssue({ code: 'custom', path: [key, i], message: nullable ? 'must be a number or null' : 'must be a number' });
      break;
    }
  }
}

export const reportInputSchema = z.strictObject({
  title: z.string(),
  generatedBy: z.string(),
  // Any number, NaN included: a Sharpe ratio of a run without trades is NaN and is shown as "n/a".
  summary: z.record(z.string(), z.union([z.string(), anyNumber])),
  series: z
    .strictObject({
      timeUs: timeArray,
      equity: numberArray,
      inventory: numberArray,
      mid: numberArray,
      bid: nullableNumberArray,
      ask: nullableNumberArray,
    })
    .superRefine(checkSeries),
  fills: z.array(
    z.strictObject({
      timeUs: z.number().int(),
      side: z.enum(['buy', 'sell']),
      price: z.number(),
      size: z.number(),
      liquidity: z.enum(['maker', 'taker']),
    }),
  ),
  inventoryHistogram: z
    .array(z.strictObject({ bucket: z.string(), share: z.number().min(0).max(1, 'share is a fraction of time in [0, 1]') }))
    .optional(),
  // NaN bps (no fill reached that horizon) is drawn as a missing bar labelled "n/a".
  markouts: z.array(z.strictObject({ horizon: z.string(), bps: anyNumber })).optional(),
});

/** Validates report input; throws `InvalidInputError` naming every bad field (`context.issues`). */
export function parseReportInput(input: unknown): ReportInput {
  const result = reportInputSchema.safeParse(input);
  if (!result.success) {
    const issues = configIssuesFromZod(result.error);
    const lines = issues.map((issue) => `  - ${issue.field}: ${issue.problem}`).join('\n');
    throw new InvalidInputError(`Invalid report input:\n${lines}`, { issues });
  }
  return result.data as ReportInput;
}
