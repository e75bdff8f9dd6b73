import { translator, type Translate } from '../../i18n/catalog.js';
import { formatZonedTime } from '../../i18n/formatZonedTime.js';
import { DEFAULT_REPORT_LOCALE, type ReportLocale } from '../../i18n/reportLocale.js';
import type { CompareFile } from '../../io/compare/compareFile.js';
import { compareRows } from '../../io/compare/compareRows.js';
import { displayWidth, padDisplay } from './displayWidth.js';

/**
 * The side-by-side table `territory compare` prints: one column per plan (headed by its label),
 * one row per figure, grouped under section headings, figures right-aligned; a cell the page
 * stresses (a pool above 100%, a staffing step) ends in `!`. Readable at 80-120 columns for
 * three or four plans. Labels come from the catalogue of `t` (default English); columns are
 * measured in terminal columns, so Chinese labels line up.
 */
export function renderCompareTable(file: CompareFile, t: Translate = translator('en')): string {
  const rows = compareRows(file, t);
  const labels = file.plans.map((p) => p.label);
  const figure = t('cli.compare.figure');
  const cell = (text: string, alert: boolean): string => (alert ? `${text} !` : text);
  const labelWidth = Math.max(displayWidth(figure), ...rows.map((r) => displayWidth(r.label) + 2));
  const widths = labels.map((label, i) =>
    Math.max(
      displayWidth(label),
      ...rows.map((r) => displayWidth(cell(r.cells[i] ?? '', r.alert[i] ?? false))),
    ),
  );
  const line = (first: string, cells: readonly string[]): string =>
    [padDisplay(first, labelWidth, 'end'), ...cells.map((c, i) => padDisplay(c, widths[i] ?? 0, 'start'))]
      .join('  ')
      .trimEnd();
  const out = [
    line(figure, labels),
    ['-'.repeat(labelWidth), ...widths.map((w) => '-'.repeat(w))].join('  '),
  ];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(section);
    }
    out.push(
      line(
        `  ${row.label}`,
        row.cells.map((c, i) => cell(c, row.alert[i] ?? false)),
      ),
    );
  }
  return out.join('\n');
}

/**
 * The lines naming each column: label, reference, what it resolved to and the plan's mode and
 * time (in the locale's zone, with the zone shown), in the locale's language.
 */
export function renderComparePlans(file: CompareFile, locale: ReportLocale = DEFAULT_REPORT_LOCALE): string {
  const t = translator(locale.lang);
  const width = Math.max(...file.plans.map((p) => displayWidth(p.label)));
  return file.plans
    .map((p, i) => {
      const where =
        p.kind === 'scenario'
          ? t('cli.compare.scenarioVersion', { scenario: p.scenario ?? '?', version: p.version })
          : t('cli.compare.version', { version: p.version });
      const ref = p.label === p.ref ? '' : `${p.ref} = `;
      const status = p.status ? `${p.status}, ` : '';
      const planned = t('cli.compare.planned', { time: formatZonedTime(p.generatedAt, locale.timeZone) });
      return `  ${padDisplay(p.label, width, 'end')}  ${ref}${where} (${status}${p.mode}, ${planned})${i === 0 ? t('cli.compare.baseline') : ''}`;
    })
    .join('\n');
}
