import { WEEKDAYS, type Weekday } from '../types.js';
import { TWICE_WEEKLY_MIN_GAP_DAYS } from './visitPatterns.js';

const cache = new Map<string, number[]>();

function pairable(a: Weekday, b: Weekday): boolean {
  const gap = Math.abs(WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  return Math.min(gap, 7 - gap) >= TWICE_WEEKLY_MIN_GAP_DAYS;
}

/**
 * Order in which a rep's working days take the geographic sectors of a sweep around the base,
 * given as indexes into `weekdays`. Neighbouring sectors get days that may form a twice-weekly
 * pair (e.g. Mon, Wed, Fri, Tue, Thu), so an outlet between two sectors can be visited on both
 * of their days and every day's stops stay in one wedge of the territory.
 */
export function sectorDayOrder(weekdays: readonly Weekday[]): number[] {
  const key = weekdays.join(',');
  const cached = cache.get(key);
  if (cached) return cached;
  const n = weekdays.length;
  const score = (order: number[]): number => {
    let s = 0;
    for (let k = 0; k < n; k++) {
      if (
        pairable(weekdays[order[k] as number] as Weekday, weekdays[order[(k + 1) % n] as number] as Weekday)
      )
        s++;
    }
    return s;
  };
  let best = Array.from({ length: n }, (_, i) => i);
  let bestScore = n > 1 ? score(best) : 0;
  // At most 7 working days: a brute force over orders starting with the first day is tiny (720).
  const current = [0];
  const used = new Set([0]);
  const visit = (): void => {
    if (current.length === n) {
      const s = score(current);
      if (s > bestScore) {
        bestScore = s;
        best = [...current];
      }
      return;
    }
    for (let i = 1; i < n; i++) {
      if (used.has(i)) continue;
      used.add(i);
      current.push(i);
      visit();
      current.pop();
      used.delete(i);
    }
  };
  if (n > 2) visit();
  cache.set(key, best);
  return best;
}
