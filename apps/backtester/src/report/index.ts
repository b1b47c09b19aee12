export { renderReport } from './render-report.js';
export { writeReport } from './write-report.js';
export { parseReportInput, reportInputSchema, type ReportInput } from './report-input.js';
export { downsampleSeries, thinFills, type DownsampledSeries, type FillGrid, type FillMarker } from './downsample.js';
export { escapeHtml, jsonForScript } from './escape-html.js';
export { formatSummaryValue } from './format-summary-value.js';
