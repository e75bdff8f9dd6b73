import { UnrecoverableError, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { MAX_REP_GROUPS, splitUnitKey, type RepGroup } from '../domain/pipeline/splitUnits.js';
import type { PlanDigest } from '../app/planDigest.js';
import type { AppConfig } from '../config/env.js';
import { REGION_NAME_PATTERN } from '../config/regionPaths.js';
import type { PlanMode } from '../domain/plan/planTypes.js';
import type { ReviewOutcome } from '../app/runPlan.js';
import type { PublishedBy } from '../io/publish/publishVersion.js';
import type { TravelSummary } from '../app/prefetchTravel.js';

/**
 * Every job of the system, declared in one place: queue name, job names, payload schemas, job
 * options and job ids. Producers (scheduler, API, CLI) and processors (jobs/) import from here.
 */

/** The one BullMQ queue all planning jobs go through. */
export const QUEUE_NAME = 'region-plans';

export const JOB_NAMES = {
  /** Nightly rebuild: keep tiers, place new/moved outlets, drop closed ones with minimal disruption. */
  rebuildRegion: 'rebuild-region',
  /** Manager-triggered: re-tier every outlet and redraw territories. */
  resegmentRegion: 'resegment-region',
  /**
   * One pool of a region split across workers (a FlowProducer child of a rebuild-region or
   * resegment-region parent): plans the pool's territories and cycles and leaves the result in a
   * part file for the parent, which assembles and publishes the plan.
   */
  planRegionPool: 'plan-region-pool',
  /**
   * The first child of a split flow: draws every pool's territories once, leaves them in
   * territory parts, then adds the plan-region-pool children (longest first) to the same parent.
   */
  planRegionTerritories: 'plan-region-territories',
} as const;
export type RegionJobName = typeof JOB_NAMES.rebuildRegion | typeof JOB_NAMES.resegmentRegion;

/** Which pipeline mode each job runs. */
export const JOB_MODES: Record<RegionJobName, PlanMode> = {
  'rebuild-region': 'rebuild',
  'resegment-region': 'resegment',
};

/** Short verb used in job ids and the CLI (`territory enqueue rebuild|resegment`). */
export const JOB_KINDS = { rebuild: JOB_NAMES.rebuildRegion, resegment: JOB_NAMES.resegmentRegion } as const;
export type JobKind = keyof typeof JOB_KINDS;

export const TRIGGERS = ['schedule', 'cli', 'api', 'bench', 'test'] as const;

/** A split flow's id: the request stamp of its parent job (`<ms>-<nonce>`). */
export const FLOW_ID_PATTERN = /^[0-9]{1,16}-[0-9a-z]{1,8}$/;
export type JobTrigger = (typeof TRIGGERS)[number];

/** Payload of rebuild-region and resegment-region. */
export const regionJobPayloadSchema = z.strictObject({
  region: z.string().regex(REGION_NAME_PATTERN, 'region names are 1-64 of a-z, 0-9 and -'),
  /** Plan even when inputs and policy are unchanged since the current plan. */
  force: z.boolean().default(false),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /**
   * Publish directly (make the plan current). Without it a resegment job publishes a candidate
   * for a manager to approve, and a rebuild does when it exceeds the policy's review thresholds.
   */
  publish: z.boolean().optional(),
  trigger: z.enum(TRIGGERS),
  /** ISO time the job was requested. */
  requestedAt: z.iso.datetime({ offset: true }),
  /**
   * Random id of the enqueue call. Several schedulers firing the same second add the same job id;
   * this tells the one whose add was stored from the others (equal timestamps cannot).
   */
  requestId: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/)
    .optional(),
  /**
   * Set when the region was split into one child job per pool: the parent assembles the pools'
   * part files of this flow instead of planning, then publishes as usual.
   */
  split: z
    .strictObject({
      flowId: z.string().regex(FLOW_ID_PATTERN),
      pools: z.array(z.string().min(1).max(64)).min(1).max(64),
      /** Groups of reps each pool's cycle stage is split into (default 1: one child per pool). */
      groups: z.number().int().min(1).max(MAX_REP_GROUPS).optional(),
    })
    .optional(),
});
export type RegionJobPayload = z.infer<typeof regionJobPayloadSchema>;
export type RegionJobPayloadInput = z.input<typeof regionJobPayloadSchema>;

/** The fields every job of a split flow carries: the parent's planning inputs and the flow. */
const FLOW_JOB_FIELDS = {
  region: z.string().regex(REGION_NAME_PATTERN, 'region names are 1-64 of a-z, 0-9 and -'),
  mode: z.enum(['rebuild', 'resegment']),
  force: z.boolean().default(false),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  trigger: z.enum(TRIGGERS),
  requestedAt: z.iso.datetime({ offset: true }),
  flowId: z.string().regex(FLOW_ID_PATTERN),
};

/** Payload of plan-region-pool: the parent's planning inputs plus the pool and the flow. */
export const poolJobPayloadSchema = z.strictObject({
  ...FLOW_JOB_FIELDS,
  pool: z.string().min(1).max(64),
  /** This child plans only this group of the pool's reps. */
  group: z
    .strictObject({
      index: z.number().int().min(0),
      count: z.number().int().min(1).max(MAX_REP_GROUPS),
    })
    .refine((g) => g.index < g.count, 'index must be below count')
    .optional(),
  /**
   * Read the pool's territories from the flow's territory part instead of drawing them (set by
   * the territory job; absent in flows enqueued before it existed, whose children draw).
   */
  sharedTerritories: z.boolean().optional(),
});
export type PoolJobPayload = z.infer<typeof poolJobPayloadSchema>;
export type PoolJobPayloadInput = z.input<typeof poolJobPayloadSchema>;

/**
 * Payload of plan-region-territories: the parent's planning inputs, the flow's pools and groups,
 * and the parent's job id (the cycle children are added to that parent).
 */
export const territoryJobPayloadSchema = z.strictObject({
  ...FLOW_JOB_FIELDS,
  pools: z.array(z.string().min(1).max(64)).min(1).max(64),
  groups: z.number().int().min(1).max(MAX_REP_GROUPS).optional(),
  parentId: z.string().min(1).max(256),
});
export type TerritoryJobPayload = z.infer<typeof territoryJobPayloadSchema>;
export type TerritoryJobPayloadInput = z.input<typeof territoryJobPayloadSchema>;

/** What a finished plan-region-pool job returns; the pool's plan itself is in `partFile`. */
export interface PoolJobResult {
  status: 'planned' | 'skipped' | 'no-reps';
  region: string;
  pool: string;
  outlets: number;
  reps: number;
  partFile: string;
  durationMs: number;
  /** Where the pool's territories came from (absent in results of older workers). */
  territories?: 'shared' | 'drawn' | 'none';
}

/** What a finished plan-region-territories job returns. */
export interface TerritoryJobResult {
  status: 'planned' | 'skipped';
  region: string;
  /** Pools whose territories were drawn. */
  territoryPools: string[];
  /** The ids of the cycle children added, in the order they were enqueued (longest first). */
  children: Array<{
    jobId: string;
    pool: string;
    group: RepGroup;
    outletVisits: number;
    /** From the previous flow's ms per outlet-visit of the pool; null before any flow published. */
    estimatedMs: number | null;
  }>;
  durationMs: number;
}

/** What a finished region job returns (stored by BullMQ as the job's return value). */
export interface RegionJobResult {
  /** published: current switched; candidate: published for review, current unchanged (see `review`); skipped. */
  status: 'published' | 'candidate' | 'skipped';
  region: string;
  mode: PlanMode;
  /**
   * The version this job stands for: the one this attempt published, or when skipped (inputs
   * unchanged) the current version, so a retry whose first attempt published still names it.
   */
  version: string | null;
  /** Region output folder (versions/ and current live here). */
  outDir: string;
  planPath: string | null;
  inputHash: string;
  /** Counts, balance, km of the plan (null when skipped). */
  summary: PlanDigest | null;
  /** Outlets that moved from one rep to another against the previous plan (new outlets excluded). */
  movedOutlets: number;
  durationMs: number;
  /**
   * Who published `version`: this attempt when `published`; when `skipped`, the publisher
   * recorded in the current version's manifest (null for `territory plan` or an older version).
   */
  publishedBy: PublishedBy | null;
  /** Skipped because an earlier attempt of this same job already published `version`. */
  publishedByEarlierAttempt: boolean;
  /** Road travel: provider, requests, pairs fetched and cache hits (absent for great-circle plans). */
  travel?: TravelSummary;
  /**
   * Reps whose cycle was reused from the previous version, reps planned, and of those the reps
   * planned incrementally (absent when skipped; `incremental` absent in results of older workers).
   */
  cycles?: { reused: number; planned: number; incremental?: number };
  /** Candidate: why the plan waits for approval (the mode, or each threshold with its measured value). */
  review?: ReviewOutcome;
  /** Skipped: a pending candidate of these same inputs that waits for review. */
  pendingCandidate?: string;
}

/** Any job's result. */
export type AnyJobResult = RegionJobResult | PoolJobResult | TerritoryJobResult;

/** True when a job's result is a pool job's (a child of a split flow) rather than a region job's. */
export function isPoolJobResult(result: AnyJobResult): result is PoolJobResult {
  return 'pool' in result;
}

/** True when a job's result is a split flow's territory job's. */
export function isTerritoryJobResult(result: AnyJobResult): result is TerritoryJobResult {
  return 'territoryPools' in result;
}

/** True when `name` is one of the region job names. */
export function isRegionJobName(name: string): name is RegionJobName {
  return name === JOB_NAMES.rebuildRegion || name === JOB_NAMES.resegmentRegion;
}

/**
 * Parses a job payload with `schema`; anything invalid throws BullMQ's UnrecoverableError naming
 * every offending field, so the job fails at once instead of being retried with the same payload.
 */
function parsePayload<T>(schema: z.ZodType<T>, name: string, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
      .join('; ');
    throw new UnrecoverableError(`invalid ${name} payload: ${detail}`);
  }
  return parsed.data;
}

/** Validates a region job's name and payload (UnrecoverableError when either is invalid). */
export function parseRegionJob(
  name: string,
  data: unknown,
): { name: RegionJobName; payload: RegionJobPayload } {
  if (!isRegionJobName(name)) throw new UnrecoverableError(`unknown job name "${name}"`);
  return { name, payload: parsePayload(regionJobPayloadSchema, name, data) };
}

/** Validates a plan-region-territories job's payload (UnrecoverableError when invalid). */
export function parseTerritoryJob(data: unknown): TerritoryJobPayload {
  return parsePayload(territoryJobPayloadSchema, JOB_NAMES.planRegionTerritories, data);
}

/** Validates a plan-region-pool job's payload (UnrecoverableError when invalid). */
export function parsePoolJob(data: unknown): PoolJobPayload {
  return parsePayload(poolJobPayloadSchema, JOB_NAMES.planRegionPool, data);
}

/**
 * Job options every region job gets: retries with exponential backoff, bounded history (so
 * Redis does not grow forever), and enough log lines to follow a run.
 */
export function regionJobOptions(config: AppConfig): JobsOptions {
  return {
    attempts: config.jobAttempts,
    backoff: { type: 'exponential', delay: config.jobBackoffMs },
    removeOnComplete: { count: config.keepCompletedJobs },
    removeOnFail: { count: config.keepFailedJobs },
    keepLogs: 200,
  };
}

/**
 * Id of a manually triggered job: kind, region and a request stamp (ms since epoch plus a
 * nonce), readable in `territory jobs` and unique per request. BullMQ allows ':' only as two separators.
 */
export function manualJobId(kind: JobKind, region: string, at: Date, nonce: string): string {
  return `${kind}:${region}:${flowIdOf(at, nonce)}`;
}

/** The request stamp of a manual job (`<ms>-<nonce>`), which also names a split job's flow. */
export function flowIdOf(at: Date, nonce: string): string {
  return `${at.getTime()}-${nonce
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 8)}`;
}

/** Id of the child job that plans `pool` (or one group of its reps) in the split flow `flowId`. */
export function poolJobId(
  region: string,
  flowId: string,
  pool: string,
  group: RepGroup = { index: 0, count: 1 },
): string {
  return `pool:${region}:${flowId}-${splitUnitKey({ pool, group })}`;
}

/** Id of the territory job of the split flow `flowId` (`territories:<region>:<flowId>`). */
export function territoryJobId(region: string, flowId: string): string {
  return `territories:${region}:${flowId}`;
}

/** The region encoded in a job id (`<kind>:<region>:<stamp>`), or null. */
export function regionOfJobId(jobId: string): string | null {
  const parts = jobId.split(':');
  return parts.length === 3 && parts[1] && REGION_NAME_PATTERN.test(parts[1]) ? parts[1] : null;
}
