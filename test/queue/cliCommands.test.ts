import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import type { JobView } from '../../src/queue/jobQueue.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { createJobQueue } from '../../src/queue/jobQueue.js';
import { envOf, runCli, spawnFakeWorker } from './processes.js';
import { testConfig, waitFor } from './testConfig.js';

/** `territory enqueue` and `territory jobs` against a queue without workers (jobs stay waiting). */
let redis: TestRedis;
let root: string;
let config: AppConfig;

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-cli-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  mkdirSync(join(config.regionsDir, 'north'), { recursive: true });
  writeFileSync(join(config.regionsDir, 'north', 'outlets.csv'), 'id\n');
  // The fake worker's processor logs its events there.
  mkdirSync(config.outDir, { recursive: true });
});

afterAll(async () => {
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('queue CLI commands', () => {
  test('enqueue prints the job id; jobs lists it; unknown regions and kinds are refused', async () => {
    const env = envOf(config);
    const [enqueued, unknownRegion, badKind] = await Promise.all([
      runCli(['enqueue', 'resegment', '--region', 'north', '--force'], env),
      runCli(['enqueue', 'rebuild', '--region', 'south'], env),
      runCli(['enqueue', 'delete', '--region', 'north'], env),
    ]);
    expect(enqueued.code, enqueued.output).toBe(0);
    const jobId = /enqueued (\S+)/.exec(enqueued.output)?.[1];
    expect(jobId).toMatch(/^resegment:north:\d+-[0-9a-f]+$/);
    expect(unknownRegion.code).toBe(1);
    expect(unknownRegion.output).toMatch(/unknown region "south"/);
    expect(badKind.code).toBe(2);
    expect(badKind.output).toMatch(/unknown job kind "delete"/);

    const [json, table] = await Promise.all([
      runCli(['jobs', '--region', 'north', '--json'], env),
      runCli(['jobs'], env),
    ]);
    expect(json.code, json.output).toBe(0);
    const jobs = JSON.parse(json.output) as JobView[];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: jobId,
      name: 'resegment-region',
      state: 'waiting',
      force: true,
      trigger: 'cli',
    });
    expect(table.output).toMatch(/^id\s+job\s+region\s+state/m);
    expect(table.output).toContain(jobId);
    // Times carry their zone (UTC, Z), next to job ids dated in a schedule's zone.
    const row = table.output.split('\n').find((line) => line.includes(jobId!)) ?? '';
    expect(row).toMatch(/\s\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ(\s|$)/);
  });

  test('enqueue --wait with no worker connected says so and exits 1 (the job stays queued)', async () => {
    const started = Date.now();
    const r = await runCli(['enqueue', 'rebuild', '--region', 'north', '--wait'], envOf(config));
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(
      /^error: no worker is connected to queue prefix "t[0-9a-f]+" at redis:\/\/127\.0\.0\.1:\d+: job rebuild:north:\S+ stays waiting/m,
    );
    // 5 s without a worker, plus the process start.
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 40_000);

  test('enqueue --wait --timeout waits for a worker up to the timeout, warning that none is connected', async () => {
    const r = await runCli(
      ['enqueue', 'rebuild', '--region', 'north', '--wait', '--timeout', '2'],
      envOf(config),
    );
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(/^warning: no worker is connected to queue prefix/m);
    expect(r.output).toMatch(
      /^error: job rebuild:north:\S+ did not finish within 2 s \(state waiting\); it stays in the queue$/m,
    );
  }, 40_000);

  test('--timeout must be a positive number of seconds and needs --wait (usage errors)', async () => {
    const env = envOf(config);
    const [bad, alone] = await Promise.all([
      runCli(['enqueue', 'rebuild', '--region', 'north', '--wait', '--timeout', 'soon'], env),
      runCli(['enqueue', 'rebuild', '--region', 'north', '--timeout', '5'], env),
    ]);
    expect(bad.code, bad.output).toBe(2);
    expect(bad.output).toMatch(/--timeout.*must be a number of seconds/);
    expect(alone.output).toMatch(/--timeout needs --wait/);
  });

  test('enqueue --wait with a worker connected waits for the result', async () => {
    const env = envOf(config);
    const worker = spawnFakeWorker(env);
    const queue = createJobQueue(config);
    try {
      expect(
        await waitFor('the worker to connect', async () =>
          (await queue.workerCount()) > 0 ? true : undefined,
        ),
      ).toBe(true);
      const r = await runCli(['enqueue', 'rebuild', '--region', 'north', '--wait'], env);
      expect(r.code, r.output).toBe(0);
      expect(r.output).toMatch(/^rebuild:north:\S+: /m);
      expect(r.output).not.toMatch(/no worker/);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
      await queue.close();
    }
  }, 60_000);
});
