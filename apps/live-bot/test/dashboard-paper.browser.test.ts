import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumForTests, countPixels, launchChromium, watchPage } from '@mm/test-chromium';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBot, type RunningBot } from '../src/bot.js';
import { loadBotConfig } from '../src/config/bot-config.js';
import type { BotHistory } from '../src/monitoring/index.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
/** Where the screenshot of each run is left, to look at (the test's checks do not depend on it). */
const SCREENSHOT = path.join(tmpdir(), 'mm-live-bot-dashboard-paper.png');

/**
 * The dashboard of a real paper-mode bot (the embedded venue replaying the default capture), in
 * headless Chromium: every chart must have drawn something from the bot's own data. An empty chart
 * (no points, or nothing painted in its series colours) fails.
 */
describe.skipIf(!chromiumForTests('live-bot dashboard screenshot test'))('dashboard of a paper-mode bot in headless Chromium', () => {
  let bot: RunningBot;
  let browser: Browser;
  let page: Page;
  let journalDir: string;
  let history: BotHistory;
  let errors: string[] = [];
  let outside: string[] = [];

  beforeAll(async () => {
    journalDir = mkdtempSync(path.join(tmpdir(), 'live-bot-dashboard-'));
    const loaded = loadBotConfig(
      { MM_MONITOR_PORT: '0', NOTIFY_INTERVAL_SECONDS: '600', LOG_LEVEL: 'silent', JOURNAL_PATH: path.join(journalDir, 'journal.sqlite') },
      repositoryRoot,
    );
    bot = await startBot(loaded, pino({ level: 'silent' }), () => {});
    // Until the bot has been filled on both sides or a few times, and holds 20 s of points.
    const started = Date.now();
    for (;;) {
      history = (await (await fetch(`${bot.monitorUrl}/api/history`)).json()) as BotHistory;
      if ((history.fills.length >= 3 && history.points.length >= 20) || Date.now() - started > 100_000) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    const watch = watchPage(page, [`${bot.monitorUrl}/`]);
    errors = watch.errors;
    outside = watch.outsideRequests;
    await page.goto(`${bot.monitorUrl}/`);
    await page.waitForSelector('body[data-ready="true"]');
    writeFileSync(SCREENSHOT, await page.screenshot({ fullPage: true }));
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop('test over');
    if (journalDir !== undefined) rmSync(journalDir, { recursive: true, force: true });
  });

  it('had real data to draw: fills and at least 20 s of history', () => {
    expect(history.fills.length).toBeGreaterThanOrEqual(3);
    expect(history.points.length).toBeGreaterThanOrEqual(20);
  });

  const shapes = (selector: string) =>
    page.locator(selector).evaluate((box) => {
      const lines: Record<string, number> = {};
      for (const line of box.querySelectorAll('polyline')) {
        const name = line.getAttribute('data-series')!;
        lines[name] = (lines[name] ?? 0) + line.getAttribute('points')!.split(' ').length;
      }
      return {
        empty: box.getAttribute('data-empty'),
        lines,
        fills: box.querySelectorAll('path[data-series$="-fill"]').length,
        barHeights: [...box.querySelectorAll('rect[data-series="fill-rate"]')].map((bar) => Number(bar.getAttribute('height'))),
      };
    });

  /** Pixels of one chart painted in each of its series' colours (the page's COLORS). */
  const painted = async (selector: string, colors: Record<string, [number, number, number]>) =>
    (await countPixels(browser, await page.locator(`${selector} svg`).screenshot(), colors, 30)).counts;

  it('draws the PnL split: total, spread capture, rebates less fees and inventory, over every point', async () => {
    const pnl = await shapes('#chart-pnl');
    expect(pnl.empty).toBe('false');
    for (const series of ['total', 'spread', 'rebates-fees', 'inventory']) expect(pnl.lines[series]).toBeGreaterThanOrEqual(20);
    const pixels = await painted('#chart-pnl', { total: [0xd8, 0xde, 0xe4], spread: [0x3f, 0xb9, 0x50] });
    expect(pixels.total).toBeGreaterThan(150); // a 2.5 px line across the chart
    expect(pixels.spread).toBeGreaterThan(60);
  });

  it('draws the inventory over time', async () => {
    const inventory = await shapes('#chart-inventory');
    expect(inventory.empty).toBe('false');
    expect(inventory.lines.BTC).toBeGreaterThanOrEqual(20);
    expect((await painted('#chart-inventory', { btc: [0x58, 0xa6, 0xff] })).btc).toBeGreaterThan(300);
  });

  it('draws the price with our best bid and ask and the fills', async () => {
    const price = await shapes('#price-charts [data-symbol="BTC"]');
    expect(price.empty).toBe('false');
    expect(price.lines.mid).toBeGreaterThanOrEqual(20);
    expect(price.lines['our-bid']).toBeGreaterThanOrEqual(20);
    expect(price.lines['our-ask']).toBeGreaterThanOrEqual(20);
    expect(price.fills).toBeGreaterThanOrEqual(1);
    const pixels = await painted('#price-charts [data-symbol="BTC"]', { bid: [0x3f, 0xb9, 0x50], ask: [0xf8, 0x51, 0x49] });
    expect(pixels.bid).toBeGreaterThan(150);
    expect(pixels.ask).toBeGreaterThan(150);
  });

  it('draws the fill rate, with at least one bucket that had fills', async () => {
    const rate = await shapes('#chart-fill-rate');
    expect(rate.empty).toBe('false');
    expect(rate.barHeights.some((height) => height > 5)).toBe(true);
    expect((await painted('#chart-fill-rate', { bar: [0x58, 0xa6, 0xff] })).bar).toBeGreaterThan(100);
  });

  it('loaded with no error and no request outside the bot', () => {
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
