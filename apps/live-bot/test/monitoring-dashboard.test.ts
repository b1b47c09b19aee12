import { chromiumForTests, launchChromium, watchPage, type PageWatch } from '@mm/test-chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotSnapshot } from '../src/monitoring/bot-snapshot.js';
import {
  MonitoringMetrics,
  parsePrometheusText,
  sampleValue,
  startMonitoringServer,
  SnapshotHistory,
  type MonitoringServer,
} from '../src/monitoring/index.js';
import { syntheticFill, syntheticSnapshot } from '../src/monitoring/snapshot-fixtures.js';

/**
 * Two minutes of a synthetic session, one point a second, ending at the fixture's snapshot: PnL
 * rising, BTC inventory stepping, a mid drifting, a fill every 10 s.
 */
function syntheticHistory(end: BotSnapshot): SnapshotHistory {
  const history = new SnapshotHistory();
  for (let i = 0; i < 120; i += 1) {
    const btc = end.assets[0]!;
    const drift = Math.sin(i / 10) * 5;
    history.record({
      ...end,
      timeUs: end.timeUs - (120 - i) * 1_000_000,
      assets: [
        {
          ...btc,
          bestBid: 97_000 + drift,
          bestAsk: 97_001 + drift,
          quotes: btc.quotes.map((quote) => ({ ...quote, price: quote.price + drift })),
          positionUsd: (i % 40) * 5 - 100,
          pnl: { ...btc.pnl, totalUsd: i / 10, spreadCaptureUsd: i / 8 },
          fills: { buy: Math.floor(i / 20), sell: Math.floor(i / 20) },
        },
        end.assets[1]!,
      ],
    });
    if (i % 10 === 0)
      history.recordFill(
        syntheticFill({ timeUs: end.timeUs - (120 - i) * 1_000_000, price: 97_000 + drift, side: i % 20 === 0 ? 'buy' : 'sell' }),
      );
  }
  return history;
}

describe.skipIf(!chromiumForTests('monitoring dashboard browser test'))('monitoring dashboard in headless Chromium', () => {
  let browser: Browser;
  let server: MonitoringServer;
  let metrics: MonitoringMetrics;
  let current: BotSnapshot = syntheticSnapshot();
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    metrics = new MonitoringMetrics();
    const history = syntheticHistory(current);
    server = await startMonitoringServer({ port: 0, getSnapshot: () => current, getHistory: () => history.toJSON(), metrics });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    watch = watchPage(page, [`${server.url}/`]);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready="true"]');
  }, 90_000);

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
    metrics?.close();
  });

  it('loads with no console errors and no request outside the monitoring server', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.outsideRequests).toEqual([]);
  });

  it('shows the PnL (total and parts), inventory, risk and up time of the snapshot', async () => {
    expect(await page.textContent('#total-pnl')).toBe('$10.84');
    expect(await page.textContent('#total-rebates')).toBe('+$2.40'); // income
    expect(await page.textContent('#total-fees')).toBe('-$0.36'); // cost
    const btcPnl = await page.locator('#pnl-body tr[data-symbol="BTC"] td').allTextContents();
    expect(btcPnl).toEqual(['BTC', '$12.34', '$10.50', '$2.10', '-$0.26', '$0.00']);
    const ethInventory = await page.locator('#inventory-body tr[data-symbol="ETH"] td').allTextContents();
    expect(ethInventory.slice(0, 3)).toEqual(['ETH', '-0.064 ETH', '-$198.44']);
    expect(await page.textContent('#risk-status')).toBe('WARNING');
    expect(await page.textContent('#risk-rules')).toContain('max-daily-loss: loss $31 of $50');
    expect(await page.textContent('#uptime')).toMatch(/^1h 2m \d+s$/);
    expect(await page.textContent('#mode')).toBe('paper');
  });

  it('shows our quote ladder against the best bid and ask, in price order', async () => {
    const rows = page.locator('.ladder[data-symbol="BTC"] tbody tr');
    const prices = await rows.locator('td.price').allTextContents();
    expect(prices).toEqual(['97030', '97020', '97010', '97001', '97000', '96990', '96980', '96970']);
    const kinds = await rows.evaluateAll((trs) => trs.map((tr) => tr.className));
    expect(kinds).toEqual(['ours-sell', 'ours-sell', 'ours-sell', 'book', 'book', 'ours-buy', 'ours-buy', 'ours-buy']);
    expect(await rows.nth(3).locator('td').first().textContent()).toBe('best ask');
    expect(await rows.nth(2).locator('td.size-ask').textContent()).toBe('0.001');
    expect(await page.textContent('.ladder[data-symbol="ETH"] h3')).toContain('book 3100.5 / 3100.7');
  });

  it('shows the recent fills', async () => {
    const rows = await page
      .locator('#fills-body tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toHaveLength(3);
    // A maker rebate (feeUsd -0.0016) is income, a taker fee (0.048) a cost; size in coin and its USD value (0.0011 × 97,012.5 = $106.71).
    expect(rows[0]).toEqual(['16:01:30', 'BTC', 'sell', '97012.5', '0.0011 BTC', '$106.71', 'maker', '+$0.0016 rebate']);
    expect(rows[2]!.slice(1, 8)).toEqual(['BTC', 'buy', '96990', '0.0011 BTC', '$106.69', 'taker', '-$0.0480 fee']);
  });

  /** Per chart: vertices of each polyline by series name, and the fill markers and bars drawn. */
  const chartShapes = (selector: string) =>
    page.locator(selector).evaluate((box) => {
      const lines: Record<string, number> = {};
      for (const line of box.querySelectorAll('polyline'))
        lines[line.getAttribute('data-series')!] =
          (lines[line.getAttribute('data-series')!] ?? 0) + line.getAttribute('points')!.split(' ').length;
      return {
        empty: box.getAttribute('data-empty'),
        lines,
        buyFills: box.querySelectorAll('path[data-series="buy-fill"]').length,
        sellFills: box.querySelectorAll('path[data-series="sell-fill"]').length,
        bars: [...box.querySelectorAll('rect[data-series="fill-rate"]')].map((bar) => Number(bar.getAttribute('height'))),
      };
    });

  it('draws the PnL split, inventory, price with quotes and fills, and fill-rate charts from the history', async () => {
    // 120 history points + the current snapshot.
    const pnl = await chartShapes('#chart-pnl');
    expect(pnl.empty).toBe('false');
    expect(Object.keys(pnl.lines).sort()).toEqual(['inventory', 'rebates-fees', 'spread', 'total']);
    for (const vertices of Object.values(pnl.lines)) expect(vertices).toBe(121);
    const inventory = await chartShapes('#chart-inventory');
    expect(inventory.lines.BTC).toBeGreaterThanOrEqual(121); // a step line: two vertices per change
    expect(inventory.lines.ETH).toBeGreaterThanOrEqual(121);
    const btcPrice = await chartShapes('#price-charts [data-symbol="BTC"]');
    expect(btcPrice.lines.mid).toBe(121);
    expect(btcPrice.lines['our-bid']).toBeGreaterThanOrEqual(121);
    expect(btcPrice.lines['our-ask']).toBeGreaterThanOrEqual(121);
    // A fill every 10 s over 120 s, buys and sells alternating; the fixture's own fills are older than the history.
    expect([btcPrice.buyFills, btcPrice.sellFills]).toEqual([6, 6]);
    const fillRate = await chartShapes('#chart-fill-rate');
    expect(fillRate.bars.length).toBeGreaterThanOrEqual(10); // 10 s buckets over 2 minutes
    expect(fillRate.bars.some((height) => height > 10)).toBe(true);
    expect(await page.textContent('#chart-fill-rate .legend')).toContain('fills in 2.0 min');
    expect(await page.textContent('#chart-inventory .legend')).toContain('BTC 0.0022 BTC = $213.40');
    // Rebates (2.10 + 0.30) less fees (0.26 + 0.10) over both assets: income, with a plus.
    expect(await page.textContent('#chart-pnl .legend')).toContain('rebates − fees +$2.04');
  });

  it('updates live when a new snapshot is published: PnL, risk, fail-closed banner, fills', async () => {
    const before = syntheticSnapshot();
    current = syntheticSnapshot({
      timeUs: before.timeUs + 5_000_000,
      totals: { ...before.totals, pnlUsd: -4.2 },
      risk: { status: 'HALT', reason: 'daily loss limit', firedRules: [{ ruleId: 'max-daily-loss', reason: 'loss $51 of $50' }] },
      failClosedReason: 'risk halt',
      recentFills: [
        syntheticFill({ timeUs: before.timeUs + 4_000_000, symbol: 'ETH', side: 'sell', price: 3_102.25, size: 0.5 }),
        ...before.recentFills,
      ],
    });
    server.publish(current);
    await page.waitForSelector(`body[data-snapshot-time="${current.timeUs}"]`); // a selector, not a JS predicate: the page's CSP forbids eval
    expect(await page.textContent('#total-pnl')).toBe('-$4.20');
    expect(await page.getAttribute('#total-pnl', 'class')).toContain('neg');
    expect(await page.textContent('#risk-status')).toBe('HALT');
    expect(await page.textContent('#fail-closed')).toBe('Stopped quoting: risk halt');
    expect(await page.isVisible('#fail-closed')).toBe(true);
    expect(await page.locator('#fills-body tr').count()).toBe(4);
    expect(await page.locator('#fills-body tr').first().locator('td').nth(3).textContent()).toBe('3102.25');
    expect(watch.errors).toEqual([]);
    expect(watch.outsideRequests).toEqual([]);
  });

  it('renders data as text, never as markup (a reason holding HTML fetches nothing)', async () => {
    const markup = '<img src="http://example.invalid/x.png"><script>window.__pwned = 1</script>';
    current = syntheticSnapshot({ timeUs: current.timeUs + 1_000_000, risk: { status: 'CRITICAL', reason: markup, firedRules: [] } });
    server.publish(current);
    await page.waitForSelector(`body[data-snapshot-time="${current.timeUs}"]`); // a selector, not a JS predicate: the page's CSP forbids eval
    expect(await page.textContent('#risk-reason')).toBe(markup);
    expect(await page.locator('#risk-reason img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(watch.outsideRequests).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('says MAINNET prominently when the bot trades mainnet', async () => {
    expect(await page.isVisible('#mainnet-banner')).toBe(false);
    current = { ...current, timeUs: current.timeUs + 1_000_000, mode: 'mainnet' };
    server.publish(current);
    await page.waitForSelector(`body[data-snapshot-time="${current.timeUs}"]`);
    expect(await page.isVisible('#mainnet-banner')).toBe(true);
    expect(await page.textContent('#mainnet-banner')).toContain('MAINNET');
    expect(await page.textContent('#mode')).toBe('MAINNET');
    expect(await page.title()).toMatch(/^MAINNET/);
  });

  it('/metrics fetched over HTTP parses as Prometheus text and matches the published snapshot', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheusText(await response.text());
    expect(sampleValue(families, 'mm_total_pnl_usd')).toBe(current.totals.pnlUsd);
    expect(sampleValue(families, 'mm_risk_status')).toBe(2);
  });
});
