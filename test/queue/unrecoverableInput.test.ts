import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { createLogger } from '../../src/log/logger.js';
import { JOB_NAMES, regionJobOptions } from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig, waitForFinishedJob } from './testConfig.js';

/**
 * Issue item 6: input errors a retry cannot change fail the job at once (UnrecoverableError
 * through the thread boundary), with the reason as the job's failedReason; transient errors are
 * still retried. Runs the real sandboxed processor (jobs/tsxProcessor.js) with 3 attempts.
 */
const REAL_PROCESSOR = fileURLToPath(new URL('../../jobs/tsxProcessor.js', import.meta.url));
const SLOW_PROCESSOR = fileURLToPath(new URL('./fixtures/slowPlanProcessor.js', import.meta.url));

let redis: TestRedis;
let root: string;
const queues: JobQueue[] = [];
const workers: WorkerHandle[] = [];

function setUp(
  processorFile: string,
  name: string,
): { config: AppConfig; queue: JobQueue; worker: WorkerHandle } {
  const config = testConfig(
    redis.url,
    { regionsDir: join(root, name, 'regions'), outDir: join(root, name, 'out') },
    { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '100' },
  );
  mkdirSync(config.regionsDir, { recursive: true });
  mkdirSync(config.outDir, { recursive: true });
  const queue = createJobQueue(config);
  const worker = startWorker(config, createLogger({ level: 'silent', role: 'test' }), { processorFile });
  queues.push(queue);
  workers.push(worker);
  return { config, queue, worker };
}

function writeRegion(config: AppConfig, name: string, extra: Record<string, string> = {}): void {
  const dir = join(config.regionsDir, name);
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: 60, reps: 5, seed: 3, name });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
  for (const [file, content] of Object.entries(extra)) writeFileSync(join(dir, file), content);
}

let real: ReturnType<typeof setUp>;
let gate: ReturnType<typeof setUp>;

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-unrecoverable-'));
  real = setUp(REAL_PROCESSOR, 'real');
  gate = setUp(SLOW_PROCESSOR, 'gate');
  writeRegion(real.config, 'bad-policy', { 'policy.json': JSON.stringify({ noSuchKey: 1 }) });
  writeRegion(real.config, 'no-outlets');
  rmSync(join(real.config.regionsDir, 'no-outlets', 'outlets.csv'));
  writeRegion(gate.config, 'refused', { 'slow.json': JSON.stringify({ gateError: true }) });
  await Promise.all(workers.map((w) => w.ready));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop(2_000)));
  await Promise.all(queues.map((q) => q.close()));
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('deterministic input errors fail the job at once (real sandboxed worker)', () => {
  test('an invalid policy.json: one attempt, the reason names the policy', async () => {
    const { jobId } = await real.queue.enqueue({ kind: 'rebuild', region: 'bad-policy', trigger: 'test' });
    const view = await waitForFinishedJob(real.queue, jobId, { logs: 20 });
    expect(view.state).toBe('failed');
    expect(view.attemptsMade).toBe(1);
    expect(view.error).toMatch(/policy/);
    expect(view.error).toMatch(/noSuchKey/);
    expect(view.logs?.some((l) => l.includes('not retried'))).toBe(true);
  });

  test('a missing outlets.csv: one attempt, the reason names the file', async () => {
    const { jobId } = await real.queue.enqueue({ kind: 'resegment', region: 'no-outlets', trigger: 'test' });
    const view = await waitForFinishedJob(real.queue, jobId);
    expect(view.state).toBe('failed');
    expect(view.attemptsMade).toBe(1);
    expect(view.error).toMatch(/outlets\.csv/);
  });

  test('a missing region folder: one attempt', async () => {
    const job = await real.queue.queue.add(
      JOB_NAMES.rebuildRegion,
      { region: 'gone', trigger: 'test', requestedAt: new Date().toISOString() },
      regionJobOptions(real.config),
    );
    const view = await waitForFinishedJob(real.queue, job.id!);
    expect(view.state).toBe('failed');
    expect(view.attemptsMade).toBe(1);
    expect(view.error).toMatch(/unknown region "gone"/);
  });

  test('a plan refused by the publish gate: one attempt, the gate reasons kept', async () => {
    const { jobId } = await gate.queue.enqueue({ kind: 'rebuild', region: 'refused', trigger: 'test' });
    const view = await waitForFinishedJob(gate.queue, jobId);
    expect(view.state).toBe('failed');
    expect(view.attemptsMade).toBe(1);
    expect(view.error).toMatch(/failed the publish gate/);
    expect(view.error).toMatch(/fixture: plan refused/);
  });
});
