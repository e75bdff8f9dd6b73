import type { SandboxedJob } from 'bullmq';
import type { TerritoryJobResult } from '../src/queue/jobDefinitions.js';
import { runTerritoryJob } from '../src/queue/runTerritoryJob.js';
import { sandboxDeps, sandboxQueue } from './sandboxContext.js';

/**
 * Processor of `plan-region-territories`: the first step of a split flow. Draws every pool's
 * territories once into territory parts, then adds the flow's cycle children (longest first).
 */
export default async function planRegionTerritories(job: SandboxedJob): Promise<TerritoryJobResult> {
  const { config, logger, nowMs } = sandboxDeps();
  return runTerritoryJob(job, {
    config,
    logger,
    nowMs,
    addChildren: async (children) => {
      await sandboxQueue().addBulk(children.map((c) => ({ name: c.name, data: c.data, opts: c.opts })));
    },
  });
}
