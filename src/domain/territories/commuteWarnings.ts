import type { TerritorySummary } from '../plan/planTypes.js';
import { warningText } from '../../i18n/warningText.js';

/**
 * Warnings for reps whose home is more than `maxCommuteKm` (policy `territories.maxCommuteKm`)
 * in a straight line from the centroid of their territory: a long commute is driven twice every
 * working day, and the territory stage alone does not show it. One line per rep, naming the rep,
 * the commute, the outlet count and the threshold, longest commute first (then by rep id, so the
 * order does not depend on the map's). Empty territories are skipped: their centroid is the home.
 * `label` (e.g. "pool B") prefixes each line when given.
 */
export function commuteWarnings(
  territories: ReadonlyMap<string, Pick<TerritorySummary, 'commuteKm' | 'outletCount'>>,
  maxCommuteKm: number,
  label?: string,
): string[] {
  const far = [...territories]
    .filter(([, t]) => t.outletCount > 0 && t.commuteKm > maxCommuteKm)
    .sort(([a, s], [b, t]) => t.commuteKm - s.commuteKm || (a < b ? -1 : a > b ? 1 : 0));
  const prefix = label === undefined ? '' : warningText('warning.label.commutePrefix', { label });
  return far.map(([repId, t]) =>
    warningText('warning.commute', {
      prefix,
      rep: repId,
      km: t.commuteKm.toFixed(1),
      outlets: t.outletCount,
      maxKm: maxCommuteKm,
    }),
  );
}
