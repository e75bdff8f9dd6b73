import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPlan } from '../../src/app/runPlan.js';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { repsOfGroup } from '../../src/domain/pipeline/splitUnits.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { outletVisitPolicy } from '../../src/domain/policy/outletVisitPolicy.js';
import { visitsPerCycle } from '../../src/domain/policy/visitFrequencies.js';
import type { SplitTimes } from '../../src/io/parts/splitTimes.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import { createLogger } from '../../src/log/logger.js';
import {
  JOB_NAMES,
  territoryJobId,
  type PoolJobResult,
  type TerritoryJobResult,
} from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig, waitForFinishedJob } from './testConfig.js';

/**
 * A split flow's territories are drawn once, by its territory job, and every cycle child reads
 * them from the territory part instead of redrawing; the children are enqueued longest first;
 * the published plan.json is byte for byte the single job's (apart from its `generatedAt`).
 */
let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
let worker: WorkerHandle;

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-split-territories-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  const dir = join(config.regionsDir, 'metro');
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: 500, reps: 10, seed: 21, name: 'metro' });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
  queue = createJobQueue(config);
  // One worker of one job: the jobs run in exactly the order they were enqueued.
  worker = startWorker({ ...config, workerConcurrency: 1 }, createLogger({ level: 'silent', role: 'test' }), {
    name: 'split-one',
  });
  await worker.ready;
});

afterAll(async () => {
  await worker?.stop(2_000);
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** plan.json with its generation time blanked (the only field two runs may differ in). */
function planBytes(path: string): string {
  return readFileSync(path, 'utf8').replace(/"generatedAt":\s*"[^"]*"/, '"generatedAt":""');
}

describe('a split flow with one territory step', () => {
  test('draws territories once, children reuse them longest first, plan.json bytes equal the single job', async () => {
    const pools = ['A', 'B', 'C', 'D'];
    const { jobId } = await queue.enqueue({
      kind: 'resegment',
      region: 'metro',
      trigger: 'test',
      publish: true,
      splitPools: pools,
      splitGroups: 2,
    });
    const view = await waitForFinishedJob(queue, jobId, { timeoutMs: 120_000 });
    expect(view.state, view.error ?? '').toBe('completed');
    expect(view.result?.status).toBe('published');
    const flowId = jobId.split(':')[2]!;

    // The territory step ran once: one territory job in the flow, one attempt, every pool drawn.
    const flowJobs = (await queue.listJobs({ region: 'metro', limit: 100 })).filter((j) =>
      j.id.includes(flowId),
    );
    const territoryJobs = flowJobs.filter((j) => j.name === JOB_NAMES.planRegionTerritories);
    expect(territoryJobs.map((j) => [j.id, j.state, j.attemptsMade])).toEqual([
      [territoryJobId('metro', flowId), 'completed', 1],
    ]);
    const step = territoryJobs[0]!.result as TerritoryJobResult;
    expect([...step.territoryPools].sort()).toEqual(pools);

    // No cycle child drew territories: every one read its pool's territory part.
    const children = flowJobs.filter((j) => j.name === JOB_NAMES.planRegionPool);
    expect(children).toHaveLength(8);
    expect(children.map((c) => (c.result as PoolJobResult).territories)).toEqual(Array(8).fill('shared'));

    // Enqueued longest first: estimates never increase, they are the units' outlet-visits in the
    // published plan, and the single worker ran the children in that order.
    const visits = step.children.map((c) => c.outletVisits);
    expect(visits).toEqual([...visits].sort((a, b) => b - a));
    expect(new Set(visits).size).toBeGreaterThan(1);
    const regionOut = join(config.outDir, 'metro');
    const plan = JSON.parse(readFileSync(join(regionOut, 'current', 'plan.json'), 'utf8')) as Plan;
    const { policy } = await loadRegion(join(config.regionsDir, 'metro'));
    const expected = step.children.map(({ pool, group }) => {
      const reps = new Set(
        repsOfGroup(
          plan.reps.filter((r) => r.pool === pool),
          group,
        ).map((r) => r.id),
      );
      return plan.outlets
        .filter((o) => o.repId !== null && reps.has(o.repId))
        .reduce(
          (sum, o) => sum + visitsPerCycle(outletVisitPolicy(o, policy).frequency, policy.cycle.weeks),
          0,
        );
    });
    expect(visits).toEqual(expected);
    const ranInOrder = [...children]
      .sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!) || 0)
      .map((c) => c.id);
    expect(ranInOrder).toEqual(step.children.map((c) => c.jobId));

    // Parts (territory parts included) are removed once published.
    expect(existsSync(join(regionOut, '.parts', flowId))).toBe(false);

    // The same inputs planned as one job write the same plan.json bytes.
    await runPlan({
      regionDir: join(config.regionsDir, 'metro'),
      outDir: join(root, 'whole'),
      mode: 'resegment',
    });
    expect(planBytes(join(regionOut, 'current', 'plan.json'))).toBe(
      planBytes(join(root, 'whole', 'current', 'plan.json')),
    );
  });

  test('the next flow orders its children by the last flow’s ms per outlet-visit of each pool', async () => {
    const regionOut = join(config.outDir, 'metro');
    const times = JSON.parse(readFileSync(join(regionOut, '.split-times.json'), 'utf8')) as SplitTimes;
    expect(Object.keys(times.pools).sort()).toEqual(['A', 'B', 'C', 'D']);
    const { jobId } = await queue.enqueue({
      kind: 'rebuild',
      region: 'metro',
      trigger: 'test',
      force: true,
      publish: true,
      splitPools: ['A', 'B', 'C', 'D'],
      splitGroups: 2,
    });
    const view = await waitForFinishedJob(queue, jobId, { timeoutMs: 120_000 });
    expect(view.state, view.error ?? '').toBe('completed');
    const step = (await queue.getJob(territoryJobId('metro', jobId.split(':')[2]!)))!
      .result as TerritoryJobResult;
    const rate = (pool: string): number => times.pools[pool]!.ms / times.pools[pool]!.outletVisits;
    expect(step.children.map((c) => c.estimatedMs)).toEqual(
      step.children.map((c) => c.outletVisits * rate(c.pool)),
    );
    const estimates = step.children.map((c) => c.estimatedMs!);
    expect(estimates).toEqual([...estimates].sort((a, b) => b - a));
  });
});
