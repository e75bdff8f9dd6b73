import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunPlanOptions, RunPlanResult } from '../../src/app/runPlan.js';
import { createLogger } from '../../src/log/logger.js';
import { JOB_NAMES } from '../../src/queue/jobDefinitions.js';
import { createRegionLock } from '../../src/queue/regionLock.js';
import { runRegionJob, type RegionJobHandle } from '../../src/queue/runRegionJob.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig } from './testConfig.js';

/** PLAN_THREADS reaches the job's runPlan as `threads`; unset, runPlan's default applies. */
let redis: TestRedis;
let client: Redis;
let root: string;

beforeAll(async () => {
  redis = await startTestRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  root = mkdtempSync(join(tmpdir(), 'tw-plan-threads-'));
  mkdirSync(join(root, 'regions', 'r1'), { recursive: true });
  writeFileSync(join(root, 'regions', 'r1', 'outlets.csv'), 'id\n');
});

afterAll(async () => {
  await client?.quit();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function threadsOfJob(env: Record<string, string>, jobId: string): Promise<RunPlanOptions['threads']> {
  const config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') }, env);
  let seen: RunPlanOptions | undefined;
  const handle: RegionJobHandle = {
    id: jobId,
    name: JOB_NAMES.rebuildRegion,
    data: { region: 'r1', trigger: 'test', requestedAt: new Date().toISOString() },
    attemptsMade: 0,
    updateProgress: () => Promise.resolve(),
    log: () => Promise.resolve(),
    moveToDelayed: () => Promise.resolve(),
  };
  await runRegionJob(handle, undefined, 'rebuild-region', {
    config,
    lock: createRegionLock(client, config.queuePrefix, 60_000),
    runPlan: (options) => {
      seen = options;
      return Promise.resolve({
        status: 'skipped',
        region: 'r1',
        outDir: join(root, 'out', 'r1'),
        version: null,
        planPath: null,
        inputHash: 'x',
        summary: null,
      } satisfies RunPlanResult);
    },
    logger: createLogger({ level: 'silent', role: 'test' }),
    nowMs: () => Date.now(),
  });
  expect(seen).toBeDefined();
  return seen?.threads;
}

describe('PLAN_THREADS in a worker job', () => {
  test('is passed to runPlan as threads, and left to runPlan when unset', async () => {
    expect(await threadsOfJob({ PLAN_THREADS: '3' }, 'j1')).toBe(3);
    expect(await threadsOfJob({}, 'j2')).toBeUndefined();
  });
});
