/** The stylesheet of map.html (inline: the page loads nothing). */
export const MAP_REPORT_STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --bg: #f5f7fa; --accent: #2f6fb0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 16px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 2px; font-size: 22px; }
h2 { font-size: 17px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 0 0 8px; display: flex; align-items: center; gap: 6px; }
h4 { font-size: 13px; margin: 14px 0 6px; }
.meta { color: var(--muted); font-size: 12px; }
#kpis { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 6px; }
.kpi { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; min-width: 110px; }
.kpi-value { font-size: 18px; font-weight: 600; }
.kpi-label { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
section { background: #fff; margin: 14px 24px; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.map-grid { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 14px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.controls select { max-width: 340px; padding: 3px 4px; }
.controls button, .chip { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 3px 9px; cursor: pointer; }
.controls label { color: var(--muted); font-size: 12px; }
.map-wrap { position: relative; border: 1px solid var(--line); border-radius: 8px; background: #eef2f5; overflow: hidden; }
#map { position: relative; display: block; width: 100%; height: 560px; cursor: grab; }
#basemap { position: absolute; inset: 0; overflow: hidden; pointer-events: none; }
#basemap img.tile { position: absolute; max-width: none; user-select: none; }
#scale { position: absolute; left: 8px; bottom: 8px; pointer-events: none; }
#attribution { position: absolute; right: 0; bottom: 0; font-size: 11px; background: rgba(255,255,255,.75); padding: 1px 6px; color: #333; }
#attribution:empty { display: none; }
#map-tip { position: absolute; pointer-events: none; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; font-size: 12px; box-shadow: 0 2px 6px rgba(0,0,0,.15); max-width: 260px; }
.scale-line { stroke: #333; stroke-width: 3; }
.scale-text { font-size: 11px; fill: #333; }
.legend-outlet { fill: #777; stroke: #1f2933; stroke-width: .7; }
.legend-home { fill: #777; stroke: #111; stroke-width: 1.5; }
#side { font-size: 13px; max-height: 640px; overflow: auto; }
.hint { color: var(--muted); font-size: 12px; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.flag { color: #a4262c; font-size: 12px; margin: 6px 0 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 11px; text-transform: uppercase; color: var(--muted); letter-spacing: .03em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.over td { color: #b42318; font-weight: 600; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; border: 1px solid rgba(0,0,0,.3); margin-right: 4px; vertical-align: -1px; }
#legend { display: flex; flex-wrap: wrap; gap: 18px; margin-top: 10px; }
.legend-group { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.legend-reps { max-height: 150px; overflow: auto; }
.legend-days:empty, .legend-changes:empty { display: none; }
.legend-title { width: 100%; font-size: 11px; color: var(--muted); text-transform: uppercase; }
.legend-rep { border: 1px solid transparent; background: none; border-radius: 6px; padding: 2px 6px; cursor: pointer; font: inherit; }
.legend-rep.active { border-color: var(--ink); background: var(--bg); }
.legend-tier { display: flex; align-items: center; gap: 4px; }
.chart-scroll { overflow-x: auto; }
#balance-chart { display: block; }
.bar-label { text-anchor: end; font-size: 12px; fill: var(--ink); }
.bar-note { font-size: 12px; fill: var(--muted); }
.bar-note.off { fill: #a4262c; font-weight: 600; }
.target-tick { stroke: #111; stroke-width: 2; }
.axis-title { font-size: 12px; fill: var(--muted); }
.pool-sep { stroke: var(--line); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.chip.active { background: var(--ink); color: #fff; border-color: var(--ink); }
#change-filter { padding: 4px 6px; width: 260px; margin: 4px 0 8px; }
.kind { font-size: 11px; padding: 1px 6px; border-radius: 10px; background: #e4e7eb; }
.kind-new { background: #d3f0d9; } .kind-closed { background: #f8d7da; } .kind-rep { background: #dbe7f7; }
.kind-weekday { background: #fdf0c7; } .kind-tier { background: #eadcf2; } .kind-moved { background: #e2e2e2; }
.changes-scroll { max-height: 520px; overflow: auto; }
tr.change-row { cursor: pointer; }
tr.change-row:hover td { background: var(--bg); }
tr.change-row.selected td { background: #dbe7f7; }
.pager { display: flex; gap: 10px; align-items: center; margin-top: 6px; }
.pager button { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 3px 9px; cursor: pointer; }
.pager button:disabled { opacity: .4; cursor: default; }
.outlet-changes { margin: 0; padding-left: 16px; }
#warnings li { color: #8a5a00; }
@media (max-width: 900px) { .map-grid { grid-template-columns: 1fr; } }
@media print { #map { height: 480px; } .controls, #change-filter, .chips, .pager { display: none; } }
`;
