/**
 * What the escort stage (issue 12) adds to a plan: supervisors with their field days, each
 * key account's escorted visits, and what changed against the previous plan. Pure data.
 */
import type { VisitFrequency } from '../policy/policySchema.js';
import type { Visit, VisitPattern } from '../plan/planTypes.js';
import type { LonLat, Weekday } from '../types.js';

/** One role's escorted visits of one outlet (`plan.outlets[].escorts[]`). */
export interface OutletEscort {
  role: string;
  frequency: VisitFrequency;
  /** The supervisor who joins, or null when the cadence could not be met (see `unmet`). */
  supervisorId: string | null;
  /** A sub-pattern of the rep's pattern to this outlet; null when unmet. */
  pattern: VisitPattern | null;
  /** The escorted visits (each on one of the rep's visits); empty when unmet. */
  visits: Visit[];
  /** Minutes the escorted visit adds to the rep's stop. */
  extraMinutes: number;
  /** Why the cadence is not met, when it is not. */
  unmet?: string;
}

/** One joint stop of a supervisor's day: a stop of the rep's route that day. */
export interface SupervisorStop {
  outletId: string;
  /** The stop's `seq` in the rep's day route. */
  repSeq: number;
  /** The rep's arrival and departure at the stop (the supervisor is there with the rep). */
  arrival: string;
  departure: string;
  /** Km the supervisor drives from home or the previous joint stop. */
  travelKm: number;
}

/** A supervisor's field day: with one rep, at some of that rep's stops. */
export interface SupervisorDay {
  week: number;
  weekday: Weekday;
  repId: string;
  /** When the supervisor leaves home and is back. */
  departure: string;
  end: string;
  stops: SupervisorStop[];
  travelKm: number;
  travelMinutes: number;
  /** Minutes at the joint stops (rep's stop time there, waiting included). */
  jointMinutes: number;
  /** Travel + joint minutes: what the daily budget is checked against (gaps between joint stops are free). */
  fieldMinutes: number;
  overBudgetMinutes: number;
}

/** A supervisor in the plan (`plan.supervisors[]`). */
export interface PlanSupervisor {
  id: string;
  name: string;
  role: string;
  home: LonLat;
  workingDays: Weekday[];
  dayStart: string;
  dailyMinutes: number;
  /** The rep ids supervised (resolved from rep and pool ids; every rep when the file left it empty). */
  reps: string[];
  days: SupervisorDay[];
}

export type EscortChangeReason =
  'new' | 'removed' | 'rep-changed' | 'rep-pattern-changed' | 'supervisor-changed' | 'unmet' | 'replanned';

/** One escort that changed against the previous plan (`changes.json` `escortChanges`). */
export interface EscortChange {
  outletId: string;
  role: string;
  from: { supervisorId: string | null; weekdays: Weekday[]; firstWeek: number } | null;
  to: { supervisorId: string | null; weekdays: Weekday[]; firstWeek: number } | null;
  reason: EscortChangeReason;
}
