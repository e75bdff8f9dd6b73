import type { Plan } from '../../domain/plan/planTypes.js';
import {
  describeQuantityStandard,
  describeShareStandard,
  standardsPanel,
} from '../../domain/plan/standardsPanel.js';
import type { Translate } from '../../i18n/catalog.js';
import { escapeHtml } from './htmlText.js';

const cell = (text: string | number): string => `<td>${escapeHtml(String(text))}</td>`;
/** A table row; a row that misses its standard is marked `over` (drawn like over-budget rows). */
const row = (cells: ReadonlyArray<string | number>, miss: boolean): string =>
  `<tr${miss ? ' class="over"' : ''}>${cells.map(cell).join('')}</tr>`;
const head = (names: readonly string[]): string =>
  `<thead><tr>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join('')}</tr></thead>`;

const QUANTITY_COLUMNS = ['rep', 'tier', 'perDay', 'standard', 'days', 'under', 'over'] as const;
const QUALITY_COLUMNS = ['pool', 'tier', 'share', 'standard', 'reps', 'missing'] as const;

/**
 * The 2Q section of map.html, drawn as static tables (readable without the script): per rep with
 * a quantity standard its visits per rep-day (min/mean/max) against the standard and the days
 * under and over it; per pool tier with a quality standard the pool's share of visits and the
 * reps whose own share misses it, then every rep's missed shares. Rows that miss are marked
 * `over`. Every label comes from the catalogue of `t`. Empty when the plan has no standards.
 */
export function renderStandardsSection(plan: Pick<Plan, 'standards'>, t: Translate): string {
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
        t(`common.repTier.${r.tier}`),
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
    return row(
      [q.pool, t(`common.tier.${q.tier}`), share, describeShareStandard(q), q.reps, q.repsMissing],
      q.repsMissing > 0,
    );
  });
  const misses = measured.flags.flatMap((f) =>
    f.kind === 'quality-under' || f.kind === 'quality-over'
      ? [
          `<li>${escapeHtml(
            t(f.kind === 'quality-under' ? 'map.standards.missUnder' : 'map.standards.missOver', {
              rep: f.repId,
              pool: f.pool,
              tier: t(`common.tier.${f.tier}`),
              share: Math.round(f.share * 1000) / 10,
              standard: Math.round(f.standard * 1000) / 10,
            }),
          )}</li>`,
        ]
      : [],
  );
  const summary = t('map.standards.summary', {
    under: panel.flags['quantity-under'],
    over: panel.flags['quantity-over'],
    misses: misses.length,
  });
  return `<section id="standards-section">
<h2>${escapeHtml(t('map.standards.heading'))}</h2>
<p id="standards-summary">${escapeHtml(summary)}</p>
${quantityRows.length > 0 ? `<table id="standards-quantity">${head(QUANTITY_COLUMNS.map((c) => t(`map.standards.quantity.${c}`)))}<tbody>${quantityRows.join('')}</tbody></table>` : ''}
${qualityRows.length > 0 ? `<table id="standards-quality">${head(QUALITY_COLUMNS.map((c) => t(`map.standards.quality.${c}`)))}<tbody>${qualityRows.join('')}</tbody></table>` : ''}
${misses.length > 0 ? `<ul id="standards-misses">${misses.join('')}</ul>` : ''}
</section>
`;
}
