import type { RuleThresholds, TierChange, UnmatchedBusinessType } from '../segmentation/segmentOutlets.js';
import type { InputEncoding, LonLat, OutletTier, QuarantineEntry, RepTier, Weekday } from '../types.js';
import type { VisitFrequency } from '../policy/policySchema.js';
import type { PlanStandards } from './visitStandards.js';
import type { EscortChange, OutletEscort, PlanSupervisor } from '../escorts/escortTypes.js';

/**
 * The plan file, schema version 1. Later features add fields; existing fields are never renamed.
 * Fields marked "stage: territories" or "stage: cycle" are filled by those pipeline stages.
 */
export interface Plan {
  schemaVersion: 1;
  region: string;
  /** ISO 8601 time the plan was made (the `now` given to the pipeline). */
  generatedAt: string;
  inputHash: string;
  /**
   * How each input table was read, by file name (`{"outlets.csv": "gb18030", "reps.csv":
   * "utf-8"}`). Absent in plans made before it existed and for regions built in memory.
   */
  inputEncoding?: Record<string, InputEncoding>;
  policyHash: string;
  /** How the plan was made: a normal rebuild, a re-segmentation, or from scratch. */
  mode: PlanMode;
  /** Seed of the randomised stages; the same input, policy and seed give the same plan. */
  seed: number;
  outlets: PlanOutlet[];
  reps: PlanRep[];
  pools: PlanPool[];
  quarantine: QuarantineEntry[];
  segmentation: {
    tierCounts: Record<OutletTier, number>;
    /**
     * Rule thresholds resolved to absolute volumes for this region; a rule with a
     * `within: "businessType"` percentile also has its limits per business type.
     */
    thresholds: Record<string, RuleThresholds>;
    /** Outlets whose tier changed against the previous plan. */
    changes: TierChange[];
    /**
     * Business types of outlets no rule matched (count, the tier they defaulted to), also
     * summarised in `warnings`. Absent in plans made before it existed.
     */
    unmatchedTypes?: UnmatchedBusinessType[];
  };
  /** Outlets in the previous plan that are closed or gone now. */
  removedOutlets: Array<{ id: string; reason: 'closed' | 'missing' | 'quarantined' }>;
  /** Outlets whose rep changed against the previous plan (stage: territories). */
  repChanges: RepChange[];
  /** Outlets whose weekday pattern changed against the previous plan (stage: cycle). */
  dayChanges: DayChange[];
  /**
   * Outlets whose coordinates moved more than `territories.movedOutletKm` since the previous
   * plan, whether or not they kept their rep (stage: territories). Absent in plans made before
   * it existed.
   */
  positionChanges?: PositionChange[];
  /**
   * Reps added to, removed from or changed (capacity, home) in a pool since the previous plan,
   * with the outlets each took or handed over and from / to whom (stage: territories). Absent in
   * plans made before it existed.
   */
  staffingChanges?: StaffingChange[];
  /** Non-fatal problems a planner should read (e.g. a pool without reps). */
  warnings: string[];
  /**
   * Where the travel times came from, when the policy names a road provider (absent for the
   * great-circle model): the provider and profile, whether it failed and the plan fell back to
   * straight lines, and the speed and circuity the territory stage was calibrated to.
   */
  travel?: PlanTravelRecord;
  /**
   * The quantity and quality (2Q) standards of the policy and the plan measured against them
   * (visitStandards.ts). Present only when the policy sets `standards`.
   */
  standards?: PlanStandards;
  /** Supervisors and their joint field days (escorts stage); absent when the region has no supervisors.csv. */
  supervisors?: PlanSupervisor[];
  /** Escorts that changed against the previous plan (escorts stage); absent without supervisors. */
  escortChanges?: EscortChange[];
}

/** The road travel a plan used (Plan.travel). */
export interface PlanTravelRecord {
  provider: string;
  profile: string;
  fellBack: boolean;
  territorySettings: { speedKmh: number; circuity: number };
}

export type PlanMode = 'rebuild' | 'resegment' | 'fresh';

/**
 * The part of a previous plan the territories and cycle stages read: its outlets and reps (a
 * whole Plan is one). A worker thread drawing one pool gets only that pool's (poolTerritoryJob).
 */
export type PreviousPlanView = Pick<Plan, 'outlets' | 'reps'>;

export interface PlanOutlet {
  id: string;
  name: string;
  lon: number;
  lat: number;
  businessType: string;
  monthlyVolume: number;
  tier: OutletTier;
  rule: string;
  reason: string;
  /** Pool that serves the outlet's tier (after fallbacks), or null when none can. */
  pool: string | null;
  /** Assigned rep (stage: territories). */
  repId: string | null;
  lockedRepId: string | null;
  /** Opening window as HH:MM, when known. */
  openFrom: string | null;
  openTo: string | null;
  district: string | null;
  /** The outlet's own visit frequency from outlets.csv (overrides the tier's), when it has one. */
  visitFrequency?: VisitFrequency | null;
  /** The outlet's own minutes per visit from outlets.csv (overrides the tier's), when it has one. */
  serviceMinutes?: number | null;
  /** Visits in the cycle (stage: cycle). */
  visits?: Visit[];
  /** The regular pattern the visits follow (stage: cycle). */
  pattern?: VisitPattern;
  /** Escorted visits per supervisor role (escorts stage); only on outlets whose tier has escorts. */
  escorts?: OutletEscort[];
}

export interface Visit {
  /** 1-based week of the cycle. */
  week: number;
  weekday: Weekday;
}

/** A regular visit pattern: the same weekday(s) every `everyWeeks` weeks, starting in `firstWeek`. */
export interface VisitPattern {
  weekdays: Weekday[];
  everyWeeks: number;
  firstWeek: number;
}

export interface PlanRep {
  id: string;
  name: string;
  tier: RepTier;
  pool: string | null;
  capacity: number;
  home: LonLat;
  workingDays: Weekday[];
  dayStart: string;
  dailyMinutes: number;
  /** Stage: territories. */
  territory?: TerritorySummary;
  /** Stage: cycle. */
  days?: DayRoute[];
  /** Stage: cycle. Minutes the territory's load exceeds the rep's cycle budget (0 when it fits). */
  overBudgetMinutes?: number;
  /** Stage: cycle. Human-readable flags, e.g. days over budget. */
  flags?: string[];
}

export interface TerritorySummary {
  outletCount: number;
  loadMinutes: number;
  targetMinutes: number;
  centroid: LonLat;
  areaKm2: number;
  /** Straight-line km from the rep's home to the territory centroid (0 for an empty territory). */
  commuteKm: number;
}

export interface DayRoute {
  week: number;
  weekday: Weekday;
  /** The policy day start (`day.startTime` for the rep's tier). */
  start: string;
  /**
   * When the rep plans to leave home: `start`, or up to `day.departureFloatMinutes` later when
   * leaving later only removes waiting. `totalMinutes` and the budget count from here. Always
   * written since it was added (within plan version 1); older plans lack it (read it as `start`).
   */
  departure?: string;
  end: string;
  stops: RouteStop[];
  travelKm: number;
  travelMinutes: number;
  serviceMinutes: number;
  /** Working minutes: from `departure` (or `start`) to `end`; travel + service + waiting. */
  totalMinutes: number;
  /** Minutes of `totalMinutes` beyond the rep's daily budget. */
  overBudgetMinutes: number;
  /** Minutes by which time windows were missed on this day (0 when all were met). */
  windowViolationMinutes?: number;
}

export interface RouteStop {
  outletId: string;
  seq: number;
  arrival: string;
  departure: string;
  /** Road km from the previous stop (or home). */
  travelKm: number;
  /** Minutes of waiting for the outlet's window to open. */
  waitMinutes?: number;
  /** Minutes by which the window was missed (arrival after the latest start). */
  windowViolationMinutes?: number;
  /** Supervisors who join the rep at this stop (escorts stage), by id. */
  escortedBy?: string[];
}

export interface PlanPool {
  id: string;
  repTiers: RepTier[];
  outletTiers: OutletTier[];
  repIds: string[];
  outletCount: number;
  /** Policy pools without reps whose outlets this pool took over. */
  absorbed: string[];
}

export type RepChangeReason =
  | 'new'
  | 'rebalanced'
  | 'tier-changed'
  | 'locked'
  | 'redrawn'
  | 'rep-removed'
  /** Taken by a rep added to the pool (the local redraw around the new rep). */
  | 'rep-added'
  /** Moved so far that it no longer fitted its territory, and placed again (movedOutlets.ts). */
  | 'moved';

/**
 * How a moved outlet was judged: `fits` (stays with its rep unless balance needs it elsewhere),
 * `no-longer-fits` (placed again as if new), `locked` (stays with its locked rep), `not-checked`
 * (drawn from scratch, its previous rep does not serve its pool, or no rep does).
 */
export type MovedOutletFit = 'fits' | 'no-longer-fits' | 'locked' | 'not-checked';

/** An outlet whose coordinates moved more than `territories.movedOutletKm` since the previous plan. */
export interface PositionChange {
  outletId: string;
  /** Position in the previous plan and now. */
  from: LonLat;
  to: LonLat;
  /** Great-circle distance moved, km (3 decimals). */
  km: number;
  /** Rep in the previous plan and now. */
  fromRep: string | null;
  toRep: string | null;
  /** Whether its rep changed (fromRep differs from toRep). */
  reassigned: boolean;
  fit: MovedOutletFit;
  /** How the fit was judged, with figures. */
  reason: string;
}

/** A staffing event of a pool against the previous plan. */
export type StaffingEvent = 'rep-added' | 'rep-removed' | 'rep-changed';

/** One staffing event and the outlets it moved (staffingChanges.ts). */
export interface StaffingChange {
  event: StaffingEvent;
  repId: string;
  /** Pool of the rep (the previous plan's for a removed rep), or null when not known. */
  pool: string | null;
  /** Outlets the rep serves now that another rep (or none) served before. */
  outletsTaken: number;
  /** Outlets the rep served before that another rep (or none) serves now. */
  outletsHandedOver: number;
  /** Where the taken outlets came from (repId null: new outlets or outlets without a rep), most first. */
  fromReps: Array<{ repId: string | null; outlets: number }>;
  /** Where the handed-over outlets went, most first. */
  toReps: Array<{ repId: string | null; outlets: number }>;
  /** Reps whose territories were redrawn for this event (empty when not known). */
  touchedReps: string[];
  /** The event in words (e.g. "new rep", "capacity 1 -> 0.5"). */
  reason: string;
}

export interface RepChange {
  outletId: string;
  from: string | null;
  to: string | null;
  reason: RepChangeReason;
}

export interface DayChange {
  outletId: string;
  from: Weekday[];
  to: Weekday[];
  reason: string;
}
