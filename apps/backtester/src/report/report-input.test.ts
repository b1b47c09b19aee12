import { InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { parseReportInput, type ReportInput } from './report-input.js';
import { sampleReportInput } from './sample-report-input.js';

function issuesOf(input: unknown): { field: string; problem: string }[] {
  try {
    parseReportInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).context.issues as { field: string; problem: string }[];
  }
  throw new Error('expected the input to be rejected');
}

describe('parseReportInput', () => {
  it('accepts a sample run with Float64Array times and NaN summary values, passing series through uncopied', () => {
    const input = sampleReportInput(100);
    const parsed = parseReportInput(input);
    expect(parsed.series.timeUs).toBe(input.series.timeUs);
    expect(parsed.summary).toEqual(input.summary);
  });

  it('names the series whose length differs from timeUs', () => {
    const input = sampleReportInput(10);
    const bad: ReportInput = { ...input, series: { ...input.series, equity: input.series.equity.slice(1) } };
    expect(issuesOf(bad)).toEqual([{ field: 'series.equity', problem: 'has 9 samples but timeUs has 10' }]);
  });

  it('rejects decreasing or fractional times and non-numbers, naming the first bad index', () => {
    const input = sampleReportInput(10);
    expect(issuesOf({ ...input, series: { ...input.series, timeUs: [...input.series.timeUs].reverse() } })[0]).toEqual({
      field: 'series.timeUs.1',
      problem: 'times must be non-decreasing',
    });
    expect(issuesOf({ ...input, series: { ...input.series, timeUs: [...input.series.timeUs].map((t) => t + 0.5) } })[0]?.field).toBe(
      'series.timeUs.0',
    );
    const mid: unknown[] = [...input.series.mid];
    mid[3] = '104000';
    expect(issuesOf({ ...input, series: { ...input.series, mid } })).toEqual([{ field: 'series.mid.3', problem: 'must be a number' }]);
  });

  it('rejects unknown keys, bad fills and histogram shares outside [0, 1]', () => {
    const input = sampleReportInput(10);
    const fields = issuesOf({
      ...input,
      colour: 'blue',
      fills: [{ timeUs: 1, side: 'bid', price: 1, size: 1, liquidity: 'maker' }],
      inventoryHistogram: [{ bucket: '0', share: 40 }],
    }).map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['colour', 'fills.0.side', 'inventoryHistogram.0.share']));
  });
});
