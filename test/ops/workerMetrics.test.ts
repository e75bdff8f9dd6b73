import { EventEmitter } from 'node:events';
import type { Job, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createWorkerMetrics } from '../../src/ops/workerMetrics.js';

/** The value of the sample `name` whose labels include `labels` (label order is prom-client's business). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map<string, string>();
    for (const m of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) found.set(m[1] ?? '', m[2] ?? '');
    if (Object.entries(labels).every(([k, v]) => found.get(k) === v)) return Number(match[3]);
  }
  return undefined;
}

/** The few fields of a BullMQ job the metrics read. */
function fakeJob(id: string, attemptsMade = 0, attempts = 3): Job {
  return { id, name: 'rebuild-region', attemptsMade, opts: { attempts } } as unknown as Job;
}

describe('createWorkerMetrics', () => {
  it('reads jobs by state and queue depth from one read of Redis per scrape', async () => {
    let reads = 0;
    const metrics = createWorkerMetrics({
      role: 'worker',
      readJobCounts: () => {
        reads += 1;
        return Promise.resolve({
          waiting: 4,
          delayed: 2,
          prioritized: 1,
          active: 1,
          completed: 9,
          failed: 3,
        });
      },
    });
    const text = await metrics.registry.metrics();
    expect(reads).toBe(1);
    expect(sample(text, 'territory_jobs', { state: 'waiting', role: 'worker' })).toBe(4);
    expect(sample(text, 'territory_jobs', { state: 'failed' })).toBe(3);
    expect(sample(text, 'territory_queue_depth')).toBe(7);
    expect(sample(text, 'territory_redis_up')).toBe(1);
    expect(text).toContain('territory_process_cpu_user_seconds_total');
  });

  it('keeps the last counts and reports Redis down when a read fails or hangs', async () => {
    let fail = false;
    const metrics = createWorkerMetrics({
      role: 'worker',
      countsTimeoutMs: 50,
      readJobCounts: () => (fail ? new Promise(() => undefined) : Promise.resolve({ waiting: 5 })),
    });
    await metrics.registry.metrics();
    fail = true;
    const started = Date.now();
    const text = await metrics.registry.metrics();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(sample(text, 'territory_jobs', { state: 'waiting' })).toBe(5);
    expect(sample(text, 'territory_redis_up')).toBe(0);
  });

  it('times stages from progress events and counts completions, failures and publish failures', async () => {
    const metrics = createWorkerMetrics({ role: 'worker' });
    const worker = new EventEmitter();
    metrics.observeWorker(worker as unknown as Worker);
    const a = fakeJob('a');
    worker.emit('progress', a, { stage: 'load', percent: 1 });
    worker.emit('progress', a, { stage: 'cycle', percent: 50 });
    worker.emit('progress', a, { stage: 'cycle', percent: 60 });
    worker.emit('progress', a, { stage: 'publish', percent: 96 });
    worker.emit('completed', a, { status: 'published', durationMs: 1500 });
    const b = fakeJob('b', 1, 3);
    worker.emit('progress', b, { stage: 'publish', percent: 96 });
    worker.emit('failed', b, Object.assign(new Error('gate'), { name: 'PublishGateError' }));
    const c = fakeJob('c', 1, 3);
    worker.emit('failed', c, Object.assign(new Error('bad input'), { name: 'UnrecoverableError' }));
    const text = await metrics.registry.metrics();
    const job = 'rebuild-region';
    expect(sample(text, 'territory_plan_stage_seconds_count', { job, stage: 'load' })).toBe(1);
    expect(sample(text, 'territory_plan_stage_seconds_count', { job, stage: 'cycle' })).toBe(1);
    expect(sample(text, 'territory_plan_stage_seconds_count', { job, stage: 'publish' })).toBe(2);
    expect(sample(text, 'territory_plan_duration_seconds_sum', { job, status: 'published' })).toBe(1.5);
    expect(sample(text, 'territory_jobs_completed_total', { job, status: 'published' })).toBe(1);
    expect(
      sample(text, 'territory_job_failures_total', { job, reason: 'PublishGateError', final: 'false' }),
    ).toBe(1);
    expect(
      sample(text, 'territory_job_failures_total', { job, reason: 'UnrecoverableError', final: 'true' }),
    ).toBe(1);
    expect(sample(text, 'territory_publish_failures_total', { job })).toBe(1);
    // No Redis reader: the queue gauges are not exported by this process.
    expect(text).not.toContain('territory_jobs{');
  });
});
