import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPlan, type RunPlanOptions } from '../../src/app/runPlan.js';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { currentVersion, listVersions } from '../../src/io/publish/publishVersion.js';
import { createLogger } from '../../src/log/logger.js';
import { JOB_NAMES, QUEUE_NAME } from '../../src/queue/jobDefinitions.js';
import { createRegionLock } from '../../src/queue/regionLock.js';
import { runRegionJob, type RegionJobDeps, type RegionJobHandle } from '../../src/queue/runRegionJob.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig } from './testConfig.js';

/**
 * Issue item 10 (job layer): a job whose earlier attempt published, then failed before it could
 * complete, is skipped on the retry; its result must still name the version, and say an earlier
 * attempt of the job published it. A skipped plan removes what killed publishes left behind.
 */
let redis: TestRedis;
let client: Redis;
let root: string;
let config: AppConfig;

function writeRegion(name: string): void {
  const dir = join(config.regionsDir, name);
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: 60, reps: 5, seed: 9, name });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
}

function handle(id: string, region: string, attemptsMade: number): RegionJobHandle {
  return {
    id,
    name: JOB_NAMES.rebuildRegion,
    data: { region, trigger: 'test', requestedAt: new Date().toISOString() },
    attemptsMade,
    updateProgress: () => Promise.resolve(),
    log: () => Promise.resolve(),
    moveToDelayed: () => Promise.resolve(),
  };
}

function deps(run: RegionJobDeps['runPlan'] = runPlan): RegionJobDeps {
  return {
    config,
    lock: createRegionLock(client, config.queuePrefix, 60_000),
    runPlan: run,
    logger: createLogger({ level: 'silent', role: 'test' }),
    nowMs: () => Date.now(),
  };
}

/** Gives `jobId` a BullMQ job lock with `token`, as the worker does for a running attempt. */
async function own(jobId: string, token: string): Promise<void> {
  await client.set(`${config.queuePrefix}:${QUEUE_NAME}:${jobId}:lock`, token, 'PX', 30_000);
}

beforeAll(async () => {
  redis = await startTestRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  root = mkdtempSync(join(tmpdir(), 'tw-skipped-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  writeRegion('retried');
  writeRegion('leftovers');
});

afterAll(async () => {
  await client?.quit();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('skipped results name the version', () => {
  test('the retry of a job whose first attempt published names that version and the attempt', async () => {
    const jobId = 'rebuild:retried:2026-12-01';
    await own(jobId, 'T1');
    // Attempt 1 publishes, then fails before it can complete (e.g. Redis went away).
    const crashAfterPublish = async (options: RunPlanOptions) => {
      await runPlan(options);
      throw new Error('connection lost after the publish');
    };
    await expect(
      runRegionJob(handle(jobId, 'retried', 0), 'T1', 'rebuild-region', deps(crashAfterPublish)),
    ).rejects.toThrow(/connection lost/);
    const regionOut = join(config.outDir, 'retried');
    const published = await currentVersion(regionOut);
    expect(published).not.toBeNull();

    await own(jobId, 'T2');
    const retry = await runRegionJob(handle(jobId, 'retried', 1), 'T2', 'rebuild-region', deps());
    expect(retry).toMatchObject({
      status: 'skipped',
      version: published,
      planPath: join(regionOut, 'versions', published!, 'plan.json'),
      publishedBy: { jobId, attempt: 1 },
      publishedByEarlierAttempt: true,
    });
    expect(existsSync(retry.planPath!)).toBe(true);

    // Another job skipped on the same inputs names the version and its publisher too.
    await own('rebuild:retried:2026-12-02', 'U1');
    const next = await runRegionJob(
      handle('rebuild:retried:2026-12-02', 'retried', 0),
      'U1',
      'rebuild-region',
      deps(),
    );
    expect(next).toMatchObject({
      status: 'skipped',
      version: published,
      publishedBy: { jobId, attempt: 1 },
      publishedByEarlierAttempt: false,
    });
    expect((await listVersions(regionOut)).length).toBe(1);
  });

  test('a skipped plan removes staging folders and trash of killed publishes', async () => {
    const regionOut = join(config.outDir, 'leftovers');
    const first = await runPlan({
      regionDir: join(config.regionsDir, 'leftovers'),
      outDir: regionOut,
      mode: 'rebuild',
    });
    expect(first.status).toBe('published');

    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    const dead = join(regionOut, '.staging', `${first.version}.${host}.${exited}.0123abcd`);
    // A thread terminated mid-publish inside a process that still runs: judged by age.
    const old = join(regionOut, '.staging', `${first.version}.${host}.${process.pid}.4567cdef`);
    const trash = join(regionOut, '.trash', `${first.version}.${host}.${exited}.89abcdef`);
    for (const dir of [dead, old, trash]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'plan.json'), '{}');
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    const fresh = join(regionOut, '.staging', `${first.version}.${host}.${process.pid}.fedcba98`);
    mkdirSync(fresh);

    const skipped = await runPlan({
      regionDir: join(config.regionsDir, 'leftovers'),
      outDir: regionOut,
      mode: 'rebuild',
    });
    expect(skipped.status).toBe('skipped');
    expect(skipped.version).toBe(first.version);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(join(regionOut, '.trash'))).toBe(false);
    // A recent staging folder of a live process may be a publish in progress: kept.
    expect(existsSync(fresh)).toBe(true);
  });
});
