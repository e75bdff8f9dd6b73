import { join } from 'node:path';
import { DelayedError, UnrecoverableError } from 'bullmq';
import type { RunPlanOptions, RunPlanResult } from '../app/runPlan.js';
import { assembleFromParts, flowTimes, readFlowParts } from '../app/splitPlan.js';
import { removePoolParts, sweepStaleParts } from '../io/parts/poolParts.js';
import { writeSplitTimes } from '../io/parts/splitTimes.js';
import type { AppConfig } from '../config/env.js';
import { resolveRegionDir } from '../config/regionPaths.js';
import type { Logger } from '../log/logger.js';
import { JOB_MODES, parseRegionJob, type RegionJobName, type RegionJobResult } from './jobDefinitions.js';
import { toJobError } from './jobErrors.js';
import { holderJobId, type RegionLock } from './regionLock.js';

/** The part of a BullMQ job (sandboxed or not) a region job needs. */
export interface RegionJobHandle {
  id?: string;
  name: string;
  data: unknown;
  attemptsMade: number;
  updateProgress(value: { stage: string; percent: number }): Promise<void>;
  log(row: string): unknown;
  moveToDelayed(timestamp: number, token?: string): Promise<void>;
}

export interface RegionJobDeps {
  config: AppConfig;
  lock: RegionLock;
  runPlan: (options: RunPlanOptions) => Promise<RunPlanResult>;
  logger: Logger;
  /** Wall clock (ms); injected so tests can control delays. */
  nowMs: () => number;
}

/**
 * Runs `work` and turns errors a retry cannot fix (invalid or missing inputs, a refused plan)
 * into UnrecoverableError, noting in the job log that the job is not retried.
 */
export async function failFastOnInputErrors<T>(job: RegionJobHandle, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const mapped = toJobError(error);
    if (mapped !== error) {
      await Promise.resolve(
        job.log(`not retried: ${(error as Error).name} cannot change on a retry of the same inputs`),
      ).catch(() => undefined);
    }
    throw mapped;
  }
}

/**
 * A log sink for the planning code that writes each line to the process log and to the job's
 * own log (best-effort: a lost job log line must never fail the plan).
 */
export function logToJob(job: RegionJobHandle, log: Logger): (message: string) => void {
  return (message) => {
    log.info(message);
    Promise.resolve(job.log(message)).catch(() => undefined);
  };
}

/** Maps a runPlan stage and its percent onto the job's overall percent (load 0-5, pipeline 5-95, publish 95-100). */
export function overallPercent(stage: string, percent: number): number {
  const p = Math.max(0, Math.min(100, percent));
  if (stage === 'load') return Math.round(p * 0.05);
  if (stage === 'publish') return Math.round(95 + p * 0.05);
  return Math.round(5 + p * 0.9);
}

/**
 * Runs one rebuild-region or resegment-region job: validates the payload (UnrecoverableError when
 * invalid), takes the region lock for this attempt (or re-delays itself while another job of the
 * region runs), runs the same app-layer pipeline as `territory plan` with the lock's fence (an
 * attempt that lost the lock cannot publish), reports `{ stage, percent }` progress and log lines,
 * and returns the result summary. Input errors that a retry cannot fix fail at once
 * (UnrecoverableError). The lock is released whatever happens.
 */
export async function runRegionJob(
  job: RegionJobHandle,
  token: string | undefined,
  expected: RegionJobName,
  deps: RegionJobDeps,
): Promise<RegionJobResult> {
  return failFastOnInputErrors(job, () => runRegionAttempt(job, token, expected, deps));
}

async function runRegionAttempt(
  job: RegionJobHandle,
  token: string | undefined,
  expected: RegionJobName,
  deps: RegionJobDeps,
): Promise<RegionJobResult> {
  const { name, payload } = parseRegionJob(job.name, job.data);
  if (name !== expected)
    throw new UnrecoverableError(`job ${job.id ?? '?'} is a ${name} job, not ${expected}`);
  const jobId = job.id ?? 'unknown';
  const { config, lock, logger } = deps;
  const log = logger.child({ jobId, region: payload.region, job: name, attempt: job.attemptsMade + 1 });
  const regionDir = await resolveRegionDir(config.regionsDir, payload.region);

  const attempt = job.attemptsMade + 1;
  const { lease, holder } = await lock.acquire(payload.region, { jobId, ...(token ? { token } : {}) });
  if (!lease) {
    const busyWith = holderJobId(holder);
    // Another job plans this region right now: come back later without spending an attempt.
    const retryAt = deps.nowMs() + config.regionBusyRetryMs;
    log.info({ holder: busyWith, retryInMs: config.regionBusyRetryMs }, 'region busy, job delayed');
    await job.log(
      `region ${payload.region} is being planned by job ${busyWith}; retrying in ${config.regionBusyRetryMs} ms`,
    );
    await job.moveToDelayed(retryAt, token);
    throw new DelayedError(`region ${payload.region} busy (job ${busyWith})`);
  }

  const started = deps.nowMs();
  try {
    log.info({ force: payload.force, trigger: payload.trigger, split: payload.split }, 'planning started');
    await job.log(
      `planning ${payload.region} (${JOB_MODES[name]}, trigger ${payload.trigger}, attempt ${job.attemptsMade + 1}${payload.split ? `, assembling ${payload.split.pools.length} pools planned by flow ${payload.split.flowId}` : ''})`,
    );
    const regionOutDir = join(config.outDir, payload.region);
    // A split flow's children have planned the pools; this job only assembles and publishes.
    const parts = payload.split
      ? await readFlowParts(regionOutDir, payload.split.flowId, payload.split.pools, payload.split.groups)
      : undefined;
    const planner = parts ? assembleFromParts(parts) : undefined;
    const result = await deps.runPlan({
      regionDir,
      outDir: regionOutDir,
      mode: JOB_MODES[name],
      ...(planner ? { planner } : {}),
      force: payload.force,
      ...(payload.seed === undefined ? {} : { seed: payload.seed }),
      onProgress: (stage, percent) => {
        // Progress is best-effort: a lost update must never fail the plan.
        job.updateProgress({ stage, percent: overallPercent(stage, percent) }).catch(() => undefined);
      },
      log: logToJob(job, log),
      fence: () => lease.fence(),
      publishedBy: { jobId, attempt },
      publish: payload.publish ?? false,
      by: `job:${jobId}`,
      auditReason: `job ${name} (trigger ${payload.trigger}, attempt ${attempt})`,
      mapTiles: config.mapTiles,
      archive: config.archive,
      report: config.report,
      ...(config.planThreads === null ? {} : { threads: config.planThreads }),
    });
    const publishedBy = result.status === 'skipped' ? (result.publishedBy ?? null) : { jobId, attempt };
    const publishedByEarlierAttempt = result.status === 'skipped' && publishedBy?.jobId === jobId;
    if (result.status === 'skipped' && result.version) {
      await job.log(
        `inputs unchanged: version ${result.version} is current${publishedByEarlierAttempt ? ` (published by attempt ${publishedBy?.attempt} of this job)` : publishedBy ? ` (published by job ${publishedBy.jobId})` : ''}`,
      );
    }
    if (result.status === 'candidate' && result.review) {
      log.info(
        { version: result.version, current: result.review.current, breaches: result.review.breaches },
        `published as a candidate: ${result.review.reason}`,
      );
      await job.log(
        `candidate ${result.version ?? ''} (current stays ${result.review.current ?? 'none'}): ${result.review.reason}`,
      );
    }
    if (result.pendingCandidate)
      await job.log(`candidate ${result.pendingCandidate} of these inputs waits for review: nothing planned`);
    const summary: RegionJobResult = {
      status: result.status,
      region: result.region,
      mode: JOB_MODES[name],
      version: result.version,
      outDir: result.outDir,
      planPath: result.planPath,
      inputHash: result.inputHash,
      summary: result.summary,
      movedOutlets: result.summary?.movedOutlets ?? 0,
      durationMs: deps.nowMs() - started,
      publishedBy,
      publishedByEarlierAttempt,
      ...(result.review ? { review: result.review } : {}),
      ...(result.pendingCandidate ? { pendingCandidate: result.pendingCandidate } : {}),
      ...(result.travel ? { travel: result.travel } : {}),
      ...(result.cycles ? { cycles: result.cycles } : {}),
    };
    // Parts are kept on failure so a retry of this job can assemble them again; parts of flows
    // that never published are swept after a week.
    if (payload.split) {
      // The children's times order the next flow's children (best-effort: only an optimisation).
      const times = parts && result.status !== 'skipped' ? flowTimes(payload.split.flowId, parts) : null;
      if (times)
        await writeSplitTimes(regionOutDir, times).catch((error: unknown) =>
          log.warn({ reason: (error as Error).message }, 'could not keep the split children times'),
        );
      await removePoolParts(regionOutDir, payload.split.flowId);
    }
    const swept = await sweepStaleParts(regionOutDir, deps.nowMs());
    if (swept.length > 0) log.info({ flows: swept }, 'removed the parts of abandoned split flows');
    await job.updateProgress({ stage: 'done', percent: 100 });
    log.info(
      { status: summary.status, version: summary.version, durationMs: summary.durationMs },
      'planning finished',
    );
    return summary;
  } finally {
    // A lock left behind is taken over as soon as this attempt's job lock is gone.
    await lease
      .release()
      .catch((error: unknown) =>
        log.warn({ reason: (error as Error).message }, 'could not release the region lock'),
      );
  }
}
