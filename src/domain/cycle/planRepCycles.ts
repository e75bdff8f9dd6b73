import { hashString } from '../random.js';
import type { DayChange, Plan, PlanMode, PlanOutlet, PlanRep } from '../plan/planTypes.js';
import type { Policy } from '../policy/policySchema.js';
import { outletVisitPolicy } from '../policy/outletVisitPolicy.js';
import { clockToMinutes, departureFloatMinutesOf } from '../policy/resolvePolicy.js';
import { greatCircleTravelModel, type TravelModel } from '../routing/travelModel.js';
import {
  cycleInputKey,
  incrementalBasis,
  outletInputKey,
  previousRepsById,
  repInputKey,
  reusedCycle,
  type CycleRecord,
  type CycleRecords,
  type CycleReuse,
} from './cycleReuse.js';
import { planIncrementalCycle } from './incrementalCycle.js';
import { planVisitCycleMultiStart, startsForRep } from './multiStartCycle.js';
import type {
  CycleOutlet,
  CycleTotals,
  PlanVisitCycleInput,
  PlanVisitCycleResult,
} from './planVisitCycle.js';
import { outletStartWindow } from './visitWindow.js';
import { warningText } from '../../i18n/warningText.js';

export interface PlanRepCyclesInput {
  /** Active outlets of the plan with `tier` and `repId` filled (unassigned outlets are skipped). */
  outlets: readonly PlanOutlet[];
  reps: readonly PlanRep[];
  policy: Policy;
  /** Previous plan (its patterns are kept in a rebuild, only compared against otherwise), or null. */
  previous: Plan | null;
  mode: PlanMode;
  seed: number;
  /** Travel model; default: the policy's great-circle model. */
  travel?: TravelModel;
  /** Route sequencer effort (default CYCLE_SEQUENCER_EFFORT of planVisitCycle.ts). */
  effort?: number;
  /** Called after each rep, for job progress. */
  onRep?: (done: number, total: number) => void;
  /** Only choose visit days and return their estimated totals (planVisitCycle `estimateOnly`). */
  estimateOnly?: boolean;
  /**
   * Record every rep's cycle keys, reuse the previous plan's cycle of a rep whose key equals its
   * record's (see cycleReuse.ts) and, in a rebuild, plan a rep with few changed outlets
   * incrementally from its previous cycle (incrementalCycle.ts). Absent: nothing is keyed,
   * reused or planned incrementally. Ignored with a road travel model (`travel`) and with
   * `estimateOnly`.
   */
  reuse?: CycleReuse;
}

export interface PlanRepCyclesResult {
  /** Copies of the input outlets, with `visits` and `pattern` set for every assigned outlet. */
  outlets: PlanOutlet[];
  /** Copies of the input reps, with `days`, `overBudgetMinutes` and `flags` set. */
  reps: PlanRep[];
  /** Weekday changes against the previous plan, sorted by outlet id. */
  dayChanges: DayChange[];
  warnings: string[];
  /** Unrounded sums over every planned rep's days. */
  totals: CycleTotals;
  /** Every rep's cycle record (empty when `reuse` was not given or did not apply). */
  records: CycleRecords;
  /** Reps whose cycle was taken from the previous plan. */
  reusedReps: number;
  /** Reps whose cycle was planned incrementally from their previous cycle (incrementalCycle.ts). */
  incrementalReps: number;
}

/**
 * The pipeline's cycle stage: plans every rep's visit cycle (planVisitCycle) from pipeline-shaped
 * data. Each outlet's frequency, service minutes and start window come from its tier's visit
 * policy; the window is intersected with the outlet's opening hours. In a rebuild the previous
 * plan's patterns are kept where still valid; in a re-segmentation they are only compared against.
 * Outlets that moved to another rep keep their weekday when the new rep's plan allows it; their
 * weekday changes are reported as `rep-changed`. With `reuse`, a rep whose cycle inputs equal
 * those its previous cycle was planned from (same key) takes that cycle from the previous plan
 * instead of planning it again: the same result, since a rep's cycle depends on nothing else.
 * In a rebuild with `reuse`, a rep whose own data is unchanged and of whose outlets at most
 * `cycle.incrementalMaxChangeShare` changed is repaired from its previous cycle (kept outlets
 * keep their patterns, untouched days stay; see incrementalCycle.ts), a close but not identical
 * result to planning it whole. Pure and deterministic for a given seed.
 */
export function planRepCycles(input: PlanRepCyclesInput): PlanRepCyclesResult {
  const { policy } = input;
  const travel = input.travel ?? greatCircleTravelModel(policy.travel);
  const previousById = new Map((input.previous?.outlets ?? []).map((o) => [o.id, o]));
  const byRep = new Map<string, PlanOutlet[]>();
  for (const outlet of input.outlets) {
    if (outlet.repId === null) continue;
    const list = byRep.get(outlet.repId);
    if (list) list.push(outlet);
    else byRep.set(outlet.repId, [outlet]);
  }
  const warnings: string[] = [];
  const outletResults = new Map<string, Pick<PlanOutlet, 'visits' | 'pattern'>>();
  const dayChanges: DayChange[] = [];
  const reps: PlanRep[] = [];
  const totals: CycleTotals = { travelMinutes: 0, overBudgetMinutes: 0, windowViolationMinutes: 0 };
  const repIds = new Set(input.reps.map((r) => r.id));
  const reuse = input.reuse && !input.travel && !input.estimateOnly ? input.reuse : null;
  const recordOf = new Map(reuse?.previous ?? []);
  const previousReps = previousRepsById(reuse?.previous ? input.previous : null);
  const records: CycleRecords = [];
  let reusedReps = 0;
  let incrementalReps = 0;
  for (const [repId, list] of byRep) {
    if (!repIds.has(repId))
      warnings.push(warningText('warning.unknownRep', { count: list.length, rep: repId }));
  }

  input.reps.forEach((rep, index) => {
    const assigned = byRep.get(rep.id) ?? [];
    const cycleOutlets: CycleOutlet[] = assigned.map((outlet) => {
      const visit = outletVisitPolicy(outlet, policy);
      const { window, conflict } = outletStartWindow(outlet, visit);
      if (conflict) {
        warnings.push(
          warningText('warning.windowMissed', {
            outlet: outlet.id,
            openFrom: outlet.openFrom ?? '?',
            openTo: outlet.openTo ?? '?',
            tier: outlet.tier,
            windowFrom: String(visit.timeWindow?.from),
            windowTo: String(visit.timeWindow?.to),
          }),
        );
      }
      return {
        id: outlet.id,
        lon: outlet.lon,
        lat: outlet.lat,
        frequency: visit.frequency,
        serviceMinutes: visit.serviceMinutes,
        window,
        previousPattern: previousById.get(outlet.id)?.pattern ?? null,
      };
    });
    const starts = startsForRep(cycleOutlets.length, policy.cycle.starts, policy.cycle.startsOutletBudget);
    const cycleInput = cycleInputOf(input, rep, cycleOutlets, travel);
    const planned = reuse
      ? plannedWithReuse(
          input,
          cycleInput,
          starts,
          reuse,
          recordOf.get(rep.id),
          previousReps.get(rep.id),
          previousById,
        )
      : { result: planVisitCycleMultiStart(cycleInput, starts), record: null, how: 'planned' as const };
    const result = planned.result;
    if (planned.how === 'reused') reusedReps++;
    if (planned.how === 'incremental') incrementalReps++;
    if (planned.record) records.push([rep.id, planned.record]);
    for (const outlet of assigned) {
      outletResults.set(outlet.id, {
        visits: result.visits.get(outlet.id),
        pattern: result.patterns.get(outlet.id),
      });
    }
    for (const change of result.dayChanges) {
      const before = previousById.get(change.outletId);
      const movedRep = before?.repId !== undefined && before.repId !== null && before.repId !== rep.id;
      dayChanges.push(movedRep ? { ...change, reason: 'rep-changed' } : change);
    }
    totals.travelMinutes += result.totals.travelMinutes;
    totals.overBudgetMinutes += result.totals.overBudgetMinutes;
    totals.windowViolationMinutes += result.totals.windowViolationMinutes;
    reps.push({
      ...rep,
      days: result.days,
      overBudgetMinutes: result.overBudgetMinutes,
      flags: result.flags,
    });
    input.onRep?.(index + 1, input.reps.length);
  });

  const outlets = input.outlets.map((outlet) => {
    const cycle = outletResults.get(outlet.id);
    return cycle ? { ...outlet, visits: cycle.visits, pattern: cycle.pattern } : { ...outlet };
  });
  dayChanges.sort((a, b) => (a.outletId < b.outletId ? -1 : a.outletId > b.outletId ? 1 : 0));
  return { outlets, reps, dayChanges, warnings, totals, records, reusedReps, incrementalReps };
}

/**
 * One rep's cycle with reuse on: the previous cycle when the whole key matches its record
 * (reusedCycle); else, in a rebuild whose rep key matches and few enough outlets changed
 * (incrementalBasis, `cycle.incrementalMaxChangeShare`), an incremental cycle that passed its
 * guard (planIncrementalCycle); else a full plan. The record always holds the new keys.
 */
function plannedWithReuse(
  input: PlanRepCyclesInput,
  cycleInput: PlanVisitCycleInput,
  starts: number,
  reuse: CycleReuse,
  record: CycleRecord | undefined,
  previousRep: PlanRep | undefined,
  previousById: ReadonlyMap<string, PlanOutlet>,
): { result: PlanVisitCycleResult; record: CycleRecord; how: 'reused' | 'incremental' | 'planned' } {
  const { policy } = input;
  const key = cycleInputKey(cycleInput, starts, policy.travel, reuse.programVersion);
  const repKey = repInputKey(cycleInput, policy.travel, reuse.programVersion);
  const outletKeys = Object.fromEntries(cycleInput.outlets.map((o) => [o.id, outletInputKey(o)]));
  const recordOf = (result: PlanVisitCycleResult): CycleRecord => ({
    key,
    totals: result.totals,
    dayChanges: result.dayChanges,
    repKey,
    outletKeys,
  });
  const ids = cycleInput.outlets.map((o) => o.id);
  const reused = record?.key === key ? reusedCycle(record, previousRep, previousById, ids) : null;
  if (reused) return { result: reused, record: recordOf(reused), how: 'reused' };
  const basis =
    input.mode === 'rebuild' && record
      ? incrementalBasis(
          record,
          repKey,
          outletKeys,
          previousRep,
          previousById,
          policy.cycle.incrementalMaxChangeShare,
        )
      : null;
  const incremental = basis ? planIncrementalCycle(cycleInput, basis) : null;
  if (incremental) return { result: incremental, record: recordOf(incremental), how: 'incremental' };
  const result = planVisitCycleMultiStart(cycleInput, starts);
  return { result, record: recordOf(result), how: 'planned' };
}

/** planVisitCycle's input for one rep of the cycle stage. */
function cycleInputOf(
  input: PlanRepCyclesInput,
  rep: PlanRep,
  outlets: CycleOutlet[],
  travel: TravelModel,
): PlanVisitCycleInput {
  const { policy } = input;
  return {
    rep: {
      id: rep.id,
      home: rep.home,
      workingDays: rep.workingDays,
      dayStartMinutes: clockToMinutes(rep.dayStart),
      departureFloatMinutes: departureFloatMinutesOf(policy, rep.tier),
      dailyMinutes: rep.dailyMinutes,
    },
    outlets,
    weeks: policy.cycle.weeks,
    travel,
    seed: (input.seed ^ hashString(rep.id)) >>> 0,
    // A re-segmentation keeps weekdays too, unless a change saves more than the policy threshold.
    keepPreviousPatterns: input.mode !== 'fresh',
    patternChangeCost:
      input.mode === 'resegment'
        ? {
            weekday: policy.cycle.resegmentMinSavingMinutes,
            week: policy.cycle.resegmentMinSavingMinutes,
          }
        : undefined,
    effort: input.effort,
    estimateOnly: input.estimateOnly,
    daySearch: {
      movesPerOutlet: policy.cycle.daySearchMoves,
      balanceWeight: policy.cycle.dayBalanceWeight,
      visitGoal: policy.standards?.quantity?.[rep.tier] ?? null,
    },
  };
}
