import type { Outlet, Rep } from '../types.js';
import type { RegionLanguage } from './nameWords.js';

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

/** The Chinese header of a generated outlets.csv, column for column (names the loader reads as aliases). */
export const OUTLET_CSV_COLUMNS_ZH = [
  '客户编码',
  '客户名称',
  '经度',
  '纬度',
  '业态',
  '月销量',
  '状态',
  '锁定客户经理',
  '营业开始',
  '营业结束',
  '片区',
] as const;

/** The Chinese header of a generated reps.csv, column for column. */
export const REP_CSV_COLUMNS_ZH = [
  '工号',
  '姓名',
  '类别',
  '住址经度',
  '住址纬度',
  '每日工作分钟',
  '工作日',
  '工作量系数',
] as const;

/** Status words of a Chinese outlets.csv (营业 = open for business, 停业 = closed). */
const STATUS_ZH: Record<Outlet['status'], string> = { active: '营业', closed: '停业' };

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
 * empty fields for unknown values, LF line endings and a final newline. `lang: 'zh'` writes the
 * Chinese header (OUTLET_CSV_COLUMNS_ZH) and status words (营业 / 停业) instead.
 */
export function renderOutletsCsv(outlets: readonly Outlet[], lang: RegionLanguage = 'en'): string {
  const zh = lang === 'zh';
  const lines = [(zh ? OUTLET_CSV_COLUMNS_ZH : OUTLET_CSV_COLUMNS).join(',')];
  for (const o of outlets) {
    lines.push(
      csvLine([
        o.id,
        o.name,
        o.lon.toFixed(6),
        o.lat.toFixed(6),
        o.businessType,
        String(o.monthlyVolume),
        zh ? STATUS_ZH[o.status] : o.status,
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
 * default applies (daily minutes, working days). `lang: 'zh'` writes the Chinese header
 * (REP_CSV_COLUMNS_ZH) and tiers as `A类`.
 */
export function renderRepsCsv(reps: readonly Rep[], lang: RegionLanguage = 'en'): string {
  const zh = lang === 'zh';
  const lines = [(zh ? REP_CSV_COLUMNS_ZH : REP_CSV_COLUMNS).join(',')];
  for (const r of reps) {
    lines.push(
      csvLine([
        r.id,
        r.name,
        zh ? `${r.tier}类` : r.tier,
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
