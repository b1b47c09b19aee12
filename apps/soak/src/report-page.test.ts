import { describe, expect, it } from 'vitest';
import { renderTimelinePage } from './report-page.js';
import type { SoakReport } from './soak-run.js';

const report = {
  verdict: 'FAIL',
  seed: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationS: 100,
  faultsPlanned: 2,
  faultsInjected: 2,
  faultsByKind: { wsDrop: 1, botKill: 1 },
  checks: { 'no-orphan-order': { pass: false, detail: 'order <b>&' } },
  figures: { botStarts: 2, venueFills: 3, worstRecoveryMs: 900, worstRecoveryKind: 'botKill', peakRssMb: 200 },
  violations: [{ atMs: 5_000, check: 'no-orphan-order', detail: '<script>alert(1)</script>' }],
  faults: [
    { index: 0, kind: 'wsDrop', atMs: 10_000, holdMs: 0, size: 1, recoveryMs: 20, failing: [] },
    { index: 1, kind: 'botKill', atMs: 50_000, holdMs: 1_000, size: 1, recoveryMs: null, failing: ['orphans 1'] },
  ],
  samples: [
    { t: 0, botRssMb: 190, soakRssMb: 200, positionUsd: 0, openOrders: 6, pid: 1 },
    { t: 100, botRssMb: 200, soakRssMb: 201, positionUsd: -50, openOrders: 6, pid: 2 },
  ],
} as unknown as SoakReport;

describe('timeline page', () => {
  it('shows the verdict, each fault on its kind row at its time, and escapes every text', () => {
    const page = renderTimelinePage(report);
    expect(page).toContain('<h1>Soak: FAIL</h1>');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('order &lt;b&gt;&amp;');
    // 10 s of 100 s on a 1000-px band: x = 100; the unrecovered kill is red on the second row.
    expect(page).toMatch(/<rect x="100.0" y="2" [^>]*fill="#2a6"/);
    expect(page).toMatch(/<rect x="500.0" y="16" [^>]*fill="#d00"/);
  });
});
