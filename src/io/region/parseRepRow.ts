import { REP_TIERS, type Rep } from '../../domain/types.js';
import { parseDecimal } from './parseDecimal.js';
import { parseFieldWorkerColumns } from './parseFieldWorkerColumns.js';
import { quarantineText } from '../../i18n/warningText.js';
import { ignoreField, rejectRow, type RowProblem } from './quarantine.js';
import type { CsvRow } from './readCsvTable.js';
import { parseRepTier } from './valueAliases.js';

/** Columns of reps.csv that must be in the header. */
export const REP_REQUIRED_COLUMNS = ['id', 'name', 'tier', 'home_lon', 'home_lat'] as const;
/** Columns of reps.csv that may be in the header. */
export const REP_OPTIONAL_COLUMNS = ['daily_minutes', 'working_days', 'capacity'] as const;

export interface ParsedRepRow {
  id: string;
  rep: Rep | null;
  problems: RowProblem[];
}

/**
 * Validates one reps.csv row. The row is rejected for an empty id, a tier other than A-D (any
 * case, optionally `A类` / `A级`), or
 * unusable home coordinates; bad optional fields fall back to defaults with a `field-ignored`
 * problem: `daily_minutes` (1..1440) -> policy budget, `working_days` -> policy cycle weekdays,
 * `capacity` (> 0 and <= 2) -> 1 (full time). Duplicate ids and misaligned rows are checked by the loader.
 */
export function parseRepRow(row: CsvRow): ParsedRepRow {
  const problems: RowProblem[] = [];
  const id = row.get('id');
  if (id === '') problems.push(rejectRow('id', '', quarantineText('quarantine.emptyId')));

  const tierText = row.get('tier');
  const tier = parseRepTier(tierText);
  if (tier === null) {
    problems.push(
      rejectRow('tier', tierText, quarantineText('quarantine.badRepTier', { choices: REP_TIERS.join(', ') })),
    );
  }
  const { point, name, dailyMinutes, workingDays } = parseFieldWorkerColumns(row, id, problems);

  const capacityText = row.get('capacity');
  let capacity = 1;
  if (capacityText !== '') {
    const value = parseDecimal(capacityText);
    if (value !== null && value > 0 && value <= 2) capacity = value;
    else problems.push(ignoreField('capacity', capacityText, quarantineText('quarantine.badCapacity')));
  }

  const rejected = problems.some((p) => p.action === 'row-rejected');
  if (rejected || point === null || tier === null) return { id, rep: null, problems };
  return {
    id,
    rep: {
      id,
      name,
      tier,
      homeLon: point.lon,
      homeLat: point.lat,
      dailyMinutes,
      workingDays,
      capacity,
      line: row.line,
    },
    problems,
  };
}
