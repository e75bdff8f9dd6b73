import { DEFAULT_POLICY } from '../policy/defaultPolicy.js';
import type { Policy } from '../policy/policySchema.js';
import { segmentOutlets } from '../segmentation/segmentOutlets.js';
import { OUTLET_TIERS, REP_TIERS, type Outlet, type OutletTier, type Rep, type RepTier } from '../types.js';

/**
 * Outlet counts per tier as a first segmentation (mode `resegment`, no previous plan) of the
 * active outlets under `policy` (default: DEFAULT_POLICY) would give them, with business types
 * lower-cased as the loader reads them (a generated Chinese region writes `KTV`). Used to check
 * and document that generated regions follow the reference tier mix.
 */
export function countOutletTiers(
  outlets: readonly Outlet[],
  policy: Policy['segmentation'] = DEFAULT_POLICY.segmentation,
): Record<OutletTier, number> {
  const counts = Object.fromEntries(OUTLET_TIERS.map((t) => [t, 0])) as Record<OutletTier, number>;
  const { segments } = segmentOutlets({
    outlets: outlets
      .filter((o) => o.status === 'active')
      .map((o) => ({ ...o, businessType: o.businessType.toLowerCase() })),
    policy,
    previous: new Map(),
    mode: 'resegment',
  });
  for (const segment of segments.values()) counts[segment.tier]++;
  return counts;
}

/** Rep counts per tier. */
export function countRepTiers(reps: readonly Rep[]): Record<RepTier, number> {
  const counts = Object.fromEntries(REP_TIERS.map((t) => [t, 0])) as Record<RepTier, number>;
  for (const rep of reps) counts[rep.tier]++;
  return counts;
}
