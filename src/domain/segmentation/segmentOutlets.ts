import type { Policy, SegmentationRule, VolumeThreshold } from '../policy/policySchema.js';
import type { Outlet, OutletTier } from '../types.js';
import { percentile } from './percentile.js';

/** The tier decided for one outlet, with the rule and a readable reason. */
export interface OutletSegment {
  tier: OutletTier;
  /** Id of the deciding rule, `default` when none matched, `previous` when kept from the last plan. */
  rule: string;
  reason: string;
}

/** A tier change against the previous plan. */
export interface TierChange {
  outletId: string;
  from: OutletTier;
  to: OutletTier;
  rule: string;
  reason: string;
}

export interface SegmentationResult {
  segments: Map<string, OutletSegment>;
  /** Thresholds resolved to absolute volumes, per rule id (percentiles evaluated on this region). */
  thresholds: Record<string, { minVolume?: number; maxVolume?: number }>;
  /** Outlets whose tier differs from the previous plan. */
  changes: TierChange[];
}

export interface SegmentOutletsInput {
  /** Active outlets to segment (closed ones are not served and take no tier). */
  outlets: readonly Outlet[];
  policy: Policy['segmentation'];
  /** Tiers (and rules) of the previous plan, by outlet id; empty for a first plan. */
  previous: ReadonlyMap<string, { tier: OutletTier; rule: string }>;
  /**
   * `keep`: known outlets keep their previous tier (normal rebuild); new outlets are evaluated.
   * `resegment`: every outlet is evaluated, with hysteresis against its previous tier.
   */
  mode: 'keep' | 'resegment';
}

function formatVolume(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function resolveThreshold(
  threshold: VolumeThreshold | undefined,
  volumes: readonly number[],
): number | undefined {
  if (threshold === undefined) return undefined;
  return typeof threshold === 'number' ? threshold : percentile(volumes, threshold.percentile);
}

function describeThreshold(threshold: VolumeThreshold | undefined): string {
  return typeof threshold === 'object' ? ` (p${threshold.percentile})` : '';
}

interface RuleMatch {
  matched: boolean;
  conditions: string[];
}

function matchRule(
  rule: SegmentationRule,
  outlet: Outlet,
  limits: { minVolume?: number; maxVolume?: number },
  previousTier: OutletTier | null,
  hysteresis: number,
): RuleMatch {
  const conditions: string[] = [];
  if (rule.businessTypes) {
    const wanted = rule.businessTypes.some((t) => t.trim().toLowerCase() === outlet.businessType);
    if (!wanted) return { matched: false, conditions };
    conditions.push(`business_type=${outlet.businessType}`);
  }
  // Hysteresis: an outlet already in the rule's tier passes a threshold loosened by the margin;
  // one in another tier must beat a threshold tightened by it. New outlets use the plain threshold.
  const sameTier = previousTier === rule.tier;
  const margin = previousTier === null ? 0 : hysteresis;
  if (limits.minVolume !== undefined) {
    const min = limits.minVolume * (sameTier ? 1 - margin : 1 + margin);
    if (!(outlet.monthlyVolume >= min)) return { matched: false, conditions };
    const note =
      margin > 0
        ? `, ${Math.round(margin * 100)}% hysteresis ${sameTier ? 'keeps' : 'against'} ${previousTier}`
        : '';
    conditions.push(
      `monthly_volume=${formatVolume(outlet.monthlyVolume)} >= ${formatVolume(min)}${describeThreshold(rule.minVolume)}${note}`,
    );
  }
  if (limits.maxVolume !== undefined) {
    const max = limits.maxVolume * (sameTier ? 1 + margin : 1 - margin);
    if (!(outlet.monthlyVolume < max)) return { matched: false, conditions };
    const note =
      margin > 0
        ? `, ${Math.round(margin * 100)}% hysteresis ${sameTier ? 'keeps' : 'against'} ${previousTier}`
        : '';
    conditions.push(
      `monthly_volume=${formatVolume(outlet.monthlyVolume)} < ${formatVolume(max)}${describeThreshold(rule.maxVolume)}${note}`,
    );
  }
  return { matched: true, conditions };
}

/**
 * Assigns every active outlet one of the four service tiers by the policy's ordered rules (first
 * match wins, the default tier for the rest) and explains each decision, e.g.
 * `business_type=petrol_station -> large (rule large-formats)`. Percentile thresholds are taken
 * over the monthly volumes of the given outlets. In `keep` mode outlets known to the previous plan
 * keep their tier; in `resegment` mode all are re-evaluated, and a hysteresis margin on volume
 * thresholds stops small fluctuations from flipping tiers. Changes against the previous plan are
 * listed with their reasons.
 */
export function segmentOutlets(input: SegmentOutletsInput): SegmentationResult {
  const { outlets, policy, previous, mode } = input;
  const volumes = outlets.map((o) => o.monthlyVolume);
  const thresholds: SegmentationResult['thresholds'] = {};
  for (const rule of policy.rules) {
    const minVolume = resolveThreshold(rule.minVolume, volumes);
    const maxVolume = resolveThreshold(rule.maxVolume, volumes);
    thresholds[rule.id] = {
      ...(minVolume !== undefined ? { minVolume } : {}),
      ...(maxVolume !== undefined ? { maxVolume } : {}),
    };
  }

  const segments = new Map<string, OutletSegment>();
  const changes: TierChange[] = [];
  for (const outlet of outlets) {
    const prev = previous.get(outlet.id) ?? null;
    if (mode === 'keep' && prev) {
      segments.set(outlet.id, {
        tier: prev.tier,
        rule: prev.rule,
        reason: `kept ${prev.tier} from the previous plan (rule ${prev.rule}); re-segment to re-evaluate`,
      });
      continue;
    }
    let segment: OutletSegment | null = null;
    for (const rule of policy.rules) {
      const match = matchRule(rule, outlet, thresholds[rule.id] ?? {}, prev?.tier ?? null, policy.hysteresis);
      if (match.matched) {
        const because = match.conditions.length > 0 ? match.conditions.join(', ') : 'any outlet';
        segment = { tier: rule.tier, rule: rule.id, reason: `${because} -> ${rule.tier} (rule ${rule.id})` };
        break;
      }
    }
    segment ??= {
      tier: policy.defaultTier,
      rule: 'default',
      reason: `no rule matched business_type=${outlet.businessType || '(empty)'}, monthly_volume=${formatVolume(outlet.monthlyVolume)} -> ${policy.defaultTier} (default tier)`,
    };
    segments.set(outlet.id, segment);
    if (prev && prev.tier !== segment.tier) {
      changes.push({
        outletId: outlet.id,
        from: prev.tier,
        to: segment.tier,
        rule: segment.rule,
        reason: segment.reason,
      });
    }
  }
  return { segments, thresholds, changes };
}
