import { samePattern } from '../cycle/visitPatterns.js';
import type { Plan, PlanMode, PlanOutlet, VisitPattern } from '../plan/planTypes.js';
import type { EscortChange, EscortChangeReason, OutletEscort } from './escortTypes.js';

/** The previous plan's escort of one outlet and role, when a rebuild may keep it. */
export interface KeptEscort {
  supervisorId: string;
  pattern: VisitPattern;
}

const escortKey = (outletId: string, role: string): string => `${outletId}\u0000${role}`;

/** The previous plan's escorts by outlet and role, with the outlet's rep and rep pattern then. */
export interface PreviousEscorts {
  get(outletId: string, role: string): { escort: OutletEscort; outlet: PlanOutlet } | undefined;
  all(): Array<{ escort: OutletEscort; outlet: PlanOutlet }>;
}

/** Indexes the previous plan's escorts (none for a first plan). */
export function previousEscorts(previous: Plan | null): PreviousEscorts {
  const map = new Map<string, { escort: OutletEscort; outlet: PlanOutlet }>();
  for (const outlet of previous?.outlets ?? []) {
    for (const escort of outlet.escorts ?? []) map.set(escortKey(outlet.id, escort.role), { escort, outlet });
  }
  return { get: (outletId, role) => map.get(escortKey(outletId, role)), all: () => [...map.values()] };
}

/**
 * The previous plan's escort a rebuild should try first for this outlet and role: kept when the
 * outlet still has the same rep on the same pattern and the escort was met; otherwise (or in
 * `fresh` mode, where the previous plan decides nothing) null and the escort is planned anew.
 */
export function keptEscort(
  previous: PreviousEscorts,
  outlet: PlanOutlet,
  role: string,
  mode: PlanMode,
): KeptEscort | null {
  if (mode === 'fresh') return null;
  const before = previous.get(outlet.id, role);
  if (!before || !before.escort.supervisorId || !before.escort.pattern) return null;
  if (before.outlet.repId !== outlet.repId || !before.outlet.pattern || !outlet.pattern) return null;
  if (!samePattern(before.outlet.pattern, outlet.pattern)) return null;
  return { supervisorId: before.escort.supervisorId, pattern: before.escort.pattern };
}

const side = (escort: OutletEscort | undefined): EscortChange['from'] =>
  escort
    ? {
        supervisorId: escort.supervisorId,
        weekdays: escort.pattern?.weekdays ?? [],
        firstWeek: escort.pattern?.firstWeek ?? 0,
      }
    : null;

function changeReason(
  before: { escort: OutletEscort; outlet: PlanOutlet } | undefined,
  outlet: PlanOutlet | undefined,
  escort: OutletEscort | undefined,
): EscortChangeReason | null {
  if (!escort) return 'removed';
  if (!before) return 'new';
  const same =
    before.escort.supervisorId === escort.supervisorId &&
    (before.escort.pattern === null) === (escort.pattern === null) &&
    (!escort.pattern || samePattern(before.escort.pattern as VisitPattern, escort.pattern));
  if (same) return null;
  if (escort.supervisorId === null) return 'unmet';
  if (before.outlet.repId !== outlet?.repId) return 'rep-changed';
  if (!before.outlet.pattern || !outlet?.pattern || !samePattern(before.outlet.pattern, outlet.pattern))
    return 'rep-pattern-changed';
  if (before.escort.supervisorId !== escort.supervisorId) return 'supervisor-changed';
  return 'replanned';
}

/**
 * The escorts that changed against the previous plan, by outlet id then role: new ones (outlet
 * or cadence new), removed ones (outlet gone or cadence dropped), and changed ones with why: the
 * rep or the rep's pattern changed, another supervisor joins, the cadence is now unmet, or the
 * previous choice no longer fitted (`replanned`). Empty for a first plan.
 */
export function escortChanges(previous: Plan | null, outlets: readonly PlanOutlet[]): EscortChange[] {
  if (!previous) return [];
  const before = previousEscorts(previous);
  const changes: EscortChange[] = [];
  const seen = new Set<string>();
  for (const outlet of outlets) {
    for (const escort of outlet.escorts ?? []) {
      seen.add(escortKey(outlet.id, escort.role));
      const was = before.get(outlet.id, escort.role);
      const reason = changeReason(was, outlet, escort);
      if (reason)
        changes.push({
          outletId: outlet.id,
          role: escort.role,
          from: side(was?.escort),
          to: side(escort),
          reason,
        });
    }
  }
  for (const { escort, outlet } of before.all()) {
    if (seen.has(escortKey(outlet.id, escort.role))) continue;
    changes.push({ outletId: outlet.id, role: escort.role, from: side(escort), to: null, reason: 'removed' });
  }
  return changes.sort((a, b) =>
    a.outletId !== b.outletId
      ? a.outletId < b.outletId
        ? -1
        : 1
      : a.role < b.role
        ? -1
        : a.role > b.role
          ? 1
          : 0,
  );
}
