import type { EscortChange } from '../../domain/escorts/escortTypes.js';
import type { MovedOutletFit, Plan, PlanOutlet, StaffingChange } from '../../domain/plan/planTypes.js';
import { staffingChangesBetween } from '../../domain/territories/staffingChanges.js';
import { outletWeekdays, sameWeekdays } from '../../domain/plan/outletWeekdays.js';
import type { OutletTier, Weekday } from '../../domain/types.js';

export interface NewOutletChange {
  outletId: string;
  name: string;
  tier: OutletTier;
  repId: string | null;
  reason: string;
}

export interface ClosedOutletChange {
  outletId: string;
  name: string;
  /** The rep that served it in the previous plan. */
  repId: string | null;
  reason: 'closed' | 'missing' | 'quarantined';
}

export interface RepChangeEntry {
  outletId: string;
  name: string;
  from: string | null;
  to: string | null;
  reason: string;
}

export interface WeekdayChangeEntry {
  outletId: string;
  name: string;
  repId: string | null;
  from: Weekday[];
  to: Weekday[];
  reason: string;
}

export interface TierChangeEntry {
  outletId: string;
  name: string;
  from: OutletTier;
  to: OutletTier;
  rule: string;
  reason: string;
}

/**
 * An outlet whose coordinates moved more than `territories.movedOutletKm`, listed whether or not
 * it kept its rep (from the plan's `positionChanges`).
 */
export interface MovedOutletChange {
  outletId: string;
  name: string;
  /** Position in the previous version and now. */
  from: { lon: number; lat: number };
  to: { lon: number; lat: number };
  /** Great-circle distance moved, km. */
  km: number;
  fromRep: string | null;
  toRep: string | null;
  /** Whether its rep changed. */
  reassigned: boolean;
  /** `fits`, `no-longer-fits` (placed again as if new), `locked` or `not-checked`. */
  fit: MovedOutletFit;
  reason: string;
}

/** changes.json: what a rep or planner must know against the previous version. */
export interface ChangesFile {
  schemaVersion: 1;
  region: string;
  generatedAt: string;
  /** The plan compared against, or null for a first plan (then every outlet is new). */
  previous: { generatedAt: string; inputHash: string } | null;
  counts: {
    new: number;
    closed: number;
    repChanged: number;
    weekdayChanged: number;
    tierChanged: number;
    moved: number;
  };
  new: NewOutletChange[];
  closed: ClosedOutletChange[];
  repChanged: RepChangeEntry[];
  weekdayChanged: WeekdayChangeEntry[];
  tierChanged: TierChangeEntry[];
  moved: MovedOutletChange[];
  /**
   * Reps added, removed or changed (capacity, home) since the previous version, each with the
   * outlets it took (and from whom) or handed over (and to whom).
   */
  staffing: StaffingChange[];
  /** Escorted visits that changed (plan.escortChanges); only for plans with supervisors. */
  escortChanges?: EscortChange[];
}

/**
 * Diffs a plan against the previous one: new outlets, closed (or gone) outlets, rep changes,
 * weekday changes, tier changes and moved outlets, each with a reason. Reasons come from what the pipeline
 * recorded in the plan (repChanges, dayChanges, segmentation.changes, removedOutlets) and fall
 * back to a plain description when a change was not recorded. Pure; ordered by outlet id.
 */
export function computeChanges(plan: Plan, previous: Plan | null): ChangesFile {
  const before = new Map((previous?.outlets ?? []).map((o) => [o.id, o]));
  const now = new Map(plan.outlets.map((o) => [o.id, o]));
  const repReason = new Map<string, string>(plan.repChanges.map((c) => [c.outletId, c.reason]));
  const staffing = staffingChangesBetween(plan, previous);
  const addedReps = new Set(staffing.filter((s) => s.event === 'rep-added').map((s) => s.repId));
  const dayReason = new Map(plan.dayChanges.map((c) => [c.outletId, c.reason]));
  const tierChange = new Map(plan.segmentation.changes.map((c) => [c.outletId, c]));
  const removedReason = new Map(plan.removedOutlets.map((r) => [r.id, r.reason]));
  const byId = (a: { outletId: string }, b: { outletId: string }): number =>
    a.outletId < b.outletId ? -1 : a.outletId > b.outletId ? 1 : 0;

  const added: NewOutletChange[] = [];
  const repChanged: RepChangeEntry[] = [];
  const weekdayChanged: WeekdayChangeEntry[] = [];
  const tierChanged: TierChangeEntry[] = [];
  for (const outlet of plan.outlets) {
    const old = before.get(outlet.id);
    if (!old) {
      added.push({
        outletId: outlet.id,
        name: outlet.name,
        tier: outlet.tier,
        repId: outlet.repId,
        reason: previous === null ? 'first plan' : 'new outlet',
      });
      continue;
    }
    if (old.tier !== outlet.tier) {
      const recorded = tierChange.get(outlet.id);
      tierChanged.push({
        outletId: outlet.id,
        name: outlet.name,
        from: old.tier,
        to: outlet.tier,
        rule: recorded?.rule ?? outlet.rule,
        reason: recorded?.reason ?? outlet.reason,
      });
    }
    if (old.repId !== outlet.repId) {
      repChanged.push({
        outletId: outlet.id,
        name: outlet.name,
        from: old.repId,
        to: outlet.repId,
        reason: repChangeReason(repReason.get(outlet.id), old, outlet, addedReps),
      });
    }
    const oldDays = outletWeekdays(old);
    const newDays = outletWeekdays(outlet);
    if (oldDays && newDays && !sameWeekdays(oldDays, newDays)) {
      weekdayChanged.push({
        outletId: outlet.id,
        name: outlet.name,
        repId: outlet.repId,
        from: oldDays,
        to: newDays,
        reason: dayReason.get(outlet.id) ?? (old.repId !== outlet.repId ? 'rep changed' : 'rescheduled'),
      });
    }
  }
  const closed: ClosedOutletChange[] = [];
  for (const old of before.values()) {
    if (now.has(old.id)) continue;
    closed.push({
      outletId: old.id,
      name: old.name,
      repId: old.repId,
      reason: removedReason.get(old.id) ?? 'missing',
    });
  }
  const moved: MovedOutletChange[] = [];
  if (previous !== null) {
    for (const change of plan.positionChanges ?? []) {
      moved.push({
        outletId: change.outletId,
        name: now.get(change.outletId)?.name ?? change.outletId,
        from: { lon: change.from[0], lat: change.from[1] },
        to: { lon: change.to[0], lat: change.to[1] },
        km: change.km,
        fromRep: change.fromRep,
        toRep: change.toRep,
        reassigned: change.reassigned,
        fit: change.fit,
        reason: change.reason,
      });
    }
  }
  added.sort(byId);
  closed.sort(byId);
  repChanged.sort(byId);
  weekdayChanged.sort(byId);
  tierChanged.sort(byId);
  moved.sort(byId);
  return {
    schemaVersion: 1,
    region: plan.region,
    generatedAt: plan.generatedAt,
    previous: previous ? { generatedAt: previous.generatedAt, inputHash: previous.inputHash } : null,
    counts: {
      new: added.length,
      closed: closed.length,
      repChanged: repChanged.length,
      weekdayChanged: weekdayChanged.length,
      tierChanged: tierChanged.length,
      moved: moved.length,
    },
    new: added,
    closed,
    repChanged,
    weekdayChanged,
    tierChanged,
    moved,
    staffing,
    ...(plan.escortChanges ? { escortChanges: plan.escortChanges } : {}),
  };
}

/**
 * The reason of a rep change in changes.json: the plan's, except that an outlet a rep added to
 * the pool took (recorded as redrawn or rebalanced, or not recorded) is named `rep-added`.
 */
function repChangeReason(
  recorded: string | undefined,
  old: PlanOutlet,
  outlet: PlanOutlet,
  addedReps: ReadonlySet<string>,
): string {
  const taken = outlet.repId !== null && addedReps.has(outlet.repId);
  if (taken && (recorded === undefined || recorded === 'redrawn' || recorded === 'rebalanced'))
    return 'rep-added';
  return recorded ?? (old.tier !== outlet.tier ? 'tier-changed' : 'redrawn');
}

/** changes.json as written to a version folder. */
export function renderChanges(plan: Plan, previous: Plan | null): string {
  return `${JSON.stringify(computeChanges(plan, previous), null, 2)}\n`;
}
