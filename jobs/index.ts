import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { JOB_NAMES, type AnyJobResult } from '../src/queue/jobDefinitions.js';
import planRegionPool from './planRegionPool.js';
import planRegionTerritories from './planRegionTerritories.js';
import rebuildRegion from './rebuildRegion.js';
import resegmentRegion from './resegmentRegion.js';

/**
 * Sandboxed processor of the region-plans queue (BullMQ runs it in a worker thread, so planning
 * never blocks the worker's lock renewal). BullMQ takes one processor file per worker; this one
 * routes each job to its own processor by job name.
 */
export default async function processJob(job: SandboxedJob, token?: string): Promise<AnyJobResult> {
  switch (job.name) {
    case JOB_NAMES.rebuildRegion:
      return rebuildRegion(job, token);
    case JOB_NAMES.resegmentRegion:
      return resegmentRegion(job, token);
    case JOB_NAMES.planRegionPool:
      return planRegionPool(job);
    case JOB_NAMES.planRegionTerritories:
      return planRegionTerritories(job);
    default:
      throw new UnrecoverableError(`no processor for job name "${job.name}"`);
  }
}
