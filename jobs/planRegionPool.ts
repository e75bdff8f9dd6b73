import type { SandboxedJob } from 'bullmq';
import type { PoolJobResult } from '../src/queue/jobDefinitions.js';
import { runPoolJob } from '../src/queue/runPoolJob.js';
import { sandboxDeps } from './sandboxContext.js';

/**
 * Processor of `plan-region-pool`: one pool of a region split across workers. Validates the
 * payload, plans the pool, leaves its part for the parent job and returns a short summary.
 */
export default async function planRegionPool(job: SandboxedJob): Promise<PoolJobResult> {
  const { config, logger, nowMs } = sandboxDeps();
  return runPoolJob(job, { config, logger, nowMs });
}
