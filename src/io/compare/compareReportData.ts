import type { PlanComparison } from '../../domain/plan/comparePlans.js';
import type { Plan, PlanOutlet } from '../../domain/plan/planTypes.js';
import { WEEKDAYS } from '../../domain/types.js';
import { outletWeekdays } from '../../domain/plan/outletWeekdays.js';
import { repColors } from '../report/repColors.js';

/** Bytes per outlet and plan in `CompareReportData.plans[].outlets`. */
export const OUTLET_STRIDE = 5;
/** Rep index of an outlet the plan does not have. */
export const REP_ABSENT = 0xffff;
/** Rep index of an outlet the plan has but no rep serves. */
export const REP_NONE = 0xfffe;
/** Pool index of an outlet without a pool. */
export const POOL_NONE = 0xff;

/** Bits of an outlet's flag byte in one plan. */
export const FLAG = {
  /** Changes rep against the baseline. */
  rep: 1,
  /** Changes weekdays against the baseline. */
  weekday: 2,
  /** In this plan, not in the baseline. */
  onlyHere: 4,
  /** Baseline only: changes rep or weekday in at least one later plan. */
  changesLater: 8,
  /** Baseline only: missing from at least one later plan. */
  goneLater: 16,
} as const;

/** One plan's map layer. */
export interface CompareReportPlan {
  label: string;
  ref: string;
  version: string;
  /**
   * Base64 of OUTLET_STRIDE bytes per outlet of the union, in its order: rep index (uint16
   * little-endian; REP_ABSENT, REP_NONE), FLAG bits, weekday bits (Mon = 1 ... Sun = 64), pool
   * index (POOL_NONE).
   */
  outlets: string;
  /** Reps of this plan: [union rep index, home lon, home lat] in degrees. */
  homes: Array<[number, number, number]>;
  /** Outlets this plan has, and the ringed ones (what the map legend counts). */
  counts: {
    outlets: number;
    repChanged: number;
    weekdayOnly: number;
    onlyHere: number;
    changesLater: number;
    goneLater: number;
  };
}

/** Everything compare.html's script draws, embedded as JSON: compact enough for 50,000 outlets. */
export interface CompareReportData {
  region: string;
  /** Outlets in the union of all plans (ids in `ids`, coordinates in `xy`). */
  count: number;
  /** Outlet ids of the union, in id order. */
  ids: string[];
  /** Origin of `xy`: [lon, lat] degrees. */
  origin: [number, number];
  /** Base64 of int32 little-endian pairs per outlet: (lon, lat) - origin in 1e-5 degrees (about 1 m). */
  xy: string;
  /** Reps of all plans (baseline's first): [id, name, colour]; the same rep has one colour in every map. */
  reps: Array<[string, string, string]>;
  pools: string[];
  plans: CompareReportPlan[];
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function dayBits(outlet: PlanOutlet): number {
  let bits = 0;
  for (const day of outletWeekdays(outlet) ?? []) bits |= 1 << WEEKDAYS.indexOf(day);
  return bits;
}

/** The union of outlets (first plan's position wins) and of reps (first plan's reps first). */
function unions(plans: readonly Plan[]) {
  const outletAt = new Map<string, PlanOutlet>();
  const reps = new Map<string, string>();
  for (const plan of plans) {
    for (const o of plan.outlets) if (!outletAt.has(o.id)) outletAt.set(o.id, o);
    for (const r of plan.reps) if (!reps.has(r.id)) reps.set(r.id, r.name);
  }
  const ids = [...outletAt.keys()].sort(byId);
  return { ids, outletAt, reps: [...reps.entries()] };
}

function encodeXy(
  ids: readonly string[],
  outletAt: ReadonlyMap<string, PlanOutlet>,
): {
  origin: [number, number];
  xy: string;
} {
  const points = ids.map((id) => outletAt.get(id) as PlanOutlet);
  let lon0 = points.length > 0 ? Infinity : 0;
  let lat0 = points.length > 0 ? Infinity : 0;
  for (const o of points) {
    lon0 = Math.min(lon0, o.lon);
    lat0 = Math.min(lat0, o.lat);
  }
  const buffer = Buffer.alloc(points.length * 8);
  points.forEach((o, i) => {
    buffer.writeInt32LE(Math.round((o.lon - lon0) * 1e5), i * 8);
    buffer.writeInt32LE(Math.round((o.lat - lat0) * 1e5), i * 8 + 4);
  });
  return { origin: [lon0, lat0], xy: buffer.toString('base64') };
}

/**
 * Condenses the compared plans into the data compare.html draws: the union of their outlets
 * once (ids in id order, coordinates as 1e-5 degree offsets in base64), and per plan five bytes per outlet
 * (rep, what changed against the baseline, weekdays, pool). The change bits come from the
 * comparison itself (planDifference), so the map rings exactly the outlets compare.json lists.
 * Pure.
 */
export function buildCompareReportData(input: {
  region: string;
  labels: readonly string[];
  refs: readonly string[];
  versions: readonly string[];
  plans: readonly Plan[];
  comparison: PlanComparison;
}): CompareReportData {
  const { plans, comparison } = input;
  const union = unions(plans);
  if (union.reps.length >= REP_NONE)
    throw new Error(`compare.html: ${union.reps.length} reps do not fit the map's 16-bit rep index`);
  const index = new Map(union.ids.map((id, i) => [id, i]));
  const repIndex = new Map(union.reps.map(([id], i) => [id, i]));
  // Pools past the 255th (none in practice) are drawn with every pool but not filtered.
  const poolIndex = new Map(comparison.poolIds.map((id, i) => [id, Math.min(i, POOL_NONE)]));
  // No adjacency here: the maps differ in who borders whom, and a rep keeps one colour in all of them.
  const colors = repColors(union.reps.length, []);
  const laterChanged = new Set<string>();
  const laterGone = new Set<string>();
  for (const compared of comparison.plans.slice(1)) {
    for (const c of compared.againstBaseline?.outlets ?? []) laterChanged.add(c.outletId);
    for (const id of compared.againstBaseline?.onlyInBaseline ?? []) laterGone.add(id);
  }
  const layers = plans.map((plan, p): CompareReportPlan => {
    const bytes = Buffer.alloc(union.ids.length * OUTLET_STRIDE);
    for (let i = 0; i < union.ids.length; i++) bytes.writeUInt16LE(REP_ABSENT, i * OUTLET_STRIDE);
    const difference = comparison.plans[p]?.againstBaseline ?? null;
    const changed = new Map((difference?.outlets ?? []).map((c) => [c.outletId, c]));
    const onlyHere = new Set(difference?.onlyInPlan ?? []);
    const counts = { outlets: 0, repChanged: 0, weekdayOnly: 0, onlyHere: 0, changesLater: 0, goneLater: 0 };
    for (const outlet of plan.outlets) {
      const at = (index.get(outlet.id) as number) * OUTLET_STRIDE;
      const change = changed.get(outlet.id);
      let flags = 0;
      if (change?.repChanged) flags |= FLAG.rep;
      if (change?.weekdayChanged) flags |= FLAG.weekday;
      if (onlyHere.has(outlet.id)) flags |= FLAG.onlyHere;
      if (p === 0 && laterChanged.has(outlet.id)) flags |= FLAG.changesLater;
      if (p === 0 && laterGone.has(outlet.id)) flags |= FLAG.goneLater;
      counts.outlets += 1;
      if (flags & FLAG.rep) counts.repChanged += 1;
      else if (flags & FLAG.weekday) counts.weekdayOnly += 1;
      if (flags & FLAG.onlyHere) counts.onlyHere += 1;
      if (flags & FLAG.changesLater) counts.changesLater += 1;
      if (flags & FLAG.goneLater) counts.goneLater += 1;
      bytes.writeUInt16LE(outlet.repId === null ? REP_NONE : (repIndex.get(outlet.repId) ?? REP_NONE), at);
      bytes[at + 2] = flags;
      bytes[at + 3] = dayBits(outlet);
      bytes[at + 4] = outlet.pool === null ? POOL_NONE : (poolIndex.get(outlet.pool) ?? POOL_NONE);
    }
    return {
      label: input.labels[p] ?? `#${p + 1}`,
      ref: input.refs[p] ?? '',
      version: input.versions[p] ?? '',
      outlets: bytes.toString('base64'),
      homes: plan.reps.map((r) => [repIndex.get(r.id) as number, r.home[0], r.home[1]]),
      counts,
    };
  });
  return {
    region: input.region,
    count: union.ids.length,
    ids: union.ids,
    ...encodeXy(union.ids, union.outletAt),
    reps: union.reps.map(([id, name], i) => [id, name, colors[i] ?? '#888888']),
    pools: comparison.poolIds,
    plans: layers,
  };
}
