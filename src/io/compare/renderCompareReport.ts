import type { PlanComparison } from '../../domain/plan/comparePlans.js';
import type { ChangedOutlet } from '../../domain/plan/planDifference.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { CompareFile, CompareFilePlan } from './compareFile.js';
import { buildCompareReportData } from './compareReportData.js';
import { COMPARE_REPORT_SCRIPT } from './compareReportScript.js';
import { compareRows } from './compareRows.js';
import { escapeHtml, scriptJson } from '../report/htmlText.js';

/** Changed outlets listed per plan on the page; compare.json has them all. */
export const LISTED_CHANGES = 200;

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

function plansTable(file: CompareFile): string {
  const rows = file.plans.map(
    (p, i) =>
      `<tr><td>${escapeHtml(p.label)}${i === 0 ? ' (baseline)' : ''}</td><td>${escapeHtml(p.ref)}</td><td>${p.kind === 'scenario' ? `scenario ${escapeHtml(p.scenario ?? '')}` : 'region version'}</td><td>${escapeHtml(p.version)}</td><td>${escapeHtml(p.status ?? '-')}</td><td>${escapeHtml(p.generatedAt)}</td><td>${escapeHtml(p.mode)}</td></tr>`,
  );
  return `<table><thead><tr><th>Column</th><th>Reference</th><th>Folder</th><th>Version</th><th>Status</th><th>Planned at</th><th>Mode</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function figuresTable(file: CompareFile): string {
  const head = file.plans.map((p) => `<th>${escapeHtml(p.label)}</th>`).join('');
  const body: string[] = [];
  let section = '';
  for (const row of compareRows(file)) {
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
  return `<table id="figures"><thead><tr><th>Figure</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const days = (list: ChangedOutlet['fromWeekdays']): string => (list ? list.join('+') || '-' : '-');

function changesList(entry: CompareFilePlan, names: ReadonlyMap<string, string>): string {
  const d = entry.againstBaseline;
  if (!d) return '';
  const rows = d.outlets.slice(0, LISTED_CHANGES).map((c) => {
    const what = [c.repChanged ? 'rep' : '', c.weekdayChanged ? 'weekday' : ''].filter(Boolean).join(', ');
    return `<tr><td>${escapeHtml(c.outletId)}</td><td>${escapeHtml(names.get(c.outletId) ?? '')}</td><td>${escapeHtml(c.fromRep ?? 'none')} &rarr; ${escapeHtml(c.toRep ?? 'none')}</td><td>${escapeHtml(days(c.fromWeekdays))} &rarr; ${escapeHtml(days(c.toWeekdays))}</td><td>${what}</td></tr>`;
  });
  const more =
    d.outlets.length > LISTED_CHANGES
      ? `<p class="hint">Showing the first ${LISTED_CHANGES} of ${d.outlets.length.toLocaleString('en-US')}; compare.json lists them all.</p>`
      : '';
  const ids = (label: string, list: readonly string[]): string =>
    list.length === 0
      ? ''
      : `<p class="ids">${label} (${list.length.toLocaleString('en-US')}): ${escapeHtml(list.slice(0, 100).join(', '))}${list.length > 100 ? ', ...' : ''}</p>`;
  return `<details class="changes" data-plan="${escapeHtml(entry.label)}"><summary>${escapeHtml(entry.label)}: ${d.changed.toLocaleString('en-US')} outlets change rep or weekday</summary>
<table><thead><tr><th>Outlet</th><th>Name</th><th>Rep</th><th>Weekdays</th><th>Changes</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}${ids('Only in this plan', d.onlyInPlan)}${ids('Only in the baseline', d.onlyInBaseline)}</details>`;
}

/**
 * compare.html: a self-contained, offline page (inline CSS and script, a Content-Security-Policy
 * that allows no network) setting plans side by side for a manager: the plans and what each
 * reference resolved to; one canvas map per plan sharing one view (outlets coloured by rep, the
 * same rep in the same colour everywhere; the outlets that change rep or weekday against the
 * baseline ringed, with counts); the figures table (compareRows, as the CLI prints it, with the
 * differences from the baseline, and pools above 100% or short of reps stressed); and the
 * changed outlets per plan. Pure.
 */
export function renderCompareReport(input: {
  file: CompareFile;
  plans: readonly Plan[];
  comparison: PlanComparison;
}): string {
  const { file, plans, comparison } = input;
  const data = buildCompareReportData({
    region: file.region,
    labels: file.plans.map((p) => p.label),
    refs: file.plans.map((p) => p.ref),
    versions: file.plans.map((p) => p.version),
    plans,
    comparison,
  });
  const lists = file.plans
    .map((entry, i) => changesList(entry, new Map((plans[i]?.outlets ?? []).map((o) => [o.id, o.name]))))
    .join('\n');
  const warnings = file.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  const title = `Plans compared - ${file.region}`;
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
<h1>${escapeHtml(file.region)}: ${file.plans.length} plans side by side</h1>
<div class="meta">Compared at ${escapeHtml(file.comparedAt)}; the first plan is the baseline the others are measured against. The same figures are in compare.json next to this file.</div>
</header>
<section id="plans-section"><h2>Plans</h2>${plansTable(file)}</section>
<section id="maps-section">
<h2>Maps</h2>
<div class="controls">
<select id="pool-select" aria-label="Pool"></select>
<button type="button" id="zoom-in" title="Zoom in">+</button>
<button type="button" id="zoom-out" title="Zoom out">&minus;</button>
<button type="button" id="zoom-reset" title="Whole region">Reset</button>
<label><input type="checkbox" id="toggle-rings" checked> ring changed outlets</label>
<label><input type="checkbox" id="toggle-fade"> fade unchanged outlets</label>
<span class="hint">Outlets are coloured by rep; wheel to zoom, drag to pan (all maps follow); click an outlet to see it in every plan.</span>
</div>
<noscript><p>The maps need JavaScript; the figures above and compare.json do not.</p></noscript>
<div id="maps"></div>
<div id="pick"><p class="hint">Click an outlet on a map to see its rep and weekdays in every plan.</p></div>
</section>
<section id="figures-section"><h2>Figures</h2>${figuresTable(file)}
<p class="hint">Differences from the baseline in brackets (percentages in points). Working time used: the share of the pool's reps' working time its day routes need; reps for load: the reps of the pool's average working time those minutes need.</p></section>
<section id="changes-section"><h2>Outlets that change against the baseline</h2>${lists || '<p class="hint">Only one plan.</p>'}</section>
${warnings ? `<section id="warnings-section"><h2>Warnings</h2><ul id="warnings">${warnings}</ul></section>` : ''}
<script type="application/json" id="compare-data">${scriptJson(data)}</script>
<script>${COMPARE_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
