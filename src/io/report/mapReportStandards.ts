import type { Plan } from '../../domain/plan/planTypes.js';
import {
  describeQuantityStandard,
  describeShareStandard,
  standardsPanel,
} from '../../domain/plan/standardsPanel.js';
import { escapeHtml } from './htmlText.js';

const cell = (text: string | number): string => `<td>${escapeHtml(String(text))}</td>`;
/** A table row; a row that misses its standard is marked `over` (drawn like over-budget rows). */
const row = (cells: ReadonlyArray<string | number>, miss: boolean): string =>
  `<tr${miss ? ' class="over"' : ''}>${cells.map(cell).join('')}</tr>`;
const head = (names: readonly string[]): string =>
  `<thead><tr>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join('')}</tr></thead>`;

/**
 * The 2Q section of map.html, drawn as static tables (readable without the script): per rep with
 * a quantity standard its visits per rep-day (min/mean/max) against the standard and the days
 * under and over it; per pool tier with a quality standard the pool's share of visits and the
 * reps whose own share misses it, then every rep's missed shares. Rows that miss are marked
 * `over`. Empty when the plan has no standards.
 */
export function renderStandardsSection(plan: Pick<Plan, 'standards'>): string {
  const measured = plan.standards;
  if (!measured) return '';
  const panel = standardsPanel(measured);
  const quantityRows = measured.reps
    .filter((r) => r.quantity !== null)
    .map((r) => {
      const perDay = r.visitsPerDay
        ? `${r.visitsPerDay.min} / ${r.visitsPerDay.mean} / ${r.visitsPerDay.max}`
        : '-';
      const cells = [
        r.repId,
        r.tier,
        perDay,
        describeQuantityStandard(r.quantity ?? {}),
        r.days,
        r.daysUnder,
        r.daysOver,
      ];
      return row(cells, r.daysUnder + r.daysOver > 0);
    });
  const qualityRows = panel.quality.map((q) => {
    const share = q.share === null ? '-' : `${Math.round(q.share * 1000) / 10}%`;
    return row([q.pool, q.tier, share, describeShareStandard(q), q.reps, q.repsMissing], q.repsMissing > 0);
  });
  const misses = measured.flags.flatMap((f) =>
    f.kind === 'quality-under' || f.kind === 'quality-over'
      ? [
          `<li>rep ${escapeHtml(f.repId)} (pool ${escapeHtml(f.pool)}): ${escapeHtml(f.tier)} ${Math.round(f.share * 1000) / 10}% of visits, ${f.kind === 'quality-under' ? 'minimum' : 'maximum'} ${Math.round(f.standard * 1000) / 10}%</li>`,
        ]
      : [],
  );
  const summary = `${panel.flags['quantity-under']} rep-day(s) under and ${panel.flags['quantity-over']} over the quantity standard; ${misses.length} rep tier share(s) missing the quality standard.`;
  return `<section id="standards-section">
<h2>Quantity and quality (2Q) standards</h2>
<p id="standards-summary">${escapeHtml(summary)}</p>
${quantityRows.length > 0 ? `<table id="standards-quantity">${head(['Rep', 'Tier', 'Visits per rep-day (min / mean / max)', 'Standard', 'Days', 'Days under', 'Days over'])}<tbody>${quantityRows.join('')}</tbody></table>` : ''}
${qualityRows.length > 0 ? `<table id="standards-quality">${head(['Pool', 'Outlet tier', 'Share of visits', 'Standard', 'Reps', 'Reps missing'])}<tbody>${qualityRows.join('')}</tbody></table>` : ''}
${misses.length > 0 ? `<ul id="standards-misses">${misses.join('')}</ul>` : ''}
</section>
`;
}
