import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import { sampleReportInput } from './sample-report-input.js';
import { writeReport } from './write-report.js';

describe('writeReport', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('writes the rendered report, creating parent directories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-report-'));
    dirs.push(dir);
    const input = sampleReportInput(50);
    const path = join(dir, 'runs', 'btc', 'report.html');
    const html = await writeReport(path, input);
    expect(await readFile(path, 'utf8')).toBe(html);
    expect(html).toBe(renderReport(input));
  });
});
