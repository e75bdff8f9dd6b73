import type { Supervisor } from '../../domain/types.js';
import { parseClockTime } from './parseClockTime.js';
import { parseFieldWorkerColumns } from './parseFieldWorkerColumns.js';
import { quarantineText } from '../../i18n/warningText.js';
import { ignoreField, rejectRow, type RowProblem } from './quarantine.js';
import type { CsvRow } from './readCsvTable.js';

/** Columns of supervisors.csv that must be in the header. */
export const SUPERVISOR_REQUIRED_COLUMNS = ['id', 'name', 'role', 'home_lon', 'home_lat'] as const;
/** Columns of supervisors.csv that may be in the header. */
export const SUPERVISOR_OPTIONAL_COLUMNS = ['working_days', 'daily_minutes', 'day_start', 'reps'] as const;

export interface ParsedSupervisorRow {
  id: string;
  supervisor: Supervisor | null;
  problems: RowProblem[];
}

/**
 * Validates one supervisors.csv row like parseRepRow a reps.csv row: rejected for an empty id or
 * role or unusable home coordinates; bad optional fields fall back with a `field-ignored` problem
 * (`daily_minutes` 1..1440 -> policy budget, `working_days` -> policy weekdays, `day_start` HH:MM
 * -> policy day start). `reps` lists rep or pool ids separated by commas, semicolons or spaces
 * (empty = all reps); ids that are neither a loaded rep nor a policy pool are ignored with a
 * problem, and a list with none left rejects the row (it would supervise nobody).
 */
export function parseSupervisorRow(row: CsvRow, known: ReadonlySet<string>): ParsedSupervisorRow {
  const problems: RowProblem[] = [];
  const id = row.get('id');
  if (id === '') problems.push(rejectRow('id', '', quarantineText('quarantine.emptyId')));
  const role = row.get('role').trim().toLowerCase();
  if (role === '') problems.push(rejectRow('role', '', quarantineText('quarantine.emptyRole')));
  const { point, name, dailyMinutes, workingDays } = parseFieldWorkerColumns(row, id, problems);
  const startText = row.get('day_start');
  let dayStart: number | null = null;
  if (startText !== '') {
    dayStart = parseClockTime(startText);
    if (dayStart === null)
      problems.push(ignoreField('day_start', startText, quarantineText('quarantine.badDayStart')));
  }
  const repsText = row.get('reps');
  const listed = repsText.split(/[,;\s]+/).filter((r) => r !== '');
  const reps = listed.filter((r) => known.has(r));
  if (reps.length < listed.length) {
    const unknown = listed.filter((r) => !known.has(r)).join(',');
    if (reps.length === 0)
      problems.push(rejectRow('reps', repsText, quarantineText('quarantine.noKnownReps', { ids: unknown })));
    else
      problems.push(
        ignoreField('reps', repsText, quarantineText('quarantine.unknownReps', { ids: unknown })),
      );
  }

  const rejected = problems.some((p) => p.action === 'row-rejected');
  if (rejected || point === null) return { id, supervisor: null, problems };
  return {
    id,
    supervisor: {
      id,
      name,
      role,
      homeLon: point.lon,
      homeLat: point.lat,
      workingDays,
      dailyMinutes,
      dayStart,
      reps,
      line: row.line,
    },
    problems,
  };
}
