/**
 * The dashboard: one self-contained page (inline CSS and JS, no CDN, no fonts, no images from
 * elsewhere) so it works on an air-gapped box and its Content-Security-Policy can forbid every
 * outside request. It renders each snapshot `/events` pushes, building the DOM with
 * `textContent` only: symbols and reasons are data, never markup. The charts are SVG drawn by the
 * page's own script (no chart library to vendor): at load it fetches `/api/history`, the bot's
 * bounded history, then appends one point per pushed snapshot, bounded the same way.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STYLE = `
:root { color-scheme: dark; --bg: #0f1419; --card: #182028; --line: #2a3540; --text: #d8dee4; --muted: #8a96a3;
  --good: #3fb950; --bad: #f85149; --warn: #d29922; --crit: #f0883e; --bid: #3fb950; --ask: #f85149; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--text); }
header { display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; padding: 12px 20px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 0; }
.muted { color: var(--muted); }
.badge { padding: 2px 8px; border-radius: 10px; background: var(--line); font-size: 12px; font-weight: 600; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; padding: 16px 20px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
section h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 0 0 10px; }
.wide { grid-column: 1 / -1; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 6px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { color: var(--muted); font-weight: 500; border-bottom: 1px solid var(--line); }
.pos { color: var(--good); } .neg { color: var(--bad); }
.big { font-size: 28px; font-weight: 700; }
.kv { display: grid; grid-template-columns: auto auto; gap: 2px 16px; justify-content: start; margin-top: 8px; }
.status-NORMAL { background: #1f3a27; color: var(--good); } .status-WARNING { background: #3a3119; color: var(--warn); }
.status-CRITICAL { background: #3d2817; color: var(--crit); } .status-HALT { background: #3d1a1a; color: var(--bad); }
#fail-closed { display: none; margin: 12px 20px 0; padding: 10px 14px; border-radius: 8px; background: #3d1a1a; color: var(--bad); font-weight: 600; }
#fail-closed.shown { display: block; }
.ladders { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.ladder h3 { font-size: 14px; margin: 0 0 6px; }
.ladder tr.ours-sell td.size-ask { color: var(--ask); font-weight: 600; }
.ladder tr.ours-buy td.size-bid { color: var(--bid); font-weight: 600; }
.ladder tr.book td { color: var(--muted); font-style: italic; background: #1d2630; }
.side-buy { color: var(--bid); } .side-sell { color: var(--ask); }
ul.rules { margin: 6px 0 0; padding-left: 18px; }
#mainnet-banner { display: none; margin: 12px 20px 0; padding: 12px 16px; border-radius: 8px; background: #5a1010; color: #fff;
  font-size: 18px; font-weight: 800; letter-spacing: .04em; border: 2px solid var(--bad); }
#mainnet-banner.shown { display: block; }
.badge.mode-mainnet { background: var(--bad); color: #fff; font-size: 14px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }
.chart h3 { font-size: 14px; margin: 0 0 2px; }
.chart .legend { font-size: 12px; color: var(--muted); min-height: 18px; }
.chart .legend .key { display: inline-block; width: 10px; height: 3px; vertical-align: middle; margin: 0 4px 0 10px; }
.chart svg { display: block; width: 100%; height: 220px; }
.chart svg text { fill: var(--muted); font-size: 10px; }
.chart svg .grid { stroke: var(--line); stroke-width: 1; }
.chart svg .empty { fill: var(--muted); font-size: 13px; }
.unit { color: var(--muted); font-size: 12px; }
`;

const SCRIPT = `
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  };
  const usd = (v) => (v < 0 ? '-' : '') + '$' + Math.abs(v).toFixed(2);
  const signClass = (v) => (v > 0 ? 'pos' : v < 0 ? 'neg' : '');
  const num = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : String(Number(v.toPrecision(12))));
  const duration = (seconds) => {
    const s = Math.max(0, Math.floor(seconds));
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    return (d > 0 ? d + 'd ' : '') + (d > 0 || h > 0 ? h + 'h ' : '') + m + 'm ' + (s % 60) + 's';
  };
  const clock = (us) => new Date(us / 1000).toISOString().slice(11, 19);
  const row = (cells) => {
    const tr = document.createElement('tr');
    for (const cell of cells) tr.append(cell instanceof Node ? cell : el('td', cell));
    return tr;
  };
  const money = (v) => el('td', usd(v), signClass(v));
  // Income with a plus, cost with a minus: a rebate is money received, a fee money paid.
  const income = (v, digits) => (v > 0 ? '+' : v < 0 ? '-' : '') + '$' + Math.abs(v).toFixed(digits);
  // A single fill's fee is often a fraction of a cent: cents would show $0.00. feeUsd < 0 is a rebate.
  const fee = (v) => el('td', v < 0 ? income(-v, 4) + ' rebate' : v > 0 ? income(-v, 4) + ' fee' : '$0.0000', signClass(-v));
  const coinAndUsd = (size, symbol, price) => num(size) + ' ' + symbol + (price === null || price === undefined ? '' : ' ($' + (size * price).toFixed(2) + ')');

  // ---- chart history: loaded once from api/history, then one point per pushed snapshot, bounded ----
  const history = { points: [], fills: [], capacity: { points: 3600, fills: 2000 } };
  const seenFills = new Set();
  const fillKey = (f) => f.timeUs + '|' + f.symbol + '|' + f.side + '|' + f.price + '|' + f.size;
  const pointOf = (s) => ({
    timeUs: s.timeUs,
    assets: s.assets.map((a) => {
      let ourBid = null, ourAsk = null;
      for (const q of a.quotes) {
        if (q.side === 'buy' && (ourBid === null || q.price > ourBid)) ourBid = q.price;
        if (q.side === 'sell' && (ourAsk === null || q.price < ourAsk)) ourAsk = q.price;
      }
      return {
        symbol: a.symbol, mid: a.bestBid !== null && a.bestAsk !== null ? (a.bestBid + a.bestAsk) / 2 : null, ourBid, ourAsk,
        positionBase: a.positionBase, positionUsd: a.positionUsd, spreadCaptureUsd: a.pnl.spreadCaptureUsd, rebatesUsd: a.pnl.rebatesUsd,
        feesUsd: a.pnl.feesUsd, inventoryUsd: a.pnl.inventoryUsd, totalUsd: a.pnl.totalUsd, fillCount: a.fills.buy + a.fills.sell,
      };
    }),
  });
  const addPoint = (p) => {
    const last = history.points[history.points.length - 1];
    if (last !== undefined && p.timeUs <= last.timeUs) return;
    history.points.push(p);
    if (history.points.length > history.capacity.points) history.points.splice(0, history.points.length - history.capacity.points);
  };
  const addFill = (f) => {
    const key = fillKey(f);
    if (seenFills.has(key)) return;
    seenFills.add(key);
    history.fills.push(f);
    if (history.fills.length > history.capacity.fills) {
      for (const gone of history.fills.splice(0, history.fills.length - history.capacity.fills)) seenFills.delete(fillKey(gone));
    }
  };

  // ---- a small SVG chart: lines (with gaps at nulls), step lines, fill markers and bars ----
  const SVG = 'http://www.w3.org/2000/svg';
  const svgEl = (tag, attrs) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  };
  const niceTicks = (lo, hi, count) => {
    const span = hi - lo || Math.abs(hi) || 1;
    const raw = span / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((m) => m >= raw) || mag * 10;
    const ticks = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
    return ticks;
  };
  /**
   * spec: { series: [{ name, color, points: [[timeUs, value|null]], step, width }], markers: [{ timeUs, value, color, up }],
   *         bars: [{ fromUs, toUs, value, color }], format: (v) => text, zeroLine }
   * The chart box gets data-points (line vertices + markers + bars drawn) and data-empty.
   */
  function drawChart(box, spec) {
    const svg = box.querySelector('svg');
    const width = Math.max(320, Math.round(svg.getBoundingClientRect().width || 600));
    const height = 220, left = 64, right = 8, top = 8, bottom = 22;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.replaceChildren();
    const values = [];
    const times = [];
    for (const s of spec.series) for (const [t, v] of s.points) if (v !== null && Number.isFinite(v)) { values.push(v); times.push(t); }
    for (const m of spec.markers || []) { values.push(m.value); times.push(m.timeUs); }
    for (const b of spec.bars || []) { values.push(b.value); times.push(b.fromUs, b.toUs); }
    if (spec.zeroLine) values.push(0);
    let drawn = 0;
    if (times.length === 0) {
      svg.append(svgEl('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' }));
      svg.lastChild.textContent = spec.emptyText || 'no data yet';
      box.dataset.points = '0';
      box.dataset.empty = 'true';
      return;
    }
    let t0 = Math.min(...times), t1 = Math.max(...times);
    if (t1 === t0) { t0 -= 1e6; t1 += 1e6; }
    let lo = Math.min(...values), hi = Math.max(...values);
    if (hi === lo) { const pad = Math.abs(hi) * 1e-4 || 1; lo -= pad; hi += pad; }
    const padY = (hi - lo) * 0.06; lo -= padY; hi += padY;
    const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
    const y = (v) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);
    for (const v of niceTicks(lo, hi, 4)) {
      if (v < lo || v > hi) continue;
      svg.append(svgEl('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid' }));
      const label = svgEl('text', { x: left - 4, y: y(v) + 3, 'text-anchor': 'end' });
      label.textContent = spec.format(v);
      svg.append(label);
    }
    for (const frac of [0, 0.5, 1]) {
      const t = t0 + frac * (t1 - t0);
      const label = svgEl('text', { x: x(t), y: height - 6, 'text-anchor': frac === 0 ? 'start' : frac === 1 ? 'end' : 'middle' });
      label.textContent = clock(t);
      svg.append(label);
    }
    if (spec.zeroLine && lo < 0 && hi > 0) svg.append(svgEl('line', { x1: left, x2: width - right, y1: y(0), y2: y(0), stroke: '#8a96a3', 'stroke-dasharray': '3 3' }));
    for (const b of spec.bars || []) {
      const x0 = x(b.fromUs), x1 = x(b.toUs);
      const base = y(Math.max(lo, 0));
      svg.append(svgEl('rect', { x: x0 + 1, width: Math.max(1, x1 - x0 - 2), y: Math.min(base, y(b.value)), height: Math.abs(base - y(b.value)), fill: b.color, 'data-series': b.name || 'bar' }));
      drawn += 1;
    }
    for (const s of spec.series) {
      let segment = [];
      let prevY = null;
      const flush = () => {
        if (segment.length > 0) svg.append(svgEl('polyline', { points: segment.join(' '), fill: 'none', stroke: s.color, 'stroke-width': s.width || 1.5, 'data-series': s.name }));
        segment = [];
        prevY = null;
      };
      for (const [t, v] of s.points) {
        if (v === null || !Number.isFinite(v)) { flush(); continue; }
        const px = x(t).toFixed(1), py = y(v).toFixed(1);
        if (s.step && prevY !== null) segment.push(px + ',' + prevY);
        segment.push(px + ',' + py);
        prevY = py;
        drawn += 1;
      }
      flush();
    }
    for (const m of spec.markers || []) {
      const mx = x(m.timeUs), my = y(m.value);
      const d = m.up ? 'M' + (mx - 4) + ',' + (my + 4) + 'L' + (mx + 4) + ',' + (my + 4) + 'L' + mx + ',' + (my - 4) + 'Z'
        : 'M' + (mx - 4) + ',' + (my - 4) + 'L' + (mx + 4) + ',' + (my - 4) + 'L' + mx + ',' + (my + 4) + 'Z';
      svg.append(svgEl('path', { d, fill: m.color, 'data-series': m.up ? 'buy-fill' : 'sell-fill' }));
      drawn += 1;
    }
    box.dataset.points = String(drawn);
    box.dataset.empty = drawn === 0 ? 'true' : 'false';
  }
  const legend = (box, items) => {
    const node = box.querySelector('.legend');
    node.replaceChildren();
    for (const item of items) {
      const key = el('span', null, 'key');
      key.style.background = item.color;
      node.append(key, document.createTextNode(item.text));
    }
  };

  const COLORS = { total: '#d8dee4', spread: '#3fb950', fees: '#58a6ff', inventory: '#d29922', mid: '#8a96a3', bid: '#3fb950', ask: '#f85149', buy: '#56d364', sell: '#ff7b72' };
  const ASSET_COLORS = ['#58a6ff', '#d29922', '#bc8cff', '#3fb950', '#f85149'];
  const sumAt = (p, field) => p.assets.reduce((sum, a) => sum + a[field], 0);

  function drawCharts(s) {
    const pts = history.points;
    const last = pts[pts.length - 1];
    // PnL split over time, all assets together: the parts add up to the total.
    const pnlBox = $('chart-pnl');
    const pnlSeries = [
      { name: 'total', color: COLORS.total, width: 2.5, points: pts.map((p) => [p.timeUs, sumAt(p, 'totalUsd')]) },
      { name: 'spread', color: COLORS.spread, points: pts.map((p) => [p.timeUs, sumAt(p, 'spreadCaptureUsd')]) },
      { name: 'rebates-fees', color: COLORS.fees, points: pts.map((p) => [p.timeUs, sumAt(p, 'rebatesUsd') - sumAt(p, 'feesUsd')]) },
      { name: 'inventory', color: COLORS.inventory, points: pts.map((p) => [p.timeUs, sumAt(p, 'inventoryUsd')]) },
    ];
    drawChart(pnlBox, { series: pnlSeries, format: usd, zeroLine: true });
    legend(pnlBox, last === undefined ? [] : [
      { color: COLORS.total, text: 'total ' + usd(sumAt(last, 'totalUsd')) },
      { color: COLORS.spread, text: 'spread capture ' + usd(sumAt(last, 'spreadCaptureUsd')) },
      { color: COLORS.fees, text: 'rebates − fees ' + income(sumAt(last, 'rebatesUsd') - sumAt(last, 'feesUsd'), 2) },
      { color: COLORS.inventory, text: 'inventory ' + usd(sumAt(last, 'inventoryUsd')) },
    ]);

    // Inventory over time, in USD (one axis for every coin); the legend has both units.
    const invBox = $('chart-inventory');
    const symbols = s.assets.map((a) => a.symbol);
    const invSeries = symbols.map((symbol, i) => ({
      name: symbol, color: ASSET_COLORS[i % ASSET_COLORS.length], step: true,
      points: pts.map((p) => { const a = p.assets.find((x) => x.symbol === symbol); return [p.timeUs, a === undefined ? null : a.positionUsd]; }),
    }));
    drawChart(invBox, { series: invSeries, format: usd, zeroLine: true });
    legend(invBox, s.assets.map((a, i) => ({ color: ASSET_COLORS[i % ASSET_COLORS.length], text: a.symbol + ' ' + num(a.positionBase) + ' ' + a.symbol + ' = ' + usd(a.positionUsd) })));

    // Price with our best bid/ask and the fills, one chart per asset.
    const priceBoxes = $('price-charts');
    const have = new Set([...priceBoxes.children].map((c) => c.dataset.symbol));
    if (symbols.some((sym) => !have.has(sym)) || have.size !== symbols.length) {
      priceBoxes.replaceChildren(...symbols.map((symbol) => {
        const box = el('div', null, 'chart');
        box.dataset.symbol = symbol;
        box.dataset.chart = 'price';
        box.append(el('h3', symbol + ' price, our quotes and fills'), el('div', null, 'legend'), svgEl('svg', { role: 'img' }));
        return box;
      }));
    }
    for (const box of priceBoxes.children) {
      const symbol = box.dataset.symbol;
      const of = (field) => pts.map((p) => { const a = p.assets.find((x) => x.symbol === symbol); return [p.timeUs, a === undefined ? null : a[field]]; });
      const t0 = pts.length > 0 ? pts[0].timeUs : 0;
      const fills = history.fills.filter((f) => f.symbol === symbol && f.timeUs >= t0);
      drawChart(box, {
        series: [
          { name: 'mid', color: COLORS.mid, points: of('mid') },
          { name: 'our-bid', color: COLORS.bid, step: true, points: of('ourBid') },
          { name: 'our-ask', color: COLORS.ask, step: true, points: of('ourAsk') },
        ],
        markers: fills.map((f) => ({ timeUs: f.timeUs, value: f.price, up: f.side === 'buy', color: f.side === 'buy' ? COLORS.buy : COLORS.sell })),
        format: num,
      });
      const buys = fills.filter((f) => f.side === 'buy').length;
      legend(box, [
        { color: COLORS.mid, text: 'mid' }, { color: COLORS.bid, text: 'our best bid' }, { color: COLORS.ask, text: 'our best ask' },
        { color: COLORS.buy, text: '▲ buy fills ' + buys }, { color: COLORS.sell, text: '▼ sell fills ' + (fills.length - buys) },
      ]);
    }

    // Fill rate: fills per minute in equal time buckets (all assets), from the fill counts.
    const rateBox = $('chart-fill-rate');
    const bars = [];
    let bucketSeconds = 10;
    if (pts.length >= 2) {
      const span = (last.timeUs - pts[0].timeUs) / 1e6;
      bucketSeconds = [10, 30, 60, 300, 900, 3600].find((b) => span / b <= 40) || 3600;
      const bucketUs = bucketSeconds * 1e6;
      let start = pts[0];
      for (let i = 1; i < pts.length; i += 1) {
        const p = pts[i];
        const isLast = i === pts.length - 1;
        if (p.timeUs - start.timeUs >= bucketUs || isLast) {
          const fills = sumAt(p, 'fillCount') - sumAt(start, 'fillCount');
          const seconds = (p.timeUs - start.timeUs) / 1e6;
          if (seconds > 0) bars.push({ name: 'fill-rate', fromUs: start.timeUs, toUs: p.timeUs, value: Math.max(0, fills) * 60 / seconds, color: COLORS.fees });
          start = p;
        }
      }
    }
    drawChart(rateBox, { bars, series: [], format: (v) => num(Number(v.toFixed(1))) + '/min', zeroLine: true });
    const totalFills = last === undefined ? 0 : sumAt(last, 'fillCount') - sumAt(pts[0], 'fillCount');
    const minutes = last === undefined ? 0 : (last.timeUs - pts[0].timeUs) / 60e6;
    legend(rateBox, [{ color: COLORS.fees, text: 'fills per minute, ' + bucketSeconds + ' s buckets; ' + totalFills + ' fills in ' + minutes.toFixed(1) + ' min' + (minutes > 0 ? ' (' + (totalFills / minutes).toFixed(1) + '/min)' : '') }]);
  }

  let uptimeBase = 0;
  let receivedAtMs = 0;
  const tickUptime = () => {
    if (receivedAtMs === 0) return;
    $('uptime').textContent = duration(uptimeBase + (Date.now() - receivedAtMs) / 1000);
  };

  function ladder(asset) {
    const box = el('div', null, 'ladder');
    box.dataset.symbol = asset.symbol;
    const mid = asset.bestBid !== null && asset.bestAsk !== null ? (asset.bestBid + asset.bestAsk) / 2 : null;
    const spread = mid !== null ? ' | spread ' + (((asset.bestAsk - asset.bestBid) / mid) * 10000).toFixed(2) + ' bps' : '';
    box.append(el('h3', asset.symbol + ' — book ' + num(asset.bestBid) + ' / ' + num(asset.bestAsk) + spread));
    const rows = asset.quotes.map((q) => ({ kind: q.side === 'buy' ? 'ours-buy' : 'ours-sell', price: q.price, size: q.size }));
    if (asset.bestAsk !== null) rows.push({ kind: 'book', label: 'best ask', price: asset.bestAsk });
    if (asset.bestBid !== null) rows.push({ kind: 'book', label: 'best bid', price: asset.bestBid });
    // Price descending; at equal prices the book row sits between our asks and our bids.
    const rank = { 'ours-sell': 0, book: 1, 'ours-buy': 2 };
    rows.sort((a, b) => b.price - a.price || rank[a.kind] - rank[b.kind]);
    const table = el('table');
    const head = row(['our bid (' + asset.symbol + ')', 'price', 'our ask (' + asset.symbol + ')', 'USD', 'from mid']);
    head.querySelectorAll('td').forEach((td) => { const th = el('th', td.textContent); td.replaceWith(th); });
    const thead = el('thead'); thead.append(head); table.append(thead);
    const body = el('tbody');
    for (const r of rows) {
      const bps = mid !== null ? (((r.price - mid) / mid) * 10000).toFixed(1) + ' bps' : '–';
      const tr = row([
        el('td', r.kind === 'ours-buy' ? num(r.size) : r.kind === 'book' ? r.label : '', 'size-bid'),
        el('td', num(r.price), 'price'),
        el('td', r.kind === 'ours-sell' ? num(r.size) : '', 'size-ask'),
        el('td', r.kind === 'book' ? '' : '$' + (r.size * r.price).toFixed(2), 'usd'),
        el('td', bps),
      ]);
      tr.className = r.kind;
      body.append(tr);
    }
    if (rows.length === 0) body.append(row(['no quotes, no book', '', '', '', '']));
    table.append(body);
    box.append(table);
    return box;
  }

  function render(s) {
    $('mode').textContent = s.mode === 'mainnet' ? 'MAINNET' : s.mode;
    $('mode').className = 'badge mode-' + s.mode;
    const mainnet = $('mainnet-banner');
    mainnet.textContent = s.mode === 'mainnet' ? 'MAINNET: these orders are real and trade real money' : '';
    mainnet.className = s.mode === 'mainnet' ? 'shown' : '';
    document.title = (s.mode === 'mainnet' ? 'MAINNET · ' : '') + 'MM bot';
    $('snapshot-time').textContent = clock(s.timeUs) + ' UTC';
    uptimeBase = (s.timeUs - s.startedUs) / 1e6;
    receivedAtMs = Date.now();
    tickUptime();

    const t = s.totals;
    $('total-pnl').textContent = usd(t.pnlUsd);
    $('total-pnl').className = 'big ' + signClass(t.pnlUsd);
    $('total-volume').textContent = usd(t.volumeUsd);
    $('total-rebates').textContent = income(t.rebatesUsd, 2);
    $('total-rebates').className = signClass(t.rebatesUsd);
    $('total-fees').textContent = income(-t.feesUsd, 2);
    $('total-fees').className = signClass(-t.feesUsd);
    $('max-drawdown').textContent = usd(t.maxDrawdownUsd);

    const risk = $('risk-status');
    risk.textContent = s.risk.status;
    risk.className = 'badge status-' + s.risk.status;
    $('risk-reason').textContent = s.risk.reason;
    const rules = $('risk-rules');
    rules.replaceChildren(...s.risk.firedRules.map((rule) => {
      const li = el('li');
      li.append(el('code', rule.ruleId), document.createTextNode(': ' + rule.reason));
      return li;
    }));
    const failClosed = $('fail-closed');
    failClosed.textContent = s.failClosedReason === null ? '' : 'Stopped quoting: ' + s.failClosedReason;
    failClosed.className = s.failClosedReason === null ? '' : 'shown';

    $('pnl-body').replaceChildren(...s.assets.map((a) => {
      const tr = row([el('td', a.symbol), money(a.pnl.totalUsd), money(a.pnl.spreadCaptureUsd), money(a.pnl.rebatesUsd), money(-a.pnl.feesUsd), money(a.pnl.inventoryUsd)]);
      tr.dataset.symbol = a.symbol;
      return tr;
    }));
    $('inventory-body').replaceChildren(...s.assets.map((a) => {
      const tr = row([el('td', a.symbol), el('td', num(a.positionBase) + ' ' + a.symbol, signClass(a.positionBase)), money(a.positionUsd), el('td', a.fills.buy + ' / ' + a.fills.sell), el('td', usd(a.volumeUsd)), el('td', a.spreadCapturedBps.toFixed(2))]);
      tr.dataset.symbol = a.symbol;
      return tr;
    }));
    $('ladders').replaceChildren(...s.assets.map(ladder));
    $('fills-body').replaceChildren(...(s.recentFills.length === 0
      ? [row([el('td', 'no fills yet', 'muted'), '', '', '', '', '', '', ''])]
      : s.recentFills.map((f) => row([el('td', clock(f.timeUs)), el('td', f.symbol), el('td', f.side, 'side-' + f.side), el('td', num(f.price)), el('td', num(f.size) + ' ' + f.symbol), el('td', '$' + (f.size * f.price).toFixed(2)), el('td', f.liquidity), fee(f.feeUsd)]))));

    addPoint(pointOf(s));
    for (let i = s.recentFills.length - 1; i >= 0; i -= 1) addFill(s.recentFills[i]);
    drawCharts(s);

    document.body.dataset.snapshotTime = String(s.timeUs);
    document.body.dataset.ready = 'true';
  }

  const setConnection = (text) => { $('conn').textContent = text; };
  let latest = null;
  const show = (snapshot) => {
    latest = snapshot;
    try {
      render(snapshot);
      $('error').textContent = '';
    } catch (error) {
      $('error').textContent = 'cannot render snapshot: ' + (error && error.message ? error.message : String(error));
    }
  };
  const connect = () => {
    const source = new EventSource('events');
    source.addEventListener('open', () => setConnection('live'));
    source.addEventListener('error', () => setConnection('reconnecting…'));
    source.addEventListener('snapshot', (event) => {
      let snapshot;
      try {
        snapshot = JSON.parse(event.data);
      } catch (error) {
        $('error').textContent = 'cannot read snapshot: ' + (error && error.message ? error.message : String(error));
        return;
      }
      show(snapshot);
    });
  };
  // The history first (what the bot kept while no page was open), then the live stream.
  fetch('api/history', { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .then((loaded) => {
      if (loaded && Array.isArray(loaded.points)) {
        if (loaded.capacity && loaded.capacity.points > 0) history.capacity = loaded.capacity;
        for (const p of loaded.points) addPoint(p);
        for (const f of loaded.fills) addFill(f);
      }
    })
    .catch(() => {})
    .finally(connect);
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (latest !== null) drawCharts(latest); }, 100);
  });
  setInterval(tickUptime, 1000);
})();
`;

const BODY = `
<header>
  <h1>MM bot</h1>
  <span class="badge" id="mode">–</span>
  <span>up <strong id="uptime">–</strong></span>
  <span class="muted">snapshot <span id="snapshot-time">–</span></span>
  <span class="muted">feed: <span id="conn">connecting…</span></span>
  <span class="neg" id="error"></span>
</header>
<div id="mainnet-banner" role="alert"></div>
<div id="fail-closed" role="alert"></div>
<main>
  <section>
    <h2>PnL</h2>
    <div class="big" id="total-pnl">–</div>
    <div class="kv">
      <span class="muted">volume</span><span id="total-volume">–</span>
      <span class="muted">rebates (income)</span><span id="total-rebates">–</span>
      <span class="muted">fees (cost)</span><span id="total-fees">–</span>
      <span class="muted">max drawdown</span><span id="max-drawdown">–</span>
    </div>
  </section>
  <section>
    <h2>Risk</h2>
    <span class="badge" id="risk-status">–</span>
    <div id="risk-reason" class="muted" style="margin-top:6px"></div>
    <ul class="rules" id="risk-rules"></ul>
  </section>
  <section class="wide">
    <h2>Charts <span class="unit">(the last hour at most, one point a second)</span></h2>
    <div class="charts">
      <div class="chart" id="chart-pnl" data-chart="pnl"><h3>PnL split over time (all assets)</h3><div class="legend"></div><svg role="img" aria-label="PnL split over time"></svg></div>
      <div class="chart" id="chart-inventory" data-chart="inventory"><h3>Inventory over time (USD; coin in the legend)</h3><div class="legend"></div><svg role="img" aria-label="inventory over time"></svg></div>
      <div class="chart" id="chart-fill-rate" data-chart="fill-rate"><h3>Fill rate</h3><div class="legend"></div><svg role="img" aria-label="fill rate"></svg></div>
    </div>
    <div class="charts" id="price-charts" style="margin-top:16px"></div>
  </section>
  <section class="wide">
    <h2>PnL by asset</h2>
    <table id="pnl-table"><thead><tr><th>asset</th><th>total</th><th>spread capture</th><th>rebates (income)</th><th>fees (cost)</th><th>inventory</th></tr></thead><tbody id="pnl-body"></tbody></table>
  </section>
  <section class="wide">
    <h2>Inventory</h2>
    <table id="inventory-table"><thead><tr><th>asset</th><th>position (coin)</th><th>position USD</th><th>fills buy / sell</th><th>volume</th><th>captured bps</th></tr></thead><tbody id="inventory-body"></tbody></table>
  </section>
  <section class="wide">
    <h2>Our quotes against the book</h2>
    <div class="ladders" id="ladders"></div>
  </section>
  <section class="wide">
    <h2>Recent fills</h2>
    <table id="fills-table"><thead><tr><th>time (UTC)</th><th>asset</th><th>side</th><th>price</th><th>size</th><th>value</th><th>liquidity</th><th>fee / rebate</th></tr></thead><tbody id="fills-body"></tbody></table>
  </section>
</main>
`;

/** The dashboard HTML; it subscribes to `events` relative to its own URL. */
export function renderDashboardPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MM bot</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body data-ready="false">${BODY}<script>${SCRIPT}</script>
</body>
</html>
`;
}
