import type { Policy, SegmentationRule, VolumeThreshold } from '../policy/policySchema.js';
import type { Outlet, OutletTier } from '../types.js';
import { percentile } from './percentile.js';
import { changeText, warningText } from '../../i18n/warningText.js';

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

/** A rule's volume limits resolved to absolute volumes. */
export interface VolumeLimits {
  minVolume?: number;
  maxVolume?: number;
}

/** A rule's limits for one business type, when the rule has a `within: "businessType"` percentile. */
export interface TypeVolumeLimits extends VolumeLimits {
  /** Active outlets of the type the percentile was taken over. */
  outlets: number;
  /**
   * True when the type has fewer than MIN_OUTLETS_FOR_TYPE_PERCENTILE outlets and its
   * within-type percentiles were taken region-wide instead.
   */
  regionWide?: true;
}

/** Resolved thresholds of one rule. */
export interface RuleThresholds extends VolumeLimits {
  /**
   * Present when a threshold of the rule is a `within: "businessType"` percentile: the limits per
   * business type the rule can apply to. The rule-level `minVolume` / `maxVolume` are then the
   * region-wide values, used for types below MIN_OUTLETS_FOR_TYPE_PERCENTILE outlets.
   */
  byBusinessType?: Record<string, TypeVolumeLimits>;
}

/** Outlets of one business type that no rule matched, and the tier they defaulted to. */
export interface UnmatchedBusinessType {
  businessType: string;
  outlets: number;
  /** The tier they got: the policy's default tier (or an earlier plan's, when kept). */
  tier: OutletTier;
  /**
   * Ids of rules that name the type but did not match (volume limits): empty when no rule names
   * the type at all, the usual sign of a spelling that differs from the policy's.
   */
  namedBy: string[];
  /** A business type of the policy that this one matches after normalising spaces and hyphens. */
  didYouMean?: string;
}

export interface SegmentationResult {
  segments: Map<string, OutletSegment>;
  /** Thresholds resolved to absolute volumes, per rule id (percentiles evaluated on this region). */
  thresholds: Record<string, RuleThresholds>;
  /** Outlets whose tier differs from the previous plan. */
  changes: TierChange[];
  /**
   * Business types of outlets whose tier came from no rule (rule `default`, including outlets
   * that kept a default tier from the previous plan), most outlets first.
   */
  unmatchedTypes: UnmatchedBusinessType[];
}

/**
 * Fewest active outlets a business type needs for a `within: "businessType"` percentile to be
 * taken over that type alone; smaller types use the region-wide percentile. Why 10: below 10
 * outlets one outlet is more than a tenth of its type, so a p90 of the type is set by its one or
 * two largest outlets (with 5 outlets, p90 lies between the largest two) and a single shop's
 * month decides the threshold of its type; the region's volumes are the steadier yardstick there.
 */
export const MIN_OUTLETS_FOR_TYPE_PERCENTILE = 10;

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

const isWithinType = (threshold: VolumeThreshold | undefined): boolean =>
  typeof threshold === 'object' && threshold.within === 'businessType';

/** Type names compared by rules: trimmed and lower-cased, as outlets.csv values are on load. */
const normaliseType = (t: string): string => t.trim().toLowerCase();

/**
 * A volume condition a rule matched on, e.g. `monthly_volume=80 >= 76.5 (p90 of 11 kiosk
 * outlets)`: the limit with the percentile it came from, if any (`(p90)`, `(p90 of 12 kiosk
 * outlets)` or `(p90 region-wide: only 3 kiosk outlets, fewer than 10)`).
 */
function volumeCondition(
  bound: 'min' | 'max',
  volume: number,
  limit: number,
  threshold: VolumeThreshold | undefined,
  businessType: string,
  typeLimits: TypeVolumeLimits | undefined,
): string {
  const figures = { volume: formatVolume(volume), limit: formatVolume(limit) };
  if (typeof threshold !== 'object') return changeText(`change.label.cond.${bound}`, figures);
  const percentile = threshold.percentile;
  if (threshold.within !== 'businessType' || typeLimits === undefined)
    return changeText(`change.label.cond.${bound}Percentile`, { ...figures, percentile });
  const ofType = { ...figures, percentile, outlets: typeLimits.outlets, type: businessType };
  return typeLimits.regionWide
    ? changeText(`change.label.cond.${bound}RegionWide`, {
        ...ofType,
        fewest: MIN_OUTLETS_FOR_TYPE_PERCENTILE,
      })
    : changeText(`change.label.cond.${bound}WithinType`, ofType);
}

/** The hysteresis note after a volume condition, e.g. `15% hysteresis keeps medium`; null without a margin. */
function hysteresisNote(margin: number, sameTier: boolean, previousTier: OutletTier | null): string | null {
  if (margin <= 0) return null;
  const params = { percent: Math.round(margin * 100), tier: previousTier ?? '' };
  return sameTier
    ? changeText('change.label.cond.hysteresisKeeps', params)
    : changeText('change.label.cond.hysteresisAgainst', params);
}

/**
 * Resolves one rule's thresholds. A `within: "businessType"` percentile is resolved per business
 * type the rule can apply to (its listed types, or every type present when it lists none), over
 * that type's active outlets, unless the type has too few outlets (then region-wide).
 */
function resolveRuleThresholds(
  rule: SegmentationRule,
  volumes: readonly number[],
  volumesByType: ReadonlyMap<string, readonly number[]>,
): RuleThresholds {
  const minVolume = resolveThreshold(rule.minVolume, volumes);
  const maxVolume = resolveThreshold(rule.maxVolume, volumes);
  const resolved: RuleThresholds = {
    ...(minVolume !== undefined ? { minVolume } : {}),
    ...(maxVolume !== undefined ? { maxVolume } : {}),
  };
  if (!isWithinType(rule.minVolume) && !isWithinType(rule.maxVolume)) return resolved;
  const types = rule.businessTypes
    ? [...new Set(rule.businessTypes.map(normaliseType))].filter((t) => volumesByType.has(t))
    : [...volumesByType.keys()];
  const byBusinessType: Record<string, TypeVolumeLimits> = {};
  for (const type of types.sort()) {
    const typeVolumes = volumesByType.get(type) ?? [];
    const enough = typeVolumes.length >= MIN_OUTLETS_FOR_TYPE_PERCENTILE;
    const pick = (threshold: VolumeThreshold | undefined, regionValue: number | undefined) =>
      isWithinType(threshold) && enough ? resolveThreshold(threshold, typeVolumes) : regionValue;
    const min = pick(rule.minVolume, minVolume);
    const max = pick(rule.maxVolume, maxVolume);
    byBusinessType[type] = {
      ...(min !== undefined ? { minVolume: min } : {}),
      ...(max !== undefined ? { maxVolume: max } : {}),
      outlets: typeVolumes.length,
      ...(enough ? {} : { regionWide: true as const }),
    };
  }
  return { ...resolved, byBusinessType };
}

interface RuleMatch {
  matched: boolean;
  conditions: string[];
}

function matchRule(
  rule: SegmentationRule,
  outlet: Outlet,
  thresholds: RuleThresholds,
  previousTier: OutletTier | null,
  hysteresis: number,
): RuleMatch {
  const conditions: string[] = [];
  // A within-type rule's limits for this outlet's type; the rule-level (region-wide) ones otherwise.
  const typeLimits = thresholds.byBusinessType?.[outlet.businessType];
  const limits: VolumeLimits = typeLimits ?? thresholds;
  if (rule.businessTypes) {
    const wanted = rule.businessTypes.some((t) => normaliseType(t) === outlet.businessType);
    if (!wanted) return { matched: false, conditions };
    conditions.push(changeText('change.label.cond.type', { type: outlet.businessType }));
  }
  // Hysteresis: an outlet already in the rule's tier passes a threshold loosened by the margin;
  // one in another tier must beat a threshold tightened by it. New outlets use the plain threshold.
  // The margin applies to whichever threshold decides the outlet (its type's or the region's), so
  // within-type percentiles get the same protection against small volume swings.
  const sameTier = previousTier === rule.tier;
  const margin = previousTier === null ? 0 : hysteresis;
  const volume = outlet.monthlyVolume;
  if (limits.minVolume !== undefined) {
    const min = limits.minVolume * (sameTier ? 1 - margin : 1 + margin);
    if (!(volume >= min)) return { matched: false, conditions };
    conditions.push(volumeCondition('min', volume, min, rule.minVolume, outlet.businessType, typeLimits));
    const note = hysteresisNote(margin, sameTier, previousTier);
    if (note !== null) conditions.push(note);
  }
  if (limits.maxVolume !== undefined) {
    const max = limits.maxVolume * (sameTier ? 1 + margin : 1 - margin);
    if (!(volume < max)) return { matched: false, conditions };
    conditions.push(volumeCondition('max', volume, max, rule.maxVolume, outlet.businessType, typeLimits));
    const note = hysteresisNote(margin, sameTier, previousTier);
    if (note !== null) conditions.push(note);
  }
  return { matched: true, conditions };
}

/**
 * Assigns every active outlet one of the four service tiers by the policy's ordered rules (first
 * match wins, the default tier for the rest) and explains each decision, e.g.
 * `business_type=petrol_station -> large (rule large-formats)`. Percentile thresholds are taken
 * over the monthly volumes of the given outlets, or of the outlets of each business type for a
 * `within: "businessType"` percentile (region-wide for a type below
 * MIN_OUTLETS_FOR_TYPE_PERCENTILE outlets). Business types that no rule matched are summarised. In `keep` mode outlets known to the previous plan
 * keep their tier; in `resegment` mode all are re-evaluated, and a hysteresis margin on volume
 * thresholds stops small fluctuations from flipping tiers. Changes against the previous plan are
 * listed with their reasons.
 */
export function segmentOutlets(input: SegmentOutletsInput): SegmentationResult {
  const { outlets, policy, previous, mode } = input;
  const volumes = outlets.map((o) => o.monthlyVolume);
  const volumesByType = new Map<string, number[]>();
  for (const o of outlets) {
    const list = volumesByType.get(o.businessType);
    if (list) list.push(o.monthlyVolume);
    else volumesByType.set(o.businessType, [o.monthlyVolume]);
  }
  const thresholds: SegmentationResult['thresholds'] = {};
  for (const rule of policy.rules) thresholds[rule.id] = resolveRuleThresholds(rule, volumes, volumesByType);

  const segments = new Map<string, OutletSegment>();
  const changes: TierChange[] = [];
  for (const outlet of outlets) {
    const prev = previous.get(outlet.id) ?? null;
    if (mode === 'keep' && prev) {
      segments.set(outlet.id, {
        tier: prev.tier,
        rule: prev.rule,
        reason: changeText('change.tier.kept', { tier: prev.tier, rule: prev.rule }),
      });
      continue;
    }
    let segment: OutletSegment | null = null;
    for (const rule of policy.rules) {
      const match = matchRule(rule, outlet, thresholds[rule.id] ?? {}, prev?.tier ?? null, policy.hysteresis);
      if (match.matched) {
        const because =
          match.conditions.length > 0
            ? match.conditions.join(', ')
            : changeText('change.label.cond.anyOutlet');
        const reason = changeText('change.tier.rule', { because, tier: rule.tier, rule: rule.id });
        segment = { tier: rule.tier, rule: rule.id, reason };
        break;
      }
    }
    segment ??= {
      tier: policy.defaultTier,
      rule: 'default',
      reason: changeText('change.tier.default', {
        type: outlet.businessType || changeText('change.label.cond.emptyType'),
        volume: formatVolume(outlet.monthlyVolume),
        tier: policy.defaultTier,
      }),
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
  return { segments, thresholds, changes, unmatchedTypes: unmatchedTypes(outlets, segments, policy.rules) };
}

/** Policy type names with spaces and hyphens read as underscores: `convenience store` ~ `convenience_store`. */
const looseType = (t: string): string => normaliseType(t).replace(/[\s-]+/g, '_');

/**
 * Groups the outlets no rule matched (rule `default`) by business type and tier, and says for each
 * type which rules name it (they failed on volume) or, when none does, which policy type it
 * probably means. Most outlets first, then by type, so the summary is deterministic.
 */
function unmatchedTypes(
  outlets: readonly Outlet[],
  segments: ReadonlyMap<string, OutletSegment>,
  rules: readonly SegmentationRule[],
): UnmatchedBusinessType[] {
  const counts = new Map<string, { businessType: string; tier: OutletTier; outlets: number }>();
  for (const outlet of outlets) {
    const segment = segments.get(outlet.id);
    if (segment?.rule !== 'default') continue;
    const key = `${outlet.businessType}\u0000${segment.tier}`;
    const entry = counts.get(key);
    if (entry) entry.outlets += 1;
    else counts.set(key, { businessType: outlet.businessType, tier: segment.tier, outlets: 1 });
  }
  const policyTypes = [...new Set(rules.flatMap((r) => (r.businessTypes ?? []).map(normaliseType)))];
  return [...counts.values()]
    .sort(
      (a, b) =>
        b.outlets - a.outlets || (a.businessType < b.businessType ? -1 : 1) || (a.tier < b.tier ? -1 : 1),
    )
    .map((entry) => {
      const namedBy = rules
        .filter(
          (r) => !r.businessTypes || r.businessTypes.some((t) => normaliseType(t) === entry.businessType),
        )
        .map((r) => r.id);
      const didYouMean =
        namedBy.length === 0
          ? policyTypes.find((t) => looseType(t) === looseType(entry.businessType))
          : undefined;
      return { ...entry, namedBy, ...(didYouMean !== undefined ? { didYouMean } : {}) };
    });
}

/**
 * The plan warning for business types no segmentation rule matched, or null when every outlet
 * was matched by a rule. Names each type with its outlet count and the tier it defaulted to, and
 * whether no rule names the type (with the likely intended spelling) or the rules that name it
 * failed on volume, so a region whose types are spelled differently from the policy is never
 * silently planned in the default tier.
 */
export function unmatchedTypesWarning(unmatched: readonly UnmatchedBusinessType[]): string | null {
  if (unmatched.length === 0) return null;
  const total = unmatched.reduce((sum, u) => sum + u.outlets, 0);
  const types = new Set(unmatched.map((u) => u.businessType)).size;
  const parts = unmatched
    .map((u) => {
      const part = { type: u.businessType, outlets: u.outlets, tier: u.tier };
      if (u.namedBy.length > 0)
        return warningText('warning.unmatchedPart.volume', { ...part, rules: u.namedBy.join(', ') });
      return u.didYouMean !== undefined
        ? warningText('warning.unmatchedPart.didYouMean', { ...part, suggestion: u.didYouMean })
        : warningText('warning.unmatchedPart.noRule', part);
    })
    .join(warningText('warning.label.unmatchedSeparator'));
  if (total === 1) return warningText('warning.unmatched.one', { parts });
  return types === 1
    ? warningText('warning.unmatched.oneType', { total, parts })
    : warningText('warning.unmatched.many', { total, types, parts });
}
