import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderReport } from './render-report.js';
import type { ReportInput } from './report-input.js';

/** Renders the report and writes it to `path` (parent directories created); resolves to the HTML written. */
export async function writeReport(path: string, input: ReportInput): Promise<string> {
  const html = renderReport(input);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html, 'utf8');
  return html;
}
