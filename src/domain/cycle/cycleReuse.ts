import { createHash } from 'node:crypto';
import type { DayChange, Plan, PlanOutlet, PlanRep, Visit, VisitPattern } from '../plan/planTypes.js';
import type { CycleTotals, PlanVisitCycleInput, PlanVisitCycleResult } from './planVisitCycle.js';

/**
 * What a plan remembers of one rep's cycle so that the next plan can reuse it: the key of the
 * inputs it was planned from, and the parts of the result plan.json does not hold (the unrounded
 * totals and the weekday changes before they were labelled against the previous plan).
 */
export interface CycleRecord {
  key: string;
  totals: CycleTotals;
  dayChanges: DayChange[];
}

/** The cycle records of a plan, `[rep id, record]` (plain JSON: they travel between jobs). */
export type CycleRecords = Array<[string, CycleRecord]>;

/**
 * Reuse of the previous plan's rep cycles. `previous` holds the previous plan's records (null:
 * nothing to reuse, e.g. reuse switched off or no records kept; the plan still records its own).
 */
export interface CycleReuse {
  previous: CycleRecords | null;
  /** The program that plans: part of every key, since another program may plan differently. */
  programVersion: string;
}

/**
 * The key of one rep's cycle inputs: sha256 over everything planVisitCycleMultiStart receives
 * (rep, outlets with coordinates, frequency, service minutes, window and previous pattern, weeks,
 * the rep's seed, the pattern-keeping settings, effort and day-search settings), the number of
 * starts, the great-circle travel settings and the program version. planVisitCycleMultiStart is
 * a pure function of exactly these, so two equal keys mean two equal cycles. Road travel models
 * are not hashed: callers do not key (or reuse) cycles planned on them.
 */
export function cycleInputKey(
  input: PlanVisitCycleInput,
  starts: number,
  travelSettings: unknown,
  programVersion: string,
): string {
  const { travel: _model, ...rest } = input;
  return createHash('sha256')
    .update(JSON.stringify({ programVersion, starts, travelSettings, input: rest }))
    .digest('hex');
}

/**
 * The previous plan's cycle of `rep` as planVisitCycleMultiStart would return it, rebuilt from
 * the previous plan's days and outlets and the rep's record: for a rep whose key equals the
 * record's, this is the cycle a fresh planning would give (same inputs, same pure function).
 * Null when the previous plan lacks a piece (the rep's days, one of its outlets).
 */
export function reusedCycle(
  record: CycleRecord,
  previousRep: PlanRep | undefined,
  previousOutlets: ReadonlyMap<string, PlanOutlet>,
  outletIds: readonly string[],
): PlanVisitCycleResult | null {
  if (!previousRep?.days || previousRep.overBudgetMinutes === undefined || !previousRep.flags) return null;
  const patterns = new Map<string, VisitPattern>();
  const visits = new Map<string, Visit[]>();
  for (const id of outletIds) {
    const outlet = previousOutlets.get(id);
    if (!outlet || outlet.repId !== previousRep.id) return null;
    if (outlet.pattern !== undefined) patterns.set(id, outlet.pattern);
    if (outlet.visits !== undefined) visits.set(id, outlet.visits);
  }
  return {
    patterns,
    visits,
    days: previousRep.days,
    overBudgetMinutes: previousRep.overBudgetMinutes,
    flags: previousRep.flags,
    dayChanges: record.dayChanges,
    totals: record.totals,
  };
}

/** The previous plan's reps by id, for reusedCycle. */
export function previousRepsById(previous: Plan | null): Map<string, PlanRep> {
  return new Map((previous?.reps ?? []).map((r) => [r.id, r]));
}
