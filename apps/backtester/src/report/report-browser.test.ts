import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_PATH, chromiumForTests, launchChromium } from '@mm/test-chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummaryValue } from './format-summary-value.js';
import type { ReportInput } from './report-input.js';
import { sampleReportInput } from './sample-report-input.js';
import { writeReport } from './write-report.js';

// Skips with a warning when Chromium is missing, fails when MM_REQUIRE_CHROMIUM=1 (CI).
const hasChromium = chromiumForTests('report browser tests');

/** What a page did while loading: anything here except the report file itself is a failure. */
interface PageLog {
  errors: string[];
  requests: string[];
}

interface PixelCount {
  width: number;
  height: number;
  painted: number;
  matching: number;
}

describe.skipIf(!hasChromium)(
  `report in headless Chromium (${hasChromium ? CHROMIUM_PATH : `skipped: ${CHROMIUM_PATH} not found`})`,
  () => {
    let browser: Browser;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mm-report-browser-'));
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    async function open(
      name: string,
      input: ReportInput,
      viewport = { width: 1280, height: 900 },
    ): Promise<{ page: Page; log: PageLog; url: string }> {
      const path = join(dir, `${name}.html`);
      await writeReport(path, input);
      const url = pathToFileURL(path).href;
      const page = await browser.newPage({ viewport });
      const log: PageLog = { errors: [], requests: [] };
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') log.errors.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => log.errors.push(`page error: ${error.message}`));
      page.on('request', (request) => log.requests.push(request.url()));
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response === null || response.ok()).toBe(true);
      await page.waitForSelector('body[data-report-ready="true"]', { timeout: 20_000 });
      return { page, log, url };
    }

    /** Pixels of a plot's canvas that are painted at all, and those close to one series colour. */
    function pixels(page: Page, plot: string, rgb: [number, number, number]): Promise<PixelCount> {
      return page.evaluate<PixelCount>(`(() => {
      const canvas = document.querySelector('[data-plot="${plot}"] canvas');
      const { width, height } = canvas;
      // Read back through a copy made for readback, so the test itself triggers no Canvas2D warning.
      const copy = Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true });
      copy.drawImage(canvas, 0, 0);
      const image = copy.getImageData(0, 0, width, height).data;
      let painted = 0;
      let matching = 0;
      for (let i = 0; i < image.length; i += 4) {
        if (image[i + 3] === 0) continue;
        painted += 1;
        if (Math.abs(image[i] - ${rgb[0]}) + Math.abs(image[i + 1] - ${rgb[1]}) + Math.abs(image[i + 2] - ${rgb[2]}) < 40 && image[i + 3] > 200) matching += 1;
      }
      return { width, height, painted, matching };
    })()`);
    }

    const drawnState = (page: Page): Promise<Record<string, string | null>> =>
      page.evaluate<Record<string, string | null>>(
        `Object.fromEntries([...document.querySelectorAll('[data-plot]')].map((f) => [f.getAttribute('data-plot'), f.getAttribute('data-drawn')]))`,
      );

    it('loads offline, draws every plot without errors and shows the summary', async () => {
      const input = sampleReportInput(5_000);
      const { page, log, url } = await open('sample', input);
      try {
        expect(log.errors).toEqual([]);
        expect(log.requests).toEqual([url]);
        expect(await page.title()).toBe(input.title);
        expect(await drawnState(page)).toEqual({
          'inventory-histogram': 'true',
          markouts: 'true',
          equity: 'true',
          inventory: 'true',
          price: 'true',
        });

        const equity = await pixels(page, 'equity', [0x25, 0x63, 0xeb]);
        expect(equity.width).toBeGreaterThan(500);
        expect(equity.painted).toBeGreaterThan(5_000);
        expect(equity.matching).toBeGreaterThan(500); // the PnL line itself, not just axes
        expect((await pixels(page, 'inventory', [0x7c, 0x3a, 0xed])).matching).toBeGreaterThan(500);
        expect((await pixels(page, 'price', [0x15, 0x80, 0x3d])).matching).toBeGreaterThan(100); // buy markers
        expect((await pixels(page, 'price', [0xb9, 0x1c, 0x1c])).matching).toBeGreaterThan(100); // sell markers
        expect((await pixels(page, 'price', [0x16, 0xa3, 0x4a])).matching).toBeGreaterThan(100); // our bid line
        expect((await pixels(page, 'markouts', [0xdc, 0x26, 0x26])).matching).toBeGreaterThan(100); // negative markout bar

        const rows = await page.evaluate<string[][]>(
          `[...document.querySelectorAll('table.summary tr')].map((row) => [row.querySelector('th').textContent, row.querySelector('td').textContent])`,
        );
        expect(rows).toEqual(Object.entries(input.summary).map(([key, value]) => [key, formatSummaryValue(value)]));
        expect(rows).toContainEqual(['events', '5,000']);
        expect(rows).toContainEqual(['Sharpe', 'n/a']);

        const legend = await page.evaluate<string>(`document.querySelector('[data-plot="price"] .legend').textContent`);
        expect(legend).toContain('our bid');
        expect(legend).toContain('sell fill');

        await page.locator('[data-plot="equity"] .canvas-box').hover(); // scrolls into view, pointer at the centre
        expect(await page.locator('[data-plot="equity"] .readout').textContent()).toMatch(
          /^2025-01-26 \d\d:\d\d:\d\d\.\d{3} UTC .*equity -?[\d,.]+/,
        );
        expect(log.errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('redraws to the new width when the window is resized', async () => {
      const { page, log } = await open('resize', sampleReportInput(2_000), { width: 1280, height: 900 });
      try {
        const before = (await pixels(page, 'equity', [0x25, 0x63, 0xeb])).width;
        await page.setViewportSize({ width: 760, height: 900 });
        // A function, not a string: polling a string predicate needs eval, which the report's CSP forbids.
        await page.waitForFunction(
          (limit) =>
            (globalThis as unknown as { document: { querySelector(s: string): { width: number } } }).document.querySelector(
              '[data-plot="equity"] canvas',
            ).width < limit,
          before,
        );
        expect((await pixels(page, 'equity', [0x25, 0x63, 0xeb])).matching).toBeGreaterThan(200);
        expect(log.errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('draws a 1M-sample run with over 10k fills', async () => {
      const { page, log } = await open('large', sampleReportInput(1_000_000, { fillEvery: 50 }));
      try {
        expect(log.errors).toEqual([]);
        expect(await drawnState(page)).toMatchObject({ equity: 'true', inventory: 'true', price: 'true' });
        expect((await pixels(page, 'equity', [0x25, 0x63, 0xeb])).matching).toBeGreaterThan(500);
        const legend = await page.evaluate<string>(`document.querySelector('[data-plot="price"] .legend').textContent`);
        expect(legend).toMatch(/\d+ of \d+ drawn/);
      } finally {
        await page.close();
      }
    });

    it('shows hostile text as text and still draws an empty run', async () => {
      const title = '<img src=x onerror="console.error(1)"> </script><script>console.error(2)</script>';
      const { page, log } = await open('hostile', {
        title,
        generatedBy: 'replay',
        summary: { '<b>key</b>': '</td><script>console.error(3)</script>' },
        series: { timeUs: [], equity: [], inventory: [], mid: [], bid: [], ask: [] },
        fills: [],
      });
      try {
        expect(log.errors).toEqual([]);
        expect(await page.title()).toBe(title);
        expect(await page.evaluate<string>(`document.querySelector('h1').textContent`)).toBe(title);
        expect(await page.evaluate<number>(`document.querySelectorAll('img, b, script:not([id])').length`)).toBe(1); // only the report script
        expect(await page.evaluate<string>(`document.querySelector('table.summary td').textContent`)).toBe(
          '</td><script>console.error(3)</script>',
        );
        expect(await drawnState(page)).toEqual({ equity: 'true', inventory: 'true', price: 'true' });
        expect(await page.evaluate<string | null>(`document.querySelector('[data-plot="equity"]').getAttribute('data-empty')`)).toBe(
          'true',
        );
      } finally {
        await page.close();
      }
    });
  },
);
