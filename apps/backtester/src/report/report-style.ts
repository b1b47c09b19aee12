/** The report's inline stylesheet: one light theme, print friendly, no web fonts (the file is offline). */
export const reportStyle = `
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;background:#f9fafb}
main{max-width:1280px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:15px;margin:0 0 8px}
.meta{color:#4b5563;margin:0 0 2px}
.meta code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#eef0f3;padding:1px 4px;border-radius:3px;word-break:break-all}
.top{display:grid;grid-template-columns:minmax(360px,560px) 1fr;gap:20px;margin:20px 0;align-items:start}
.side{display:grid;gap:20px}
@media (max-width:900px){.top{grid-template-columns:1fr}}
section,figure{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:14px 16px;margin:0}
figure{margin:0 0 20px}
.side figure{margin:0}
figcaption{font-weight:600;margin-bottom:4px}
table.summary{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
table.summary th{text-align:left;font-weight:normal;color:#374151;padding:3px 12px 3px 0;white-space:nowrap}
table.summary td{text-align:right;padding:3px 0;font-weight:600;overflow-wrap:anywhere}
table.summary tr+tr>*{border-top:1px solid #f0f1f3}
.legend:empty{display:none}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:#374151;min-height:18px}
.key{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:16px;height:3px;border-radius:2px}
.glyph{font-size:11px}
.canvas-box{position:relative;height:260px;margin-top:6px}
.canvas-box.small{height:220px}
.canvas-box canvas{position:absolute;inset:0;width:100%;height:100%}
.cursor{position:absolute;top:10px;bottom:40px;width:1px;background:rgba(17,24,39,.35);display:none;pointer-events:none}
.readout{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:#374151;min-height:18px;white-space:pre}
noscript p{color:#b91c1c}
`;
