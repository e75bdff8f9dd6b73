import { hashString } from '../random.js';
import type { Policy } from '../policy/policySchema.js';
import { outletVisitPolicy } from '../policy/outletVisitPolicy.js';
import { visitsPerCycle } from '../policy/visitFrequencies.js';
import type {
  PlanMode,
  PlanOutlet,
  PlanPool,
  PlanRep,
  PreviousPlanView,
  RepChange,
  StaffingChange,
  TerritorySummary,
} from '../plan/planTypes.js';
import {
  assignTerritories,
  type AssignTerritoriesInput,
  type TerritoryMode,
  type TerritoryOutletInput,
} from './assignTerritories.js';
import { movedKm, type MovedOutletVerdict } from './movedOutlets.js';
import { appendAll } from '../appendAll.js';

export interface AssignPoolTerritoriesInput {
  /** Active outlets of the plan with `tier` and `pool` filled. */
  outlets: readonly PlanOutlet[];
  /** Reps of the plan with `pool` filled. */
  reps: readonly PlanRep[];
  pools: readonly PlanPool[];
  policy: Policy;
  /** Previous plan, or null (first plan). In `fresh` mode only compared against, to report changes. */
  previous: PreviousPlanView | null;
  mode: PlanMode;
  seed: number;
}

export interface AssignPoolTerritoriesResult {
  /** Rep id of every outlet that a pool with reps serves. */
  repOf: Map<string, string>;
  /** Territory summary of every rep in a pool. */
  territories: Map<string, TerritorySummary>;
  /** Rep changes against the previous plan, sorted by outlet id. */
  repChanges: RepChange[];
  /** Verdicts on the outlets that moved beyond `territories.movedOutletKm`, sorted by outlet id. */
  moved: MovedOutletVerdict[];
  /** Staffing changes of every pool (reps added, removed, changed), sorted by rep id then event. */
  staffing: StaffingChange[];
  warnings: string[];
}

/** The territory mode of a plan mode: a re-segmentation redraws, a rebuild disturbs least. */
export function territoryModeOf(mode: PlanMode): TerritoryMode {
  switch (mode) {
    case 'rebuild':
      return 'rebuild';
    case 'resegment':
      return 'redraw';
    case 'fresh':
      return 'fresh';
  }
}

/**
 * Builds the assignTerritories input of one pool from pipeline-shaped data: outlet loads from the
 * visit frequency and service minutes (the tier's, or the outlet's own overrides), locks, the previous plan's rep and tier of each
 * outlet (assignTerritories only compares against it in `fresh` mode), how far it moved when
 * more than `territories.movedOutletKm`, and the policy's balance,
 * home-weight, home-matching, commute-warning and travel settings.
 */
export function poolTerritoryInput(
  input: AssignPoolTerritoriesInput,
  pool: PlanPool,
): AssignTerritoriesInput {
  const { policy } = input;
  const previousById = new Map((input.previous?.outlets ?? []).map((o) => [o.id, o]));
  const previousRep = new Map((input.previous?.reps ?? []).map((r) => [r.id, r]));
  const weeks = policy.cycle.weeks;
  const outlets: TerritoryOutletInput[] = input.outlets
    .filter((o) => o.pool === pool.id)
    .map((o) => {
      const visit = outletVisitPolicy(o, policy);
      const before = previousById.get(o.id);
      const km = movedKm(before, o, policy.territories.movedOutletKm);
      return {
        id: o.id,
        lon: o.lon,
        lat: o.lat,
        visitsPerCycle: visitsPerCycle(visit.frequency, weeks),
        serviceMinutes: visit.serviceMinutes,
        lockedRepId: o.lockedRepId,
        previousRepId: before?.repId ?? null,
        tierChanged: before !== undefined && before.tier !== o.tier,
        ...(km === null ? {} : { movedKm: km }),
      };
    });
  const reps = input.reps
    .filter((r) => r.pool === pool.id)
    .map((r) => {
      const before = previousRep.get(r.id);
      return {
        id: r.id,
        homeLon: r.home[0],
        homeLat: r.home[1],
        capacity: r.capacity,
        dailyMinutes: r.dailyMinutes,
        cycleWorkingDays: r.workingDays.filter((d) => policy.cycle.weekdays.includes(d)).length * weeks,
        ...(before === undefined
          ? {}
          : { previous: { capacity: before.capacity, homeLon: before.home[0], homeLat: before.home[1] } }),
      };
    });
  return {
    outlets,
    reps,
    mode: territoryModeOf(input.mode),
    balanceTolerance: policy.territories.balanceTolerance,
    homeWeight: policy.territories.homeWeight,
    travel: policy.travel,
    cycleDays: weeks * policy.cycle.weekdays.length,
    seed: (input.seed ^ hashString(pool.id)) >>> 0,
    poolId: pool.id,
    homeMatching: policy.territories.homeMatching,
    maxCommuteKm: policy.territories.maxCommuteKm,
    outlierFactor: policy.input.outlierFactor,
    routeAware: policy.territories.routeAware,
  };
}

/**
 * The pipeline's territories stage: runs assignTerritories for every pool and merges the results
 * (rep of each outlet, territory summary of each rep, rep changes with reasons, warnings).
 * Outlets of a pool without reps stay unassigned and are named in a warning by the pool stage.
 */
export function assignPoolTerritories(input: AssignPoolTerritoriesInput): AssignPoolTerritoriesResult {
  const repOf = new Map<string, string>();
  const territories = new Map<string, TerritorySummary>();
  const repChanges: RepChange[] = [];
  const moved: MovedOutletVerdict[] = [];
  const staffing: StaffingChange[] = [];
  const warnings: string[] = [];
  for (const pool of input.pools) {
    const result = assignTerritories(poolTerritoryInput(input, pool));
    for (const [outlet, rep] of result.repOf) repOf.set(outlet, rep);
    for (const [rep, summary] of result.territories) territories.set(rep, summary);
    appendAll(repChanges, result.changes);
    appendAll(moved, result.moved);
    appendAll(staffing, result.staffing);
    appendAll(warnings, result.warnings);
  }
  const byOutlet = (a: { outletId: string }, b: { outletId: string }): number =>
    a.outletId < b.outletId ? -1 : a.outletId > b.outletId ? 1 : 0;
  repChanges.sort(byOutlet);
  moved.sort(byOutlet);
  staffing.sort((a, b) =>
    a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : a.event < b.event ? -1 : a.event > b.event ? 1 : 0,
  );
  return { repOf, territories, repChanges, moved, staffing, warnings };
}
