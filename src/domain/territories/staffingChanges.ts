import type { StaffingChange, StaffingEvent } from '../plan/planTypes.js';

/** A rep's capacity changed when it differs by more than this share of the previous capacity. */
export const STAFF_CAPACITY_CHANGE = 0.05;
/** A rep's home moved when it is more than this many km (straight line) from where it was. */
export const STAFF_HOME_MOVE_KM = 1;

/** An outlet's rep in the previous plan and now (null: none). */
export interface OutletReps {
  id: string;
  previousRepId: string | null;
  repId: string | null;
}

export interface StaffingEventInput {
  event: StaffingEvent;
  repId: string;
  pool: string | null;
  /** Why, in words (e.g. "capacity 1 -> 0.5"). */
  reason: string;
  /** Rep ids whose territories were redrawn for this event (empty when not known). */
  touchedReps?: readonly string[];
}

/**
 * The plan's staffing changes: for every event, how many outlets the rep took (outlets it serves
 * now that another rep, or none, served before) and from whom, and how many it handed over (its
 * previous outlets that another rep serves now) and to whom. Outlets no longer in the plan count
 * for neither. Sorted by rep id then event; the rep lists by outlets (most first) then id.
 */
export function describeStaffingChanges(
  events: readonly StaffingEventInput[],
  outlets: readonly OutletReps[],
): StaffingChange[] {
  return [...events]
    .sort((a, b) => cmp(a.repId, b.repId) || cmp(a.event, b.event))
    .map((e) => {
      const from = new Map<string | null, number>();
      const to = new Map<string | null, number>();
      for (const o of outlets) {
        if (o.repId === e.repId && o.previousRepId !== e.repId)
          from.set(o.previousRepId, (from.get(o.previousRepId) ?? 0) + 1);
        if (o.previousRepId === e.repId && o.repId !== e.repId) to.set(o.repId, (to.get(o.repId) ?? 0) + 1);
      }
      return {
        event: e.event,
        repId: e.repId,
        pool: e.pool,
        outletsTaken: sum(from),
        outletsHandedOver: sum(to),
        fromReps: ranked(from),
        toReps: ranked(to),
        touchedReps: [...(e.touchedReps ?? [])].sort(cmp),
        reason: e.reason,
      };
    });
}

/** Home distance (km, equirectangular: enough for a threshold of about a km). */
export function homeMoveKm(a: readonly [number, number], b: readonly [number, number]): number {
  const R = 6371.0088;
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return R * Math.sqrt(x * x + y * y);
}

/**
 * Why a rep counts as changed, or null: capacity differing by more than STAFF_CAPACITY_CHANGE of
 * the previous one, or the home moved more than STAFF_HOME_MOVE_KM.
 */
export function repChangeReason(
  before: { capacity: number; home: readonly [number, number] },
  now: { capacity: number; home: readonly [number, number] },
): string | null {
  const parts: string[] = [];
  if (Math.abs(now.capacity - before.capacity) > STAFF_CAPACITY_CHANGE * Math.max(before.capacity, 1e-9))
    parts.push(`capacity ${before.capacity} -> ${now.capacity}`);
  const km = homeMoveKm(before.home, now.home);
  if (km > STAFF_HOME_MOVE_KM) parts.push(`home moved ${km.toFixed(1)} km`);
  return parts.length > 0 ? parts.join(', ') : null;
}

function sum(counts: ReadonlyMap<string | null, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}

function ranked(
  counts: ReadonlyMap<string | null, number>,
): Array<{ repId: string | null; outlets: number }> {
  return [...counts]
    .map(([repId, outlets]) => ({ repId, outlets }))
    .sort((a, b) => b.outlets - a.outlets || cmp(a.repId ?? '', b.repId ?? ''));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The parts of a plan the staffing diff reads. */
export interface StaffingPlanView {
  outlets: ReadonlyArray<{ id: string; repId: string | null }>;
  reps: ReadonlyArray<{ id: string; pool: string | null; capacity: number; home: readonly [number, number] }>;
  staffingChanges?: readonly StaffingChange[];
}

/**
 * The staffing changes of `plan` against `previous`: the plan's own `staffingChanges` when the
 * pipeline recorded them, otherwise derived from the two plans: reps of a pool now that were not
 * in the previous plan (added), reps of the previous plan that are gone or serve no pool any more
 * (removed), reps whose capacity or home changed (changed), with the outlets each took or handed
 * over (describeStaffingChanges; the touched territories are not known then). Empty without a
 * previous plan.
 */
export function staffingChangesBetween(
  plan: StaffingPlanView,
  previous: StaffingPlanView | null,
): StaffingChange[] {
  if (previous === null) return [];
  if (plan.staffingChanges !== undefined) return [...plan.staffingChanges];
  const before = new Map(previous.reps.map((r) => [r.id, r]));
  const now = new Map(plan.reps.map((r) => [r.id, r]));
  const events: StaffingEventInput[] = [];
  for (const r of plan.reps) {
    if (r.pool === null) continue;
    const old = before.get(r.id);
    if (old === undefined || old.pool === null) {
      events.push({ event: 'rep-added', repId: r.id, pool: r.pool, reason: 'new rep in the pool' });
      continue;
    }
    const why = repChangeReason(old, r);
    if (why !== null) events.push({ event: 'rep-changed', repId: r.id, pool: r.pool, reason: why });
  }
  for (const old of previous.reps) {
    if (old.pool === null) continue;
    const r = now.get(old.id);
    if (r === undefined || r.pool === null)
      events.push({ event: 'rep-removed', repId: old.id, pool: old.pool, reason: 'rep left the pool' });
  }
  const previousRep = new Map(previous.outlets.map((o) => [o.id, o.repId]));
  return describeStaffingChanges(
    events,
    plan.outlets
      .filter((o) => previousRep.has(o.id) || o.repId !== null)
      .map((o) => ({ id: o.id, previousRepId: previousRep.get(o.id) ?? null, repId: o.repId })),
  );
}
