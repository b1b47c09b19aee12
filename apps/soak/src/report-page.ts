import type { SoakReport } from './soak-run.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const WIDTH = 1000;

/** A polyline of (seconds, value) points scaled into a `height`-pixel band. */
function line(points: Array<[number, number]>, durationS: number, height: number, color: string): string {
  if (points.length === 0) return '';
  const values = points.map(([, value]) => value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const coordinates = points
    .map(
      ([t, value]) =>
        `${((t / Math.max(durationS, 1)) * WIDTH).toFixed(1)},${(height - ((value - low) / span) * (height - 10) - 5).toFixed(1)}`,
    )
    .join(' ');
  return `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${coordinates}"/><text x="4" y="12" font-size="11">${high.toFixed(1)}</text><text x="4" y="${height - 2}" font-size="11">${low.toFixed(1)}</text>`;
}

/** The soak's timeline as one self-contained HTML page: verdict, checks, faults over time, RSS and position curves. */
export function renderTimelinePage(report: SoakReport): string {
  const duration = Math.max(report.durationS, 1);
  const kinds = Object.keys(report.faultsByKind);
  const rowHeight = 14;
  const faultRows = report.faults
    .map((fault) => {
      const row = kinds.indexOf(fault.kind);
      const x = (fault.atMs / 1000 / duration) * WIDTH;
      const recovery = fault.recoveryMs === null ? 60_000 : fault.recoveryMs + fault.holdMs;
      const width = Math.max(1.5, (recovery / 1000 / duration) * WIDTH);
      const color = fault.recoveryMs === null ? '#d00' : '#2a6';
      const title = `#${fault.index} ${fault.kind} at ${(fault.atMs / 1000).toFixed(1)} s, hold ${fault.holdMs} ms, recovered ${fault.recoveryMs ?? 'NOT'} ms ${fault.note ?? ''} ${fault.failing.join(', ')}`;
      return `<rect x="${x.toFixed(1)}" y="${row * rowHeight + 2}" width="${width.toFixed(1)}" height="${rowHeight - 4}" fill="${color}"><title>${escapeHtml(title)}</title></rect>`;
    })
    .join('');
  const labels = kinds
    .map(
      (kind, row) =>
        `<text x="${WIDTH + 6}" y="${row * rowHeight + 11}" font-size="11">${escapeHtml(kind)} (${report.faultsByKind[kind]})</text>`,
    )
    .join('');
  const rss = report.samples.filter((sample) => sample.botRssMb !== null).map((sample) => [sample.t, sample.botRssMb!] as [number, number]);
  const soakRss = report.samples.map((sample) => [sample.t, sample.soakRssMb] as [number, number]);
  const position = report.samples.map((sample) => [sample.t, sample.positionUsd] as [number, number]);
  const checks = Object.entries(report.checks)
    .map(([name, check]) => `<tr><td>${check.pass ? '✅' : '❌'}</td><td>${escapeHtml(name)}</td><td>${escapeHtml(check.detail)}</td></tr>`)
    .join('');
  const violations = report.violations
    .slice(0, 200)
    .map((item) => `<li>${(item.atMs / 1000).toFixed(1)} s ${escapeHtml(item.check)}: ${escapeHtml(item.detail)}</li>`)
    .join('');
  const band = (title: string, body: string, height: number) =>
    `<h3>${escapeHtml(title)}</h3><svg width="${WIDTH + 180}" height="${height}" style="background:#fafafa">${body}</svg>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>soak ${report.verdict}</title>
<style>body{font-family:sans-serif;margin:16px}td{padding:2px 8px;vertical-align:top}</style></head>
<body>
<h1>Soak: ${report.verdict}</h1>
<p>seed ${report.seed}, started ${escapeHtml(report.startedAt)}, ${report.durationS} s, ${report.faultsInjected} of ${report.faultsPlanned} faults,
${report.figures.botStarts} bot starts, ${report.figures.venueFills} venue fills, worst recovery ${report.figures.worstRecoveryMs} ms (${escapeHtml(report.figures.worstRecoveryKind ?? '-')}),
peak bot RSS ${report.figures.peakRssMb} MB</p>
<table>${checks}</table>
${band('Faults (bar: hold + recovery; red: not recovered)', faultRows + labels, kinds.length * rowHeight + 4)}
${band('Bot RSS (MB)', line(rss, duration, 120, '#36c'), 120)}
${band('Soak + venue RSS (MB)', line(soakRss, duration, 80, '#999'), 80)}
${band('Venue position (USD)', line(position, duration, 100, '#c60'), 100)}
<h3>Violations (${report.violations.length})</h3><ul>${violations}</ul>
</body></html>
`;
}
