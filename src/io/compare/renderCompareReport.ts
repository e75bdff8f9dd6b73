import { localiseWarning } from '../../i18n/localiseWarning.js';
import type { PlanComparison } from '../../domain/plan/comparePlans.js';
import type { ChangedOutlet } from '../../domain/plan/planDifference.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import { messagesWithPrefix, translator, type PlainKey, type Translate } from '../../i18n/catalog.js';
import { formatZonedTime } from '../../i18n/formatZonedTime.js';
import { DEFAULT_REPORT_LOCALE, type ReportLocale } from '../../i18n/reportLocale.js';
import type { CompareFile, CompareFilePlan } from './compareFile.js';
import { buildCompareReportData } from './compareReportData.js';
import { COMPARE_REPORT_SCRIPT } from './compareReportScript.js';
import { compareRows } from './compareRows.js';
import { escapeHtml, scriptJson } from '../report/htmlText.js';

/** Changed outlets listed per plan on the page; compare.json has them all. */
export const LISTED_CHANGES = 200;

/** The catalogue keys compare.html embeds for its script (the static page uses others too). */
export const COMPARE_MESSAGE_PREFIXES = ['compare.', 'common.'] as const;

const STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --bg: #f5f7fa; --alert: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 16px 24px 10px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 2px; font-size: 22px; }
h2 { font-size: 17px; margin: 0 0 10px; }
h3 { font-size: 14px; margin: 8px 0 6px; }
.meta, .hint { color: var(--muted); font-size: 12px; }
section { background: #fff; margin: 14px 24px; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; overflow-x: auto; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 11px; text-transform: uppercase; color: var(--muted); letter-spacing: .03em; }
#figures td.cell { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#figures tr.section th { padding-top: 12px; color: var(--ink); font-size: 12px; }
#figures td.alert { color: var(--alert); font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 8px; }
.controls button { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 3px 9px; cursor: pointer; }
.controls label { color: var(--muted); font-size: 12px; }
#maps { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
.map-card { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 6px; background: #fff; min-width: 0; }
.map-card figcaption { font-size: 13px; margin-bottom: 4px; }
canvas.map { display: block; width: 100%; height: 420px; border-radius: 6px; cursor: crosshair; }
.map-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin-top: 4px; }
.ring-key { display: inline-flex; align-items: center; gap: 4px; }
.ring-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; border: 2px solid; }
#pick table { margin-top: 4px; }
details { margin: 6px 0; }
summary { cursor: pointer; }
.ids { font-size: 12px; color: var(--muted); word-break: break-all; }
#warnings li { color: #8a5a00; }
@media print { .controls { display: none; } canvas.map { height: 360px; } }
`;

function plansTable(file: CompareFile, t: Translate, locale: ReportLocale): string {
  const rows = file.plans.map(
    (p, i) =>
      `<tr><td>${escapeHtml(i === 0 ? t('compare.plans.baseline', { label: p.label }) : p.label)}</td><td>${escapeHtml(p.ref)}</td><td>${escapeHtml(p.kind === 'scenario' ? t('compare.plans.scenario', { scenario: p.scenario ?? '' }) : t('compare.plans.regionVersion'))}</td><td>${escapeHtml(p.version)}</td><td>${escapeHtml(p.status ?? '-')}</td><td>${escapeHtml(formatZonedTime(p.generatedAt, locale.timeZone))}</td><td>${escapeHtml(p.mode)}</td></tr>`,
  );
  const head = (['column', 'reference', 'folder', 'version', 'status', 'plannedAt', 'mode'] as const)
    .map((c) => `<th>${escapeHtml(t(`compare.plans.col.${c}`))}</th>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function figuresTable(file: CompareFile, t: Translate): string {
  const head = file.plans.map((p) => `<th>${escapeHtml(p.label)}</th>`).join('');
  const body: string[] = [];
  let section = '';
  for (const row of compareRows(file, t)) {
    if (row.section !== section) {
      section = row.section;
      body.push(
        `<tr class="section"><th colspan="${file.plans.length + 1}">${escapeHtml(section)}</th></tr>`,
      );
    }
    const cells = row.cells
      .map((c, i) => `<td class="cell${row.alert[i] ? ' alert' : ''}">${escapeHtml(c)}</td>`)
      .join('');
    body.push(`<tr><td>${escapeHtml(row.label)}</td>${cells}</tr>`);
  }
  return `<table id="figures"><thead><tr><th>${escapeHtml(t('compare.figures.col.figure'))}</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** Weekdays joined with `+` in the page's language; "-" for none or unknown. */
function days(list: ChangedOutlet['fromWeekdays'], t: Translate): string {
  return list ? list.map((d) => t(`common.weekday.${d}`)).join('+') || '-' : '-';
}

const count = (n: number): string => n.toLocaleString('en-US');

function changesList(entry: CompareFilePlan, names: ReadonlyMap<string, string>, t: Translate): string {
  const d = entry.againstBaseline;
  if (!d) return '';
  const none = t('common.none');
  const rows = d.outlets.slice(0, LISTED_CHANGES).map((c) => {
    const what = [
      c.repChanged ? t('compare.kind.rep') : '',
      c.weekdayChanged ? t('compare.kind.weekday') : '',
    ]
      .filter(Boolean)
      .join(t('common.listSeparator'));
    return `<tr><td>${escapeHtml(c.outletId)}</td><td>${escapeHtml(names.get(c.outletId) ?? '')}</td><td>${escapeHtml(c.fromRep ?? none)} &rarr; ${escapeHtml(c.toRep ?? none)}</td><td>${escapeHtml(days(c.fromWeekdays, t))} &rarr; ${escapeHtml(days(c.toWeekdays, t))}</td><td>${escapeHtml(what)}</td></tr>`;
  });
  const more =
    d.outlets.length > LISTED_CHANGES
      ? `<p class="hint">${escapeHtml(t('compare.changes.more', { listed: LISTED_CHANGES, total: count(d.outlets.length) }))}</p>`
      : '';
  const ids = (label: string, list: readonly string[]): string =>
    list.length === 0
      ? ''
      : `<p class="ids">${escapeHtml(label)}: ${escapeHtml(list.slice(0, 100).join(', '))}${list.length > 100 ? ', ...' : ''}</p>`;
  const head = (['outlet', 'name', 'rep', 'weekdays', 'changes'] as const)
    .map((c) => `<th>${escapeHtml(t(`compare.changes.col.${c}`))}</th>`)
    .join('');
  const summary = t('compare.changes.summary', { label: entry.label, count: count(d.changed) });
  return `<details class="changes" data-plan="${escapeHtml(entry.label)}"><summary>${escapeHtml(summary)}</summary>
<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>${more}${ids(t('compare.changes.onlyInPlan', { count: count(d.onlyInPlan.length) }), d.onlyInPlan)}${ids(t('compare.changes.onlyInBaseline', { count: count(d.onlyInBaseline.length) }), d.onlyInBaseline)}</details>`;
}

/**
 * compare.html: a self-contained, offline page (inline CSS and script, a Content-Security-Policy
 * that allows no network) setting plans side by side for a manager: the plans and what each
 * reference resolved to; one canvas map per plan sharing one view (outlets coloured by rep, the
 * same rep in the same colour everywhere; the outlets that change rep or weekday against the
 * baseline ringed, with counts); the figures table (compareRows, as the CLI prints it, with the
 * differences from the baseline, and pools above 100% or short of reps stressed); and the
 * changed outlets per plan. Every text comes from the catalogue of `input.locale` (default
 * English, UTC; the script gets the `compare.` and `common.` messages embedded) and times are
 * shown in its zone; the plans' own strings (labels, ids, names, warnings) are shown as they are.
 * Pure.
 */
export function renderCompareReport(input: {
  file: CompareFile;
  plans: readonly Plan[];
  comparison: PlanComparison;
  locale?: ReportLocale;
}): string {
  const { file, plans, comparison } = input;
  const locale = input.locale ?? DEFAULT_REPORT_LOCALE;
  const t = translator(locale.lang);
  const e = (key: PlainKey): string => escapeHtml(t(key));
  const data = buildCompareReportData({
    region: file.region,
    labels: file.plans.map((p) => p.label),
    refs: file.plans.map((p) => p.ref),
    versions: file.plans.map((p) => p.version),
    plans,
    comparison,
  });
  const lists = file.plans
    .map((entry, i) => changesList(entry, new Map((plans[i]?.outlets ?? []).map((o) => [o.id, o.name])), t))
    .join('\n');
  const warnings = file.warnings
    .map((w) => `<li>${escapeHtml(localiseWarning(w, locale.lang))}</li>`)
    .join('');
  const title = t('compare.title', { region: file.region });
  const heading = t('compare.heading', { region: file.region, count: file.plans.length });
  const meta = t('compare.meta', { time: formatZonedTime(file.comparedAt, locale.timeZone) });
  return `<!doctype html>
<html lang="${locale.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(heading)}</h1>
<div class="meta">${escapeHtml(meta)}</div>
</header>
<section id="plans-section"><h2>${e('compare.section.plans')}</h2>${plansTable(file, t, locale)}</section>
<section id="maps-section">
<h2>${e('compare.section.maps')}</h2>
<div class="controls">
<select id="pool-select" aria-label="${e('compare.control.pool')}"></select>
<button type="button" id="zoom-in" title="${e('compare.control.zoomIn')}">+</button>
<button type="button" id="zoom-out" title="${e('compare.control.zoomOut')}">&minus;</button>
<button type="button" id="zoom-reset" title="${e('compare.control.zoomReset')}">${e('compare.control.reset')}</button>
<label><input type="checkbox" id="toggle-rings" checked> ${e('compare.toggle.rings')}</label>
<label><input type="checkbox" id="toggle-fade"> ${e('compare.toggle.fade')}</label>
<span class="hint">${e('compare.maps.hint')}</span>
</div>
<noscript><p>${e('compare.noscript')}</p></noscript>
<div id="maps"></div>
<div id="pick"><p class="hint">${e('compare.pick.hint')}</p></div>
</section>
<section id="figures-section"><h2>${e('compare.section.figures')}</h2>${figuresTable(file, t)}
<p class="hint">${e('compare.figures.hint')}</p></section>
<section id="changes-section"><h2>${e('compare.section.changes')}</h2>${lists || `<p class="hint">${e('compare.changes.onePlan')}</p>`}</section>
${warnings ? `<section id="warnings-section"><h2>${e('compare.section.warnings')}</h2><ul id="warnings">${warnings}</ul></section>` : ''}
<script type="application/json" id="compare-messages">${scriptJson(messagesWithPrefix(locale.lang, COMPARE_MESSAGE_PREFIXES))}</script>
<script type="application/json" id="compare-data">${scriptJson(data)}</script>
<script>${COMPARE_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
