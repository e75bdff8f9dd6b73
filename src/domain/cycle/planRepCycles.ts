import { hashString } from '../random.js';
import type { DayChange, Plan, PlanMode, PlanOutlet, PlanRep } from '../plan/planTypes.js';
import type { Policy } from '../policy/policySchema.js';
import { outletVisitPolicy } from '../policy/outletVisitPolicy.js';
import { clockToMinutes, departureFloatMinutesOf } from '../policy/resolvePolicy.js';
import { greatCircleTravelModel, type TravelModel } from '../routing/travelModel.js';
import {
  cycleInputKey,
  previousRepsById,
  reusedCycle,
  type CycleRecords,
  type CycleReuse,
} from './cycleReuse.js';
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
   * Record every rep's cycle key, and reuse the previous plan's cycle of a rep whose key equals
   * its record's (see cycleReuse.ts). Absent: nothing is keyed or reused. Ignored with a road
   * travel model (`travel`) and with `estimateOnly`.
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
}

/** The great-circle model's settings (greatCircleTravelModel), enough to rebuild it elsewhere. */
export interface GreatCircleSettings {
  speedKmh: number;
  circuity: number;
}

/** One rep's share of the cycle stage, prepared by prepareRepCycles and planned by planRepCycleJob. */
export interface RepCycleJob {
  rep: PlanRep;
  /** The rep's outlets, in input order. */
  assigned: PlanOutlet[];
  /** planVisitCycle's input for the rep. */
  input: PlanVisitCycleInput;
  /** Starts of the rep's multi-start (startsForRep). */
  starts: number;
  /** The rep's cycle key, or null when nothing is keyed (no `reuse`). */
  key: string | null;
  /** The previous plan's cycle of the rep when its key matched (nothing to plan), else null. */
  reused: PlanVisitCycleResult | null;
  /**
   * The settings `input.travel` is the great-circle model of, or null when it is a travel model
   * given by the caller (road tables), which only this model object carries.
   */
  greatCircle: GreatCircleSettings | null;
}

/** The cycle stage before any rep is planned: every rep's job, in `reps` order, and what assembly needs. */
export interface PreparedRepCycles {
  input: PlanRepCyclesInput;
  jobs: RepCycleJob[];
  /** Unknown-rep and missed-window warnings, in the order planRepCycles reports them. */
  warnings: string[];
  previousById: Map<string, PlanOutlet>;
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
 * Pure and deterministic for a given seed. It is prepareRepCycles, planRepCycleJob for every rep
 * in order, then assembleRepCycles; callers that plan the jobs elsewhere (worker threads) use
 * those three and get the same result.
 */
export function planRepCycles(input: PlanRepCyclesInput): PlanRepCyclesResult {
  const prepared = prepareRepCycles(input);
  const results = prepared.jobs.map((job, index) => {
    const result = planRepCycleJob(job);
    input.onRep?.(index + 1, prepared.jobs.length);
    return result;
  });
  return assembleRepCycles(prepared, results);
}

/**
 * The first part of planRepCycles: every rep's cycle job (its outlets' visit policies and start
 * windows, planVisitCycle input, starts, key and reused previous cycle) and the stage's warnings
 * so far. Pure; plans nothing but the reuse lookup.
 */
export function prepareRepCycles(input: PlanRepCyclesInput): PreparedRepCycles {
  const { policy } = input;
  const travel = input.travel ?? greatCircleTravelModel(policy.travel);
  const greatCircle = input.travel
    ? null
    : { speedKmh: policy.travel.speedKmh, circuity: policy.travel.circuity };
  const previousById = new Map((input.previous?.outlets ?? []).map((o) => [o.id, o]));
  const byRep = new Map<string, PlanOutlet[]>();
  for (const outlet of input.outlets) {
    if (outlet.repId === null) continue;
    const list = byRep.get(outlet.repId);
    if (list) list.push(outlet);
    else byRep.set(outlet.repId, [outlet]);
  }
  const warnings: string[] = [];
  const repIds = new Set(input.reps.map((r) => r.id));
  const reuse = input.reuse && !input.travel && !input.estimateOnly ? input.reuse : null;
  const recordOf = new Map(reuse?.previous ?? []);
  const previousReps = previousRepsById(reuse?.previous ? input.previous : null);
  for (const [repId, list] of byRep) {
    if (!repIds.has(repId))
      warnings.push(warningText('warning.unknownRep', { count: list.length, rep: repId }));
  }

  const jobs = input.reps.map((rep): RepCycleJob => {
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
    const key = reuse ? cycleInputKey(cycleInput, starts, policy.travel, reuse.programVersion) : null;
    const record = key === null ? undefined : recordOf.get(rep.id);
    const reused =
      record && record.key === key
        ? reusedCycle(
            record,
            previousReps.get(rep.id),
            previousById,
            assigned.map((o) => o.id),
          )
        : null;
    return { rep, assigned, input: cycleInput, starts, key, reused, greatCircle };
  });
  return { input, jobs, warnings, previousById };
}

/**
 * One rep's cycle: the reused previous cycle when there is one, else planVisitCycleMultiStart on
 * the job's input and starts. Pure; depends on nothing but the job.
 */
export function planRepCycleJob(job: RepCycleJob): PlanVisitCycleResult {
  return job.reused ?? planVisitCycleMultiStart(job.input, job.starts);
}

/**
 * The last part of planRepCycles: joins every rep's cycle (`results[i]` is the cycle of
 * `prepared.jobs[i]`) into the stage's result in rep order: outlet copies with visits and
 * patterns, rep copies with days, day changes sorted by outlet id, summed totals and records.
 */
export function assembleRepCycles(
  prepared: PreparedRepCycles,
  results: readonly PlanVisitCycleResult[],
): PlanRepCyclesResult {
  const { input, jobs, previousById } = prepared;
  if (results.length !== jobs.length)
    throw new Error(`assembleRepCycles: ${results.length} cycles for ${jobs.length} reps`);
  const warnings = [...prepared.warnings];
  const outletResults = new Map<string, Pick<PlanOutlet, 'visits' | 'pattern'>>();
  const dayChanges: DayChange[] = [];
  const reps: PlanRep[] = [];
  const totals: CycleTotals = { travelMinutes: 0, overBudgetMinutes: 0, windowViolationMinutes: 0 };
  const records: CycleRecords = [];
  let reusedReps = 0;
  jobs.forEach(({ rep, assigned, key, reused }, index) => {
    const result = results[index] as PlanVisitCycleResult;
    if (reused) reusedReps++;
    if (key !== null) records.push([rep.id, { key, totals: result.totals, dayChanges: result.dayChanges }]);
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
  });

  const outlets = input.outlets.map((outlet) => {
    const cycle = outletResults.get(outlet.id);
    return cycle ? { ...outlet, visits: cycle.visits, pattern: cycle.pattern } : { ...outlet };
  });
  dayChanges.sort((a, b) => (a.outletId < b.outletId ? -1 : a.outletId > b.outletId ? 1 : 0));
  return { outlets, reps, dayChanges, warnings, totals, records, reusedReps };
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
