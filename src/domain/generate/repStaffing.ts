import type { OutletTier, RepTier } from '../types.js';
import { apportion } from './apportion.js';

/** Reference staffing for 12 reps (A 1, B 1, C 6, D 4); A and B scale as a share of all reps. */
const REFERENCE_REPS = 12;
const REFERENCE_A = 1;
const REFERENCE_B = 1;

/**
 * How many reps of each tier a region with `totalReps` reps gets, following the reference
 * practice: A and B keep their 1-in-12 share (at least one each, as every region has large
 * outlets and night venues), and the remaining reps split between C and D in proportion to the
 * medium and small outlet counts (about 120 outlets each in the reference). With 12 reps and the
 * reference tier counts this gives exactly A 1, B 1, C 6, D 4. Needs at least 4 reps.
 */
export function staffReps(
  totalReps: number,
  tierCounts: Record<OutletTier, number>,
): Record<RepTier, number> {
  if (!Number.isInteger(totalReps) || totalReps < 4) {
    throw new Error(`staffReps: need a whole number of at least 4 reps (one per tier A-D), got ${totalReps}`);
  }
  const a = Math.max(1, Math.round((totalReps * REFERENCE_A) / REFERENCE_REPS));
  const b = Math.max(1, Math.round((totalReps * REFERENCE_B) / REFERENCE_REPS));
  const rest = totalReps - a - b;
  const load = tierCounts.medium + tierCounts.small;
  let [c = 0, d = 0] = load > 0 ? apportion(rest, [tierCounts.medium, tierCounts.small]) : [rest - 1, 1];
  // Every pool needs a rep even when its share rounds to zero.
  if (c === 0) [c, d] = [1, d - 1];
  if (d === 0) [c, d] = [c - 1, 1];
  return { A: a, B: b, C: c, D: d };
}
