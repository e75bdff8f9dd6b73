import type { SandboxedJob } from 'bullmq';
import { JOB_NAMES, type RegionJobResult } from '../src/queue/jobDefinitions.js';
import { runRegionJob } from '../src/queue/runRegionJob.js';
import { sandboxDeps } from './sandboxContext.js';

/**
 * Processor of `rebuild-region`: the nightly rebuild (tiers kept, new/closed/moved outlets
 * placed with minimal disruption). Validates the payload, runs the app-layer pipeline, returns the summary.
 */
export default async function rebuildRegion(job: SandboxedJob, token?: string): Promise<RegionJobResult> {
  return runRegionJob(job, token, JOB_NAMES.rebuildRegion, sandboxDeps());
}
