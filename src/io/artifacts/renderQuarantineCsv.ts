import type { Plan } from '../../domain/plan/planTypes.js';
import { toCsv } from './csv.js';

/** Header of quarantine.csv. */
export const QUARANTINE_CSV_HEADER = ['file', 'line', 'id', 'field', 'value', 'reason', 'action'] as const;

/** quarantine.csv: every rejected input row or field with the reason, so nothing is dropped silently. */
export function renderQuarantineCsv(plan: Plan): string {
  return toCsv(
    QUARANTINE_CSV_HEADER,
    plan.quarantine.map((q) => [q.file, q.line, q.id, q.field, q.value, q.reason, q.action ?? '']),
  );
}
