import { downsampleSeries, thinFills, type DownsampledSeries } from './downsample.js';
import { escapeHtml, jsonForScript } from './escape-html.js';
import { formatSummaryValue } from './format-summary-value.js';
import { parseReportInput, type ReportInput } from './report-input.js';
import { reportScript } from './report-script.js';
import { reportStyle } from './report-style.js';

/**
 * Buckets per series for M4 downsampling: at least the pixel width of a plot on a wide HiDPI screen,
 * so the drawn line matches one through every sample while the file stays well under a megabyte.
 */
const DRAW_BUCKETS = 2_000;
/** Above this many fills, markers overlapping on screen are thinned (see `thinFills`). */
const MAX_FILL_MARKERS = 5_000;
const FILL_PRICE_CELLS = 400;
const SERIES_KEYS = ['equity', 'inventory', 'mid', 'bid', 'ask'] as const;

/** Columns rather than objects: the embedded JSON is about half the size. Times are µs after `startUs`. */
interface EmbeddedSeries {
  t: number[];
  v: (number | null)[];
}

function embed(series: DownsampledSeries, startUs: number): EmbeddedSeries {
  return { t: series.timeUs.map((timeUs) => timeUs - startUs), v: series.values };
}

function priceRange(input: ReportInput): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const key of ['mid', 'bid', 'ask'] as const) {
    for (const price of input.series[key]) {
      if (typeof price === 'number' && Number.isFinite(price)) {
        if (price < min) min = price;
        if (price > max) max = price;
      }
    }
  }
  for (const fill of input.fills) {
    if (fill.price < min) min = fill.price;
    if (fill.price > max) max = fill.price;
  }
  return { min, max };
}

function formatDuration(us: number): string {
  const seconds = Math.round(us / 1e6);
  const days = Math.floor(seconds / 86_400);
  const clock = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  return days > 0 ? `${days}d ${clock}` : clock;
}

function formatUtc(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function figure(plot: string, caption: string, small = false): string {
  return (
    `<figure data-plot="${plot}"><figcaption>${escapeHtml(caption)}</figcaption><div class="legend"></div>` +
    `<div class="canvas-box${small ? ' small' : ''}"><canvas role="img" aria-label="${escapeHtml(caption)}"></canvas>` +
    `<div class="cursor"></div></div>${small ? '' : '<div class="readout"> </div>'}</figure>`
  );
}

/**
 * Renders a backtest as one self-contained HTML document: inline CSS and script, data embedded as JSON,
 * plots drawn on canvases by the inline script, nothing fetched (a CSP forbids it). Long series are
 * downsampled here so a day of samples still opens instantly. Throws `InvalidInputError` on bad input.
 */
export function renderReport(input: ReportInput): string {
  const report = parseReportInput(input);
  const { series } = report;
  const sampleCount = series.timeUs.length;
  const fills = [...report.fills].sort((a, b) => a.timeUs - b.timeUs);
  // Fills outside the sampled range (a fill on the last event before the final sample) widen the axis.
  const times = [series.timeUs[0], series.timeUs[sampleCount - 1], fills[0]?.timeUs, fills.at(-1)?.timeUs].filter(
    (time): time is number => time !== undefined,
  );
  const startUs = times.length > 0 ? Math.min(...times) : 0;
  const endUs = times.length > 0 ? Math.max(...times) : 0;
  const prices = priceRange(report);
  const shownFills = thinFills(
    fills,
    { startUs, endUs, priceMin: prices.min, priceMax: prices.max, timeBuckets: DRAW_BUCKETS, priceBuckets: FILL_PRICE_CELLS },
    MAX_FILL_MARKERS,
  );
  const embedded = {
    startUs,
    endUs,
    series: Object.fromEntries(SERIES_KEYS.map((key) => [key, embed(downsampleSeries(series.timeUs, series[key], DRAW_BUCKETS), startUs)])),
    fills: {
      t: shownFills.map((fill) => fill.timeUs - startUs),
      p: shownFills.map((fill) => fill.price),
      buy: shownFills.map((fill) => (fill.side === 'buy' ? 1 : 0)),
      maker: shownFills.map((fill) => (fill.liquidity === 'maker' ? 1 : 0)),
    },
    fillsShown: shownFills.length,
    fillsTotal: fills.length,
    inventoryHistogram: report.inventoryHistogram ?? null,
    markouts: report.markouts ?? null,
  };

  const rows = Object.entries(report.summary)
    .map(
      ([key, value]) =>
        `<tr><th scope="row">${escapeHtml(key)}</th><td title="${escapeHtml(String(value))}">${escapeHtml(formatSummaryValue(value))}</td></tr>`,
    )
    .join('\n');
  const period =
    times.length > 0
      ? `${formatUtc(startUs)} → ${formatUtc(endUs)} (${formatDuration(endUs - startUs)}), ` +
        `${sampleCount.toLocaleString('en-US')} samples, ${fills.length.toLocaleString('en-US')} fills`
      : 'no samples';
  const side = [
    report.inventoryHistogram && report.inventoryHistogram.length > 0
      ? figure('inventory-histogram', 'Inventory distribution (share of time)', true)
      : '',
    report.markouts && report.markouts.length > 0 ? figure('markouts', 'Markouts by horizon', true) : '',
  ].join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<link rel="icon" href="data:,">
<title>${escapeHtml(report.title)}</title>
<style>${reportStyle}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(report.title)}</h1>
<p class="meta">${escapeHtml(period)}</p>
<p class="meta">Generated by <code>${escapeHtml(report.generatedBy)}</code></p>
</header>
<noscript><p>The plots are drawn by the page's inline script; enable JavaScript to see them.</p></noscript>
<div class="top">
<section><h2>Summary</h2>
<table class="summary"><tbody>
${rows}
</tbody></table>
</section>
<div class="side">${side}</div>
</div>
${figure('equity', 'Equity (net PnL)')}
${figure('inventory', 'Inventory')}
${figure('price', 'Price, quotes and fills')}
</main>
<script type="application/json" id="report-data">${jsonForScript(embedded)}</script>
<script>${reportScript}</script>
</body>
</html>
`;
}
