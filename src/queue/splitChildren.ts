import type { JobsOptions } from 'bullmq';
import type { SplitUnit } from '../domain/pipeline/splitUnits.js';
import type { AppConfig } from '../config/env.js';
import {
  JOB_NAMES,
  QUEUE_NAME,
  poolJobId,
  regionJobOptions,
  type PoolJobPayloadInput,
  type TerritoryJobPayload,
} from './jobDefinitions.js';

/** One cycle child of a split flow, ready for Queue.addBulk. */
export interface SplitChildJob {
  name: typeof JOB_NAMES.planRegionPool;
  data: PoolJobPayloadInput;
  opts: JobsOptions & { jobId: string };
}

/**
 * The plan-region-pool children of a split flow for `units`, in the given order (the territory
 * job passes them longest first; BullMQ hands waiting jobs out in the order they were added).
 * Each is a child of the flow's parent (`parentId`), fails it when it fails for good, and reads
 * its pool's territories from the flow's territory part. Job ids are deterministic, so a retried
 * territory job adding them again adds nothing new.
 */
export function splitChildJobs(
  config: AppConfig,
  payload: TerritoryJobPayload,
  units: readonly SplitUnit[],
): SplitChildJob[] {
  const options = regionJobOptions(config);
  return units.map(({ pool, group }) => ({
    name: JOB_NAMES.planRegionPool,
    data: {
      region: payload.region,
      mode: payload.mode,
      force: payload.force,
      trigger: payload.trigger,
      requestedAt: payload.requestedAt,
      flowId: payload.flowId,
      pool,
      ...(group.count > 1 ? { group } : {}),
      ...(payload.seed === undefined ? {} : { seed: payload.seed }),
      sharedTerritories: true,
    },
    opts: {
      ...options,
      jobId: poolJobId(payload.region, payload.flowId, pool, group),
      parent: { id: payload.parentId, queue: `${config.queuePrefix}:${QUEUE_NAME}` },
      failParentOnFailure: true,
    },
  }));
}
