import { clockToMinutes } from '../policy/resolvePolicy.js';
/** A window, in minutes after midnight, in which a visit must start. */
export interface StartWindow {
  from: number;
  to: number;
}

/** The start window of an outlet's visits and whether the tier policy had to give way to opening hours. */
export interface VisitWindowResult {
  window: StartWindow | null;
  /** True when the policy window and the opening hours do not overlap (the opening hours win). */
  conflict: boolean;
}

const DAY_MINUTES = 1440;

/**
 * Combines a tier's policy start window with an outlet's opening hours into the window in which a
 * visit must start. A visit must start after opening and end by closing time (openTo may be past
 * midnight, e.g. a bar open 18:00-02:00); a missing bound leaves that side open. When the policy
 * window and the opening hours do not overlap, the opening hours win (a closed shop cannot be
 * visited) and `conflict` is set so the planner can report it.
 */
export function visitStartWindow(
  policyWindow: StartWindow | null,
  openFrom: number | null,
  openTo: number | null,
  serviceMinutes: number,
): VisitWindowResult {
  let opening: StartWindow | null = null;
  if (openFrom !== null || openTo !== null) {
    const from = openFrom ?? 0;
    let close = openTo ?? 2 * DAY_MINUTES;
    if (close <= from) close += DAY_MINUTES;
    opening = { from, to: Math.max(from, close - serviceMinutes) };
  }
  if (!opening) return { window: policyWindow, conflict: false };
  if (!policyWindow) return { window: opening, conflict: false };
  const from = Math.max(opening.from, policyWindow.from);
  const to = Math.min(opening.to, policyWindow.to);
  if (from > to) return { window: opening, conflict: true };
  return { window: { from, to }, conflict: false };
}

/**
 * The start window of a planned outlet's visits: its visit policy's window (clock times) combined
 * with its opening hours for visits of `visit.serviceMinutes` (see visitStartWindow).
 */
export function outletStartWindow(
  outlet: { openFrom: string | null; openTo: string | null },
  visit: { timeWindow: { from: string; to: string } | null; serviceMinutes: number },
): VisitWindowResult {
  const policyWindow = visit.timeWindow
    ? { from: clockToMinutes(visit.timeWindow.from), to: clockToMinutes(visit.timeWindow.to) }
    : null;
  return visitStartWindow(
    policyWindow,
    outlet.openFrom === null ? null : clockToMinutes(outlet.openFrom),
    outlet.openTo === null ? null : clockToMinutes(outlet.openTo),
    visit.serviceMinutes,
  );
}
