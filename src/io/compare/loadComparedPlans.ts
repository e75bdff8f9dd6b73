import type { Plan } from '../../domain/plan/planTypes.js';
import { resolvePlanRef, type ResolvedPlanRef } from '../publish/planRefs.js';
import { readVersionPlan, versionStatus, type ShownStatus } from '../publish/publishVersion.js';

/** A plan named by a reference, read from its version folder. */
export interface LoadedPlanRef extends ResolvedPlanRef {
  /** The version's status in its folder (current, candidate, rejected, published, scenario); null when unreadable. */
  status: ShownStatus | null;
  plan: Plan;
}

/**
 * Resolves every reference (resolvePlanRef: current, a version name, scenario:NAME[/VERSION])
 * before reading any plan, so a typo in the last reference fails at once with PlanRefError,
 * then reads each version's plan.json and status, in the order given.
 */
export async function loadComparedPlans(
  regionOutDir: string,
  refs: readonly string[],
): Promise<LoadedPlanRef[]> {
  const resolved: ResolvedPlanRef[] = [];
  for (const ref of refs) resolved.push(await resolvePlanRef(regionOutDir, ref));
  const loaded: LoadedPlanRef[] = [];
  for (const entry of resolved) {
    const plan = await readVersionPlan(entry.outDir, entry.version).catch((error: unknown) => {
      throw new Error(`${entry.ref} (version ${entry.version}): ${(error as Error).message}`, {
        cause: error,
      });
    });
    const status = await versionStatus(entry.outDir, entry.version).catch(() => null);
    loaded.push({ ...entry, status, plan });
  }
  return loaded;
}
