import { InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import type { ReportInput } from './report-input.js';
import { sampleReportInput } from './sample-report-input.js';

interface Embedded {
  startUs: number;
  endUs: number;
  series: Record<'equity' | 'inventory' | 'mid' | 'bid' | 'ask', { t: number[]; v: (number | null)[] }>;
  fills: { t: number[]; p: number[]; buy: number[]; maker: number[] };
  fillsShown: number;
  fillsTotal: number;
  markouts: { horizon: string; bps: number | null }[] | null;
}

function embeddedData(html: string): Embedded {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse((match as RegExpExecArray)[1] as string) as Embedded;
}

describe('renderReport', () => {
  it('is one self-contained document: inline style and script, nothing to fetch', () => {
    const html = renderReport(sampleReportInput(500));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    for (const plot of ['equity', 'inventory', 'price', 'inventory-histogram', 'markouts']) {
      expect(html).toContain(`data-plot="${plot}"`);
    }
  });

  it('escapes the title, command line and summary keys and values', () => {
    const input: ReportInput = {
      ...sampleReportInput(20),
      title: '<img src=x onerror=alert(1)> BTC & "ETH"',
      generatedBy: "replay --note '</script><script>alert(2)</script>'",
      summary: { '<b>net PnL</b>': '<i>12</i>', 'fills & "round trips"': 3 },
    };
    const html = renderReport(input);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('alert(2)</script>');
    expect(html).toContain('<title>&lt;img src=x onerror=alert(1)&gt; BTC &amp; &quot;ETH&quot;</title>');
    expect(html).toContain('<th scope="row">&lt;b&gt;net PnL&lt;/b&gt;</th><td title="&lt;i&gt;12&lt;/i&gt;">&lt;i&gt;12&lt;/i&gt;</td>');
    expect(html).toContain('<th scope="row">fills &amp; &quot;round trips&quot;</th><td title="3">3</td>');
  });

  it('shows summary rows in order with formatted values', () => {
    const html = renderReport({
      ...sampleReportInput(20),
      summary: { 'net PnL': 1234.5, Sharpe: Number.NaN, volume: 2_500_000, 'spread captured': '3.1 bps' },
    });
    const rows = [...html.matchAll(/<th scope="row">([^<]*)<\/th><td[^>]*>([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ['net PnL', '1,234.5'],
      ['Sharpe', 'n/a'],
      ['volume', '2,500,000'],
      ['spread captured', '3.1 bps'],
    ]);
  });

  it('embeds every sample of a short run, times relative to the start', () => {
    const input = sampleReportInput(300);
    const data = embeddedData(renderReport(input));
    const startUs = input.series.timeUs[0] as number;
    expect(data.startUs).toBe(startUs);
    expect(data.series.mid.t).toEqual([...input.series.timeUs].map((t) => t - startUs));
    expect(data.series.bid.v).toEqual(input.series.bid);
    expect(data.fillsTotal).toBe(input.fills.length);
    expect(data.fills.t).toHaveLength(input.fills.length);
    expect(data.markouts?.[2]).toEqual({ horizon: '30s', bps: null });
  });

  it('keeps a 1M-sample run small: downsampled series and thinned fills', () => {
    const input = sampleReportInput(1_000_000, { fillEvery: 50 });
    expect(input.fills.length).toBeGreaterThan(10_000);
    const html = renderReport(input);
    expect(html.length).toBeLessThan(2_000_000);
    const data = embeddedData(html);
    for (const series of Object.values(data.series)) expect(series.t.length).toBeLessThanOrEqual(8_000);
    expect(data.fillsShown).toBeLessThan(input.fills.length);
    expect(data.fillsTotal).toBe(input.fills.length);
    expect(data.endUs - data.startUs).toBe((input.series.timeUs.at(-1) as number) - (input.series.timeUs[0] as number));
  });

  it('renders an empty run without failing', () => {
    const html = renderReport({
      title: 'empty',
      generatedBy: 'replay',
      summary: {},
      series: { timeUs: [], equity: [], inventory: [], mid: [], bid: [], ask: [] },
      fills: [],
    });
    expect(html).toContain('no samples');
    expect(html).not.toContain('data-plot="markouts"');
  });

  it('throws InvalidInputError on inconsistent input', () => {
    const input = sampleReportInput(10);
    expect(() => renderReport({ ...input, series: { ...input.series, ask: [] } })).toThrow(InvalidInputError);
  });
});
