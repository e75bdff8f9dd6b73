import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { createJobQueue, type JobQueue, type JobView } from '../../src/queue/jobQueue.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { envOf, spawnFakeWorker, type CliProcess } from './processes.js';
import { testConfig, waitFor } from './testConfig.js';

let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
const started: CliProcess[] = [];
let survivor: CliProcess | null = null;

function events(region: string): string[] {
  const file = join(config.outDir, 'events.log');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.split(' ')[1] === region)
    .map((l) => l.split(' ')[0] ?? '');
}

function worker(extra: Record<string, string> = {}): CliProcess {
  const p = spawnFakeWorker(envOf(config, extra));
  started.push(p);
  return p;
}

async function ready(p: CliProcess): Promise<void> {
  await waitFor(
    'worker ready',
    () => Promise.resolve(p.output().includes('worker ready') ? true : undefined),
    30_000,
  );
}

async function state(id: string, wanted: string): Promise<JobView> {
  return waitFor(
    `job ${id} ${wanted}`,
    async () => {
      const view = await queue.getJob(id);
      return view?.state === wanted ? view : undefined;
    },
    30_000,
  );
}

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-wproc-'));
  config = testConfig(
    redis.url,
    { regionsDir: join(root, 'regions'), outDir: join(root, 'out') },
    { WORKER_CONCURRENCY: '1' },
  );
  mkdirSync(config.outDir, { recursive: true });
  writeFileSync(join(config.outDir, 'events.log'), '');
  for (const [region, sleepMs] of [
    ['killed', 2500],
    ['drained', 1500],
    ['handed', 2500],
  ] as const) {
    mkdirSync(join(config.regionsDir, region), { recursive: true });
    writeFileSync(join(config.regionsDir, region, 'outlets.csv'), 'id\n');
    writeFileSync(join(config.regionsDir, region, 'fake.json'), JSON.stringify({ sleepMs }));
  }
  queue = createJobQueue(config);
});

afterAll(async () => {
  for (const p of started) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('worker processes', () => {
  test('a worker killed with SIGKILL mid-job: another picks the job up after the stall interval; it completes once', async () => {
    const first = worker();
    await ready(first);
    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'killed', trigger: 'test' });
    await waitFor('job to start', () =>
      Promise.resolve(events('killed').includes('start') ? true : undefined),
    );
    first.child.kill('SIGKILL');
    await first.exited;
    // The survivor also serves the next test (saves a process start on a loaded CI machine).
    survivor = worker({ SHUTDOWN_GRACE_MS: '20000' });
    const view = await state(jobId, 'completed');
    expect(view.result?.status).toBe('published');
    expect(events('killed')).toEqual(['start', 'start', 'end']);
  });

  test('SIGTERM lets the running job finish within the grace period, then exits 0', async () => {
    const w = survivor ?? worker({ SHUTDOWN_GRACE_MS: '20000' });
    await ready(w);
    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'drained', trigger: 'test' });
    await state(jobId, 'active');
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    expect(exit.code).toBe(0);
    expect(w.output()).toContain('"outcome":"drained"');
    expect((await queue.getJob(jobId))?.state).toBe('completed');
  });

  test('SIGTERM past the grace period hands the job back; another worker completes it', async () => {
    const w = worker({ SHUTDOWN_GRACE_MS: '300' });
    await ready(w);
    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'handed', trigger: 'test' });
    await waitFor('job to start', () =>
      Promise.resolve(events('handed').includes('start') ? true : undefined),
    );
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    expect(exit.code).toBe(0);
    expect(w.output()).toContain('"outcome":"handed-back"');
    expect(['waiting', 'active']).toContain((await queue.getJob(jobId))?.state);
    const next = worker();
    await state(jobId, 'completed');
    expect(events('handed').filter((e) => e === 'end')).toHaveLength(1);
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
  });
});
