/**
 * The dashboard: one self-contained page (inline CSS and JS, no CDN, no fonts, no images from
 * elsewhere) so it works on an air-gapped box and its Content-Security-Policy can forbid every
 * outside request. It renders each snapshot `/events` pushes, building the DOM with
 * `textContent` only: symbols and reasons are data, never markup.
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
  // A single fill's fee is often a fraction of a cent: cents would show $0.00.
  const fee = (v) => el('td', (v < 0 ? '-' : '') + '$' + Math.abs(v).toFixed(4), signClass(-v)); // a rebate (negative fee) is a gain

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
    const head = row(['our bid', 'price', 'our ask', 'from mid']);
    head.querySelectorAll('td').forEach((td) => { const th = el('th', td.textContent); td.replaceWith(th); });
    const thead = el('thead'); thead.append(head); table.append(thead);
    const body = el('tbody');
    for (const r of rows) {
      const bps = mid !== null ? (((r.price - mid) / mid) * 10000).toFixed(1) + ' bps' : '–';
      const tr = row([
        el('td', r.kind === 'ours-buy' ? num(r.size) : r.kind === 'book' ? r.label : '', 'size-bid'),
        el('td', num(r.price), 'price'),
        el('td', r.kind === 'ours-sell' ? num(r.size) : '', 'size-ask'),
        el('td', bps),
      ]);
      tr.className = r.kind;
      body.append(tr);
    }
    if (rows.length === 0) body.append(row(['no quotes, no book', '', '', '']));
    table.append(body);
    box.append(table);
    return box;
  }

  function render(s) {
    $('mode').textContent = s.mode;
    $('snapshot-time').textContent = clock(s.timeUs) + ' UTC';
    uptimeBase = (s.timeUs - s.startedUs) / 1e6;
    receivedAtMs = Date.now();
    tickUptime();

    const t = s.totals;
    $('total-pnl').textContent = usd(t.pnlUsd);
    $('total-pnl').className = 'big ' + signClass(t.pnlUsd);
    $('total-volume').textContent = usd(t.volumeUsd);
    $('total-rebates').textContent = usd(t.rebatesUsd);
    $('total-fees').textContent = usd(t.feesUsd);
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
      const tr = row([el('td', a.symbol), el('td', num(a.positionBase), signClass(a.positionBase)), money(a.positionUsd), el('td', a.fills.buy + ' / ' + a.fills.sell), el('td', usd(a.volumeUsd)), el('td', a.spreadCapturedBps.toFixed(2))]);
      tr.dataset.symbol = a.symbol;
      return tr;
    }));
    $('ladders').replaceChildren(...s.assets.map(ladder));
    $('fills-body').replaceChildren(...(s.recentFills.length === 0
      ? [row([el('td', 'no fills yet', 'muted'), '', '', '', '', '', ''])]
      : s.recentFills.map((f) => row([el('td', clock(f.timeUs)), el('td', f.symbol), el('td', f.side, 'side-' + f.side), el('td', num(f.price)), el('td', num(f.size)), el('td', f.liquidity), fee(f.feeUsd)]))));

    document.body.dataset.snapshotTime = String(s.timeUs);
    document.body.dataset.ready = 'true';
  }

  const setConnection = (text) => { $('conn').textContent = text; };
  const source = new EventSource('events');
  source.addEventListener('open', () => setConnection('live'));
  source.addEventListener('error', () => setConnection('reconnecting…'));
  source.addEventListener('snapshot', (event) => {
    try {
      render(JSON.parse(event.data));
      $('error').textContent = '';
    } catch (error) {
      $('error').textContent = 'cannot render snapshot: ' + (error && error.message ? error.message : String(error));
    }
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
<div id="fail-closed" role="alert"></div>
<main>
  <section>
    <h2>PnL</h2>
    <div class="big" id="total-pnl">–</div>
    <div class="kv">
      <span class="muted">volume</span><span id="total-volume">–</span>
      <span class="muted">rebates</span><span id="total-rebates">–</span>
      <span class="muted">fees</span><span id="total-fees">–</span>
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
    <h2>PnL by asset</h2>
    <table id="pnl-table"><thead><tr><th>asset</th><th>total</th><th>spread capture</th><th>rebates</th><th>fees</th><th>inventory</th></tr></thead><tbody id="pnl-body"></tbody></table>
  </section>
  <section class="wide">
    <h2>Inventory</h2>
    <table id="inventory-table"><thead><tr><th>asset</th><th>position</th><th>position USD</th><th>fills buy / sell</th><th>volume</th><th>captured bps</th></tr></thead><tbody id="inventory-body"></tbody></table>
  </section>
  <section class="wide">
    <h2>Our quotes against the book</h2>
    <div class="ladders" id="ladders"></div>
  </section>
  <section class="wide">
    <h2>Recent fills</h2>
    <table id="fills-table"><thead><tr><th>time (UTC)</th><th>asset</th><th>side</th><th>price</th><th>size</th><th>liquidity</th><th>fee</th></tr></thead><tbody id="fills-body"></tbody></table>
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
