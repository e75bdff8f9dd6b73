import type { Weekday } from '../../domain/types.js';
import { appendAll } from '../../domain/appendAll.js';
import { parseCoordinates } from './parseCoordinates.js';
import { parseDecimal } from './parseDecimal.js';
import { parseWorkingDays } from './parseWorkingDays.js';
import { quarantineText } from '../../i18n/warningText.js';
import { ignoreField, type RowProblem } from './quarantine.js';
import type { CsvRow } from './readCsvTable.js';

/** The columns reps.csv and supervisors.csv share, as parsed from one row. */
export interface FieldWorkerColumns {
  /** The home position, or null when `home_lon`/`home_lat` are unusable (the row is rejected). */
  point: { lon: number; lat: number } | null;
  name: string;
  dailyMinutes: number | null;
  workingDays: Weekday[] | null;
}

/**
 * Parses the columns every person in the field has, the same way for reps.csv and
 * supervisors.csv: home coordinates (rejecting the row when unusable), `name` (empty -> the id,
 * with a `field-ignored` problem), `daily_minutes` (1..1440, else the policy budget) and
 * `working_days` (else the policy cycle weekdays). Problems are appended to `problems`.
 */
export function parseFieldWorkerColumns(row: CsvRow, id: string, problems: RowProblem[]): FieldWorkerColumns {
  const { point, problems: homeProblems } = parseCoordinates(row.get('home_lon'), row.get('home_lat'), {
    lon: 'home_lon',
    lat: 'home_lat',
  });
  appendAll(problems, homeProblems);

  let name = row.get('name');
  if (name === '' && id !== '') {
    problems.push(ignoreField('name', '', quarantineText('quarantine.emptyName')));
    name = id;
  }

  const minutesText = row.get('daily_minutes');
  let dailyMinutes: number | null = null;
  if (minutesText !== '') {
    const minutes = parseDecimal(minutesText);
    if (minutes !== null && minutes > 0 && minutes <= 1440) dailyMinutes = minutes;
    else
      problems.push(ignoreField('daily_minutes', minutesText, quarantineText('quarantine.badDailyMinutes')));
  }

  const daysText = row.get('working_days');
  let workingDays: Weekday[] | null = null;
  if (daysText !== '') {
    workingDays = parseWorkingDays(daysText);
    if (workingDays === null) {
      problems.push(ignoreField('working_days', daysText, quarantineText('quarantine.badWorkingDays')));
    }
  }
  return { point, name, dailyMinutes, workingDays };
}
