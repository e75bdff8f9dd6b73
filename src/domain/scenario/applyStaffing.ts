import { haversineKm } from '../geo/distance.js';
import type { Plan, PlanRep } from '../plan/planTypes.js';
import { poolUtilisation } from '../plan/poolUtilisation.js';
import {
  describeStaffingStep,
  staffingRecommendation,
  type StaffingStep,
} from '../plan/staffingRecommendation.js';
import type { LonLat, Rep, RepTier } from '../types.js';
import type { RepEdits } from './repEdits.js';
import { ScenarioError } from './scenarioError.js';

/** One rep-level change made to apply a staffing recommendation. */
export type StaffingEdit =
  | {
      kind: 'move';
      repId: string;
      fromPool: string;
      toPool: string;
      fromTier: RepTier;
      toTier: RepTier;
      /** The receiving pool's rep whose territory the moved rep was chosen for. */
      nearRep: string;
      /** Straight-line km from the moved rep's home to that territory's centroid. */
      km: number;
    }
  | {
      kind: 'add';
      repId: string;
      toPool: string;
      tier: RepTier;
      /** The new rep's home: the centroid of `nearRep`'s territory. */
      home: LonLat;
      nearRep: string;
    };

/** A staffing recommendation turned into rep edits a scenario can plan. */
export interface StaffingApplication {
  /** The recommendation in words, e.g. `move 1 rep from D to A` (empty: every pool fits). */
  recommendation: string[];
  steps: StaffingStep[];
  /** Which rep moves where, which rep is added where, in the order of the steps. */
  edits: StaffingEdit[];
  /** The same as `--change-rep` (moves) and `--add-rep` (additions). */
  repEdits: RepEdits;
}

/** A territory of a receiving pool and how far its routes still run over its rep's working time. */
interface Need {
  repId: string;
  centroid: LonLat;
  /** Planned minutes minus working minutes, less the working time of reps already sent there. */
  remaining: number;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function overrunMinutes(rep: PlanRep): number {
  const days = rep.days ?? [];
  return days.reduce((sum, day) => sum + day.totalMinutes, 0) - days.length * rep.dailyMinutes;
}

/**
 * The receiving pools' territories by how far their routes run over their reps' time. Each rep
 * sent to a pool goes where the most is left uncovered and covers one average rep's working
 * time there, so a second rep goes to the next most overloaded territory unless the first is
 * still the worst (one territory of a one-rep pool takes every rep sent).
 */
class NeedPoints {
  private readonly needs = new Map<string, Need[]>();

  constructor(
    private readonly plan: Pick<Plan, 'reps'>,
    private readonly perRepMinutes: ReadonlyMap<string, number>,
  ) {}

  /** The territory the next rep sent to `poolId` is for. */
  next(poolId: string): Need {
    let needs = this.needs.get(poolId);
    if (!needs) {
      needs = this.plan.reps
        .filter((r) => r.pool === poolId && r.territory && r.territory.outletCount > 0)
        .map((r) => ({ repId: r.id, centroid: r.territory!.centroid, remaining: overrunMinutes(r) }));
      this.needs.set(poolId, needs);
    }
    needs.sort((a, b) => b.remaining - a.remaining || (a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0));
    const need = needs[0];
    if (!need) throw new ScenarioError(`--apply-staffing: pool ${poolId} has no territory to send reps to`);
    need.remaining -= this.perRepMinutes.get(poolId) ?? 0;
    return need;
  }
}

/**
 * Applies the staffing recommendation of a plan (staffingRecommendation over its pools'
 * utilisation) to the reps a scenario plans with, deterministically. For each rep a step sends
 * to a pool, the receiving territory is the pool's territory whose routes run furthest over its
 * rep's working time, less one average rep's time for each rep already sent there (ties by rep
 * id). A **moved** rep is the giving pool's rep (of the plan, still among `reps`, not moved yet)
 * whose home is nearest that territory's centroid (straight line; ties by rep id): it keeps its
 * home, capacity and days and takes the receiving pool's first rep tier. An **added** rep is
 * homed at that centroid, full time, with the policy's day, and named `NEW-<tier><n>` (the first
 * n not taken). Throws a ScenarioError when a giving pool has too few of its reps left. Pure.
 */
export function applyStaffingRecommendation(
  plan: Pick<Plan, 'pools' | 'reps'>,
  reps: readonly Rep[],
): StaffingApplication {
  const utilisation = poolUtilisation(plan);
  const steps = staffingRecommendation(utilisation);
  const perRep = new Map(utilisation.map((u) => [u.poolId, u.reps > 0 ? u.availableMinutes / u.reps : 0]));
  const needs = new NeedPoints(plan, perRep);
  const loaded = new Map(reps.map((rep) => [rep.id, rep]));
  const moved = new Set<string>();
  const taken = new Set(reps.map((rep) => rep.id));
  const edits: StaffingEdit[] = [];
  const repTier = (poolId: string): RepTier => {
    const tier = plan.pools.find((p) => p.id === poolId)?.repTiers[0];
    if (!tier) throw new ScenarioError(`--apply-staffing: the plan has no pool ${poolId} with a rep tier`);
    return tier;
  };

  for (const step of steps) {
    const toTier = repTier(step.toPool);
    for (let i = 0; i < step.reps; i++) {
      const need = needs.next(step.toPool);
      if (step.kind === 'add') {
        let n = 1;
        while (taken.has(`NEW-${toTier}${n}`)) n += 1;
        const repId = `NEW-${toTier}${n}`;
        taken.add(repId);
        const home: LonLat = [round6(need.centroid[0]), round6(need.centroid[1])];
        edits.push({ kind: 'add', repId, toPool: step.toPool, tier: toTier, home, nearRep: need.repId });
        continue;
      }
      const candidates = plan.reps
        .filter((r) => r.pool === step.fromPool && loaded.has(r.id) && !moved.has(r.id))
        .map((r) => {
          const rep = loaded.get(r.id)!;
          return { rep, km: haversineKm(rep.homeLon, rep.homeLat, need.centroid[0], need.centroid[1]) };
        })
        .sort((a, b) => a.km - b.km || (a.rep.id < b.rep.id ? -1 : 1));
      const chosen = candidates[0];
      if (!chosen)
        throw new ScenarioError(
          `--apply-staffing: the plan recommends "${describeStaffingStep(step)}", but pool ${step.fromPool} has no rep left to move that is still in the region's reps`,
        );
      moved.add(chosen.rep.id);
      edits.push({
        kind: 'move',
        repId: chosen.rep.id,
        fromPool: step.fromPool,
        toPool: step.toPool,
        fromTier: chosen.rep.tier,
        toTier,
        nearRep: need.repId,
        km: Math.round(chosen.km * 100) / 100,
      });
    }
  }
  return {
    recommendation: steps.map(describeStaffingStep),
    steps,
    edits,
    repEdits: {
      remove: [],
      change: edits.flatMap((e) => (e.kind === 'move' ? [{ id: e.repId, tier: e.toTier, home: null }] : [])),
      add: edits.flatMap((e) => (e.kind === 'add' ? [{ id: e.repId, tier: e.tier, home: e.home }] : [])),
    },
  };
}

/** One staffing edit in words, e.g. `R09 moves from pool D to A (tier D -> A; home 1.20 km from ...)`. */
export function describeStaffingEdit(edit: StaffingEdit): string {
  return edit.kind === 'move'
    ? `${edit.repId} moves from pool ${edit.fromPool} to ${edit.toPool} (tier ${edit.fromTier} -> ${edit.toTier}; home ${edit.km.toFixed(2)} km from the centroid of ${edit.nearRep}'s territory, the one of pool ${edit.toPool} with most route time left uncovered)`
    : `${edit.repId} is added to pool ${edit.toPool} (tier ${edit.tier}), homed at ${edit.home[0]},${edit.home[1]} (the centroid of ${edit.nearRep}'s territory, the one of pool ${edit.toPool} with most route time left uncovered)`;
}
