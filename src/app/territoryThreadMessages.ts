import type { PoolTerritoryJob } from '../domain/pipeline/poolTerritoryJob.js';

/**
 * What territoryThreads.ts posts to a territory worker thread: one pool's territory job (without
 * road travel, which stays in the calling thread), and its position in the batch, echoed back.
 */
export interface TerritoryThreadRequest {
  index: number;
  job: PoolTerritoryJob;
}
