import type { Policy, TierVisitPolicy, VisitFrequency } from './policySchema.js';
import type { OutletTier } from '../types.js';

/** What outletVisitPolicy reads of an outlet: its tier and its optional per-outlet overrides. */
export interface OutletVisitFields {
  tier: OutletTier;
  /** `visit_frequency` column of outlets.csv, overriding the tier's frequency. */
  visitFrequency?: VisitFrequency | null;
  /** `service_minutes` column of outlets.csv, overriding the tier's minutes per visit. */
  serviceMinutes?: number | null;
}

/**
 * The visit rules one outlet is planned with: its tier's policy (frequency, minutes per visit,
 * time window, method) with the outlet's own `visit_frequency` and `service_minutes` in their
 * place when outlets.csv gives them (key accounts that need more time or another frequency).
 * Every stage that needs an outlet's frequency or service time asks here, so territories, the
 * cycle and the publish gate cannot disagree.
 */
export function outletVisitPolicy(outlet: OutletVisitFields, policy: Policy): TierVisitPolicy {
  const tier = policy.visits[outlet.tier];
  const frequency = outlet.visitFrequency ?? tier.frequency;
  const serviceMinutes = outlet.serviceMinutes ?? tier.serviceMinutes;
  return frequency === tier.frequency && serviceMinutes === tier.serviceMinutes
    ? tier
    : { ...tier, frequency, serviceMinutes };
}
