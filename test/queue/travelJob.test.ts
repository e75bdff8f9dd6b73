import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { createLogger } from '../../src/log/logger.js';
import type { RegionJobResult } from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { findFreePort, startTestRedis, type TestRedis } from '../helpers/redis.js';
import { startFakeRoadServer, type FakeRoadServer } from '../io/travel/fakeRoadServer.js';
import { testConfig, waitForFinishedJob } from './testConfig.js';

/**
 * Road travel in a real sandboxed worker (jobs/tsxProcessor.js): the job's return value reports
 * the provider's queries and the cache hit rate, and an unreachable provider fails the job with
 * a message naming it while `current` stays untouched. The sandbox reads TRAVEL_* from the
 * worker's environment, set here before the worker starts.
 */
const REAL_PROCESSOR = fileURLToPath(new URL('../../jobs/tsxProcessor.js', import.meta.url));

let redis: TestRedis;
let server: FakeRoadServer;
let root: string;
let config: AppConfig;
let queue: JobQueue;
let worker: WorkerHandle;
const saved = { ...process.env };

function writeRegion(name: string, travel: Record<string, unknown>): void {
  const dir = join(config.regionsDir, name);
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: 60, reps: 4, seed: 3, name });
  // Moved to 10 E, the fake network's mainland (east of 11 E is its island).
  const outlets = region.outlets.map((o) => ({ ...o, lon: o.lon - 109 }));
  const reps = region.reps.map((r) => ({ ...r, homeLon: r.homeLon - 109 }));
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(reps));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify({ travel }));
}

beforeAll(async () => {
  [redis, server] = await Promise.all([startTestRedis(), startFakeRoadServer()]);
  root = mkdtempSync(join(tmpdir(), 'tw-travel-job-'));
  config = testConfig(
    redis.url,
    { regionsDir: join(root, 'regions'), outDir: join(root, 'out') },
    { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '100' },
  );
  mkdirSync(config.outDir, { recursive: true });
  Object.assign(process.env, {
    TRAVEL_OSRM_URL: server.url,
    TRAVEL_VALHALLA_URL: `http://127.0.0.1:${await findFreePort()}`,
    TRAVEL_RETRIES: '0',
    TRAVEL_CACHE: 'disk',
  });
  writeRegion('roads', { provider: 'osrm' });
  writeRegion('down', { provider: 'valhalla' });
  queue = createJobQueue(config);
  worker = startWorker(config, createLogger({ level: 'silent', role: 'test' }), {
    processorFile: REAL_PROCESSOR,
  });
  await worker.ready;
});

afterAll(async () => {
  await worker?.stop(2_000);
  await queue?.close();
  await Promise.all([redis?.stop(), server?.close()]);
  for (const key of ['TRAVEL_OSRM_URL', 'TRAVEL_VALHALLA_URL', 'TRAVEL_RETRIES', 'TRAVEL_CACHE'])
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a region job on road travel times', () => {
  test('returns the queries and the cache hit rate: cold, then warm from the cache', async () => {
    const first = await queue.enqueue({ kind: 'rebuild', region: 'roads', trigger: 'test' });
    const cold = await waitForFinishedJob(queue, first.jobId);
    expect(cold.state, cold.error ?? '').toBe('completed');
    const coldTravel = (cold.result as RegionJobResult).travel;
    expect(coldTravel).toMatchObject({
      provider: 'osrm',
      profile: 'driving',
      fellBack: false,
      cacheHitRate: 0,
    });
    expect(coldTravel?.stats.requests).toBeGreaterThan(0);
    expect(coldTravel?.cache).toMatchObject({ backend: 'disk', evicted: 0 });

    const second = await queue.enqueue({ kind: 'rebuild', region: 'roads', trigger: 'test', force: true });
    const warm = await waitForFinishedJob(queue, second.jobId);
    expect(warm.state, warm.error ?? '').toBe('completed');
    const warmTravel = (warm.result as RegionJobResult).travel;
    expect(warmTravel).toMatchObject({ cacheHitRate: 1, stats: { requests: 0, pairs: 0 } });
  });

  test('fails with the provider named when it is unreachable, and publishes nothing', async () => {
    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'down', trigger: 'test' });
    const view = await waitForFinishedJob(queue, jobId);
    expect(view.state).toBe('failed');
    expect(view.error).toMatch(/travel provider valhalla at http:\/\/127\.0\.0\.1:\d+/);
    expect(existsSync(join(config.outDir, 'down', 'current'))).toBe(false);
  });
});
