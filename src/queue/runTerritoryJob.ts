import { join } from 'node:path';
import { runTerritoryStep } from '../app/splitTerritories.js';
import type { AppConfig } from '../config/env.js';
import { resolveRegionDir } from '../config/regionPaths.js';
import type { Logger } from '../log/logger.js';
import { parseTerritoryJob, type TerritoryJobResult } from './jobDefinitions.js';
import { failFastOnInputErrors, logToJob, type RegionJobHandle } from './runRegionJob.js';
import { splitChildJobs, type SplitChildJob } from './splitChildren.js';

export interface TerritoryJobDeps {
  config: AppConfig;
  logger: Logger;
  nowMs: () => number;
  /** Adds the cycle children to the queue in this order (Queue.addBulk). */
  addChildren: (children: readonly SplitChildJob[]) => Promise<void>;
}

/**
 * Runs the plan-region-territories job of a split flow: validates the payload, draws every
 * pool's territories once into territory parts (runTerritoryStep), then adds the cycle children
 * to the flow's parent, longest first. The children are added before this job completes, so the
 * parent (waiting for this job) never finds its children done before they exist. It takes no
 * region lock, like the pool jobs: the parent takes it and checks every part's inputs.
 */
export async function runTerritoryJob(
  job: RegionJobHandle,
  deps: TerritoryJobDeps,
): Promise<TerritoryJobResult> {
  return failFastOnInputErrors(job, async () => {
    const payload = parseTerritoryJob(job.data);
    const { config } = deps;
    const log = deps.logger.child({
      jobId: job.id ?? 'unknown',
      region: payload.region,
      step: 'territories',
    });
    const regionDir = await resolveRegionDir(config.regionsDir, payload.region);
    const started = deps.nowMs();
    await job.log(`drawing the territories of ${payload.region} once for flow ${payload.flowId}`);
    const step = await runTerritoryStep({
      regionDir,
      outDir: join(config.outDir, payload.region),
      mode: payload.mode,
      force: payload.force,
      ...(payload.seed === undefined ? {} : { seed: payload.seed }),
      flowId: payload.flowId,
      pools: payload.pools,
      ...(payload.groups === undefined ? {} : { groups: payload.groups }),
      onProgress: (stage, percent) => {
        // Progress is best-effort: a lost update must never fail the step.
        job.updateProgress({ stage: `territory-${stage}`, percent }).catch(() => undefined);
      },
      log: logToJob(job, log),
    });
    const children = splitChildJobs(config, payload, step.units);
    if (children.length > 0) await deps.addChildren(children);
    await job.updateProgress({ stage: 'done', percent: 100 });
    return {
      status: step.status,
      region: payload.region,
      territoryPools: step.drawnPools,
      children: children.map((child, i) => ({
        jobId: child.opts.jobId,
        pool: child.data.pool,
        group: step.units[i]?.group ?? { index: 0, count: 1 },
        outletVisits: step.units[i]?.outletVisits ?? 0,
        estimatedMs: step.units[i]?.estimatedMs ?? null,
      })),
      durationMs: deps.nowMs() - started,
    };
  });
}
