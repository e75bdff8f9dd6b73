import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { localDate } from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startScheduler } from '../../src/queue/startScheduler.js';
import { loadSchedules } from '../../src/config/schedules.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { envOf, spawnCli } from './processes.js';
import { testConfig, waitFor } from './testConfig.js';

let redis: TestRedis;
let root: string;
let config: AppConfig;

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-sched-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  for (const region of ['north', 'south']) {
    mkdirSync(join(config.regionsDir, region), { recursive: true });
    writeFileSync(join(config.regionsDir, region, 'outlets.csv'), 'id\n');
  }
});

afterAll(async () => {
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('scheduler', () => {
  test('two schedulers firing the same minute enqueue one job per region', async () => {
    const logger = createLogger({ level: 'silent', role: 'test' });
    const queues: JobQueue[] = [createJobQueue(config), createJobQueue(config)];
    const schedules = [{ region: 'north', cron: '0 2 * * *', timezone: 'Asia/Shanghai' }];
    const [a, b] = queues.map((q) => startScheduler(schedules, q, logger));
    const at = new Date('2025-06-01T18:00:00Z');
    await Promise.all([a!.fire('north', at), b!.fire('north', at), a!.fire('north', at)]);
    const jobs = await queues[0]!.queue.getJobs(['waiting']);
    expect(jobs.map((j) => j.id)).toEqual(['rebuild:north:2025-06-02']);
    await a!.stop();
    await b!.stop();
    await queues[0]!.queue.obliterate({ force: true });
    await Promise.all(queues.map((q) => q.close()));
  });

  test('split schedules: two schedulers firing the same minute add one flow (one parent, one child per pool)', async () => {
    const logger = createLogger({ level: 'silent', role: 'test' });
    const queues: JobQueue[] = [createJobQueue(config), createJobQueue(config)];
    const schedules = [{ region: 'north', cron: '0 2 * * *', timezone: 'Asia/Shanghai', split: true }];
    const poolsOf = (): Promise<string[]> => Promise.resolve(['A', 'B', 'C', 'D']);
    const [a, b] = queues.map((q) => startScheduler(schedules, q, logger, { poolsOf }));
    const at = new Date('2025-06-01T18:00:00Z');
    await Promise.all([a!.fire('north', at), b!.fire('north', at), a!.fire('north', at)]);
    const queue = queues[0]!.queue;
    const parents = await queue.getJobs(['waiting-children']);
    expect(parents.map((j) => j.id)).toEqual(['rebuild:north:2025-06-02']);
    expect((parents[0]!.data as { split?: { pools: string[] } }).split?.pools).toEqual(['A', 'B', 'C', 'D']);
    const children = (await queue.getJobs(['waiting'])).map((j) => j.id).sort();
    expect(children).toEqual(['A', 'B', 'C', 'D'].map((p) => `pool:north:${at.getTime()}-sched-${p}`));
    // A pool list that cannot be read still gets the region rebuilt, as one job.
    const c = startScheduler(
      [{ region: 'south', cron: '0 2 * * *', timezone: 'Asia/Shanghai', split: true }],
      queues[1]!,
      logger,
      { poolsOf: () => Promise.reject(new Error('policy.json: not valid JSON')) },
    );
    await c.fire('south', at);
    expect((await queue.getJobs(['waiting'])).map((j) => j.id)).toContain('rebuild:south:2025-06-02');
    await Promise.all([a!.stop(), b!.stop(), c.stop()]);
    await queue.obliterate({ force: true });
    await Promise.all(queues.map((q) => q.close()));
  });

  test('reloads pick up a new region folder and drop a removed one', async () => {
    const logger = createLogger({ level: 'silent', role: 'test' });
    const queue = createJobQueue(config);
    const scheduler = startScheduler(await loadSchedules(config), queue, logger, {
      load: () => loadSchedules(config),
    });
    expect(scheduler.schedules.map((s) => s.region)).toEqual(['north', 'south']);
    expect(await scheduler.reload()).toBe(false);
    mkdirSync(join(config.regionsDir, 'east'));
    writeFileSync(join(config.regionsDir, 'east', 'outlets.csv'), 'id\n');
    writeFileSync(
      join(config.regionsDir, 'schedules.json'),
      JSON.stringify({ regions: { south: { enabled: false } } }),
    );
    expect(await scheduler.reload()).toBe(true);
    expect(scheduler.schedules.map((s) => s.region)).toEqual(['east', 'north']);
    // A broken file keeps the schedules in force.
    writeFileSync(join(config.regionsDir, 'schedules.json'), '{');
    expect(await scheduler.reload()).toBe(false);
    expect(scheduler.schedules.map((s) => s.region)).toEqual(['east', 'north']);
    rmSync(join(config.regionsDir, 'schedules.json'));
    rmSync(join(config.regionsDir, 'east'), { recursive: true });
    await scheduler.stop();
    await queue.close();
  });

  test('two scheduler processes on an every-second cron enqueue each region once, then exit 0 on SIGTERM', async () => {
    const env = envOf(config, { SCHEDULE_CRON: '* * * * * *', SCHEDULE_TZ: 'Asia/Shanghai' });
    const processes = [spawnCli(['scheduler'], env), spawnCli(['scheduler'], env)];
    const queue = createJobQueue(config);
    try {
      // Both processes log every firing; wait until each has fired at least twice.
      await waitFor(
        'both schedulers to fire twice',
        () =>
          Promise.resolve(
            processes.every((p) => (p.output().match(/"region":"south".*enqueued/g) ?? []).length >= 2)
              ? true
              : undefined,
          ),
        30_000,
      );
      const ids = (await queue.queue.getJobs(['waiting'])).map((j) => j.id).sort();
      // The cron fires in Asia/Shanghai; a firing just before local midnight may add the next day's id.
      const today = localDate(new Date(), 'Asia/Shanghai');
      expect(ids.filter((id) => id?.endsWith(today))).toEqual([
        `rebuild:north:${today}`,
        `rebuild:south:${today}`,
      ]);
      const created = processes.flatMap((p) => p.output().match(/scheduled rebuild enqueued"/g) ?? []);
      expect(created.length).toBeLessThanOrEqual(ids.length);
    } finally {
      for (const p of processes) p.child.kill('SIGTERM');
      const exits = await Promise.all(processes.map((p) => p.exited));
      await queue.close();
      expect(exits.map((e) => e.code)).toEqual([0, 0]);
    }
  });
});
