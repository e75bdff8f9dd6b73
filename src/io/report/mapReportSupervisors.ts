import type { Plan } from '../../domain/plan/planTypes.js';
import type { Translate } from '../../i18n/catalog.js';
import { escapeHtml } from './htmlText.js';

const DAY_COLUMNS = ['day', 'rep', 'times', 'stops', 'km', 'fieldMinutes'] as const;

/**
 * The supervisors' section of map.html, drawn as static tables (readable without the script):
 * per supervisor (name, role, reps supervised) one row per field day in cycle order, with the rep
 * joined, when the supervisor leaves home and is back, the joint stops in the rep's order with the
 * rep's times there, km driven and field minutes; a day over budget is marked `over`. Every label
 * comes from the catalogue of `t`. Empty when the plan has no supervisors.
 */
export function renderSupervisorsSection(plan: Pick<Plan, 'supervisors' | 'outlets'>, t: Translate): string {
  const supervisors = plan.supervisors;
  if (!supervisors) return '';
  const names = new Map(plan.outlets.map((o) => [o.id, o.name]));
  const head = `<thead><tr>${DAY_COLUMNS.map((c) => `<th>${escapeHtml(t(`map.supervisors.col.${c}`))}</th>`).join('')}</tr></thead>`;
  const blocks = supervisors.map((s) => {
    const rows = s.days.map((day) => {
      const stops = day.stops
        .map((stop) => `${names.get(stop.outletId) ?? stop.outletId} ${stop.arrival}-${stop.departure}`)
        .join('; ');
      const cells = [
        t('map.dayLabel', { week: day.week, weekday: t(`common.weekday.${day.weekday}`) }),
        day.repId,
        `${day.departure}-${day.end}`,
        stops,
        day.travelKm.toFixed(1),
        String(Math.round(day.fieldMinutes)),
      ];
      const over = day.overBudgetMinutes > 0 ? ' class="over"' : '';
      return `<tr${over}>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    });
    const title = t('map.supervisors.title', {
      id: s.id,
      name: s.name,
      role: s.role,
      days: s.days.length,
      reps: s.reps.length,
    });
    return `<details class="supervisor" data-supervisor="${escapeHtml(s.id)}"><summary>${escapeHtml(title)}</summary>
<table>${head}<tbody>${rows.join('')}</tbody></table></details>`;
  });
  return `<section id="supervisors-section">
<h2>${escapeHtml(t('map.supervisors.heading'))}</h2>
${blocks.join('\n')}
</section>
`;
}
