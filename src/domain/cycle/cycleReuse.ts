import { createHash } from 'node:crypto';
import type {
  DayChange,
  PlanOutlet,
  PlanRep,
  PreviousPlanView,
  Visit,
  VisitPattern,
} from '../plan/planTypes.js';
import type { PreviousCycle } from './incrementalCycle.js';
import type {
  CycleOutlet,
  CycleTotals,
  PlanVisitCycleInput,
  PlanVisitCycleResult,
} from './planVisitCycle.js';

/**
 * What a plan remembers of one rep's cycle so that the next plan can reuse it: the key of the
 * inputs it was planned from, and the parts of the result plan.json does not hold (the unrounded
 * totals and the weekday changes before they were labelled against the previous plan).
 */
export interface CycleRecord {
  key: string;
  totals: CycleTotals;
  dayChanges: DayChange[];
  /**
   * The rep-level key (repInputKey: everything but the outlets) the cycle was planned from, for
   * an incremental cycle in the next rebuild (incrementalCycle.ts). Absent in records written
   * before it existed: such a rep is replanned whole when its key differs.
   */
  repKey?: string;
  /** outletInputKey of each of the rep's outlets, by outlet id (absent with `repKey`). */
  outletKeys?: Record<string, string>;
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
 * a pure function of exactly these, so two equal keys mean two equal cycles, unless the recorded
 * cycle was an incremental one (incrementalCycle.ts), which also depends on the cycle before it;
 * reusing it then keeps that cycle. Road travel models are not hashed: callers do not key (or
 * reuse) cycles planned on them.
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
 * The key of one rep's cycle inputs other than its outlets: sha256 over the rep (home, working
 * days, day start, departure float, daily minutes), the weeks, the rep's seed, the pattern-keeping
 * settings, effort and day-search settings, the great-circle travel settings and the program
 * version. Two cycles with equal rep keys differ only in their outlets.
 */
export function repInputKey(
  input: PlanVisitCycleInput,
  travelSettings: unknown,
  programVersion: string,
): string {
  const { travel: _model, outlets: _outlets, ...rest } = input;
  return createHash('sha256')
    .update(JSON.stringify({ programVersion, travelSettings, input: rest }))
    .digest('hex');
}

/**
 * A short digest (12 hex digits of sha256) of one outlet's cycle inputs except its previous
 * pattern: coordinates, frequency, service minutes and start window. It only tells changed
 * outlets from unchanged ones, so 48 bits are plenty.
 */
export function outletInputKey(outlet: CycleOutlet): string {
  const { previousPattern: _previous, ...rest } = outlet;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 12);
}

/**
 * The previous plan's cycle of `rep` as planVisitCycleMultiStart would return it, rebuilt from
 * the previous plan's days and outlets and the rep's record: for a rep whose key equals the
 * record's, this is the cycle a fresh planning would give (same inputs, same pure function), or
 * the incremental cycle the previous plan made from those inputs.
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
export function previousRepsById(previous: PreviousPlanView | null): Map<string, PlanRep> {
  return new Map((previous?.reps ?? []).map((r) => [r.id, r]));
}

/**
 * The previous cycle an incremental cycle of `rep` may start from (incrementalCycle.ts), or null
 * when it may not: `maxChangeShare` is 0 (incremental cycles off), the record lacks a rep key or outlet keys (written before they existed), the
 * rep key differs (the rep's own working data or the settings changed), the previous cycle had
 * minutes over budget or late and some outlet changed (kept patterns would keep them), the previous plan lacks
 * the rep's days, or more than `maxChangeShare` of the previous cycle's outlets changed. An
 * outlet is kept when it was this rep's with the same outletInputKey and a pattern; every other
 * current outlet is changed (new, moved in, or with other inputs), and every outlet of the
 * record the rep no longer has is removed. The share is (changed + removed) / previous outlets.
 */
export function incrementalBasis(
  record: CycleRecord | undefined,
  repKey: string,
  outletKeys: Record<string, string>,
  previousRep: PlanRep | undefined,
  previousOutlets: ReadonlyMap<string, PlanOutlet>,
  maxChangeShare: number,
): PreviousCycle | null {
  if (maxChangeShare <= 0 || !record?.repKey || !record.outletKeys) return null;
  if (record.repKey !== repKey || !previousRep?.days) return null;

  const kept = new Set<string>();
  let changed = 0;
  for (const [id, key] of Object.entries(outletKeys)) {
    const before = previousOutlets.get(id);
    const same =
      Object.hasOwn(record.outletKeys, id) &&
      record.outletKeys[id] === key &&
      before?.repId === previousRep.id &&
      before.pattern;
    if (same) kept.add(id);
    else changed++;
  }
  const removed = new Set(Object.keys(record.outletKeys).filter((id) => !Object.hasOwn(outletKeys, id)));
  const previousCount = Object.keys(record.outletKeys).length;
  if (changed + removed.size > maxChangeShare * Math.max(1, previousCount)) return null;
  // With changes, kept patterns would keep a day over budget or a late visit; the full search may
  // repair them. Without any, the previous cycle stands as it is.
  const violated = record.totals.overBudgetMinutes > 0.5 || record.totals.windowViolationMinutes > 0.5;
  if (violated && changed + removed.size > 0) return null;
  return { days: previousRep.days, totals: record.totals, kept, removed };
}
