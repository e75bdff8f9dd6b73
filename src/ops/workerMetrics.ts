import type { Job, Worker } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUE_NAME } from '../queue/jobDefinitions.js';

/** Job states reported by `territory_jobs`, as BullMQ's getJobCounts names them. */
export const JOB_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'] as const;

/** Reads the queue's job counts; injected so the gauge is refreshed at scrape time, bounded by the caller. */
export type JobCountsReader = () => Promise<Record<string, number>>;

export interface WorkerMetricsOptions {
  /** Role label on every metric (`worker`, `scheduler`, `serve`). */
  role: string;
  /**
   * Reads the queue's job counts at scrape time. Omitted: `territory_jobs` and
   * `territory_queue_depth` are not exported by this process.
   */
  readJobCounts?: JobCountsReader;
  /** Longest wait for the job counts at one scrape (ms). Default 2000. */
  countsTimeoutMs?: number;
}

/** The metrics of one process, on its own registry (never prom-client's global one, so tests can make several). */
export interface WorkerMetrics {
  registry: Registry;
  /** Follows a worker's job events: stage durations, plan durations, failures, published versions. */
  observeWorker(worker: Worker): void;
  /** Records whether the last Redis probe answered (1) or not (0). */
  setRedisUp(up: boolean): void;
}

/** Stage durations span a 50 ms load to a 30-minute province cycle stage. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

interface StageClock {
  stage: string;
  since: number;
}

/** The stage a job reported last, from its `{ stage, percent }` progress (runRegionJob's shape). */
function stageOf(progress: unknown): string | null {
  if (typeof progress !== 'object' || progress === null) return null;
  const stage = (progress as { stage?: unknown }).stage;
  return typeof stage === 'string' && /^[a-z-]{1,32}$/.test(stage) ? stage : null;
}

/** Error names are a small closed set in practice (UnrecoverableError, PublishGateError, ...); anything odd is `Error`. */
function reasonLabel(error: Error | undefined): string {
  const name = error?.name ?? 'Error';
  return /^[A-Za-z]{1,40}$/.test(name) ? name : 'Error';
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates the Prometheus metrics of a worker, scheduler or serve process: process defaults
 * (`territory_process_*`, `territory_nodejs_*`), Redis reachability, jobs by state and queue depth
 * (read from Redis at scrape time, at most `countsTimeoutMs`; a failed read leaves the last values
 * and sets `territory_redis_up` to 0), plan and stage durations, job failures by error name and
 * publish failures. Stage durations come from the jobs' progress events in the parent process, so
 * sandboxed threads need no metrics plumbing of their own.
 */
export function createWorkerMetrics(options: WorkerMetricsOptions): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role: options.role, queue: QUEUE_NAME });
  collectDefaultMetrics({ register: registry, prefix: 'territory_' });
  const countsTimeoutMs = options.countsTimeoutMs ?? 2_000;

  // With a counts reader the scrape's own read of Redis is the probe (collected after it).
  let refresh: (() => Promise<Record<string, number>>) | null = null;
  const redisUp = new Gauge({
    name: 'territory_redis_up',
    help: 'Whether the last Redis probe of this process answered (1) or not (0).',
    registers: [registry],
    async collect() {
      if (refresh) await refresh();
    },
  });
  redisUp.set(0);

  if (options.readJobCounts) {
    const read = options.readJobCounts;
    let last: Record<string, number> = {};
    // Both gauges are collected concurrently at one scrape: they share one read of Redis.
    let pending: Promise<Record<string, number>> | null = null;
    const readCounts = (): Promise<Record<string, number>> => {
      pending ??= withTimeout(read(), countsTimeoutMs)
        .then(
          (counts) => {
            last = counts;
            redisUp.set(1);
            return counts;
          },
          () => {
            redisUp.set(0);
            return last;
          },
        )
        .finally(() => {
          pending = null;
        });
      return pending;
    };
    refresh = readCounts;
    new Gauge({
      name: 'territory_jobs',
      help: 'Jobs in the planning queue by state (read from Redis at scrape time).',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = await readCounts();
        for (const state of JOB_STATES) this.set({ state }, counts[state] ?? 0);
      },
    });
    new Gauge({
      name: 'territory_queue_depth',
      help: 'Jobs waiting to run: waiting + prioritized + delayed (read with territory_jobs).',
      registers: [registry],
      async collect() {
        const counts = await readCounts();
        this.set((counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0));
      },
    });
  }

  const stageSeconds = new Histogram({
    name: 'territory_plan_stage_seconds',
    help: 'Time a job spent in each pipeline stage (load, segment, territories, cycle, publish, ...).',
    labelNames: ['job', 'stage'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const planSeconds = new Histogram({
    name: 'territory_plan_duration_seconds',
    help: 'Duration of completed planning jobs by job name and result status (published, skipped).',
    labelNames: ['job', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'territory_job_failures_total',
    help: 'Failed job attempts by job name, error name and whether BullMQ retries them.',
    labelNames: ['job', 'reason', 'final'],
    registers: [registry],
  });
  const publishFailures = new Counter({
    name: 'territory_publish_failures_total',
    help: 'Job attempts that failed in the publish stage or at the publish gate.',
    labelNames: ['job'],
    registers: [registry],
  });
  const completed = new Counter({
    name: 'territory_jobs_completed_total',
    help: 'Completed planning jobs by job name and result status (published, skipped).',
    labelNames: ['job', 'status'],
    registers: [registry],
  });

  function observeWorker(worker: Worker): void {
    const clocks = new Map<string, StageClock>();
    const closeStage = (job: Job): StageClock | undefined => {
      const clock = job.id === undefined ? undefined : clocks.get(job.id);
      if (clock && job.id !== undefined) {
        stageSeconds.observe({ job: job.name, stage: clock.stage }, (Date.now() - clock.since) / 1000);
        clocks.delete(job.id);
      }
      return clock;
    };
    worker.on('progress', (job, progress) => {
      const stage = stageOf(progress);
      if (job.id === undefined || stage === null || stage === 'done') return;
      const clock = clocks.get(job.id);
      if (clock?.stage === stage) return;
      if (clock)
        stageSeconds.observe({ job: job.name, stage: clock.stage }, (Date.now() - clock.since) / 1000);
      clocks.set(job.id, { stage, since: Date.now() });
    });
    worker.on('completed', (job, result: unknown) => {
      closeStage(job);
      const r = (result ?? {}) as { status?: unknown; durationMs?: unknown };
      const status = typeof r.status === 'string' ? r.status : 'unknown';
      completed.inc({ job: job.name, status });
      if (typeof r.durationMs === 'number')
        planSeconds.observe({ job: job.name, status }, r.durationMs / 1000);
    });
    worker.on('failed', (job, error) => {
      if (!job) return;
      // A region-busy re-delay is not a failure (BullMQ does not emit 'failed' for DelayedError).
      const clock = closeStage(job);
      const reason = reasonLabel(error);
      const final = reason === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      failures.inc({ job: job.name, reason, final: String(final) });
      if (clock?.stage === 'publish' || reason === 'PublishGateError') publishFailures.inc({ job: job.name });
    });
  }

  return { registry, observeWorker, setRedisUp: (up) => redisUp.set(up ? 1 : 0) };
}
