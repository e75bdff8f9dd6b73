import type { CompareFile } from '../../io/compare/compareFile.js';
import { compareRows } from '../../io/compare/compareRows.js';

/**
 * The side-by-side table `territory compare` prints: one column per plan (headed by its label),
 * one row per figure, grouped under section headings, figures right-aligned; a cell the page
 * stresses (a pool above 100%, a staffing step) ends in `!`. Readable at 80-120 columns for
 * three or four plans.
 */
export function renderCompareTable(file: CompareFile): string {
  const rows = compareRows(file);
  const labels = file.plans.map((p) => p.label);
  const cell = (text: string, alert: boolean): string => (alert ? `${text} !` : text);
  const labelWidth = Math.max('figure'.length, ...rows.map((r) => r.label.length + 2));
  const widths = labels.map((label, i) =>
    Math.max(label.length, ...rows.map((r) => cell(r.cells[i] ?? '', r.alert[i] ?? false).length)),
  );
  const line = (first: string, cells: readonly string[]): string =>
    [first.padEnd(labelWidth), ...cells.map((c, i) => c.padStart(widths[i] ?? 0))].join('  ').trimEnd();
  const out = [
    line('figure', labels),
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

/** The lines naming each column: label, reference, what it resolved to and the plan's mode and time. */
export function renderComparePlans(file: CompareFile): string {
  const width = Math.max(...file.plans.map((p) => p.label.length));
  return file.plans
    .map((p, i) => {
      const where = p.kind === 'scenario' ? `scenario ${p.scenario ?? '?'} version` : 'version';
      const ref = p.label === p.ref ? '' : `${p.ref} = `;
      const status = p.status ? `${p.status}, ` : '';
      return `  ${p.label.padEnd(width)}  ${ref}${where} ${p.version} (${status}${p.mode}, planned ${p.generatedAt})${i === 0 ? ', baseline' : ''}`;
    })
    .join('\n');
}
