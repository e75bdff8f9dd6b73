import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config/env.js';
import { createRedisClient } from '../../src/config/redisConnection.js';
import { createLogger } from '../../src/log/logger.js';
import { startProcessOps, type ProcessOps } from '../../src/ops/startProcessOps.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { findFreePort, startTestRedis, type TestRedis } from '../helpers/redis.js';
import { envOf, runCli, spawnCli } from '../queue/processes.js';
import { testConfig, waitFor, waitForFinishedJob } from '../queue/testConfig.js';

const FAKE_PROCESSOR = fileURLToPath(new URL('../queue/fixtures/fakePlanProcessor.js', import.meta.url));
const silent = createLogger({ level: 'silent', role: 'test' });

let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
let worker: WorkerHandle;
let ops: ProcessOps;

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${ops.port}${path}`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-ops-'));
  config = testConfig(
    redis.url,
    { regionsDir: join(root, 'regions'), outDir: join(root, 'out') },
    { METRICS_PORT: '0' },
  );
  mkdirSync(config.outDir, { recursive: true });
  const dir = join(config.regionsDir, 'alpha');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'outlets.csv'), 'id\n');
  writeFileSync(join(dir, 'fake.json'), JSON.stringify({ sleepMs: 300 }));
  queue = createJobQueue(config);
  worker = startWorker(config, silent, { processorFile: FAKE_PROCESSOR });
  await worker.ready;
  ops = await startProcessOps(config, silent, { role: 'worker', worker: worker.worker });
});

afterAll(async () => {
  await ops?.close();
  await worker?.stop(2_000);
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('worker health and metrics (real Redis, sandboxed worker)', () => {
  test('GET /healthz is 200 with Redis up; /metrics counts the job and times its stages', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', role: 'worker', redis: 'up' });

    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'alpha', trigger: 'test' });
    expect((await waitForFinishedJob(queue, jobId)).state).toBe('completed');
    const text = await waitFor('the completion counted', async () => {
      const body = (await get('/metrics')).text;
      return /territory_jobs_completed_total\{[^}]*status="published"[^}]*\} 1/.test(body) ? body : undefined;
    });
    expect(text).toMatch(/territory_jobs\{state="completed"[^}]*\} 1/);
    expect(text).toMatch(/territory_plan_stage_seconds_count\{[^}]*stage="territories"[^}]*\} 1/);
    expect(text).toMatch(/territory_redis_up\{[^}]*\} 1/);
    expect((await get('/nope')).status).toBe(404);
  });

  test('refuses to start on a taken port, naming METRICS_PORT', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startProcessOps({ ...config, metricsPort: port }, silent, { role: 'scheduler' }),
      ).rejects.toThrow(/METRICS_PORT.*EADDRINUSE/);
      // The worker command exits 1 instead of running unobserved.
      const started = Date.now();
      const result = await runCli(['worker'], envOf(config, { METRICS_PORT: String(port) }));
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/EADDRINUSE/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      blocker.close();
    }
  });

  test('with Redis down, /healthz still answers within 5 s and reports Redis down', async () => {
    if (redis.external) return;
    await redis.stop();
    try {
      const started = Date.now();
      const health = await get('/healthz');
      expect(Date.now() - started).toBeLessThan(5_000);
      // A short outage is tolerated (unhealthy only after 60 s without an answer).
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toMatchObject({ redis: 'down' });
      const metrics = await get('/metrics');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(metrics.text).toMatch(/territory_redis_up\{[^}]*\} 0/);
    } finally {
      await redis.restart(0);
    }
    // Back up: the next probe answers again.
    await waitFor('Redis up again', async () =>
      (JSON.parse((await get('/healthz')).text) as { redis?: string }).redis === 'up' ? true : undefined,
    );
  });
});

describe('scheduler health', () => {
  test('territory scheduler answers GET /healthz on METRICS_PORT and stops on SIGTERM', async () => {
    const port = await findFreePort();
    const scheduler = spawnCli(['scheduler'], envOf(config, { METRICS_PORT: String(port) }));
    try {
      const body = await waitFor(
        'the scheduler health endpoint',
        async () => {
          try {
            const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
              signal: AbortSignal.timeout(2_000),
            });
            return res.status === 200 ? await res.text() : undefined;
          } catch {
            return undefined;
          }
        },
        30_000,
      );
      expect(JSON.parse(body)).toMatchObject({ status: 'ok', role: 'scheduler', redis: 'up' });
    } finally {
      scheduler.child.kill('SIGTERM');
    }
    expect((await scheduler.exited).code, scheduler.output()).toBe(0);
  });
});

describe('REDIS_PASSWORD', () => {
  test('a password holding @ / : # works without URL escaping and wins over the URL', async () => {
    const port = await findFreePort();
    const password = 'p@ss/w:rd#1 %x';
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--requirepass',
        password,
      ],
      { stdio: 'ignore' },
    );
    try {
      await waitFor('password redis', async () => {
        const probe = new Redis(port, '127.0.0.1', { password, lazyConnect: true, maxRetriesPerRequest: 0 });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG' ? true : undefined;
        } catch {
          return undefined;
        } finally {
          probe.disconnect();
        }
      });
      for (const url of [`redis://127.0.0.1:${port}`, `redis://:wrong@127.0.0.1:${port}`]) {
        const client = createRedisClient(
          loadConfig({ REDIS_URL: url, REDIS_PASSWORD: password }),
          'producer',
        );
        try {
          expect(await client.ping()).toBe('PONG');
        } finally {
          client.disconnect();
        }
      }
    } finally {
      child.kill('SIGTERM');
    }
  });
});
