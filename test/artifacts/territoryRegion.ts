import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { assignPoolTerritories } from '../../src/domain/territories/assignPoolTerritories.js';
import { generatedPlanInputs } from '../fixtures/generatedPlanInputs.js';

/**
 * A generated region segmented, pooled and given fresh territories, shaped as the plan the
 * territory renderer reads (outlets with rep ids, reps with pools and summaries); the cycle stage
 * is skipped, it does not change territories.
 */
export function territoryPlan(outletCount: number, repCount: number, seed: number): Plan {
  const { outlets, reps, pools } = generatedPlanInputs(outletCount, repCount, seed);
  const result = assignPoolTerritories({
    outlets,
    reps,
    pools,
    policy: DEFAULT_POLICY,
    seed,
    previous: null,
    mode: 'fresh',
  });
  for (const o of outlets) o.repId = result.repOf.get(o.id) ?? null;
  for (const r of reps) r.territory = result.territories.get(r.id);
  return { outlets, reps, pools } as unknown as Plan;
}
