import {
  planRegionWithCycleRunner,
  planRegionWithCycles,
  type PlannedRegion,
  type PlanRegionInput,
} from '../domain/pipeline/planRegion.js';
import { threadedCycleRunner } from './cycleThreads.js';
import { threadedTerritoryRunner } from './territoryThreads.js';

/** A runPlan planner: makes the plan from the loaded inputs, in this thread or not. */
export type RegionPlanner = (input: PlanRegionInput) => PlannedRegion | Promise<PlannedRegion>;

/**
 * The planner of a run with `threads` worker threads: with 1 (or less) planRegionWithCycles, all
 * in this thread and no worker_threads started; otherwise planRegionWithCycleRunner drawing the
 * pools' territories on `threads` territory threads (threadedTerritoryRunner), then planning the
 * rep cycles on `threads` cycle threads (threadedCycleRunner; each stage starts and ends its own),
 * except for road travel (its model cannot cross threads), which stays in this thread. The plan
 * is the same either way.
 */
export function cyclePlanner(threads: number): RegionPlanner {
  if (threads <= 1) return planRegionWithCycles;
  return (input) =>
    input.travel
      ? planRegionWithCycles(input)
      : planRegionWithCycleRunner(input, threadedCycleRunner(threads), threadedTerritoryRunner(threads));
}
