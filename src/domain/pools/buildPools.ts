import type { PoolPolicy } from '../policy/policySchema.js';
import type { OutletTier, Rep, RepTier } from '../types.js';
import { warningText } from '../../i18n/warningText.js';

/** A pool as planned: the reps that serve it and the outlet tiers it covers after fallbacks. */
export interface EffectivePool {
  id: string;
  repTiers: RepTier[];
  /** Outlet tiers served, including tiers taken over from pools without reps. */
  outletTiers: OutletTier[];
  repIds: string[];
  /** Ids of policy pools whose outlets this pool took over because they had no rep. */
  absorbed: string[];
}

export interface PoolingResult {
  pools: EffectivePool[];
  /** Pool id serving each outlet tier; null when no pool with reps can serve it. */
  poolOfTier: Record<OutletTier, string | null>;
  /** Pool id of each rep; reps whose tier no pool uses are absent. */
  poolOfRep: Map<string, string>;
  warnings: string[];
}

/**
 * Groups reps into the policy's tier pools and routes every outlet tier to the pool that serves
 * it. A pool without reps hands its outlet tiers to the first of its fallback pools that has reps
 * (following fallbacks transitively), so a missing A rep does not leave large outlets unserved.
 * Pools left without reps and outlets are dropped from the result; anything that cannot be served
 * is reported as a warning rather than silently ignored.
 */
export function buildPools(policyPools: readonly PoolPolicy[], reps: readonly Rep[]): PoolingResult {
  const warnings: string[] = [];
  const byId = new Map(policyPools.map((p) => [p.id, p]));
  const repsOf = new Map<string, string[]>(policyPools.map((p) => [p.id, []]));
  const poolOfRep = new Map<string, string>();
  for (const rep of reps) {
    const pool = policyPools.find((p) => p.repTiers.includes(rep.tier));
    if (!pool) {
      warnings.push(warningText('warning.repNoPool', { rep: rep.id, repTier: rep.tier }));
      continue;
    }
    repsOf.get(pool.id)?.push(rep.id);
    poolOfRep.set(rep.id, pool.id);
  }

  // Follow fallbacks depth-first, avoiding cycles, until a pool with reps is found.
  const resolve = (id: string, seen: Set<string>): string | null => {
    if ((repsOf.get(id)?.length ?? 0) > 0) return id;
    seen.add(id);
    for (const next of byId.get(id)?.fallback ?? []) {
      if (seen.has(next)) continue;
      const found = resolve(next, seen);
      if (found) return found;
    }
    return null;
  };

  const poolOfTier = { large: null, 'night-venue': null, medium: null, small: null } as Record<
    OutletTier,
    string | null
  >;
  const absorbed = new Map<string, string[]>();
  const extraTiers = new Map<string, OutletTier[]>();
  for (const pool of policyPools) {
    const target = resolve(pool.id, new Set());
    for (const tier of pool.outletTiers) poolOfTier[tier] = target;
    if (target === null) {
      warnings.push(
        warningText('warning.poolUnassigned', { pool: pool.id, tiers: pool.outletTiers.join(', ') }),
      );
    } else if (target !== pool.id) {
      warnings.push(
        warningText('warning.poolFallback', { pool: pool.id, tiers: pool.outletTiers.join(', '), target }),
      );
      absorbed.set(target, [...(absorbed.get(target) ?? []), pool.id]);
      extraTiers.set(target, [...(extraTiers.get(target) ?? []), ...pool.outletTiers]);
    }
  }

  const pools: EffectivePool[] = policyPools
    .filter((p) => (repsOf.get(p.id)?.length ?? 0) > 0)
    .map((p) => ({
      id: p.id,
      repTiers: [...p.repTiers],
      outletTiers: [...p.outletTiers, ...(extraTiers.get(p.id) ?? [])],
      repIds: [...(repsOf.get(p.id) ?? [])],
      absorbed: absorbed.get(p.id) ?? [],
    }));
  return { pools, poolOfTier, poolOfRep, warnings };
}
