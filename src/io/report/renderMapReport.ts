import type { Plan } from '../../domain/plan/planTypes.js';
import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { ChangesFile } from '../artifacts/renderChanges.js';
import type { PlanSummaryFile } from '../artifacts/renderSummary.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';
import { buildMapReportData } from './mapReportData.js';
import { MAP_REPORT_SCRIPT } from './mapReportScript.js';

const STYLE = `
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
#map { display: block; width: 100%; height: 560px; cursor: grab; }
#scale { position: absolute; left: 8px; bottom: 8px; pointer-events: none; }
.scale-line { stroke: #333; stroke-width: 3; }
.scale-text { font-size: 11px; fill: #333; }
.territory { fill-opacity: .16; stroke-width: 2; vector-effect: non-scaling-stroke; stroke-linejoin: round; cursor: pointer; }
.territory.active { fill-opacity: .26; stroke-width: 3; }
.territory.dim { fill-opacity: .05; stroke-opacity: .35; }
.outlet { stroke: #1f2933; stroke-width: .7; vector-effect: non-scaling-stroke; }
.outlet.dim { opacity: .25; }
.home { stroke: #111; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.route { fill: none; stroke-width: 3; vector-effect: non-scaling-stroke; stroke-linejoin: round; opacity: .9; }
.route.faint { stroke-width: 1.5; opacity: .55; }
.moved { stroke: #444; stroke-width: 1.5; stroke-dasharray: 4 3; vector-effect: non-scaling-stroke; }
.moved.reassigned { stroke: #c0392b; }
.stop-badge { fill: #fff; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.stop-label { text-anchor: middle; dominant-baseline: central; font-weight: 700; fill: #111; }
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
.legend-title { width: 100%; font-size: 11px; color: var(--muted); text-transform: uppercase; }
.legend-rep { border: 1px solid transparent; background: none; border-radius: 6px; padding: 2px 6px; cursor: pointer; font: inherit; }
.legend-rep.active { border-color: var(--ink); background: var(--bg); }
.legend-tier { display: flex; align-items: center; gap: 4px; }
#balance-chart { width: 100%; max-width: 1100px; display: block; }
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
.changes-scroll { max-height: 420px; overflow: auto; }
#warnings li { color: #8a5a00; }
@media (max-width: 900px) { .map-grid { grid-template-columns: 1fr; } }
@media print { #map { height: 480px; } .controls, #change-filter, .chips { display: none; } }
`;

/** Escapes text for HTML element content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a script element: `<` is escaped so no value can close the element,
 * and U+2028/2029 are escaped for old parsers.
 */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * map.html: a self-contained, offline report for regional managers (no tiles, CDN or network):
 * territories coloured per rep on a local-km SVG map with zoom and pan, outlets marked by tier,
 * each rep-day route selectable with its stops listed, a legend, KPI cards, a per-rep
 * load/target bar chart grouped by pool, and a filterable table of changes against the previous
 * version. The plan data is embedded as JSON and drawn by an inline script. Pure.
 */
export function renderMapReport(input: {
  plan: Plan;
  summary: PlanSummaryFile;
  changes: ChangesFile;
  territories: FeatureCollection<TerritoryFeature>;
}): string {
  const data = buildMapReportData(input);
  const title = `Territories and routes - ${input.plan.region}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(input.plan.region)}: territories and visit routes</h1>
<div class="meta">Plan of ${escapeHtml(input.plan.generatedAt)} - mode ${escapeHtml(input.plan.mode)} - input ${escapeHtml(input.plan.inputHash.slice(0, 12))} - policy ${escapeHtml(input.plan.policyHash.slice(0, 12))}</div>
<div id="kpis"></div>
<noscript><p>This report needs JavaScript to draw the map; the same data is in plan.json, summary.json and changes.json next to this file.</p></noscript>
</header>
<section id="map-section">
<h2>Map</h2>
<div class="map-grid">
<div>
<div class="controls">
<select id="pool-select" aria-label="Pool"></select>
<select id="rep-select" aria-label="Rep"></select>
<select id="day-select" aria-label="Day route"></select>
<button type="button" id="prev-day" title="Previous day">&#9664;</button>
<button type="button" id="next-day" title="Next day">&#9654;</button>
<button type="button" id="zoom-in" title="Zoom in">+</button>
<button type="button" id="zoom-out" title="Zoom out">&minus;</button>
<button type="button" id="zoom-reset" title="Whole region">Reset</button>
<label><input type="checkbox" id="toggle-territories" checked> territories</label>
<label><input type="checkbox" id="toggle-outlets" checked> outlets</label>
</div>
<div class="map-wrap">
<svg id="map" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet" role="img" aria-label="Map of territories, outlets and routes"></svg>
<svg id="scale" width="200" height="30"></svg>
</div>
<div id="legend"></div>
</div>
<aside id="side"></aside>
</div>
</section>
<section id="balance-section">
<h2>Workload balance per rep</h2>
<svg id="balance-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Load per rep"></svg>
</section>
<section id="changes-section">
<h2>Changes against the previous version</h2>
<div id="change-counts"></div>
<input id="change-filter" type="search" placeholder="Filter by outlet, rep or reason" aria-label="Filter changes">
<div class="changes-scroll">
<table id="changes-table"><thead><tr><th>Change</th><th>Outlet</th><th>Name</th><th>Detail</th><th>Reason</th></tr></thead><tbody id="changes-body"></tbody></table>
</div>
<p id="changes-status" class="hint"></p>
</section>
<section id="warnings-section"><h2>Warnings</h2><ul id="warnings"></ul></section>
<script type="application/json" id="plan-data">${scriptJson(data)}</script>
<script>${MAP_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
