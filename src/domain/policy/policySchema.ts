import { z } from 'zod';
import { OUTLET_TIERS, REP_TIERS, WEEKDAYS } from '../types.js';
import { standardsSchema } from './standardsPolicy.js';
import { reportPolicySchema } from './reportPolicy.js';
import { escortRolesSchema, tierEscortsSchema } from './escortPolicy.js';

/** `HH:MM` on a 24-hour clock; `24:00` is allowed as an end of day. */
export const clockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time as HH:MM (24-hour clock)');

/**
 * A volume threshold: an absolute monthly volume, or a percentile (0-100) of monthly volumes.
 * A percentile is taken over all active outlets of the region by default; with
 * `within: "businessType"` it is taken over the active outlets of the outlet's own business type
 * (so "the top 10% of kiosks" rather than "kiosks in the region's top 10%"). A business type with
 * fewer than `MIN_OUTLETS_FOR_TYPE_PERCENTILE` (10) active outlets falls back to the region-wide
 * percentile (segmentOutlets.ts says why). `within` is optional; omitted = region-wide, so
 * policies written before it existed mean what they meant.
 */
export const volumeThresholdSchema = z.union([
  z.number().nonnegative(),
  z
    .object({
      percentile: z.number().min(0).max(100),
      /** Population the percentile is taken over: omitted = the whole region. */
      within: z.literal('businessType').optional(),
    })
    .strict(),
]);
export type VolumeThreshold = z.infer<typeof volumeThresholdSchema>;

/** One segmentation rule; rules are tried in order and the first that matches decides the tier. */
export const segmentationRuleSchema = z
  .object({
    /** Stable identifier, quoted in every outlet's explanation. */
    id: z.string().min(1),
    /** Tier given to outlets that match. */
    tier: z.enum(OUTLET_TIERS),
    /** Business types (case-insensitive) the rule applies to; omitted = any type. */
    businessTypes: z.array(z.string().min(1)).optional(),
    /** The outlet's monthly volume must be >= this threshold. */
    minVolume: volumeThresholdSchema.optional(),
    /** The outlet's monthly volume must be < this threshold. */
    maxVolume: volumeThresholdSchema.optional(),
    /** Free text shown in `territory policy` output. */
    description: z.string().optional(),
  })
  .strict();
export type SegmentationRule = z.infer<typeof segmentationRuleSchema>;

/** A tier pool: reps of `repTiers` serve outlets of `outletTiers`; territories are drawn per pool. */
export const poolSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'pool ids are letters, digits, - and _'),
    repTiers: z.array(z.enum(REP_TIERS)).min(1),
    outletTiers: z.array(z.enum(OUTLET_TIERS)).min(1),
    /**
     * Pools (by id, in order of preference) that take over this pool's outlets when it has no
     * rep. The first fallback pool that has reps (after its own fallbacks) is used.
     */
    fallback: z.array(z.string()).default([]),
  })
  .strict();
export type PoolPolicy = z.infer<typeof poolSchema>;

/** Regular visit patterns reps and shops can remember. */
export const VISIT_FREQUENCIES = ['twice-weekly', 'weekly', 'every-2-weeks', 'every-4-weeks'] as const;
export type VisitFrequency = (typeof VISIT_FREQUENCIES)[number];

export const timeWindowSchema = z
  .object({ from: clockTimeSchema, to: clockTimeSchema })
  .strict()
  .refine((w) => w.from < w.to, { message: 'time window must end after it starts' });

/** Service policy of one outlet tier. */
export const tierVisitPolicySchema = z
  .object({
    /** How often each outlet of the tier is visited. */
    frequency: z.enum(VISIT_FREQUENCIES),
    /** Minutes spent at the outlet per visit. */
    serviceMinutes: z.number().positive().max(480),
    /** Default window in which visits must start, e.g. afternoon/evening for night venues. */
    timeWindow: timeWindowSchema.nullable().default(null),
    /** How the tier is visited (shown to reps; e.g. three-level visits for large outlets). */
    method: z.string().default(''),
    /** Supervisor roles that join the rep at their own cadence (escortPolicy.ts); absent = none. */
    escorts: tierEscortsSchema(VISIT_FREQUENCIES).optional(),
  })
  .strict();
export type TierVisitPolicy = z.infer<typeof tierVisitPolicySchema>;

/** How far a rep's departure may float after the day start: 0-1440 minutes. */
const departureFloatSchema = z.number().min(0).max(1440);

const dayOverrideSchema = z
  .object({
    startTime: clockTimeSchema.optional(),
    budgetMinutes: z.number().positive().max(1440).optional(),
    departureFloatMinutes: departureFloatSchema.optional(),
  })
  .strict();

// --- review: when a rebuild needs a manager's approval (issue 11 item 1) ---------------------
/**
 * Thresholds above which a plain rebuild (`territory plan`, the nightly rebuild job) is published
 * as a candidate for a manager to approve instead of becoming `current` at once. Each is checked
 * against the previous plan; the first plan of a region always publishes directly.
 */
export const reviewPolicySchema = z
  .object({
    /**
     * Largest share (0-1) of the plan's outlets that may change rep against the previous plan
     * (new outlets placed for the first time do not count). Default 0.03 (3%).
     */
    maxRepChangeShare: z.number().min(0).max(1).default(0.03),
    /**
     * Largest share (0-1) of the plan's outlets whose weekday pattern may change against the
     * previous plan. Default 0.10 (10%).
     */
    maxWeekdayChangeShare: z.number().min(0).max(1).default(0.1),
    /**
     * Largest planned route time of any pool as a share of its reps' working time in the cycle
     * (1.05 = a pool above 105% of its working time needs review). Default 1.05.
     */
    maxPoolWorkingTime: z.number().min(0).max(100).default(1.05),
  })
  .strict();
export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;
// --- end review --------------------------------------------------------------------------------

// --- input encodings and sheets, CSV output (issue 13) ---------------------------------------
/**
 * How CSV input files are decoded: `auto` (default) reads UTF-8, and a file that is not UTF-8
 * but well-formed GB18030 (GBK, as Excel on Chinese Windows saves CSV) as GB18030; `utf-8` and
 * `gb18030` force one (`gbk` is read as GB18030, its superset). Workbooks (.xlsx) are Unicode and
 * ignore it.
 */
export const INPUT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'gbk'] as const;
export type InputEncodingChoice = (typeof INPUT_ENCODINGS)[number];

/**
 * The worksheet read from an .xlsx input: one name for every workbook, or one per file
 * (`{"outlets": "客户", "reps": "人员"}`); unset = the first sheet in tab order.
 */
export const inputSheetSchema = z.union([
  z.string().min(1),
  z.object({ outlets: z.string().min(1).optional(), reps: z.string().min(1).optional() }).strict(),
]);
export type InputSheet = z.infer<typeof inputSheetSchema>;

/** Published CSV files: `bom` (default true) starts each with a UTF-8 byte order mark so Excel reads them as UTF-8. */
export const csvOutputSchema = z.object({ bom: z.boolean().default(true) }).strict();
// --- end input encodings -----------------------------------------------------------------------

/** The complete planning policy. Defaults live in defaultPolicy.ts. */
export const policySchema = z
  .object({
    segmentation: z
      .object({
        rules: z.array(segmentationRuleSchema),
        /** Tier of outlets no rule matches. */
        defaultTier: z.enum(OUTLET_TIERS),
        /**
         * Hysteresis on volume thresholds when re-segmenting, as a fraction (0.1 = 10%): an outlet
         * leaves its current tier only when its volume is beyond the threshold by this margin.
         */
        hysteresis: z.number().min(0).max(1),
      })
      .strict(),
    pools: z.array(poolSchema).min(1),
    visits: z
      .object({
        large: tierVisitPolicySchema,
        'night-venue': tierVisitPolicySchema,
        medium: tierVisitPolicySchema,
        small: tierVisitPolicySchema,
      })
      .strict(),
    cycle: z
      .object({
        /** Weeks in the repeating visit cycle. */
        weeks: z.number().int().min(1).max(8),
        /** Working weekdays of the cycle (per-rep `working_days` override this). */
        weekdays: z.array(z.enum(WEEKDAYS)).min(1),
        /**
         * Weight of the day-balance penalty when choosing visit days (default 1). Lower values let a
         * plan leave a short day when that saves real driving; 0 balances nothing (the day budget
         * stays hard either way).
         */
        dayBalanceWeight: z.number().min(0).max(10).default(1),
        /**
         * Effort of the visit-day search: annealing moves tried per outlet with a choice of pattern
         * (default 60; 0 = pure descent).
         */
        daySearchMoves: z.number().int().min(0).max(10000).default(60),
        /**
         * Multi-start of a rep's cycle: at most this many seeds are planned and the cheapest kept
         * (default 8; 1 = one start). Cut per rep by `startsOutletBudget`.
         */
        starts: z.number().int().min(1).max(64).default(8),
        /**
         * A rep gets floor(startsOutletBudget / its outlets) starts, at most `starts` (default 200):
         * a 50-outlet territory gets 4, a city rep with 100 or more outlets one, so plan time only
         * grows where one start takes milliseconds.
         */
        startsOutletBudget: z.number().int().min(0).max(1_000_000).default(200),
        /**
         * A re-segmentation moves an outlet to another weekday only when that saves more than this
         * many travel minutes per cycle (default 15), so redrawing identical data changes nothing.
         */
        resegmentMinSavingMinutes: z.number().min(0).max(1000).default(15),
        /**
         * In a rebuild, a rep whose own working data and settings are unchanged and of whose
         * previous outlets at most this share was added, removed or changed (coordinates,
         * frequency, service minutes, window) is planned incrementally from its previous cycle:
         * kept outlets keep their patterns, the others are inserted, untouched days stay as they
         * were (README "Cycle reuse"). Default 0.2; 0 turns incremental cycles off.
         * Cycle reuse switched off (`plan --replan-all`) turns it off too.
         */
        incrementalMaxChangeShare: z.number().min(0).max(1).default(0.2),
      })
      .strict(),
    day: z
      .object({
        /** When a rep leaves home/office. */
        startTime: clockTimeSchema,
        /** Minutes of work per day (service + travel), unless the rep's `daily_minutes` says otherwise. */
        budgetMinutes: z.number().positive().max(1440),
        /**
         * Floating departure (default 60): a rep may leave home up to this many minutes after
         * `startTime` when leaving later only removes waiting for a window to open, never making a
         * stop (more) late; the day's working time and its budget then count from the actual
         * departure. 0 = always leave at `startTime`. Also settable per rep tier in `byRepTier`.
         */
        departureFloatMinutes: departureFloatSchema.default(60),
        /** Overrides by rep tier, e.g. night-venue reps starting in the afternoon. */
        byRepTier: z.partialRecord(z.enum(REP_TIERS), dayOverrideSchema).default({}),
      })
      .strict(),
    travel: z
      .object({
        /**
         * Average travel speed, km/h: 1-200. Below walking pace every minute figure explodes (1e-300
         * km/h makes every trip Infinity minutes); above 200 it is not a road speed.
         */
        speedKmh: z.number().min(1, 'must be at least 1 km/h').max(200, 'must be at most 200 km/h'),
        /** Road distance / great-circle distance. */
        circuity: z.number().min(1).max(5),
        /**
         * Where the cycle's travel times come from (README "Road travel times"): `great-circle`
         * (the default: speedKmh and circuity above), or a road network: `pgrouting`, `osrm`,
         * `valhalla`, whose address comes from the environment. The road keys have no zod
         * default, so a policy without them hashes as before.
         */
        provider: z.enum(['great-circle', 'pgrouting', 'osrm', 'valhalla']).optional(),
        /**
         * The road provider's profile (default: `car` for pgrouting, `driving` for osrm, `auto`
         * for valhalla); part of the travel cache key.
         */
        profile: z
          .string()
          .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be a profile name like driving or auto')
          .optional(),
        /**
         * When the road provider cannot answer: `fail` (the default: the run fails and `current`
         * stays) or `great-circle` (plan on straight lines and say so in the plan's warnings).
         */
        fallback: z.enum(['fail', 'great-circle']).optional(),
      })
      .strict(),
    territories: z
      .object({
        /** Allowed relative deviation of a rep's load from its target (0.03 = +/-3%). */
        balanceTolerance: z.number().positive().max(1),
        /** Weight (0..1) pulling territories towards their rep's home base; 0 ignores homes. */
        homeWeight: z.number().min(0).max(1),
        /**
         * How reps' homes are paired with the territories drawn for them: `total` minimises the sum
         * of the commutes (home to territory centre), `min-max` minimises the longest commute and
         * then the sum. Both are solved exactly as an assignment problem (matchHomes.ts).
         */
        homeMatching: z.enum(['total', 'min-max']).default('total'),
        /**
         * A rep whose home is farther than this many km (straight line) from the centroid of their
         * territory is named in a plan warning. Set it very high to silence the warning.
         */
        maxCommuteKm: z.number().positive().default(15),
        /**
         * An outlet whose coordinates moved more than this many km (great circle) since the
         * previous plan is a moved outlet: listed in changes.json `moved` and the plan's
         * `positionChanges`, and, in a rebuild or same-staff re-segmentation, checked against its
         * territory. When its new position no longer fits (its nearest outlet of another rep of
         * the pool is closer than its nearest outlet of its own rep by more than its territory's
         * typical outlet spacing, see movedOutlets.ts) it is placed again as if new. Smaller moves
         * are geocoding noise and change nothing.
         */
        movedOutletKm: z.number().positive().default(0.5),
        /**
         * Multi-start of a pool's territories: when they are drawn from scratch (first plan, or
         * fresh mode), at most this many seeds are drawn, every rep's cycle is planned on each
         * draw, and the draw with the cheapest plan is kept (default 8; 1 = one draw). Cut per pool
         * by `startsOutletBudget`; pools of one rep always get one.
         */
        starts: z.number().int().min(1).max(64).default(8),
        /**
         * A pool of n outlets gets floor(startsOutletBudget / n) starts, at most `starts` (default
         * 1500): a 100-outlet pool gets 8, the sample region's 483-outlet pool 3 and its 720-outlet
         * pool 2, and a city pool of thousands of outlets one, so plan time grows only where a
         * pool plans in well under a second.
         */
        startsOutletBudget: z.number().int().min(0).max(10_000_000).default(1500),
        /**
         * How the draws of the multi-start are compared (default `estimate`): `estimate` scores each
         * draw by the visit-day search's own route estimates after a short search and keeps the
         * cheapest, then plans only that one; `plan` plans every draw completely and keeps the
         * cheapest plan (slower, for comparisons).
         */
        startsEvaluation: z.enum(['estimate', 'plan']).default('estimate'),
        /**
         * Finish fresh draws with border moves priced on each territory's master tour (what an
         * outlet adds to the rep's routes), inside the balance band (default true; false prices
         * borders on squared distance to the territory centre only).
         */
        routeAware: z.boolean().default(true),
      })
      .strict(),
    input: z
      .object({
        /**
         * An outlet whose `outlierNeighbours`-th nearest other outlet is farther than this many km,
         * and farther than `outlierFactor` times the 95th percentile of that distance over the
         * region's outlets, is quarantined as isolated (findOutliers.ts). A town of more than
         * `outlierNeighbours` outlets is never isolated, however far from the others.
         */
        outlierMinKm: z.number().positive(),
        outlierFactor: z.number().min(1),
        /** Neighbours counted by the outlier rule (1-50; at most half the region's other outlets are used). */
        outlierNeighbours: z.number().int().min(1).max(50).default(5),
        /** Decoding of CSV input files (see INPUT_ENCODINGS); default `auto`. */
        encoding: z.enum(INPUT_ENCODINGS).default('auto'),
        /** The worksheet of .xlsx inputs (see inputSheetSchema); unset = the first sheet. */
        sheet: inputSheetSchema.optional(),
      })
      .strict(),
    /** Per supervisor role limits of escorted visits (escortPolicy.ts); absent = no limit. */
    escortRoles: escortRolesSchema.optional(),
    /** Published CSV files (see csvOutputSchema). */
    csv: csvOutputSchema.default({ bom: true }),
    /** Language and time zone of the reports (see reportPolicySchema); unset = the defaults. */
    report: reportPolicySchema.optional(),
    /** Review thresholds of rebuilds (see reviewPolicySchema); every key has a default. */
    review: reviewPolicySchema.default({
      maxRepChangeShare: 0.03,
      maxWeekdayChangeShare: 0.1,
      maxPoolWorkingTime: 1.05,
    }),
    /** Quantity and quality (2Q) standards (see standardsPolicy.ts); absent = none. */
    standards: standardsSchema.optional(),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;
