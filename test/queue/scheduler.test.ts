import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startScheduler } from '../../src/queue/startScheduler.js';
import { loadSchedules } from '../../src/config/schedules.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { envOf, spawnCli } from './processes.js';
import { testConfig, waitFor } from './testConfig.js';

const silent = createLogger({ level: 'silent', role: 'test' });
const NIGHTLY = { region: 'north', cron: '0 2 * * *', timezone: 'Asia/Shanghai' };
/** 02:00 in Asia/Shanghai on 2025-06-02 (and the nights before and after). */
const NIGHT = new Date('2025-06-01T18:00:00Z');
const DAY_MS = 86_400_000;
const night = (days: number): Date => new Date(NIGHT.getTime() + days * DAY_MS);
const idOf = (day: string, time = '0200'): string => `rebuild:north:${day}T${time}+0800`;

/** Ids of the queue's jobs in these states, sorted. */
async function ids(queue: JobQueue, states: Array<'waiting' | 'waiting-children'> = ['waiting']) {
  return (await queue.queue.getJobs(states)).map((j) => j.id).sort();
}

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

/** The file's configuration with a key prefix of its own (no jobs or records of other tests). */
function ownPrefix(): AppConfig {
  return testConfig(redis.url, { regionsDir: config.regionsDir, outDir: config.outDir });
}

afterAll(async () => {
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

/**
 * For tests of firing and reloading: the start-up catch-up reads the system clock, and from
 * 18:00 UTC (02:00 in Shanghai) until the 6-hour window closes it enqueued that night's real
 * slot next to the test's own (catch-up has its own tests below, on an injected clock).
 */
const NO_CATCH_UP = { catchUpMs: 0 } as const;

describe('scheduler', () => {
  test('two schedulers firing the same minute enqueue one job per region', async () => {
    const logger = createLogger({ level: 'silent', role: 'test' });
    const queues: JobQueue[] = [createJobQueue(config), createJobQueue(config)];
    const schedules = [{ region: 'north', cron: '0 2 * * *', timezone: 'Asia/Shanghai' }];
    const [a, b] = queues.map((q) => startScheduler(schedules, q, logger, NO_CATCH_UP));
    const at = new Date('2025-06-01T18:00:00Z');
    await Promise.all([a!.fire('north', at), b!.fire('north', at), a!.fire('north', at)]);
    const jobs = await queues[0]!.queue.getJobs(['waiting']);
    expect(jobs.map((j) => j.id)).toEqual(['rebuild:north:2025-06-02T0200+0800']);
    await a!.stop();
    await b!.stop();
    await queues[0]!.queue.obliterate({ force: true });
    await Promise.all(queues.map((q) => q.close()));
  });

  test('split schedules: two schedulers firing the same minute add one flow (one parent, its one territory child)', async () => {
    const logger = createLogger({ level: 'silent', role: 'test' });
    const queues: JobQueue[] = [createJobQueue(config), createJobQueue(config)];
    const schedules = [{ region: 'north', cron: '0 2 * * *', timezone: 'Asia/Shanghai', split: true }];
    const poolsOf = (): Promise<string[]> => Promise.resolve(['A', 'B', 'C', 'D']);
    const [a, b] = queues.map((q) => startScheduler(schedules, q, logger, { ...NO_CATCH_UP, poolsOf }));
    const at = new Date('2025-06-01T18:00:00Z');
    await Promise.all([a!.fire('north', at), b!.fire('north', at), a!.fire('north', at)]);
    const queue = queues[0]!.queue;
    const parents = await queue.getJobs(['waiting-children']);
    expect(parents.map((j) => j.id)).toEqual(['rebuild:north:2025-06-02T0200+0800']);
    expect((parents[0]!.data as { split?: { pools: string[] } }).split?.pools).toEqual(['A', 'B', 'C', 'D']);
    // The territory job adds the pool children when it has drawn the territories.
    const children = (await queue.getJobs(['waiting'])).map((j) => j.id).sort();
    expect(children).toEqual([`territories:north:${at.getTime()}-sched`]);
    // A pool list that cannot be read still gets the region rebuilt, as one job.
    const c = startScheduler(
      [{ region: 'south', cron: '0 2 * * *', timezone: 'Asia/Shanghai', split: true }],
      queues[1]!,
      logger,
      { ...NO_CATCH_UP, poolsOf: () => Promise.reject(new Error('policy.json: not valid JSON')) },
    );
    await c.fire('south', at);
    expect((await queue.getJobs(['waiting'])).map((j) => j.id)).toContain(
      'rebuild:south:2025-06-02T0200+0800',
    );
    await Promise.all([a!.stop(), b!.stop(), c.stop()]);
    await queue.obliterate({ force: true });
    await Promise.all(queues.map((q) => q.close()));
  });

  test('reloads pick up a new region folder and drop a removed one', async () => {
    const logger = createLogger({ level: 'silent', role: 'test' });
    const queue = createJobQueue(config);
    const scheduler = startScheduler(await loadSchedules(config), queue, logger, {
      ...NO_CATCH_UP,
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

  test('two scheduler processes on an every-second cron enqueue every slot of each region exactly once, then exit 0 on SIGTERM', async () => {
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
    } finally {
      for (const p of processes) p.child.kill('SIGTERM');
      const exits = await Promise.all(processes.map((p) => p.exited));
      expect(exits.map((e) => e.code)).toEqual([0, 0]);
    }
    try {
      // Every second is its own slot and job (rebuild:<region>:<local time with seconds>+0800)...
      const jobIds = (await ids(queue)).map(String);
      for (const region of ['north', 'south']) {
        const mine = jobIds.filter((id) => id.startsWith(`rebuild:${region}:`));
        expect(mine.length, region).toBeGreaterThanOrEqual(2);
        for (const id of mine) expect(id).toMatch(/^rebuild:[a-z]+:\d{4}-\d\d-\d\dT\d{4}(\d\d)?\+0800$/);
      }
      // ...enqueued by exactly one of the two processes (the other saw it was already there).
      const created = processes.flatMap((p) =>
        p
          .output()
          .split('\n')
          .filter((line) => line.includes('"created":true'))
          .map((line) => (JSON.parse(line) as { jobId: string }).jobId),
      );
      expect(new Set(created).size).toBe(created.length);
      expect(jobIds).toEqual(expect.arrayContaining(created));
      // A firing cut short by SIGTERM may have added its job without logging it.
      expect(created.length).toBeGreaterThanOrEqual(jobIds.length - 2);
    } finally {
      await queue.queue.obliterate({ force: true });
      await queue.close();
    }
  });

  test('a cron firing several times a day enqueues every firing (ids carry the slot time)', async () => {
    const queue = createJobQueue(ownPrefix());
    const schedules = [{ region: 'north', cron: '0 2,14 * * *', timezone: 'Asia/Shanghai' }];
    const scheduler = startScheduler(schedules, queue, silent, { catchUpMs: 0 });
    const afternoon = new Date(NIGHT.getTime() + 12 * 3_600_000);
    expect(await scheduler.fire('north', NIGHT)).toBe(true);
    expect(await scheduler.fire('north', afternoon)).toBe(true);
    expect(await scheduler.fire('north', afternoon)).toBe(true);
    expect(await ids(queue)).toEqual([idOf('2025-06-02'), idOf('2025-06-02', '1400')]);
    await scheduler.stop();
    await queue.queue.obliterate({ force: true });
    await queue.close();
  });

  test('after missed nights only the latest slot within the catch-up window is enqueued, once', async () => {
    const queue = createJobQueue(ownPrefix());
    let clock = NIGHT;
    const start = (): ReturnType<typeof startScheduler> =>
      startScheduler([NIGHTLY], queue, silent, { now: () => clock, catchUpMs: 6 * 3_600_000 });
    // A normal night: fired and recorded.
    const first = start();
    await first.fire('north', NIGHT);
    await first.stop();
    // The scheduler was down for three nights and comes back at 03:00 on the fourth morning.
    clock = new Date(night(3).getTime() + 3_600_000);
    const [a, b] = [start(), start()];
    const caught = [...(await a.catchUp()), ...(await b.catchUp())];
    expect(await ids(queue)).toEqual([idOf('2025-06-02'), idOf('2025-06-05')]);
    expect(caught.map((c) => [c.jobId, c.skipped])).toEqual([[idOf('2025-06-05'), 0]]);
    // Once: later checks find nothing to do.
    expect(await a.catchUp()).toEqual([]);
    await Promise.all([a.stop(), b.stop()]);
    // Later than the window (09:00, 7 h after the slot): nothing is enqueued for that night.
    clock = new Date(night(4).getTime() + 7 * 3_600_000);
    const late = start();
    expect(await late.catchUp()).toEqual([]);
    expect(await ids(queue)).toEqual([idOf('2025-06-02'), idOf('2025-06-05')]);
    await late.stop();
    await queue.queue.obliterate({ force: true });
    await queue.close();
  });

  test('a slot fired while Redis is down is enqueued once when Redis is back, by two schedulers', async (context) => {
    if (redis.external) context.skip();
    const own = await startTestRedis();
    const ownConfig = testConfig(
      own.url,
      { regionsDir: config.regionsDir, outDir: config.outDir },
      {
        REDIS_CONNECT_TIMEOUT_MS: '1000',
      },
    );
    const queues = [createJobQueue(ownConfig), createJobQueue(ownConfig)];
    try {
      // Scheduling began before the slot; the clock is 30 s past it.
      let clock = new Date(NIGHT.getTime() - 60_000);
      const [a, b] = queues.map((q) =>
        startScheduler([NIGHTLY], q, silent, { now: () => clock, retryMs: 200 }),
      );
      clock = new Date(NIGHT.getTime() + 30_000);
      await queues[0]!.ping();
      // Redis goes down for 3 s around the slot.
      const restarted = own.restart(3_000);
      await waitFor('Redis to be down', async () => ((await queues[0]!.ping()) ? undefined : true), 5_000);
      const started = Date.now();
      expect(await Promise.all([a!.fire('north', NIGHT), b!.fire('north', NIGHT)])).toEqual([false, false]);
      // A firing fails within the configured deadline instead of waiting for Redis.
      expect(Date.now() - started).toBeLessThan(2_500);
      await restarted;
      const caught = await waitFor(
        'the missed slot to be caught up',
        async () => {
          const jobIds = await ids(queues[0]!);
          return jobIds.length > 0 ? jobIds : undefined;
        },
        15_000,
      );
      expect(caught).toEqual([idOf('2025-06-02')]);
      // Both schedulers retried; the slot was recorded, so nothing more is enqueued. A retry may
      // still be between its (idempotent) add and the record when the job shows up: let it settle.
      await Promise.all([a!.catchUp(), b!.catchUp()]);
      expect(await a!.catchUp()).toEqual([]);
      expect(await b!.catchUp()).toEqual([]);
      expect(await ids(queues[0]!)).toEqual([idOf('2025-06-02')]);
      await Promise.all([a!.stop(), b!.stop()]);
    } finally {
      await Promise.all(queues.map((q) => q.close()));
      await own.stop();
    }
  });
});
