import type { Plan } from '../../domain/plan/planTypes.js';
import { toCsv } from './csv.js';

/** Header of segments.csv. */
export const SEGMENTS_CSV_HEADER = ['id', 'name', 'tier', 'rule', 'reason', 'pool', 'rep_id'] as const;

/**
 * segments.csv: one row per active outlet with its tier, the deciding rule and reason, its pool
 * and assigned rep (empty when none), in plan order.
 */
export function renderSegmentsCsv(plan: Plan): string {
  return toCsv(
    SEGMENTS_CSV_HEADER,
    plan.outlets.map((o) => [o.id, o.name, o.tier, o.rule, o.reason, o.pool, o.repId]),
  );
}
