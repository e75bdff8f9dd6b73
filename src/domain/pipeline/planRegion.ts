import type { Plan } from '../plan/planTypes.js';
import { assemblePlan } from './assemblePlan.js';
import { cycleOutcome, type CycleOutcome } from './cycleOutcome.js';
import {
  assembleRepCycles,
  planRepCycleJob,
  prepareRepCycles,
  type PlannedRepCycle,
  type PreparedRepCycles,
  type RepCycleJob,
} from '../cycle/planRepCycles.js';
import {
  choosePoolTerritories,
  poolCycleInput,
  poolCyclePlan,
  type PoolDraw,
  type PoolPlan,
} from './planPool.js';
import { inThreadTerritoryRunner, poolTerritoryJob, type PoolTerritoryRunner } from './poolTerritoryJob.js';
import { preparePlan, type PlanContext, type PreparedPlan } from './preparePlan.js';

export { preparePlan, type PlanContext, type PreparedPlan } from './preparePlan.js';
export type { PoolTerritoryJob, PoolTerritoryRunner } from './poolTerritoryJob.js';

/** Pipeline stages in order; progress is reported per stage. */
export const PLAN_STAGES = ['segment', 'pool', 'territories', 'cycle', 'summary'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];

export interface PlanRegionInput extends PlanContext {
  /** The planning time, stamped into the plan (the domain never reads the clock). */
  now: Date;
  /** Called when a stage starts and ends; used for job progress. */
  onProgress?: (stage: PlanStage, percent: number) => void;
}

/**
 * Runs the planning pipeline in memory: segment -> pool (preparePlan) -> territories -> cycle
 * (choosePoolTerritories, then planPoolCycle's work, for every pool) -> summary (assemblePlan).
 * Pure and deterministic for a given region, policy, previous plan, `now` and seed, so the CLI and the
 * BullMQ worker produce the same plan from the same data; a region split into one job per pool
 * assembles to exactly this plan too.
 */
export function planRegion(input: PlanRegionInput): Plan {
  return planRegionWithCycles(input).plan;
}

/** A plan with its cycle outcome (the records the next plan may reuse; see cycleReuse.ts). */
export interface PlannedRegion {
  plan: Plan;
  cycle: CycleOutcome;
}

/**
 * Plans rep cycle jobs somewhere else than the calling thread (the app layer's worker threads):
 * resolves with `jobs[i]`'s cycle at index i, which must equal planRepCycleJob(jobs[i]), and
 * calls `onDone` once as each job finishes, in any order. The jobs it gets have no reused cycle.
 */
export type RepCycleRunner = (jobs: readonly RepCycleJob[], onDone: () => void) => Promise<PlannedRepCycle[]>;

/**
 * planRegion, returning also the cycle outcome: every rep's cycle record and how many reps took
 * their cycle from the previous plan (`input.cycleReuse`). The plan is planRegion's.
 */
export function planRegionWithCycles(input: PlanRegionInput): PlannedRegion {
  const start = startRegion(input);
  const draws = start.prepared.pools.map((pool) => choosePoolTerritories(start.prepared, pool.id, input));
  const work = regionCycleWork(input, start, draws);
  const results = work.cycles.map((cycle) =>
    (cycle?.jobs ?? []).map((job) => {
      const result = planRepCycleJob(job);
      work.repDone();
      return result;
    }),
  );
  return finishRegion(input, work, results);
}

/**
 * planRegionWithCycles with every rep cycle that is not reused planned by `runCycles`, all pools'
 * reps in one batch (the rest stays in this thread), and every pool's territories drawn by
 * `runTerritories` (default inThreadTerritoryRunner), one job per pool (poolTerritoryJob), largest
 * pool first. Since each pool's draw depends only on its job, each rep's cycle only on its job,
 * and the results are assembled in pool and rep order, the plan is planRegionWithCycles' plan.
 */
export async function planRegionWithCycleRunner(
  input: PlanRegionInput,
  runCycles: RepCycleRunner,
  runTerritories: PoolTerritoryRunner = inThreadTerritoryRunner,
): Promise<PlannedRegion> {
  const start = startRegion(input);
  const work = regionCycleWork(input, start, await drawTerritories(input, start, runTerritories));
  const results = work.cycles.map((cycle) =>
    (cycle?.jobs ?? []).map((job): PlannedRepCycle | null =>
      job.reused ? { result: job.reused, incremental: false } : null,
    ),
  );
  const pending: Array<{ pool: number; rep: number; job: RepCycleJob }> = [];
  results.forEach((pool, p) =>
    pool.forEach((reused, r) => {
      const job = work.cycles[p]?.jobs[r] as RepCycleJob;
      if (reused) work.repDone();
      else pending.push({ pool: p, rep: r, job });
    }),
  );
  const planned = await runCycles(
    pending.map((entry) => entry.job),
    () => work.repDone(),
  );
  if (planned.length !== pending.length)
    throw new Error(`the cycle runner returned ${planned.length} cycles for ${pending.length} reps`);
  pending.forEach((entry, index) => {
    (results[entry.pool] as Array<PlannedRepCycle | null>)[entry.rep] = planned[index] ?? null;
  });
  return finishRegion(
    input,
    work,
    results.map((pool) => pool.map((result) => result as PlannedRepCycle)),
  );
}

/**
 * Every pool's draw by `runTerritories`, in pool order: the jobs go to the runner largest pool
 * first (most outlets; ties in pool order) and come back by job index.
 */
async function drawTerritories(
  input: PlanRegionInput,
  { prepared }: RegionStart,
  runTerritories: PoolTerritoryRunner,
): Promise<PoolDraw[]> {
  const order = prepared.pools.map((_, index) => index);
  const size = (index: number): number => prepared.pools[index]?.outletCount ?? 0;
  order.sort((a, b) => size(b) - size(a) || a - b);
  const jobs = order.map((index) => poolTerritoryJob(prepared, prepared.pools[index]?.id ?? '', input));
  const drawn = await runTerritories(jobs);
  if (drawn.length !== jobs.length)
    throw new Error(`the territory runner returned ${drawn.length} draws for ${jobs.length} pools`);
  const draws = new Array<PoolDraw>(order.length);
  order.forEach((poolIndex, jobIndex) => {
    draws[poolIndex] = drawn[jobIndex] as PoolDraw;
  });
  return draws;
}

/** The plan up to the territories stage: segmented, pooled, territories stage started. */
interface RegionStart {
  prepared: PreparedPlan;
  progress: NonNullable<PlanRegionInput['onProgress']>;
}

function startRegion(input: PlanRegionInput): RegionStart {
  const progress = input.onProgress ?? (() => undefined);
  progress('segment', 0);
  const prepared = preparePlan(input);
  // Segmenting and pooling are one cheap step (preparePlan); the pool mark keeps stage reports whole.
  progress('pool', 20);
  progress('territories', 30);
  return { prepared, progress };
}

/** The plan up to the cycle stage: territories chosen and every pool's rep cycle jobs prepared. */
interface RegionCycleWork {
  prepared: PreparedPlan;
  draws: PoolDraw[];
  /** Each draw's prepared cycle stage; null for a draw that already carries its plan. */
  cycles: Array<PreparedRepCycles | null>;
  /** Reports one more rep's cycle done. */
  repDone: () => void;
  progress: NonNullable<PlanRegionInput['onProgress']>;
}

function regionCycleWork(
  input: PlanRegionInput,
  { prepared, progress }: RegionStart,
  draws: PoolDraw[],
): RegionCycleWork {
  progress('cycle', 60);
  // The cycle is the longest stage; report it as reps finish so job progress moves on large
  // regions, but only when the percent changes (400 reps must not mean 400 progress writes).
  const totalReps = Math.max(1, prepared.reps.filter((r) => r.pool !== null).length);
  let repsDone = 0;
  let cyclePercent = 60;
  const repDone = (): void => {
    repsDone++;
    const percent = 60 + Math.floor((35 * repsDone) / totalReps);
    if (percent > cyclePercent) progress('cycle', (cyclePercent = percent));
  };
  // A pool planned from several starts already has its plan (the chosen start's).
  const cycles = draws.map((draw) => {
    if (draw.plan) {
      for (let i = 0; i < draw.plan.reps.length; i++) repDone();
      return null;
    }
    return prepareRepCycles(poolCycleInput(prepared, draw.territories, input));
  });
  return { prepared, draws, cycles, repDone, progress };
}

/** Assembles every pool's plan from its rep cycles (`results[pool][rep]`), then the region's plan. */
function finishRegion(
  input: PlanRegionInput,
  work: RegionCycleWork,
  results: ReadonlyArray<readonly PlannedRepCycle[]>,
): PlannedRegion {
  const poolPlans = work.draws.map((draw, index) => {
    const cycle = work.cycles[index];
    if (draw.plan || !cycle) return draw.plan as PoolPlan;
    return poolCyclePlan(draw.territories, input, false, assembleRepCycles(cycle, results[index] ?? []));
  });
  work.progress('summary', 95);
  const plan = assemblePlan(work.prepared, poolPlans, input);
  work.progress('summary', 100);
  return { plan, cycle: cycleOutcome(poolPlans) };
}
