import type { CycleReuse } from '../cycle/cycleReuse.js';
import type { PlanOutlet, PlanRep, PreviousPlanView } from '../plan/planTypes.js';
import {
  choosePoolTerritories,
  poolStarts,
  type PoolContext,
  type PoolDraw,
  type PoolPrepared,
} from './planPool.js';

/**
 * The territories stage of one pool as a self-contained job (what a worker thread gets): the
 * pool, its prepared outlets and reps, and a context cut down to what choosePoolTerritories reads
 * for that pool. Structured-cloneable unless `context.travel` is set (a road travel model).
 */
export interface PoolTerritoryJob {
  poolId: string;
  prepared: PoolPrepared;
  context: PoolContext;
}

/**
 * Draws the territories of `jobs[i]` somewhere (the app layer's worker threads) and resolves with
 * `jobs[i]`'s draw at index i, which must equal runPoolTerritoryJob(jobs[i]), whatever the order
 * the jobs finish in.
 */
export type PoolTerritoryRunner = (jobs: readonly PoolTerritoryJob[]) => Promise<PoolDraw[]>;

/** The default PoolTerritoryRunner: every job in the calling thread, one after another. */
export const inThreadTerritoryRunner: PoolTerritoryRunner = (jobs) =>
  Promise.resolve(jobs.map(runPoolTerritoryJob));

/** One pool's draw from its job: choosePoolTerritories on the job's prepared pool and context. */
export function runPoolTerritoryJob(job: PoolTerritoryJob): PoolDraw {
  return choosePoolTerritories(job.prepared, job.poolId, job.context);
}

/**
 * The job of pool `poolId`: the pool, its outlets and reps, and the context with the previous
 * plan restricted to the outlets and reps of this pool (by id: choosePoolTerritories looks up
 * nothing else in it), without the reps' day routes and the outlets' visits, which only a reused
 * cycle reads; they, the cycle reuse records of the pool's reps and the region's supervisors are
 * kept only when the pool plans its cycles on several starts (starts > 1 with
 * `territories.startsEvaluation: "plan"`) with cycle reuse. runPoolTerritoryJob(job) then equals
 * choosePoolTerritories(prepared, poolId, context).
 */
export function poolTerritoryJob(
  prepared: PoolPrepared,
  poolId: string,
  context: PoolContext,
): PoolTerritoryJob {
  const outlets = prepared.outlets.filter((o) => o.pool === poolId);
  const reps = prepared.reps.filter((r) => r.pool === poolId);
  const pools = prepared.pools.filter((p) => p.id === poolId);
  const plansCycles =
    poolStarts(prepared, poolId, context) > 1 && context.policy.territories.startsEvaluation === 'plan';
  const reuse = plansCycles ? context.cycleReuse : undefined;
  return {
    poolId,
    prepared: { outlets, reps, pools },
    context: {
      policy: context.policy,
      mode: context.mode,
      seed: context.seed,
      ...(context.travel ? { travel: context.travel } : {}),
      ...(reuse ? { cycleReuse: poolCycleReuse(reuse, reps) } : {}),
      region: {
        name: context.region.name,
        ...(reuse && context.region.supervisors ? { supervisors: context.region.supervisors } : {}),
      },
      previous: context.previous && poolPrevious(context.previous, outlets, reps, reuse !== undefined),
    },
  };
}

/** The previous plan's outlets and reps with the ids of the pool's, cycle detail only if asked. */
function poolPrevious(
  previous: PreviousPlanView,
  outlets: readonly PlanOutlet[],
  reps: readonly PlanRep[],
  withCycles: boolean,
): PreviousPlanView {
  const outletIds = new Set(outlets.map((o) => o.id));
  const repIds = new Set(reps.map((r) => r.id));
  const keptOutlets = previous.outlets.filter((o) => outletIds.has(o.id));
  const keptReps = previous.reps.filter((r) => repIds.has(r.id));
  if (withCycles) return { outlets: keptOutlets, reps: keptReps };
  return {
    outlets: keptOutlets.map(({ visits: _visits, ...outlet }) => outlet),
    reps: keptReps.map(({ days: _days, ...rep }) => rep),
  };
}

/** Cycle reuse with the previous records of the pool's reps only (the others are never looked up). */
function poolCycleReuse(reuse: CycleReuse, reps: readonly PlanRep[]): CycleReuse {
  const repIds = new Set(reps.map((r) => r.id));
  return {
    programVersion: reuse.programVersion,
    previous: reuse.previous && reuse.previous.filter(([repId]) => repIds.has(repId)),
  };
}
