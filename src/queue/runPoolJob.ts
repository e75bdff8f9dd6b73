import { join } from 'node:path';
import { runPoolPlan } from '../app/splitPlan.js';
import type { AppConfig } from '../config/env.js';
import { resolveRegionDir } from '../config/regionPaths.js';
import type { Logger } from '../log/logger.js';
import { parsePoolJob, type PoolJobResult } from './jobDefinitions.js';
import { failFastOnInputErrors, logToJob, type RegionJobHandle } from './runRegionJob.js';

export interface PoolJobDeps {
  config: AppConfig;
  logger: Logger;
  nowMs: () => number;
}

/**
 * Runs one plan-region-pool job of a split flow: validates the payload (UnrecoverableError when
 * invalid), plans the pool's cycles on the territories the flow's territory job drew (or draws
 * them, in flows enqueued before that job existed) and leaves its part file for the parent. It takes no region lock:
 * the pools of one region are meant to run side by side, and the parent, which publishes, takes
 * the lock and checks that every pool was planned from the inputs it sees. Input errors that a
 * retry cannot fix fail at once (UnrecoverableError), and with them the flow's parent.
 */
export async function runPoolJob(job: RegionJobHandle, deps: PoolJobDeps): Promise<PoolJobResult> {
  return failFastOnInputErrors(job, () => runPoolAttempt(job, deps));
}

async function runPoolAttempt(job: RegionJobHandle, deps: PoolJobDeps): Promise<PoolJobResult> {
  const payload = parsePoolJob(job.data);
  const { config } = deps;
  const log = deps.logger.child({ jobId: job.id ?? 'unknown', region: payload.region, pool: payload.pool });
  const regionDir = await resolveRegionDir(config.regionsDir, payload.region);
  const started = deps.nowMs();
  await job.log(
    `planning pool ${payload.pool} of ${payload.region} (${payload.mode}, flow ${payload.flowId})`,
  );
  const result = await runPoolPlan({
    regionDir,
    outDir: join(config.outDir, payload.region),
    mode: payload.mode,
    force: payload.force,
    ...(payload.seed === undefined ? {} : { seed: payload.seed }),
    flowId: payload.flowId,
    pool: payload.pool,
    ...(payload.group ? { group: payload.group } : {}),
    ...(payload.sharedTerritories ? { sharedTerritories: true } : {}),
    onProgress: (stage, percent) => {
      // Progress is best-effort: a lost update must never fail the pool.
      job.updateProgress({ stage: `pool-${stage}`, percent }).catch(() => undefined);
    },
    log: logToJob(job, log),
  });
  const summary: PoolJobResult = {
    status: result.status,
    region: payload.region,
    pool: payload.pool,
    outlets: result.outlets,
    reps: result.reps,
    partFile: result.partFile,
    durationMs: deps.nowMs() - started,
    territories: result.territories,
  };
  await job.updateProgress({ stage: 'done', percent: 100 });
  return summary;
}
