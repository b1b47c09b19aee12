/**
 * The report's inline browser script, kept as plain JavaScript text so the HTML file needs no bundler
 * and no network. It reads the JSON embedded by `renderReport` (already downsampled for drawing, see
 * `downsampleSeries`), draws every `[data-plot]` figure on a canvas sized to the device pixel ratio,
 * redraws on resize and sets `data-drawn="true"` on each figure once drawn.
 * No template-literal placeholders or `</script` may appear in it: it is embedded verbatim.
 */
export const reportScript = String.raw`
'use strict';
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const COLOR = {
    equity: '#2563eb', inventory: '#7c3aed', mid: '#6b7280', bid: '#16a34a', ask: '#dc2626',
    buy: '#15803d', sell: '#b91c1c', grid: '#e5e7eb', text: '#374151', zero: '#9ca3af',
    positive: '#16a34a', negative: '#dc2626', bar: '#2563eb',
  };
  const FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
  const MS_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5,
    9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5];
  const spanUs = Math.max(0, data.endUs - data.startUs);
  // A run with a single sample still gets a readable axis: one second either side.
  const xRange = spanUs > 0 ? [0, spanUs] : [-1e6, 1e6];

  const niceStep = (raw) => {
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / power;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
  };
  const decimalsFor = (step) => Math.min(10, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  const fmt = (v, decimals) => v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const fmtValue = (v) => (v === null || v === undefined ? 'n/a' : v.toLocaleString('en-US', { maximumSignificantDigits: 8 }));
  const isoUs = (offsetUs) => new Date((data.startUs + offsetUs) / 1000).toISOString();
  const fmtTime = (offsetUs, stepMs) => {
    const iso = isoUs(offsetUs);
    if (stepMs >= 864e5) return iso.slice(5, 10);
    if (stepMs >= 6e4) return iso.slice(11, 16);
    if (stepMs >= 1e3) return iso.slice(11, 19);
    return iso.slice(11, 23);
  };

  function valueRange(lists, includeZero) {
    let min = Infinity;
    let max = -Infinity;
    for (const list of lists) for (const v of list) if (v !== null) { if (v < min) min = v; if (v > max) max = v; }
    if (includeZero) { min = Math.min(min, 0); max = Math.max(max, 0); }
    if (min > max) return [0, 1];
    if (min === max) { const pad = Math.abs(min) * 0.01 || 1; return [min - pad, max + pad]; }
    const pad = (max - min) * 0.05;
    return [includeZero && min === 0 ? 0 : min - pad, includeZero && max === 0 ? 0 : max + pad];
  }

  function yTicks(range, heightPx) {
    const step = niceStep((range[1] - range[0]) / Math.max(2, Math.floor(heightPx / 42)));
    const decimals = decimalsFor(step);
    const ticks = [];
    for (let k = Math.ceil(range[0] / step); k * step <= range[1] + step * 1e-9; k += 1) {
      const v = k * step || 0; // k = -0 would print "-0"
      ticks.push({ v, label: fmt(v, decimals) });
    }
    return ticks;
  }

  // Canvas sized in device pixels so lines stay sharp; the box, not the canvas, decides the CSS size.
  function frame(figure, yLabelTicks) {
    const box = figure.querySelector('.canvas-box');
    const canvas = box.querySelector('canvas');
    const w = Math.max(240, box.clientWidth);
    const h = Math.max(120, box.clientHeight);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.font = FONT;
    let labelWidth = 0;
    for (const tick of yLabelTicks(h - 50)) labelWidth = Math.max(labelWidth, ctx.measureText(tick.label).width);
    return { canvas, ctx, w, h, x0: Math.ceil(labelWidth) + 30, x1: w - 14, y0: 10, y1: h - 40 };
  }

  function drawYAxis(g, range, label) {
    const { ctx } = g;
    const sy = (v) => g.y1 - ((v - range[0]) / (range[1] - range[0])) * (g.y1 - g.y0);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const tick of yTicks(range, g.y1 - g.y0)) {
      const y = Math.round(sy(tick.v)) + 0.5;
      ctx.strokeStyle = COLOR.grid;
      ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(g.x0, y); ctx.lineTo(g.x1, y); ctx.stroke();
      ctx.fillStyle = COLOR.text;
      ctx.fillText(tick.label, g.x0 - 6, y);
    }
    ctx.save();
    ctx.translate(11, (g.y0 + g.y1) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(label, 0, 0);
    ctx.restore();
    return sy;
  }

  function drawTimeAxis(g) {
    const { ctx } = g;
    const sx = (t) => g.x0 + ((t - xRange[0]) / (xRange[1] - xRange[0])) * (g.x1 - g.x0);
    const spanMs = (xRange[1] - xRange[0]) / 1000;
    const wanted = spanMs / Math.max(2, Math.floor((g.x1 - g.x0) / 110));
    const stepMs = MS_STEPS.find((s) => s >= wanted) || Math.ceil(wanted / 864e5) * 864e5;
    const startMs = (data.startUs + xRange[0]) / 1000;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let ms = Math.ceil(startMs / stepMs) * stepMs; ms <= startMs + spanMs; ms += stepMs) {
      const offsetUs = ms * 1000 - data.startUs;
      const x = Math.round(sx(offsetUs)) + 0.5;
      ctx.strokeStyle = COLOR.grid;
      ctx.beginPath(); ctx.moveTo(x, g.y0); ctx.lineTo(x, g.y1 + 4); ctx.stroke();
      ctx.fillStyle = COLOR.text;
      ctx.fillText(fmtTime(offsetUs, stepMs), x, g.y1 + 7);
    }
    ctx.textAlign = 'left';
    ctx.fillText('time, UTC (from ' + isoUs(xRange[0]).replace('T', ' ').replace('Z', '') + ')', g.x0, g.y1 + 24);
    ctx.strokeStyle = COLOR.text;
    ctx.strokeRect(g.x0 + 0.5, g.y0 + 0.5, g.x1 - g.x0, g.y1 - g.y0);
    return sx;
  }

  function clip(g) {
    g.ctx.save();
    g.ctx.beginPath();
    g.ctx.rect(g.x0, g.y0, g.x1 - g.x0, g.y1 - g.y0);
    g.ctx.clip();
  }

  function drawLine(g, series, sx, sy, color, width) {
    const { ctx } = g;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let run = 0;
    let lastX = 0;
    let lastY = 0;
    // A run of one sample (isolated by gaps) has no segment to stroke, so it gets a dot.
    const endRun = () => { if (run === 1) ctx.fillRect(lastX - width, lastY - width, 2 * width, 2 * width); run = 0; };
    for (let i = 0; i < series.t.length; i += 1) {
      const v = series.v[i];
      if (v === null) { endRun(); continue; }
      lastX = sx(series.t[i]);
      lastY = sy(v);
      if (run === 0) ctx.moveTo(lastX, lastY); else ctx.lineTo(lastX, lastY);
      run += 1;
    }
    endRun();
    ctx.stroke();
  }

  function drawZero(g, sy, range) {
    if (range[0] >= 0 || range[1] <= 0) return;
    const y = Math.round(sy(0)) + 0.5;
    g.ctx.strokeStyle = COLOR.zero;
    g.ctx.setLineDash([4, 3]);
    g.ctx.beginPath(); g.ctx.moveTo(g.x0, y); g.ctx.lineTo(g.x1, y); g.ctx.stroke();
    g.ctx.setLineDash([]);
  }

  function drawFills(g, sx, sy) {
    const { ctx } = g;
    const f = data.fills;
    const size = 4.5;
    ctx.lineWidth = 1.5;
    for (let i = 0; i < f.t.length; i += 1) {
      const x = sx(f.t[i]);
      const y = sy(f.p[i]);
      const dir = f.buy[i] ? 1 : -1;
      ctx.beginPath();
      ctx.moveTo(x, y - dir * size);
      ctx.lineTo(x + size, y + dir * size * 0.8);
      ctx.lineTo(x - size, y + dir * size * 0.8);
      ctx.closePath();
      const color = f.buy[i] ? COLOR.buy : COLOR.sell;
      if (f.maker[i]) { ctx.fillStyle = color; ctx.fill(); } else { ctx.fillStyle = '#fff'; ctx.fill(); ctx.strokeStyle = color; ctx.stroke(); }
    }
  }

  function legend(figure, items) {
    const box = figure.querySelector('.legend');
    if (box.childElementCount > 0) return;
    for (const item of items) {
      const key = document.createElement('span');
      key.className = 'key';
      const swatch = document.createElement('span');
      swatch.className = item.glyph ? 'glyph' : 'swatch';
      swatch.style.color = item.color;
      if (item.glyph) swatch.textContent = item.glyph; else swatch.style.background = item.color;
      key.append(swatch, document.createTextNode(item.label));
      box.append(key);
    }
  }

  function nearestIndex(times, t) {
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (times[mid] < t) lo = mid + 1; else hi = mid; }
    if (lo > 0 && Math.abs(times[lo - 1] - t) <= Math.abs(times[lo] - t)) lo -= 1;
    return lo;
  }

  // Hover readout: a CSS cursor line and a text line, so the canvas is not redrawn on every mouse move.
  function hover(figure, g, sx, keys) {
    const box = figure.querySelector('.canvas-box');
    const cursor = box.querySelector('.cursor');
    const readout = figure.querySelector('.readout');
    box.onmousemove = (event) => {
      const x = event.clientX - box.getBoundingClientRect().left;
      if (x < g.x0 || x > g.x1) { box.onmouseleave(); return; }
      const t = xRange[0] + ((x - g.x0) / (g.x1 - g.x0)) * (xRange[1] - xRange[0]);
      const parts = [];
      let at = t;
      for (const key of keys) {
        const series = data.series[key];
        if (series.t.length === 0) continue;
        const i = nearestIndex(series.t, t);
        at = series.t[i];
        parts.push(key + ' ' + fmtValue(series.v[i]));
      }
      cursor.style.display = 'block';
      cursor.style.left = Math.round(sx(at)) + 'px';
      readout.textContent = isoUs(at).replace('T', ' ').replace('Z', ' UTC') + '  ·  ' + parts.join('  ·  ');
    };
    box.onmouseleave = () => { cursor.style.display = 'none'; readout.textContent = ' '; };
  }

  function timePlot(figure, spec) {
    const lists = spec.lines.map((line) => data.series[line.key].v);
    if (spec.fills) lists.push(data.fills.p);
    const range = valueRange(lists, spec.zero);
    const g = frame(figure, (heightPx) => yTicks(range, heightPx));
    const sy = drawYAxis(g, range, spec.yLabel);
    const sx = drawTimeAxis(g);
    clip(g);
    if (spec.zero) drawZero(g, sy, range);
    for (const line of spec.lines) drawLine(g, data.series[line.key], sx, sy, line.color, line.width || 1.25);
    if (spec.fills) drawFills(g, sx, sy);
    g.ctx.restore();
    if (data.series[spec.lines[0].key].t.length === 0 && !(spec.fills && data.fills.t.length > 0)) {
      g.ctx.fillStyle = COLOR.text;
      g.ctx.textAlign = 'center';
      g.ctx.fillText('no samples', (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2);
      figure.setAttribute('data-empty', 'true');
    }
    const items = spec.lines.map((line) => ({ label: line.label, color: line.color }));
    if (spec.fills) {
      const shown = data.fillsShown < data.fillsTotal ? ' (' + data.fillsShown + ' of ' + data.fillsTotal + ' drawn; one per overlapping cell)' : '';
      items.push({ label: 'buy fill', color: COLOR.buy, glyph: '▲' }, { label: 'sell fill', color: COLOR.sell, glyph: '▼' },
        { label: 'filled = maker, hollow = taker' + shown, color: COLOR.text, glyph: '△' });
    }
    legend(figure, items);
    hover(figure, g, sx, spec.lines.map((line) => line.key));
  }

  function barPlot(figure, bars, yLabel, colorOf, labelOf) {
    const values = bars.map((bar) => bar.value);
    const base = valueRange([values], true);
    // Headroom for the value labels drawn beyond the bar ends.
    const pad = (base[1] - base[0]) * 0.12;
    const range = [base[0] < 0 ? base[0] - pad : 0, base[1] > 0 ? base[1] + pad : 0];
    const g = frame(figure, (heightPx) => yTicks(range, heightPx));
    const sy = drawYAxis(g, range, yLabel);
    const { ctx } = g;
    const slot = (g.x1 - g.x0) / Math.max(1, bars.length);
    const every = Math.max(1, Math.ceil(60 / slot));
    ctx.textAlign = 'center';
    bars.forEach((bar, i) => {
      const x = g.x0 + slot * i + slot * 0.15;
      const width = slot * 0.7;
      ctx.textBaseline = 'top';
      ctx.fillStyle = COLOR.text;
      if (i % every === 0) ctx.fillText(bar.label, x + width / 2, g.y1 + 7);
      const text = labelOf(bar.value);
      if (bar.value === null) { ctx.textBaseline = 'bottom'; ctx.fillText(text, x + width / 2, sy(0) - 3); return; }
      const top = Math.min(sy(bar.value), sy(0));
      ctx.fillStyle = colorOf(bar.value);
      ctx.fillRect(x, top, width, Math.max(1, Math.abs(sy(bar.value) - sy(0))));
      if (width >= 30) {
        ctx.fillStyle = COLOR.text;
        ctx.textBaseline = bar.value >= 0 ? 'bottom' : 'top';
        ctx.fillText(text, x + width / 2, bar.value >= 0 ? top - 2 : top + Math.abs(sy(bar.value) - sy(0)) + 2);
      }
    });
    ctx.strokeStyle = COLOR.text;
    ctx.strokeRect(g.x0 + 0.5, g.y0 + 0.5, g.x1 - g.x0, g.y1 - g.y0);
    drawZero(g, sy, range);
  }

  const PLOTS = {
    equity: (figure) => timePlot(figure, { yLabel: 'net PnL (quote)', zero: true, lines: [{ key: 'equity', label: 'net PnL', color: COLOR.equity, width: 1.5 }] }),
    inventory: (figure) => timePlot(figure, { yLabel: 'position (base)', zero: true, lines: [{ key: 'inventory', label: 'position', color: COLOR.inventory, width: 1.5 }] }),
    price: (figure) => timePlot(figure, {
      yLabel: 'price', zero: false, fills: true,
      lines: [{ key: 'mid', label: 'mid', color: COLOR.mid }, { key: 'bid', label: 'our bid', color: COLOR.bid }, { key: 'ask', label: 'our ask', color: COLOR.ask }],
    }),
    'inventory-histogram': (figure) => barPlot(figure,
      data.inventoryHistogram.map((b) => ({ label: b.bucket, value: b.share * 100 })),
      'share of time, %', () => COLOR.bar, (v) => fmt(v, 1) + '%'),
    markouts: (figure) => barPlot(figure,
      data.markouts.map((m) => ({ label: m.horizon, value: m.bps })),
      'markout, bps', (v) => (v >= 0 ? COLOR.positive : COLOR.negative), (v) => (v === null ? 'n/a' : fmt(v, 2))),
  };

  function drawAll() {
    for (const figure of document.querySelectorAll('[data-plot]')) {
      const name = figure.getAttribute('data-plot');
      try {
        PLOTS[name](figure);
        figure.setAttribute('data-drawn', 'true');
      } catch (error) {
        figure.setAttribute('data-drawn', 'error');
        console.error('plot ' + name + ' failed', error);
      }
    }
    document.body.setAttribute('data-report-ready', 'true');
  }

  let pending = false;
  window.addEventListener('resize', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; drawAll(); });
  });
  drawAll();
})();
`;
