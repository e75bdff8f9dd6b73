import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { listVersions } from '../../src/io/publish/publishVersion.js';
import { createLogger } from '../../src/log/logger.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig, waitFor, waitForFinishedJob } from './testConfig.js';

/**
 * Issue item 3: the running job's keys disappear (FLUSHALL; a restart without persistence or a
 * failover does the same). The sandbox must end the job's thread before its slot is reused: the
 * next jobs run normally and the orphaned thread never publishes.
 */
const SLOW_PROCESSOR = fileURLToPath(new URL('./fixtures/slowPlanProcessor.js', import.meta.url));

let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
let worker: WorkerHandle;

function writeRegion(name: string, waitForGo: boolean): void {
  const dir = join(config.regionsDir, name);
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: 60, reps: 5, seed: 7, name });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
  writeFileSync(join(dir, 'slow.json'), JSON.stringify({ waitForGo }));
}

function events(region: string, kind: string): string[] {
  const file = join(config.outDir, 'events.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${kind} ${region} `));
}

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-orphan-'));
  config = testConfig(
    redis.url,
    { regionsDir: join(root, 'regions'), outDir: join(root, 'out') },
    { WORKER_CONCURRENCY: '1' },
  );
  mkdirSync(config.outDir, { recursive: true });
  writeRegion('flushed', true);
  writeRegion('next-one', false);
  writeRegion('next-two', false);
  queue = createJobQueue(config);
  worker = startWorker(config, createLogger({ level: 'silent', role: 'test' }), {
    processorFile: SLOW_PROCESSOR,
  });
  await worker.ready;
});

afterAll(async () => {
  await worker?.stop(2_000);
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.env.REDIS_URL)('a running job whose keys disappear (FLUSHALL)', () => {
  test('its thread is ended before the slot is reused; the next jobs run; it never publishes', async () => {
    await queue.enqueue({ kind: 'rebuild', region: 'flushed', trigger: 'test' });
    await waitFor('the job to plan', () =>
      Promise.resolve(events('flushed', 'start').length >= 1 ? true : undefined),
    );
    const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    await admin.flushall();
    await admin.quit();
    // Give the worker time to notice (progress updates and lock renewal fail), then let an
    // orphaned thread, if any, go on to publish.
    await new Promise((r) => setTimeout(r, 2 * config.lockDurationMs));
    writeFileSync(join(config.outDir, 'go-flushed'), '');

    for (const region of ['next-one', 'next-two']) {
      const { jobId } = await queue.enqueue({ kind: 'rebuild', region, trigger: 'test' });
      const view = await waitForFinishedJob(queue, jobId, { timeoutMs: 30_000 });
      expect(view.error ?? '').not.toMatch(/not idling/);
      expect(view.state, view.error ?? '').toBe('completed');
      expect(view.result?.status).toBe('published');
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect(events('flushed', 'published')).toEqual([]);
    expect(await listVersions(join(config.outDir, 'flushed'))).toEqual([]);
  }, 60_000);
});
