import { createHash } from 'node:crypto';
import { DEFAULT_POLICY } from './defaultPolicy.js';
import { policySchema, type Policy } from './policySchema.js';
import { FREQUENCY_RULES, frequencyFitsCycle, visitsPerCycle } from './visitFrequencies.js';
import { standardsProblem } from './standardsPolicy.js';
import { OUTLET_TIERS, type RepTier } from '../types.js';

/** A policy that failed validation; the message names the file, the key and the value. */
export class PolicyError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly key: string,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars in `override` replace the base value. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return merged;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * Builds the effective policy: the built-in defaults with each override layer deep-merged on top
 * (objects merge, arrays replace), validated with zod. Layers are applied in order, e.g. the
 * region's `policy.json` then a `--policy` file. Throws a PolicyError naming the source, the
 * offending key and its value.
 */
export function resolvePolicy(layers: ReadonlyArray<{ source: string; overrides: unknown }>): Policy {
  let merged: unknown = DEFAULT_POLICY;
  for (const layer of layers) {
    if (layer.overrides === null || layer.overrides === undefined) continue;
    if (!isPlainObject(layer.overrides)) {
      throw new PolicyError(`${layer.source}: a policy must be a JSON object`, layer.source, '');
    }
    merged = deepMerge(merged, layer.overrides);
  }
  const parsed = policySchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue ? issue.path.map(String).join('.') : '';
    const value = issue ? JSON.stringify(valueAt(merged, issue.path)) : '';
    const sources = layers.map((l) => l.source).join(', ') || 'built-in policy';
    throw new PolicyError(
      `invalid policy (${sources}): ${key || '(root)'} = ${value ?? 'undefined'}: ${issue?.message ?? 'invalid'}`,
      sources,
      key,
    );
  }
  const policy = parsed.data;
  checkPolicyConsistency(policy);
  return policy;
}

/**
 * The checks a schema-valid policy must still pass (pools serve every outlet tier once and name
 * known fallbacks; the cycle is a whole number of every tier's visit interval). Throws a
 * PolicyError naming the key. resolvePolicy runs it; so does a scenario's `--set`, whose
 * settings replace values in a resolved policy rather than merging over the defaults.
 */
export function checkPolicyConsistency(policy: Policy): void {
  checkPoolConsistency(policy);
  checkCycleFitsFrequencies(policy);
  const standards = standardsProblem(policy.standards, policy.pools);
  if (standards)
    throw new PolicyError(`invalid policy: ${standards.key}: ${standards.message}`, '', standards.key);
}

/**
 * Refuses a cycle that is not a whole number of some tier's visit intervals (e.g. a 3-week cycle
 * with `every-2-weeks`): its outlets would get unequal visit counts per cycle depending on the
 * first week they were given.
 */
function checkCycleFitsFrequencies(policy: Policy): void {
  const weeks = policy.cycle.weeks;
  const keyed = OUTLET_TIERS.flatMap((tier) => [
    { key: `visits.${tier}.frequency`, frequency: policy.visits[tier].frequency },
    ...(policy.visits[tier].escorts ?? []).map((e, i) => ({
      key: `visits.${tier}.escorts[${i}].frequency`,
      frequency: e.frequency,
    })),
  ]);
  for (const { key, frequency } of keyed) {
    if (frequencyFitsCycle(frequency, weeks)) continue;
    throw new PolicyError(
      `invalid policy: ${key} = ${frequency} does not fit cycle.weeks = ${weeks}: outlets would be visited ${Math.floor(visitsPerCycle(frequency, weeks))} or ${Math.ceil(visitsPerCycle(frequency, weeks))} times per cycle; use a cycle of ${FREQUENCY_RULES[frequency].everyWeeks * Math.ceil(weeks / FREQUENCY_RULES[frequency].everyWeeks)} weeks or another frequency`,
      '',
      key,
    );
  }
}

function checkPoolConsistency(policy: Policy): void {
  const ids = new Set<string>();
  const servedTiers = new Map<string, string>();
  for (const pool of policy.pools) {
    if (ids.has(pool.id))
      throw new PolicyError(`invalid policy: pools: duplicate pool id "${pool.id}"`, '', 'pools');
    ids.add(pool.id);
    for (const tier of pool.outletTiers) {
      const other = servedTiers.get(tier);
      if (other) {
        throw new PolicyError(
          `invalid policy: pools: outlet tier "${tier}" is served by both pool "${other}" and pool "${pool.id}"`,
          '',
          'pools',
        );
      }
      servedTiers.set(tier, pool.id);
    }
  }
  for (const tier of Object.keys(policy.visits)) {
    if (!servedTiers.has(tier)) {
      throw new PolicyError(`invalid policy: pools: no pool serves outlet tier "${tier}"`, '', 'pools');
    }
  }
  for (const pool of policy.pools) {
    for (const fallback of pool.fallback) {
      if (!ids.has(fallback)) {
        throw new PolicyError(
          `invalid policy: pools.${pool.id}.fallback names unknown pool "${fallback}"`,
          '',
          'pools',
        );
      }
    }
  }
}

/**
 * How many minutes after the day start a rep of `tier` may leave when leaving later only removes
 * waiting: the tier's `day.byRepTier` override, else `day.departureFloatMinutes`.
 */
export function departureFloatMinutesOf(policy: Policy, tier: RepTier): number {
  return policy.day.byRepTier[tier]?.departureFloatMinutes ?? policy.day.departureFloatMinutes;
}

/** sha256 of the policy's canonical JSON (keys sorted), so equal policies hash equally. */
export function hashPolicy(policy: Policy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}

/** JSON with object keys sorted recursively: a stable text for hashing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Minutes after midnight of an `HH:MM` clock time. */
export function clockToMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** `HH:MM` of minutes after midnight (may exceed 24:00 for late overruns, e.g. `25:10`). */
export function minutesToClock(minutes: number): string {
  const rounded = Math.round(minutes);
  const h = Math.floor(rounded / 60);
  const m = rounded - h * 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
