import { tileOrigin } from '../../config/mapTiles.js';
import { travelFallbackNotice } from '../../domain/plan/travelNotice.js';
import { escapeHtml, scriptJson } from './htmlText.js';
import { buildMapReportData, type MapReportInput } from './mapReportData.js';
import { MAP_REPORT_SCRIPT } from './mapReportScript.js';
import { MAP_REPORT_STYLE } from './mapReportStyle.js';

/**
 * The page's Content-Security-Policy: nothing may be loaded (no scripts, styles, fonts or
 * connections from anywhere; images only as data: URLs), except tile images from the
 * deployment's tile server when one is set.
 */
function contentSecurityPolicy(input: MapReportInput): string {
  const images = input.basemap ? `data: ${tileOrigin(input.basemap.url)}` : 'data:';
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src ${images}`;
}

const BANNER_STYLE =
  'padding: 10px 24px; background: #fde7e9; color: #7a1016; border-bottom: 2px solid #a4262c; font-size: 15px';

/**
 * A banner above everything when the plan fell back to straight lines; empty otherwise. Styled
 * inline, so maps of other plans stay byte for byte as they were.
 */
function travelBanner(input: MapReportInput): string {
  const notice = travelFallbackNotice(input.plan);
  return notice === null
    ? ''
    : `<div id="travel-banner" role="alert" style="${BANNER_STYLE}"><strong>Straight-line travel.</strong> ${escapeHtml(notice)}</div>\n`;
}

/**
 * map.html: a self-contained report for regional managers that works offline: the territories,
 * outlets by tier and routes of one pool (the first, by default) drawn on a canvas in Web
 * Mercator with zoom and pan, reps coloured so that touching territories differ, each rep-day
 * route selectable (or all of a rep's routes, a colour per day), an outlet card on click, a
 * legend, KPI cards, a per-rep load/target bar chart and a paged, filterable table of changes
 * against the previous plan whose rows select their outlet on the map; changed, new, closed and
 * moved outlets are marked and the previous territories can be outlined. The plan data is
 * embedded as compact JSON (buildMapReportData) and drawn by an inline script. With a tile
 * server (`input.basemap`) its tiles are shown under the map; without one the page makes no
 * network request. A plan that fell back to straight lines says so in a banner at the top. Pure.
 */
export function renderMapReport(input: MapReportInput): string {
  const data = buildMapReportData(input);
  const title = `Territories and routes - ${input.plan.region}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(input))}">
<title>${escapeHtml(title)}</title>
<style>${MAP_REPORT_STYLE}</style>
</head>
<body>
${travelBanner(input)}<header>
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
<label><input type="checkbox" id="toggle-territories"> territories</label>
<label><input type="checkbox" id="toggle-outlets"> outlets</label>
<label><input type="checkbox" id="toggle-changes"> changes</label>
<label><input type="checkbox" id="toggle-before"> before</label>
</div>
<div class="map-wrap">
<div id="basemap"></div>
<canvas id="map" role="img" aria-label="Map of territories, outlets and routes"></canvas>
<svg id="scale" width="200" height="30"></svg>
<div id="attribution"></div>
<div id="map-tip" hidden></div>
</div>
<div id="legend"></div>
</div>
<aside id="side"></aside>
</div>
</section>
<section id="balance-section">
<h2>Workload balance per rep</h2>
<div class="chart-scroll"><svg id="balance-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Load per rep"></svg></div>
</section>
<section id="changes-section">
<h2 id="changes-title">Changes against the previous version</h2>
<div id="change-counts"></div>
<input id="change-filter" type="search" placeholder="Filter by outlet, rep or reason" aria-label="Filter changes">
<div class="changes-scroll">
<table id="changes-table"><thead><tr><th>Change</th><th>Outlet</th><th>Name</th><th>Detail</th><th>Reason</th></tr></thead><tbody id="changes-body"></tbody></table>
</div>
<div class="pager"><button type="button" id="changes-prev">Previous</button><span id="changes-status" class="hint"></span><button type="button" id="changes-next">Next</button></div>
</section>
<section id="warnings-section"><h2>Warnings</h2><ul id="warnings"></ul></section>
<script type="application/json" id="plan-data">${scriptJson(data)}</script>
<script>${MAP_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
