import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { JOB_NAMES } from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue, type JobView } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig, waitFor, waitForFinishedJob } from './testConfig.js';

const FAKE_PROCESSOR = fileURLToPath(new URL('./fixtures/fakePlanProcessor.js', import.meta.url));

let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
let worker: WorkerHandle;

function makeRegion(name: string, fake: object, withOutlets = true): void {
  const dir = join(config.regionsDir, name);
  mkdirSync(dir, { recursive: true });
  if (withOutlets) writeFileSync(join(dir, 'outlets.csv'), 'id\n');
  writeFileSync(join(dir, 'fake.json'), JSON.stringify(fake));
}

interface Interval {
  region: string;
  start: number;
  end: number;
}

function intervals(): Interval[] {
  const lines = readFileSync(join(config.outDir, 'events.log'), 'utf8').trim().split('\n');
  const open = new Map<string, number[]>();
  const out: Interval[] = [];
  for (const line of lines) {
    const [kind, region = '', at = '0'] = line.split(' ');
    const starts = open.get(region) ?? [];
    if (kind === 'start') open.set(region, [...starts, Number(at)]);
    else {
      out.push({ region, start: starts.shift() ?? 0, end: Number(at) });
      open.set(region, starts);
    }
  }
  return out;
}

async function finished(id: string): Promise<JobView> {
  return waitForFinishedJob(queue, id);
}

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-worker-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  mkdirSync(config.outDir, { recursive: true });
  makeRegion('alpha', { sleepMs: 700, busyMs: 300 });
  // beta runs long enough to overlap one of alpha's two runs even when a thread starts late under load.
  makeRegion('beta', { sleepMs: 2_000 });
  makeRegion('gamma', {}, false);
  queue = createJobQueue(config);
  worker = startWorker(config, createLogger({ level: 'silent', role: 'test' }), {
    processorFile: FAKE_PROCESSOR,
  });
  await worker.ready;
});

afterAll(async () => {
  await worker?.stop(2_000);
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('worker (sandboxed threads, fake pipeline)', () => {
  test('a job reports stage progress and log lines and returns its summary', async () => {
    const seen: unknown[] = [];
    const onProgress = (_job: unknown, progress: unknown): void => void seen.push(progress);
    worker.worker.on('progress', onProgress);
    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'beta', trigger: 'test' });
    const view = await finished(jobId);
    worker.worker.off('progress', onProgress);
    expect(view.state).toBe('completed');
    expect(view.name).toBe(JOB_NAMES.rebuildRegion);
    expect(view.result).toMatchObject({
      status: 'published',
      region: 'beta',
      mode: 'rebuild',
      version: 'fake',
    });
    expect(view.progress).toEqual({ stage: 'done', percent: 100 });
    expect(seen).toContainEqual({ stage: 'territories', percent: 32 });
    expect(view.logs?.some((l) => l.includes('fake plan done'))).toBe(true);
    expect(view.durationMs).toBeGreaterThan(0);
  });

  test('two jobs of one region never overlap while another region runs alongside', async () => {
    writeFileSync(join(config.outDir, 'events.log'), '');
    const ids = [
      (await queue.enqueue({ kind: 'rebuild', region: 'alpha', trigger: 'test', force: true })).jobId,
      (await queue.enqueue({ kind: 'resegment', region: 'alpha', trigger: 'test' })).jobId,
      (await queue.enqueue({ kind: 'rebuild', region: 'beta', trigger: 'test' })).jobId,
    ];
    const views = await Promise.all(ids.map(finished));
    expect(views.map((v) => v.state)).toEqual(['completed', 'completed', 'completed']);
    const all = intervals();
    const alpha = all.filter((i) => i.region === 'alpha').sort((a, b) => a.start - b.start);
    const beta = all.filter((i) => i.region === 'beta');
    expect(alpha).toHaveLength(2);
    expect(beta).toHaveLength(1);
    expect(alpha[1]!.start).toBeGreaterThanOrEqual(alpha[0]!.end);
    // beta overlaps one of the alpha runs: regions plan in parallel.
    const b = beta[0]!;
    expect(alpha.some((a) => a.start < b.end && b.start < a.end)).toBe(true);
  });

  test('a failing job is retried per policy and fails with a readable reason', async () => {
    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'gamma', trigger: 'test' });
    const view = await finished(jobId);
    expect(view.state).toBe('failed');
    expect(view.attemptsMade).toBe(2);
    expect(view.error).toMatch(/outlets\.csv: file not found/);
  });

  test('an invalid payload fails at once without retries', async () => {
    const job = await queue.queue.add(
      JOB_NAMES.rebuildRegion,
      { region: '../etc', trigger: 'test' },
      { attempts: 3 },
    );
    const view = await finished(job.id!);
    expect(view.state).toBe('failed');
    expect(view.attemptsMade).toBe(1);
    expect(view.error).toMatch(/invalid rebuild-region payload/);
  });

  test.skipIf(process.env.REDIS_URL)(
    'reconnects after Redis restarts while idle and runs the next job',
    async () => {
      await redis.restart(1_500);
      const { jobId } = await waitFor('enqueue after restart', async () => {
        try {
          return await queue.enqueue({ kind: 'rebuild', region: 'beta', trigger: 'test' });
        } catch {
          return undefined;
        }
      });
      const view = await finished(jobId);
      expect(view.state).toBe('completed');
    },
  );
});
