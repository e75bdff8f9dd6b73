import type { Outlet, Rep } from '../types.js';

/** Header of a generated outlets.csv, in column order. */
export const OUTLET_CSV_COLUMNS = [
  'id',
  'name',
  'lon',
  'lat',
  'business_type',
  'monthly_volume',
  'status',
  'locked_rep',
  'open_from',
  'open_to',
  'district',
] as const;

/** Header of a generated reps.csv, in column order. */
export const REP_CSV_COLUMNS = [
  'id',
  'name',
  'tier',
  'home_lon',
  'home_lat',
  'daily_minutes',
  'working_days',
  'capacity',
] as const;

/**
 * One CSV field per RFC 4180: fields holding a comma, double quote, CR or LF (or leading/trailing
 * spaces, which some readers trim) are wrapped in double quotes with inner quotes doubled.
 */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Minutes after midnight as `HH:MM`; windows past midnight (e.g. 1560) are written as clock time (02:00). */
export function formatClock(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/**
 * Renders outlets as the `outlets.csv` the region loader reads: the OUTLET_CSV_COLUMNS header,
 * coordinates with 6 decimals (about 0.1 m), opening hours as HH:MM (an overnight window's end
 * after midnight is written as its clock time, which the loader turns back into minutes + 1440),
 * empty fields for unknown values, LF line endings and a final newline.
 */
export function renderOutletsCsv(outlets: readonly Outlet[]): string {
  const lines = [OUTLET_CSV_COLUMNS.join(',')];
  for (const o of outlets) {
    lines.push(
      csvLine([
        o.id,
        o.name,
        o.lon.toFixed(6),
        o.lat.toFixed(6),
        o.businessType,
        String(o.monthlyVolume),
        o.status,
        o.lockedRepId ?? '',
        o.openFrom === null ? '' : formatClock(o.openFrom),
        o.openTo === null ? '' : formatClock(o.openTo),
        o.district ?? '',
      ]),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Renders reps as the `reps.csv` the region loader reads: the REP_CSV_COLUMNS header, home
 * coordinates with 6 decimals, working days as `Mon;Tue;...` and empty fields where the policy
 * default applies (daily minutes, working days).
 */
export function renderRepsCsv(reps: readonly Rep[]): string {
  const lines = [REP_CSV_COLUMNS.join(',')];
  for (const r of reps) {
    lines.push(
      csvLine([
        r.id,
        r.name,
        r.tier,
        r.homeLon.toFixed(6),
        r.homeLat.toFixed(6),
        r.dailyMinutes === null ? '' : String(r.dailyMinutes),
        r.workingDays === null ? '' : r.workingDays.join(';'),
        String(r.capacity),
      ]),
    );
  }
  return lines.join('\n') + '\n';
}
