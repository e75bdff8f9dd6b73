/**
 * Core vocabulary of the planner (see ../shared/domain.md): outlets, reps, tiers, quarantine rows.
 * Pure data; every stage of the pipeline passes these around.
 */
import type { VisitFrequency } from './policy/policySchema.js';

/** The four outlet service tiers of the reference practice, from most to least demanding. */
export const OUTLET_TIERS = ['large', 'night-venue', 'medium', 'small'] as const;
export type OutletTier = (typeof OUTLET_TIERS)[number];

/** Rep tiers; by default A serves large, B night venues, C medium and D small outlets. */
export const REP_TIERS = ['A', 'B', 'C', 'D'] as const;
export type RepTier = (typeof REP_TIERS)[number];

/** Weekday names as they appear in files and plans (ISO order, Monday first). */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A coordinate pair in GeoJSON order: [longitude, latitude] in WGS84 degrees. */
export type LonLat = [lon: number, lat: number];

/** One valid outlet row of `outlets.csv`. */
export interface Outlet {
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** Free-form business format, lower-cased and trimmed (e.g. `petrol_station`). */
  businessType: string;
  /** Monthly volume (e.g. cartons); >= 0. */
  monthlyVolume: number;
  status: 'active' | 'closed';
  /** Rep the outlet is pinned to, or null. */
  lockedRepId: string | null;
  /** Opening window start in minutes after midnight, or null when unknown. */
  openFrom: number | null;
  /** Opening window end in minutes after midnight, or null when unknown. */
  openTo: number | null;
  /** Old administrative area; only used for comparisons with the status quo. */
  district: string | null;
  /** Per-outlet visit frequency (`visit_frequency`), overriding the tier policy; absent or null = tier's. */
  visitFrequency?: VisitFrequency | null;
  /** Per-outlet minutes per visit (`service_minutes`), overriding the tier policy; absent or null = tier's. */
  serviceMinutes?: number | null;
  /** 1-based line of the row in outlets.csv (header is line 1). */
  line: number;
}

/** One valid rep row of `reps.csv`. */
export interface Rep {
  id: string;
  name: string;
  tier: RepTier;
  homeLon: number;
  homeLat: number;
  /** Minutes of work per day, or null for the policy default. */
  dailyMinutes: number | null;
  /** Working weekdays, or null for the policy's cycle weekdays. */
  workingDays: Weekday[] | null;
  /** Share of a full-time rep (1 = full time, 0.5 = half time). */
  capacity: number;
  line: number;
}

/**
 * One valid row of the optional `supervisors.csv`: a market manager, department head or other
 * role who joins reps on escorted ("three-level") visits to key accounts (issue 12).
 */
export interface Supervisor {
  id: string;
  name: string;
  /** Free text matched against the policy's escort roles, e.g. `market-manager`. */
  role: string;
  homeLon: number;
  homeLat: number;
  /** Working weekdays, or null for the policy's cycle weekdays. */
  workingDays: Weekday[] | null;
  /** Minutes of field time per day, or null for the policy's `day.budgetMinutes`. */
  dailyMinutes: number | null;
  /** Earliest time (minutes after midnight) to leave home, or null for the policy's `day.startTime`. */
  dayStart: number | null;
  /** Rep ids or pool ids supervised; empty = every rep. */
  reps: string[];
  line: number;
}

/** A rejected input row (or field) with enough context to fix it. */
export interface QuarantineEntry {
  file: string;
  line: number;
  id: string | null;
  field: string;
  value: string;
  reason: string;
  /** What the loader did: left the row out, or kept it and ignored this optional field. */
  action?: 'row-rejected' | 'field-ignored';
}

/**
 * How an input table was read: a CSV file's encoding (`gb18030` also for GBK files, which it
 * contains) or `xlsx` for a worksheet of an .xlsx workbook.
 */
export type InputEncoding = 'utf-8' | 'gb18030' | 'xlsx';

/** A loaded region: valid rows plus everything that was rejected, and a hash of the inputs. */
export interface RegionInput {
  /** Region name (the directory's base name), e.g. `kuiwen-sample`. */
  name: string;
  outlets: Outlet[];
  reps: Rep[];
  quarantine: QuarantineEntry[];
  /** Rows of the optional `supervisors.csv`; absent when the region has none. */
  supervisors?: Supervisor[];
  /** Raw `policy.json` content (unvalidated) or null when the region has none. */
  policyOverrides: unknown;
  /** sha256 over the input files' bytes. */
  inputHash: string;
  /**
   * How each input table was read, by file name (`{"outlets.csv": "gb18030", "reps.xlsx":
   * "xlsx"}`). Absent where a region was built in memory rather than loaded.
   */
  inputEncoding?: Record<string, InputEncoding>;
}
