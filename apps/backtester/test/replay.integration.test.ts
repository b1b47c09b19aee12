import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumAvailability, launchChromium } from '@mm/test-chromium';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@mm/core';
import { bookCommand } from '../src/commands/book-command.js';
import { replayCommand } from '../src/commands/replay-command.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const data = path.resolve(repositoryRoot, '..', 'shared', 'data');
const work = mkdtempSync(path.join(tmpdir(), 'mm-backtester-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CAPTURES = [
  'hyperliquid/btcusd_20250126.gz',
  'binance-usdm/btcusdt_20240808.gz',
  'binance-usdm/btcusdt_20240718.gz',
  'binance-usdm/btcusdt_20240719.gz',
  'binance-usdm/ethusdt_20240808.gz',
];

describe('backtester replay on every recorded capture', () => {
  for (const capture of CAPTURES) {
    it(`replays ${capture} and writes summary.json and report.html`, async () => {
      const out = path.join(work, path.basename(capture, '.gz'));
      const outcome = await replayCommand(['--data', path.join(data, capture), '--out', out, '--quiet'], repositoryRoot);
      const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
      expect(summary.events).toBeGreaterThan(1_000);
      if (capture.endsWith('20240719.gz')) {
        // No REST snapshot in this file: its diffs-only book is never given to the strategy.
        expect(summary.ordersSent).toBe(0);
        expect(summary.dataQuality.map((event: { kind: string }) => event.kind)).toContain('no-complete-book');
        expect(outcome.text).toMatch(/no-complete-book ×1 from 2024-07-19T/);
      } else {
        expect(summary.timeQuotingAnySidePct).toBeGreaterThan(50);
      }
      expect(summary.netPnlQuote).toBeCloseTo(
        summary.spreadCaptureQuote + summary.inventoryPnlQuote + summary.feePnlQuote + summary.fundingQuote,
        6,
      );
      expect(summary.maxAbsPositionQuote).toBeLessThanOrEqual(summary.strategy.config.maxPositionUsd);
      expect(existsSync(path.join(out, 'report.html'))).toBe(true);
      expect(outcome.text).toContain('net PnL');
    }, 120_000);
  }

  it('replays a capture twice back to back and counts events like hftbacktest', async () => {
    const out = path.join(work, 'repeat');
    const { result } = await replayCommand(
      ['--data', path.join(data, 'binance-usdm/btcusdt_20240808.gz'), '--out', out, '--repeat', '2', '--quiet', '--no-report'],
      repositoryRoot,
    );
    expect(result.events).toBe(2 * 466_834);
  }, 120_000);

  it('runs the adaptive strategy in the same engine', async () => {
    const { result } = await replayCommand(
      [
        '--data',
        path.join(data, 'binance-usdm/btcusdt_20240808.gz'),
        '--strategy',
        'adaptive',
        '--out',
        path.join(work, 'adaptive'),
        '--quiet',
        '--no-report',
      ],
      repositoryRoot,
    );
    expect(result.summary.fills).toBeGreaterThan(0);
    expect(result.summary.maxAbsPositionQuote).toBeLessThanOrEqual(500);
  }, 120_000);

  it('reads any file name: venue and symbol come from the content', async () => {
    const renamed = path.join(work, 'eth-capture.gz');
    copyFileSync(path.join(data, 'binance-usdm/ethusdt_20240808.gz'), renamed);
    const { result, text } = await replayCommand(
      ['--data', renamed, '--out', path.join(work, 'renamed'), '--quiet', '--no-report'],
      repositoryRoot,
    );
    expect(result.instrument).toMatchObject({ symbol: 'ETHUSDT', venue: 'binance-usdm', tickSizeText: '0.01' });
    expect(text).toContain('binance-usdm');
    await expect(replayCommand(['--data', path.join(data, 'binance-spot/ethusdt_20240808.gz'), '--quiet'], repositoryRoot)).rejects.toThrow(
      /Binance spot/,
    );
  }, 120_000);

  it('takes the venue minimum from the flags, and keeps the venue rule by default', async () => {
    const capture = path.join(data, 'binance-usdm/btcusdt_20240808.gz');
    const small = await replayCommand(
      ['--data', capture, '--min-notional', '1', '--order-size-usd', '70', '--out', path.join(work, 'small'), '--quiet', '--no-report'],
      repositoryRoot,
    );
    expect(small.result.instrument.minNotional).toBe(1);
    expect(small.result.summary.fills).toBeGreaterThan(0);
    const rule = await replayCommand(
      ['--data', capture, '--order-size-usd', '70', '--out', path.join(work, 'rule'), '--quiet', '--no-report'],
      repositoryRoot,
    );
    expect(rule.result.instrument.minNotional).toBe(100);
    expect(rule.result.summary.fills).toBe(0); // one 0.001 lot (~$62) is below Binance's $100
  }, 120_000);

  it("settles a real funding series moved onto the data's dates, and names it in the summary", async () => {
    const out = path.join(work, 'funding');
    const days = [path.join(data, 'binance-usdm/btcusdt_20240718.gz'), path.join(data, 'binance-usdm/btcusdt_20240719.gz')].join(',');
    const series = path.join(data, 'funding/btcusdt_binance_funding.csv.gz');
    const outcome = await replayCommand(
      [
        '--data',
        days,
        '--funding',
        series,
        '--funding-align',
        '2023-07-18',
        '--funding-interval-hours',
        '0.25',
        '--out',
        out,
        '--quiet',
        '--no-report',
      ],
      repositoryRoot,
    );
    expect(outcome.text).toMatch(
      /funding .*btcusdt_binance_funding\.csv\.gz \(BTC-USDT\), every 0\.25 h, moved 366 days onto the data's dates/,
    );
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.funding.series).toBe('btcusdt_binance_funding.csv.gz (BTC-USDT)');
    expect(summary.fundingQuote).toBeCloseTo(
      summary.funding.settlements.reduce((sum: number, entry: { amountQuote: number }) => sum + entry.amountQuote, 0),
      12,
    );
    // Without the alignment the series (2020-2023) does not reach the capture (2024).
    await expect(
      replayCommand(['--data', days, '--funding', series, '--out', out, '--quiet', '--no-report'], repositoryRoot),
    ).rejects.toThrow(/give funding.alignDay \(--funding-align YYYY-MM-DD\)/);
  }, 120_000);

  it('names the bad flag', async () => {
    await expect(
      replayCommand(['--data', path.join(data, 'hyperliquid/btcusd_20250126.gz'), '--queue-modle', 'x'], repositoryRoot),
    ).rejects.toThrow(/--queue-modle/);
    await expect(
      replayCommand(['--data', path.join(data, 'hyperliquid/btcusd_20250126.gz'), '--repeat', '0'], repositoryRoot),
    ).rejects.toThrow(/--repeat: must be >= 1/);
    await expect(replayCommand(['--data', path.join(work, 'missing.gz')], repositoryRoot)).rejects.toThrow(ConfigError);
  });
});

describe('backtester book', () => {
  it('rebuilds 08-08 to its end: 9,597 levels, best bid 61659.7 @ 1.486', async () => {
    const text = await bookCommand(['--data', path.join(data, 'binance-usdm/btcusdt_20240808.gz'), '--at', 'end', '--json']);
    expect(JSON.parse(text)).toEqual([expect.objectContaining({ bestBid: '61659.7', bestBidSize: '1.486', levels: 9_597 })]);
  });

  it('reads files in order and takes times in nanoseconds or ISO-8601', async () => {
    const files = ['binance-usdm/btcusdt_20240718.gz', 'binance-usdm/btcusdt_20240719.gz'].map((file) => path.join(data, file)).join(',');
    const text = await bookCommand(['--data', files, '--at', '1721347200000000000,2024-07-19T00:05:00Z', '--json']);
    const [midnight, later] = JSON.parse(text);
    expect(midnight.localTimeUs).toBe(1_721_347_200_000_000);
    expect(later.levels).toBeGreaterThan(9_000);
    expect(Number(later.bestBid)).toBeLessThan(Number(later.bestAsk));
  });
});

// Runs when Chromium is here or required (MM_REQUIRE_CHROMIUM=1: then a missing one fails this block only).
const chromiumHere = chromiumAvailability();
describe.skipIf(!chromiumHere.present && !chromiumHere.required)('replay report in headless Chromium', () => {
  it('loads offline, draws every plot and logs no error', async () => {
    const out = path.join(work, 'report-check');
    await replayCommand(['--data', path.join(data, 'binance-usdm/btcusdt_20240808.gz'), '--out', out, '--quiet'], repositoryRoot);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
      await page.waitForSelector('body[data-report-ready="true"]', { timeout: 20_000 });
      for (const plot of ['equity', 'inventory', 'price']) {
        expect(await page.getAttribute(`[data-plot="${plot}"]`, 'data-drawn')).toBe('true');
      }
      expect(await page.textContent('body')).toContain('spread capture');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
