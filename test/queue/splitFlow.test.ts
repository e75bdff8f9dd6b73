import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPlan } from '../../src/app/runPlan.js';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { currentVersion, verifyVersion } from '../../src/io/publish/publishVersion.js';
import { createLogger } from '../../src/log/logger.js';
import { JOB_NAMES, type PoolJobResult, type RegionJobResult } from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue, type JobView } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig, waitForFinishedJob } from './testConfig.js';

/**
 * A region split into one job per pool (a BullMQ flow) on two workers: the children plan the
 * pools side by side, the parent assembles and publishes, and the plan is exactly the one a
 * whole-region run makes from the same data.
 */
let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
const workers: WorkerHandle[] = [];

async function finished(id: string): Promise<JobView> {
  return waitForFinishedJob(queue, id, { timeoutMs: 90_000 });
}

function withoutTime(plan: Plan): Omit<Plan, 'generatedAt'> {
  const { generatedAt: _generatedAt, ...rest } = plan;
  return rest;
}

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-split-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  const dir = join(config.regionsDir, 'metro');
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: 500, reps: 10, seed: 21, name: 'metro' });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
  queue = createJobQueue(config);
  const logger = createLogger({ level: 'silent', role: 'test' });
  // Two workers of one job each: pools can only go in parallel across workers.
  const one = { ...config, workerConcurrency: 1 };
  workers.push(startWorker(one, logger, { name: 'split-a' }), startWorker(one, logger, { name: 'split-b' }));
  await Promise.all(workers.map((w) => w.ready));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop(2_000)));
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('a region split into one job per pool', () => {
  test('children plan the pools, the parent publishes exactly the whole-region plan, parts are removed', async () => {
    const regionOut = join(config.outDir, 'metro');
    const { jobId } = await queue.enqueue({
      kind: 'resegment',
      region: 'metro',
      trigger: 'test',
      splitPools: ['A', 'B', 'C', 'D'],
    });
    const view = await finished(jobId);
    expect(view.state, view.error ?? '').toBe('completed');
    expect(view.result?.status).toBe('published');
    const version = (view.result as RegionJobResult).version!;
    expect(await currentVersion(regionOut)).toBe(version);
    expect(await verifyVersion(regionOut, version)).toEqual([]);

    const children = (await queue.listJobs({ region: 'metro', limit: 50 })).filter(
      (j) => j.name === JOB_NAMES.planRegionPool,
    );
    expect(children.map((c) => [c.state, (c.result as PoolJobResult).pool]).sort()).toEqual([
      ['completed', 'A'],
      ['completed', 'B'],
      ['completed', 'C'],
      ['completed', 'D'],
    ]);
    expect(existsSync(join(regionOut, '.parts', jobId.split(':')[2]!))).toBe(false);

    // The same inputs planned in one process give the same plan.
    const published = JSON.parse(readFileSync(join(regionOut, 'current', 'plan.json'), 'utf8')) as Plan;
    const whole = await runPlan({
      regionDir: join(config.regionsDir, 'metro'),
      outDir: join(root, 'whole'),
      mode: 'resegment',
    });
    expect(withoutTime(published)).toEqual(withoutTime(whole.plan!));
  });

  test('pools split further into rep groups still publish exactly the whole-region plan', async () => {
    const regionOut = join(config.outDir, 'metro');
    const before = JSON.parse(readFileSync(join(regionOut, 'current', 'plan.json'), 'utf8')) as Plan;
    const { jobId } = await queue.enqueue({
      kind: 'rebuild',
      region: 'metro',
      trigger: 'test',
      force: true,
      splitPools: ['A', 'B', 'C', 'D'],
      splitGroups: 3,
    });
    const view = await finished(jobId);
    expect(view.state, view.error ?? '').toBe('completed');
    const children = (await queue.listJobs({ region: 'metro', limit: 100 })).filter((j) =>
      j.id.includes(jobId.split(':')[2]!),
    );
    expect(children.filter((j) => j.name === JOB_NAMES.planRegionPool)).toHaveLength(12);
    const published = JSON.parse(readFileSync(join(regionOut, 'current', 'plan.json'), 'utf8')) as Plan;
    // The whole-region run builds on the same previous plan the flow built on.
    writeFileSync(join(root, 'previous-groups.json'), JSON.stringify(before));
    const whole = await runPlan({
      regionDir: join(config.regionsDir, 'metro'),
      outDir: join(root, 'whole-groups'),
      previousFile: join(root, 'previous-groups.json'),
      mode: 'rebuild',
      force: true,
    });
    expect(withoutTime(published)).toEqual(withoutTime(whole.plan!));
  });

  test('an unchanged split rebuild is skipped; a split that leaves a pool out fails naming it, and nothing is published', async () => {
    const regionOut = join(config.outDir, 'metro');
    const before = await currentVersion(regionOut);
    const skipped = await finished(
      (
        await queue.enqueue({
          kind: 'rebuild',
          region: 'metro',
          trigger: 'test',
          splitPools: ['A', 'B', 'C', 'D'],
        })
      ).jobId,
    );
    expect(skipped.state, skipped.error ?? '').toBe('completed');
    expect(skipped.result?.status).toBe('skipped');

    // A pool the region does not have is refused by the parent, which names it.
    const bad = await finished(
      (
        await queue.enqueue({
          kind: 'rebuild',
          region: 'metro',
          trigger: 'test',
          force: true,
          splitPools: ['A', 'B', 'C'],
        })
      ).jobId,
    );
    expect(bad.state).toBe('failed');
    expect(bad.error).toMatch(/no plan for pool\(s\) D/);
    expect(await currentVersion(regionOut)).toBe(before);
  });
});
