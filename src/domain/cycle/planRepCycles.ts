import { hashString } from '../random.js';
import type { DayChange, PlanMode, PlanOutlet, PlanRep, PreviousPlanView } from '../plan/planTypes.js';
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
import { planIncrementalCycle, type PreviousCycle } from './incrementalCycle.js';
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
  previous: PreviousPlanView | null;
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

/** The great-circle model's settings (greatCircleTravelModel), enough to rebuild it elsewhere. */
export interface GreatCircleSettings {
  speedKmh: number;
  circuity: number;
}

/** The keys a rep's cycle record holds (see CycleRecord): the whole input's, the rep's own, each outlet's. */
export type RepCycleKeys = Pick<CycleRecord, 'key' | 'repKey' | 'outletKeys'> & {
  repKey: string;
  outletKeys: Record<string, string>;
};

/** A rep's planned cycle, and whether it was repaired incrementally from the previous one. */
export interface PlannedRepCycle {
  result: PlanVisitCycleResult;
  incremental: boolean;
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
  /** The rep's cycle keys, or null when nothing is keyed (no `reuse`). */
  keys: RepCycleKeys | null;
  /** The previous plan's cycle of the rep when its key matched (nothing to plan), else null. */
  reused: PlanVisitCycleResult | null;
  /** What an incremental cycle starts from (incrementalBasis), or null: plan the rep whole. */
  basis: PreviousCycle | null;
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
 * In a rebuild with `reuse`, a rep whose own data is unchanged and of whose outlets at most
 * `cycle.incrementalMaxChangeShare` changed is repaired from its previous cycle (kept outlets
 * keep their patterns, untouched days stay; see incrementalCycle.ts), a close but not identical
 * result to planning it whole. Pure and deterministic for a given seed. It is prepareRepCycles,
 * planRepCycleJob for every rep in order, then assembleRepCycles; callers that plan the jobs
 * elsewhere (worker threads) use those three and get the same result.
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
    const reuseOf = reuse
      ? reuseLookup(
          input,
          cycleInput,
          starts,
          reuse,
          recordOf.get(rep.id),
          previousReps.get(rep.id),
          previousById,
        )
      : { keys: null, reused: null, basis: null };
    return { rep, assigned, input: cycleInput, starts, ...reuseOf, greatCircle };
  });
  return { input, jobs, warnings, previousById };
}

/**
 * One rep's cycle from its inputs: incrementally from `basis` (the rep's previous cycle and what
 * changed, incrementalBasis) when given and the incremental cycle passes its guard
 * (planIncrementalCycle), else planVisitCycleMultiStart on `input` and `starts`. Pure.
 */
export function planRepCycle(
  input: PlanVisitCycleInput,
  starts: number,
  basis: PreviousCycle | null,
): PlannedRepCycle {
  const incremental = basis ? planIncrementalCycle(input, basis) : null;
  if (incremental) return { result: incremental, incremental: true };
  return { result: planVisitCycleMultiStart(input, starts), incremental: false };
}

/**
 * One rep's cycle: the reused previous cycle when there is one, else planRepCycle on the job's
 * input, starts and incremental basis. Pure; depends on nothing but the job.
 */
export function planRepCycleJob(job: RepCycleJob): PlannedRepCycle {
  return job.reused
    ? { result: job.reused, incremental: false }
    : planRepCycle(job.input, job.starts, job.basis);
}

/**
 * The last part of planRepCycles: joins every rep's cycle (`results[i]` is the cycle of
 * `prepared.jobs[i]`) into the stage's result in rep order: outlet copies with visits and
 * patterns, rep copies with days, day changes sorted by outlet id, summed totals and records.
 */
export function assembleRepCycles(
  prepared: PreparedRepCycles,
  results: readonly PlannedRepCycle[],
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
  let incrementalReps = 0;
  jobs.forEach(({ rep, assigned, keys, reused }, index) => {
    const planned = results[index] as PlannedRepCycle;
    const { result } = planned;
    if (reused) reusedReps++;
    if (planned.incremental) incrementalReps++;
    if (keys !== null)
      records.push([rep.id, { ...keys, totals: result.totals, dayChanges: result.dayChanges }]);
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
  return { outlets, reps, dayChanges, warnings, totals, records, reusedReps, incrementalReps };
}

/**
 * What reuse gives one rep's job: its keys (for the record the next plan reuses), the previous
 * cycle when the whole key matches its record (reusedCycle), else, in a rebuild whose rep key
 * matches and few enough outlets changed (`cycle.incrementalMaxChangeShare`), the basis of an
 * incremental cycle (incrementalBasis); nothing is planned here.
 */
function reuseLookup(
  input: PlanRepCyclesInput,
  cycleInput: PlanVisitCycleInput,
  starts: number,
  reuse: CycleReuse,
  record: CycleRecord | undefined,
  previousRep: PlanRep | undefined,
  previousById: ReadonlyMap<string, PlanOutlet>,
): Pick<RepCycleJob, 'keys' | 'reused' | 'basis'> {
  const { policy } = input;
  const keys: RepCycleKeys = {
    key: cycleInputKey(cycleInput, starts, policy.travel, reuse.programVersion),
    repKey: repInputKey(cycleInput, policy.travel, reuse.programVersion),
    outletKeys: Object.fromEntries(cycleInput.outlets.map((o) => [o.id, outletInputKey(o)])),
  };
  const ids = cycleInput.outlets.map((o) => o.id);
  const reused = record?.key === keys.key ? reusedCycle(record, previousRep, previousById, ids) : null;
  if (reused) return { keys, reused, basis: null };
  const basis =
    input.mode === 'rebuild' && record
      ? incrementalBasis(
          record,
          keys.repKey,
          keys.outletKeys,
          previousRep,
          previousById,
          policy.cycle.incrementalMaxChangeShare,
        )
      : null;
  return { keys, reused: null, basis };
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
