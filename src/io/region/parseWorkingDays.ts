import { WEEKDAYS, type Weekday } from '../../domain/types.js';

const DAY_BY_NAME = new Map<string, number>();
const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
FULL_NAMES.forEach((full, index) => {
  DAY_BY_NAME.set(full, index);
  DAY_BY_NAME.set(full.slice(0, 3), index);
});
DAY_BY_NAME.set('tues', 1);
DAY_BY_NAME.set('thur', 3);
DAY_BY_NAME.set('thurs', 3);
/** Chinese weekday names: 周一, 星期一, 礼拜一 ... and 日 or 天 for Sunday. */
const CHINESE_DAYS = ['一', '二', '三', '四', '五', '六', '日'];
for (const prefix of ['周', '星期', '礼拜']) {
  CHINESE_DAYS.forEach((day, index) => DAY_BY_NAME.set(`${prefix}${day}`, index));
  DAY_BY_NAME.set(`${prefix}天`, 6);
}

function dayIndex(name: string): number | null {
  return DAY_BY_NAME.get(name.trim().toLowerCase()) ?? null;
}

/** Range marks: `-`, en and em dashes, `~`, and the Chinese 至 / 到 (`周一至周五`). */
const RANGE_MARK = /\s*(?:[-–—~]|至|到)\s*/gu;

/**
 * Parses a rep's working days: lists and ranges of weekday names, case-insensitive, with 3-letter
 * or full names, e.g. `Mon-Fri`, `Mon,Tue,Thu`, `mon-wed;sat`, `Tue Thu`, or Chinese names
 * (`周一至周五`, `星期一、星期三`, `周六-周日`). Items are separated by commas, semicolons, slashes,
 * the Chinese enumeration comma `、` or spaces (full-width forms included); a range may wrap over
 * the weekend (`Fri-Mon`). Returns
 * the days in ISO order without repeats, or null when any item is not a day (the caller then falls
 * back to the policy's cycle weekdays). An empty text is null as well.
 */
export function parseWorkingDays(text: string): Weekday[] | null {
  const items = text
    .normalize('NFKC')
    .replace(RANGE_MARK, '-')
    .split(/[\s,;/、]+/u)
    .filter((item) => item !== '');
  if (items.length === 0) return null;
  const chosen = new Set<number>();
  for (const item of items) {
    const parts = item.split('-');
    if (parts.length === 1) {
      const day = dayIndex(parts[0] ?? '');
      if (day === null) return null;
      chosen.add(day);
    } else if (parts.length === 2) {
      const first = dayIndex(parts[0] ?? '');
      const last = dayIndex(parts[1] ?? '');
      if (first === null || last === null) return null;
      for (let day = first; ; day = (day + 1) % 7) {
        chosen.add(day);
        if (day === last) break;
      }
    } else {
      return null;
    }
  }
  return WEEKDAYS.filter((_, index) => chosen.has(index));
}
