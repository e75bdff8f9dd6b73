import type { SandboxedJob } from 'bullmq';
import { JOB_NAMES, type RegionJobResult } from '../src/queue/jobDefinitions.js';
import { runRegionJob } from '../src/queue/runRegionJob.js';
import { sandboxDeps } from './sandboxContext.js';

/**
 * Processor of `resegment-region`: re-tier every outlet and redraw territories (manager
 * trigger). Validates the payload, runs the app-layer pipeline, returns the summary.
 */
export default async function resegmentRegion(job: SandboxedJob, token?: string): Promise<RegionJobResult> {
  return runRegionJob(job, token, JOB_NAMES.resegmentRegion, sandboxDeps());
}
