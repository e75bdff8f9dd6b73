import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { PlanStage } from '../domain/pipeline/planRegion.js';
import { cyclePlanner, type RegionPlanner } from './cyclePlanner.js';
import { defaultPlanThreads } from './cycleThreads.js';
import type { CycleReuse } from '../domain/cycle/cycleReuse.js';
import { readCycleRecords, writeCycleRecords } from '../io/parts/cycleRecordsFile.js';
import type { MapTiles } from '../config/mapTiles.js';
import type { ArchivePolicy } from '../io/publish/versionArchive.js';
import type { InputEncodingChoice, Policy } from '../domain/policy/policySchema.js';
import type { RegionInput } from '../domain/types.js';
import type { Plan, PlanMode } from '../domain/plan/planTypes.js';
import { hashPolicy } from '../domain/policy/resolvePolicy.js';
import { FatalInputError } from '../io/region/fatalInputError.js';
import { parseJsonBytes } from '../io/json/parseJsonBytes.js';
import {
  hashRegionInputs,
  loadRegion,
  type LoadRegionOptions,
  type RegionFiles,
} from '../io/region/loadRegion.js';
import { reviewBreaches, type ReviewBreach } from '../domain/plan/reviewThresholds.js';
import { appendAudit, auditEntry } from '../io/publish/auditLog.js';
import {
  cleanLeftovers,
  currentVersion,
  listVersions,
  publishVersion,
  readManifest,
  readPublishedBy,
  readVersionPlan,
  type PublishedBy,
} from '../io/publish/publishVersion.js';
import { digestPlan, type PlanDigest } from './planDigest.js';
import { PROGRAM_VERSION } from './programVersion.js';
import { countQuarantine } from '../io/region/quarantine.js';
import { describeInputEncoding } from '../io/region/readRegionTable.js';
import type { TravelConfig } from '../config/travelConfig.js';
import { resolveReportLocale, type ReportLocale, type ReportLocaleChoice } from '../i18n/reportLocale.js';
import type { TravelSummary } from './prefetchTravel.js';
import { releaseCycleDetail } from './releaseCycleDetail.js';
import { warningText } from '../i18n/warningText.js';
import { threadedTerritoriesGeoJson } from './outlineThreads.js';
import { travelForRun } from './travelForRun.js';

/** Options of one planning run; the CLI `plan` command and the BullMQ jobs both use these. */
export interface RunPlanOptions {
  /** Region folder holding outlets.csv, reps.csv and an optional policy.json. */
  regionDir: string;
  /** Region output folder (versions/ and current live here); default `<outRoot>/<region-name>`. */
  outDir?: string;
  /** Folder of region output folders, used when `outDir` is not given; default ./out. */
  outRoot?: string;
  /** Extra policy file layered over the region's policy.json. */
  policyFile?: string;
  /** Forced decoding of CSV inputs (`--encoding`), layered as the policy's `input.encoding`. */
  encoding?: InputEncodingChoice;
  /** Worksheet of .xlsx inputs (`--sheet`), layered as the policy's `input.sheet`. */
  sheet?: string;
  /** A plan.json to use as the previous plan instead of `<outDir>/current/plan.json`. */
  previousFile?: string;
  /**
   * rebuild: keep tiers, minimal disruption; resegment: re-tier and redraw; fresh: plan from
   * scratch (the previous plan is only compared against, for the change report).
   */
  mode: PlanMode;
  /** Plan even when the inputs and policy equal the current plan's. */
  force?: boolean;
  /** Seed of the randomised stages (default 1): the same inputs and seed give the same plan. */
  seed?: number;
  /** Planning time stamped into the plan (default: now). */
  now?: Date;
  onProgress?: (stage: PlanStage | 'load' | 'publish', percent: number) => void;
  log?: (message: string) => void;
  /**
   * Makes the plan from the loaded inputs; default cyclePlanner(`threads`). The parent of a split
   * flow passes one that assembles the pools its children planned (and checks they used these
   * inputs).
   */
  planner?: RegionPlanner;
  /**
   * Worker threads planning the rep cycles (cyclePlanner; `--threads`, PLAN_THREADS); default
   * defaultPlanThreads(outlets): min(os.availableParallelism(), 4) from 20,000 outlets on
   * (THREADS_MIN_OUTLETS), else 1. 1 plans in this thread and starts no
   * worker thread; ignored for the cycles when `planner` is given. The territory outlines of the
   * publish use as many threads, one pool each, either way. The plan and every file are the same
   * for any count.
   */
  threads?: number;
  /**
   * Reuse the current version's rep cycles whose inputs are unchanged, and in a rebuild plan a rep
   * with few changed outlets incrementally from its previous cycle (default true; see
   * cycleReuse.ts, incrementalCycle.ts). Off, every cycle is planned again whole: reused cycles
   * come out the same, incremental ones may differ a little (README "Cycle reuse on rebuilds").
   */
  reuseCycles?: boolean;
  /**
   * Checked right before the version is written into versions/ and right before `current` is
   * switched (see publishVersion); throwing stops the publish. Queue jobs pass their region
   * lock's fence; `territory plan` runs in-process and passes none.
   */
  fence?: () => Promise<void>;
  /** The job attempt running this plan, recorded in the published manifest. */
  publishedBy?: PublishedBy;
  /**
   * Publish directly (make the plan current) even where review would make it a candidate:
   * re-segmentations and fresh plans are candidates by default, rebuilds when they exceed the
   * policy's `review` thresholds. The first plan of a region always publishes directly.
   */
  publish?: boolean;
  /** Who runs the plan, recorded in the audit log (e.g. the OS user, or `job:<id>`). */
  by?: string | null;
  /** Note recorded in the audit log with the publish. */
  note?: string | null;
  /** Why the run was made, recorded in the audit log before the review reason (e.g. `rebase of V`). */
  auditReason?: string;
  /**
   * The deployment's tile server for map.html's basemap (MAP_TILE_URL: `loadMapTiles()` or
   * AppConfig.mapTiles); default none, the map stays fully offline.
   */
  mapTiles?: MapTiles | null;
  /**
   * Which old versions are kept compressed after the publish (VERSIONS_KEEP_PLAIN and
   * VERSIONS_ARCHIVE_MIN_MB: `loadArchivePolicy()` or AppConfig.archive); default
   * DEFAULT_ARCHIVE_POLICY, null: none.
   */
  archive?: ArchivePolicy | null;
  /**
   * `--lang` and the environment's defaults for the report language and time zone; the policy's
   * `report` section fills what `--lang` leaves (resolveReportLocale). Default English, UTC.
   */
  report?: ReportLocaleChoice;
  /** Road travel settings; default: the TRAVEL_* variables, read only when the policy names a road provider. */
  travelConfig?: TravelConfig;
  /** Reads and parses the region (default loadRegion); tests pass a counting wrapper. */
  regionLoader?: typeof loadRegion;
}

/** Why a plan was published as a candidate instead of becoming current. */
export interface ReviewOutcome {
  /** The reason in words: the mode, or every review threshold exceeded with its measured value. */
  reason: string;
  /** The review thresholds exceeded (empty for a re-segmentation or fresh plan). */
  breaches: ReviewBreach[];
  /** The version current when the plan was made, which stays current. */
  current: string | null;
}

export interface RunPlanResult {
  /** published: the plan is current; candidate: it waits for approval (`review` says why); skipped: nothing new. */
  status: 'published' | 'candidate' | 'skipped';
  region: string;
  outDir: string;
  /**
   * The version published, or for a skipped rebuild the current version it equals (null when
   * skipped against a `previousFile`).
   */
  version: string | null;
  planPath: string | null;
  /** Skipped: who published the current version (null when `territory plan` or unknown). */
  publishedBy?: PublishedBy | null;
  inputHash: string;
  summary: PlanDigest | null;
  /** The plan that was published (absent when skipped). */
  plan?: Plan;
  /** The language and time zone map.html was written in, for the CLI's own text. */
  locale?: ReportLocale;
  /** Set when the plan was published as a candidate, or skipped because a candidate of these inputs waits. */
  review?: ReviewOutcome;
  /** Skipped: a pending candidate planned from these same inputs on the current version. */
  pendingCandidate?: string;
  /** What the road travel step fetched (absent for the great-circle model and skipped runs). */
  travel?: TravelSummary;
  /**
   * Reps whose cycle was reused from the previous version, reps planned, and of those the reps
   * planned incrementally from their previous cycle (absent when skipped).
   */
  cycles?: { reused: number; planned: number; incremental: number };
}

/**
 * True when a run may be skipped: a normal rebuild, not forced, whose inputs and policy hash
 * equal those of the plan it would build on (nightly runs on unchanged data cost nothing).
 */
export function isUnchangedRebuild(
  mode: PlanMode,
  force: boolean,
  previous: Plan | null,
  region: RegionInput,
  policy: Policy,
): boolean {
  return (
    mode === 'rebuild' &&
    !force &&
    previous !== null &&
    previous.inputHash === region.inputHash &&
    previous.policyHash === hashPolicy(policy)
  );
}

/** The plan to build on: `previousFile` when given, else the region's current published plan. */
export async function readPreviousPlan(outDir: string, previousFile?: string): Promise<Plan | null> {
  return (await readPreviousWithVersion(outDir, previousFile)).previous;
}

/**
 * The plan to build on and the version `current` pointed at when it was read (recorded as the
 * plan's `basedOn`): the current version's own plan.json is read, so both always match.
 */
async function readPreviousWithVersion(
  outDir: string,
  previousFile?: string,
): Promise<{ previous: Plan | null; current: string | null }> {
  const current = await currentVersion(outDir);
  if (previousFile) return { previous: await readPlanFile(resolve(previousFile)), current };
  return { previous: current ? await readVersionPlan(outDir, current) : null, current };
}

/**
 * A pending candidate of a rebuild from these inputs and policy, planned on the current version:
 * a nightly rebuild that exceeded the review thresholds is not planned again every night.
 */
async function pendingRebuildCandidate(
  outDir: string,
  current: string | null,
  inputHash: string,
  policyHash: string,
): Promise<string | null> {
  for (const info of await listVersions(outDir)) {
    if (info.status !== 'candidate' || info.mode !== 'rebuild' || info.basedOn !== current) continue;
    if (info.inputHash !== inputHash) continue;
    const manifest = await readManifest(join(outDir, 'versions', info.version)).catch(() => null);
    if (manifest?.policyHash === policyHash) return info.version;
  }
  return null;
}

/**
 * Whether a plan publishes directly or as a candidate: the first plan of a region (no previous
 * plan or no current version) and `publish` runs publish directly; re-segmentations and fresh
 * plans are candidates; a rebuild is a candidate when it exceeds the policy's review thresholds.
 */
export function reviewOutcome(
  plan: Plan,
  policy: Policy,
  previous: Plan | null,
  current: string | null,
  publish: boolean,
): ReviewOutcome | null {
  if (publish || previous === null || current === null) return null;
  if (plan.mode !== 'rebuild')
    return {
      reason: warningText('warning.review.candidateMode', { mode: plan.mode }),
      breaches: [],
      current,
    };
  const breaches = reviewBreaches(plan, policy.review);
  if (breaches.length === 0) return null;
  return {
    reason: warningText('warning.review.exceeds', { breaches: breaches.map((b) => b.message).join('; ') }),
    breaches,
    current,
  };
}

async function readPlanFile(path: string): Promise<Plan> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new FatalInputError(`${path}: cannot read the previous plan (${(error as Error).message})`, path);
  }
  try {
    const plan = parseJsonBytes(bytes) as Plan;
    if (plan.schemaVersion !== 1 || !Array.isArray(plan.outlets)) throw new Error('not a version 1 plan');
    return plan;
  } catch (error) {
    throw new FatalInputError(`${path}: not a valid plan file (${(error as Error).message})`, path);
  }
}

/** The result of a skipped run that equals `version` (null when skipped against a previousFile). */
async function skippedResult(
  region: string,
  outDir: string,
  version: string | null,
  inputHash: string,
  locale: ReportLocale,
): Promise<RunPlanResult> {
  return {
    status: 'skipped',
    region,
    outDir,
    version,
    planPath: version ? join(outDir, 'versions', version, 'plan.json') : null,
    publishedBy: version ? await readPublishedBy(outDir, version) : null,
    inputHash,
    summary: null,
    locale,
  };
}

/**
 * The skip of an unchanged rebuild decided from hashes alone: the input files' bytes are hashed
 * and the policy resolved (hashRegionInputs; no row is parsed) and compared with the current
 * version's manifest, so a nightly run on unchanged data reads neither the region's rows nor the
 * previous plan. The same holds for a pending rebuild candidate of these inputs. Otherwise the run
 * must plan: `files` are the bytes read for the hash (null when the question needed the region
 * loaded: a previousFile, a forced run), for loadRegion to decode instead of reading them again.
 */
async function skipByHashes(
  options: RunPlanOptions,
  loadOptions: LoadRegionOptions,
  regionDir: string,
  outDir: string,
  log: (message: string) => void,
): Promise<{ skipped: RunPlanResult } | { skipped: null; files: RegionFiles | null }> {
  if (options.mode !== 'rebuild' || options.force || options.previousFile)
    return { skipped: null, files: null };
  const { inputHash, policy, files } = await hashRegionInputs(regionDir, loadOptions);
  const plan = { skipped: null, files };
  const policyHash = hashPolicy(policy);
  const locale = resolveReportLocale(options.report, policy.report);
  const current = await currentVersion(outDir);
  if (current === null) return plan;
  const manifest = await readManifest(join(outDir, 'versions', current)).catch(() => null);
  if (manifest?.inputHash === inputHash && manifest.policyHash === policyHash) {
    // Nothing to publish, but whatever killed publishes left behind goes now.
    await cleanLeftovers(outDir).catch(() => undefined);
    log(`inputs unchanged since the current plan (${inputHash.slice(0, 12)}, version ${current}): skipped`);
    return { skipped: await skippedResult(basename(regionDir), outDir, current, inputHash, locale) };
  }
  if (options.publish) return plan;
  const waiting = await pendingRebuildCandidate(outDir, current, inputHash, policyHash);
  if (!waiting) return plan;
  log(`a candidate of these inputs waits for review (version ${waiting}): skipped`);
  return {
    skipped: {
      ...(await skippedResult(basename(regionDir), outDir, current, inputHash, locale)),
      pendingCandidate: waiting,
    },
  };
}

/**
 * Loads a region, plans it and publishes the result as a new version: the in-process pipeline
 * behind `territory plan` and the worker's jobs. A rebuild whose inputs and policy equal those of
 * the current plan is skipped unless forced, so nightly runs on unchanged data are free, and so is
 * one whose candidate of the same inputs waits for review. Re-segmentations, fresh plans and
 * rebuilds above the policy's review thresholds are published as candidates (`current` stays;
 * see reviewOutcome) unless `publish`; every publish and candidate is appended to the region's
 * audit log with `by`, `note` and the reason.
 */
export async function runPlan(options: RunPlanOptions): Promise<RunPlanResult> {
  const progress = options.onProgress ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  progress('load', 0);
  const regionDir = resolve(options.regionDir);
  const outDir = resolve(options.outDir ?? join(options.outRoot ?? 'out', basename(regionDir)));
  const loadOptions: LoadRegionOptions = {
    policyFile: options.policyFile,
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  };
  const early = await skipByHashes(options, loadOptions, regionDir, outDir, log);
  if (early.skipped) return early.skipped;

  const { region, policy } = await (options.regionLoader ?? loadRegion)(regionDir, {
    ...loadOptions,
    ...(early.files ? { readFiles: early.files } : {}),
  });
  const locale = resolveReportLocale(options.report, policy.report);
  log(
    `loaded ${region.outlets.length} outlets, ${region.reps.length} reps, ${countQuarantine(region.quarantine).total} quarantined rows (${describeInputEncoding(region.inputEncoding)})`,
  );

  const { previous, current: basedOn } = await readPreviousWithVersion(outDir, options.previousFile);
  // With a previousFile the hashes are compared against that plan, which needs the region loaded.
  if (isUnchangedRebuild(options.mode, options.force ?? false, previous, region, policy)) {
    await cleanLeftovers(outDir).catch(() => undefined);
    const current = options.previousFile ? null : basedOn;
    log(
      `inputs unchanged since the current plan (${region.inputHash.slice(0, 12)}${current ? `, version ${current}` : ''}): skipped`,
    );
    return skippedResult(region.name, outDir, current, region.inputHash, locale);
  }

  if (options.mode === 'rebuild' && !options.force && !options.publish) {
    const waiting = await pendingRebuildCandidate(outDir, basedOn, region.inputHash, hashPolicy(policy));
    if (waiting) {
      log(`a candidate of these inputs waits for review (version ${waiting}): skipped`);
      return {
        ...(await skippedResult(region.name, outDir, basedOn, region.inputHash, locale)),
        pendingCandidate: waiting,
        locale,
      };
    }
  }

  const travel = await travelForRun(
    { region, policy, previous, mode: options.mode, seed: options.seed ?? 1 },
    outDir,
    options.travelConfig,
  );
  if (travel.summary) {
    const { provider, profile, stats, fellBack, cachedPairs, neededPairs, cacheHitRate, cache } =
      travel.summary;
    log(
      `travel: ${fellBack ? `${provider} failed, great-circle fallback` : `${provider} (${profile})`}, ${stats.requests} request(s), ${stats.pairs} pair(s) fetched, ${cachedPairs} of ${neededPairs} from the ${cache.backend} cache (hit rate ${cacheHitRate ?? '-'}), ${cache.evicted} table(s) evicted`,
    );
  }
  const cycleReuse = await previousCycles(options, outDir, previous, basedOn);
  const threads = options.threads ?? defaultPlanThreads(region.outlets.length);
  const planner = options.planner ?? cyclePlanner(threads);
  const { plan: planned, cycle } = await planner({
    ...travel.context,
    now: options.now ?? new Date(),
    onProgress: progress,
    cycleReuse,
  });
  log(
    `cycles: ${cycle.reusedReps} rep(s) reused from the previous version, ${cycle.plannedReps} planned (${cycle.incrementalReps} incrementally)`,
  );
  // The publish needs only the previous plan's outlets and reps, not their days: free those first.
  if (previous) releaseCycleDetail(previous);
  const plan = travel.summary
    ? {
        ...planned,
        warnings: [...planned.warnings, ...travel.warnings],
        travel: {
          provider: travel.summary.provider,
          profile: travel.summary.profile,
          fellBack: travel.summary.fellBack,
          territorySettings: travel.context.travel?.territorySettings ?? {
            speedKmh: policy.travel.speedKmh,
            circuity: policy.travel.circuity,
          },
        },
      }
    : planned;
  const review = reviewOutcome(plan, policy, previous, basedOn, options.publish ?? false);
  progress('publish', 0);
  const published = await publishVersion({
    regionOutDir: outDir,
    plan,
    territories: await threadedTerritoriesGeoJson(plan, threads),
    policy,
    previous,
    // The previous plan is the current version's own plan.json unless it came from a file.
    previousVersion: options.previousFile ? null : basedOn,
    mapTiles: options.mapTiles ?? null,
    locale,
    programVersion: PROGRAM_VERSION,
    ...(options.archive !== undefined ? { archive: options.archive } : {}),
    candidate: review !== null,
    basedOn,
    ...(options.fence ? { fence: options.fence } : {}),
    ...(options.publishedBy ? { publishedBy: options.publishedBy } : {}),
  });
  // After the publish: records are an optimisation, and a version without them is only replanned.
  await writeCycleRecords(outDir, published.version, plan, cycle.records);
  const why = review
    ? review.reason
    : previous === null || basedOn === null
      ? `${plan.mode}: first plan of the region`
      : options.publish
        ? `${plan.mode} published directly (--publish)`
        : `${plan.mode} within the review thresholds`;
  await appendAudit(
    outDir,
    auditEntry(
      {
        action: review ? 'candidate' : 'publish',
        version: published.version,
        from: published.from,
        to: review ? published.from : published.version,
        reason: options.auditReason ? `${options.auditReason}; ${why}` : why,
      },
      { by: options.by, note: options.note },
    ),
  );
  progress('publish', 100);
  log(
    review
      ? `published candidate ${published.version}; current stays ${published.from ?? '(none)'}: ${review.reason}`
      : `published version ${published.version}`,
  );
  return {
    ...(review ? { review } : {}),
    status: review ? 'candidate' : 'published',
    region: region.name,
    outDir,
    version: published.version,
    planPath: join(published.dir, 'plan.json'),
    inputHash: region.inputHash,
    summary: digestPlan(plan),
    plan,
    locale,
    ...(travel.summary ? { travel: travel.summary } : {}),
    cycles: { reused: cycle.reusedReps, planned: cycle.plannedReps, incremental: cycle.incrementalReps },
  };
}

/**
 * The cycle reuse of a run: the current version's records when the run builds on it (not on a
 * previousFile) and reuse is on; records are kept either way, for the next run.
 */
async function previousCycles(
  options: RunPlanOptions,
  outDir: string,
  previous: Plan | null,
  basedOn: string | null,
): Promise<CycleReuse> {
  const usable = options.reuseCycles !== false && !options.previousFile && previous && basedOn;
  return {
    previous: usable ? await readCycleRecords(outDir, basedOn, previous) : null,
    programVersion: PROGRAM_VERSION,
  };
}
