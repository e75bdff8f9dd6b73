import type { PreviousCycle } from '../domain/cycle/incrementalCycle.js';
import type { PlanVisitCycleInput } from '../domain/cycle/planVisitCycle.js';
import type { GreatCircleSettings } from '../domain/cycle/planRepCycles.js';

/**
 * What cycleThreads.ts posts to a cycle worker thread: one rep's cycle job without its travel
 * model (a function object, not cloneable), which the thread rebuilds from `greatCircle`.
 */
export interface CycleThreadRequest {
  /** Position of the job in the batch, echoed in the reply. */
  index: number;
  input: Omit<PlanVisitCycleInput, 'travel'>;
  starts: number;
  /** The rep's incremental basis (planRepCycle), or null: plan it whole. */
  basis: PreviousCycle | null;
  greatCircle: GreatCircleSettings;
}
