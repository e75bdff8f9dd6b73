import { tileOrigin } from '../../config/mapTiles.js';
import { messagesWithPrefix, translator, type Translate } from '../../i18n/catalog.js';
import { formatZonedTime } from '../../i18n/formatZonedTime.js';
import { DEFAULT_REPORT_LOCALE } from '../../i18n/reportLocale.js';
import { travelFallbackNotice } from '../../domain/plan/travelNotice.js';
import { escapeHtml, scriptJson } from './htmlText.js';
import { buildMapReportData, type MapReportInput } from './mapReportData.js';
import { MAP_REPORT_SCRIPT } from './mapReportScript.js';
import { renderStandardsSection } from './mapReportStandards.js';
import { renderSupervisorsSection } from './mapReportSupervisors.js';
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

/** The catalogue keys map.html's script looks up (embedded in the page). */
export const MAP_MESSAGE_PREFIXES = ['map.', 'common.'] as const;

function changesHeader(t: Translate): string {
  const columns = ['change', 'outlet', 'name', 'detail', 'reason'] as const;
  return columns.map((c) => `<th>${escapeHtml(t(`map.changes.col.${c}`))}</th>`).join('');
}

const BANNER_STYLE =
  'padding: 10px 24px; background: #fde7e9; color: #7a1016; border-bottom: 2px solid #a4262c; font-size: 15px';

/**
 * A banner above everything when the plan fell back to straight lines; empty otherwise. Styled
 * inline, so maps of other plans stay byte for byte as they were.
 */
function travelBanner(input: MapReportInput, t: Translate): string {
  const notice = travelFallbackNotice(input.plan);
  return notice === null
    ? ''
    : `<div id="travel-banner" role="alert" style="${BANNER_STYLE}"><strong>${escapeHtml(t('map.banner.straightLine'))}</strong> ${escapeHtml(notice)}</div>\n`;
}

/**
 * map.html: a self-contained report for regional managers that works offline: the territories,
 * outlets by tier and routes of one pool (the first, by default) drawn on a canvas in Web
 * Mercator with zoom and pan, reps coloured so that touching territories differ, each rep-day
 * route selectable (or all of a rep's routes, a colour per day), an outlet card on click, a
 * legend, KPI cards, a per-rep load/target bar chart, the 2Q standards panel (when the plan has
 * standards, mapReportStandards.ts) and a paged, filterable table of changes
 * against the previous plan whose rows select their outlet on the map; changed, new, closed and
 * moved outlets are marked and the previous territories can be outlined. The plan data is
 * embedded as compact JSON (buildMapReportData) and drawn by an inline script. With a tile
 * server (`input.basemap`) its tiles are shown under the map; without one the page makes no
 * network request. Every text comes from the catalogue of `input.locale` (default English, UTC);
 * the plan's own strings (names, ids, warnings, reasons) are shown as they are. A plan that fell
 * back to straight lines says so in a banner at the top. Pure.
 */
export function renderMapReport(input: MapReportInput): string {
  const data = buildMapReportData(input);
  const locale = input.locale ?? DEFAULT_REPORT_LOCALE;
  const t = translator(locale.lang);
  const title = t('map.title', { region: input.plan.region });
  return `<!doctype html>
<html lang="${locale.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(input))}">
<title>${escapeHtml(title)}</title>
<style>${MAP_REPORT_STYLE}</style>
</head>
<body>
${travelBanner(input, t)}<header>
<h1>${escapeHtml(input.part === undefined ? t('map.heading', { region: input.plan.region }) : t('map.partHeading', { region: input.plan.region, pool: input.part }))}</h1>
<div class="meta">${escapeHtml(t('map.meta', { time: formatZonedTime(input.plan.generatedAt, locale.timeZone), mode: input.plan.mode, input: input.plan.inputHash.slice(0, 12), policy: input.plan.policyHash.slice(0, 12) }))}</div>
<div id="kpis"></div>
<noscript><p>${escapeHtml(t('map.noscript'))}</p></noscript>
</header>
<section id="map-section">
<h2>${escapeHtml(t('map.section.map'))}</h2>
<div class="map-grid">
<div>
<div class="controls">
<select id="pool-select" aria-label="${escapeHtml(t('map.control.pool'))}"></select>
<select id="rep-select" aria-label="${escapeHtml(t('map.control.rep'))}"></select>
<select id="day-select" aria-label="${escapeHtml(t('map.control.day'))}"></select>
<button type="button" id="prev-day" title="${escapeHtml(t('map.control.prevDay'))}">&#9664;</button>
<button type="button" id="next-day" title="${escapeHtml(t('map.control.nextDay'))}">&#9654;</button>
<button type="button" id="zoom-in" title="${escapeHtml(t('map.control.zoomIn'))}">+</button>
<button type="button" id="zoom-out" title="${escapeHtml(t('map.control.zoomOut'))}">&minus;</button>
<button type="button" id="zoom-reset" title="${escapeHtml(t('map.control.zoomReset'))}">${escapeHtml(t('map.control.reset'))}</button>
<label><input type="checkbox" id="toggle-territories"> ${escapeHtml(t('map.toggle.territories'))}</label>
<label><input type="checkbox" id="toggle-outlets"> ${escapeHtml(t('map.toggle.outlets'))}</label>
<label><input type="checkbox" id="toggle-changes"> ${escapeHtml(t('map.toggle.changes'))}</label>
<label><input type="checkbox" id="toggle-before"> ${escapeHtml(t('map.toggle.before'))}</label>
</div>
<div class="map-wrap">
<div id="basemap"></div>
<canvas id="map" role="img" aria-label="${escapeHtml(t('map.canvasLabel'))}"></canvas>
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
<h2>${escapeHtml(t('map.section.balance'))}</h2>
<div class="chart-scroll"><svg id="balance-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(t('map.balanceLabel'))}"></svg></div>
</section>
${renderStandardsSection(input.plan, t)}${renderSupervisorsSection(input.plan, t)}<section id="changes-section">
<h2 id="changes-title">${escapeHtml(t('map.section.changes'))}</h2>
<div id="change-counts"></div>
<input id="change-filter" type="search" placeholder="${escapeHtml(t('map.changes.filter'))}" aria-label="${escapeHtml(t('map.changes.filterLabel'))}">
<div class="changes-scroll">
<table id="changes-table"><thead><tr>${changesHeader(t)}</tr></thead><tbody id="changes-body"></tbody></table>
</div>
<div class="pager"><button type="button" id="changes-prev">${escapeHtml(t('map.changes.prev'))}</button><span id="changes-status" class="hint"></span><button type="button" id="changes-next">${escapeHtml(t('map.changes.next'))}</button></div>
</section>
<section id="warnings-section"><h2>${escapeHtml(t('map.section.warnings'))}</h2><ul id="warnings"></ul></section>
<script type="application/json" id="plan-data">${scriptJson(data)}</script>
<script type="application/json" id="report-messages">${scriptJson(messagesWithPrefix(locale.lang, MAP_MESSAGE_PREFIXES))}</script>
<script>${MAP_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
