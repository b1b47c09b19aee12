import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSoak } from '../src/soak-run.js';

// The CI-sized soak: the real bot process, the real venue, every kind of fault the seed draws in a
// couple of minutes (seed 2 draws 11 of the 14 kinds in its first 24, a bot kill and venue restarts among them). The long run is `pnpm soak`.
describe('soak (CI size)', () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'soak-ci-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('survives a sequence of faults with every invariant holding', async () => {
    const report = await runSoak({ faults: 24, minutes: 2, seed: 2, outDir, log: () => {} });
    const failed = Object.entries(report.checks).filter(([name, check]) => !check.pass && name !== 'all-faults-injected');
    // On a busy machine the 2-minute cap may stop the plan early; what ran must still be clean.
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    expect(report.violations).toEqual([]);
    expect(report.faultsInjected).toBeGreaterThanOrEqual(10);
    expect(report.figures.venueFills).toBeGreaterThan(0);
    expect(report.figures.botStarts).toBeGreaterThanOrEqual(1);
    const written = JSON.parse(readFileSync(report.outputs.report, 'utf8')) as { verdict: string; faults: unknown[] };
    expect(written.faults).toHaveLength(report.faultsInjected);
    expect(readFileSync(report.outputs.page, 'utf8')).toContain('<h1>Soak:');
    expect(existsSync(report.outputs.journal)).toBe(true);
  }, 280_000);
});
