import type { PoolDraw } from '../domain/pipeline/planPool.js';
import {
  runPoolTerritoryJob,
  type PoolTerritoryJob,
  type PoolTerritoryRunner,
} from '../domain/pipeline/poolTerritoryJob.js';
import { runThreadBatch, workerEntryFile } from './threadBatch.js';
import type { TerritoryThreadRequest } from './territoryThreadMessages.js';

/**
 * The territory worker's entry file: dist/src/app/territoryWorker.js next to this module when
 * compiled; from TypeScript sources territoryWorkerTsx.js, which registers tsx in the thread
 * before loading territoryWorker.ts.
 */
export function resolveTerritoryWorkerFile(): string {
  return workerEntryFile('territoryWorker');
}

/**
 * A PoolTerritoryRunner drawing each pool's territories on a pool of `threads` worker threads
 * (never more than there are jobs), in the order of the jobs (planRegionWithCycleRunner sends the
 * largest pool first); results come back by index, so their order is the jobs' order whatever
 * the timing. A job with road travel (its model cannot cross threads) is drawn in the calling
 * thread. The first failure rejects naming the pool; every thread is terminated when the batch
 * ends, resolved or rejected.
 */
export function threadedTerritoryRunner(
  threads: number,
  workerFile = resolveTerritoryWorkerFile(),
): PoolTerritoryRunner {
  return async (jobs) => {
    const queue: number[] = [];
    const local = new Map<number, PoolDraw>();
    jobs.forEach((job, index) => {
      if (job.context.travel) local.set(index, runPoolTerritoryJob(job));
      else queue.push(index);
    });
    const results = await runThreadBatch<PoolTerritoryJob, TerritoryThreadRequest, PoolDraw>({
      workerFile,
      threads,
      jobs,
      queue,
      requestOf: (job, index) => ({ index, job }),
      nameOf: (job) => `pool ${job?.poolId ?? '?'}`,
      stage: 'territories',
      onResult: () => undefined,
    });
    for (const [index, draw] of local) results[index] = draw;
    return results.map((draw, index) => {
      if (!draw) throw new Error(`internal: no territory draw for pool ${jobs[index]?.poolId ?? '?'}`);
      return draw;
    });
  };
}
