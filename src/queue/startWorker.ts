import { Worker, type Job } from 'bullmq';
import type { AppConfig } from '../config/env.js';
import { bullConnection } from '../config/redisConnection.js';
import type { Logger } from '../log/logger.js';
import { QUEUE_NAME, regionOfJobId, type RegionJobResult } from './jobDefinitions.js';
import { resolveProcessorFile } from './processorFile.js';
import { guardSandbox } from './sandboxGuard.js';

/** Longest wait for each Redis step of a stop past its grace period (hand back a job, disconnect). */
const STOP_STEP_MS = 5_000;

/** Resolves or rejects as `promise` does, or rejects after `ms` naming `what`. */
async function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from Redis within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface WorkerHandle {
  worker: Worker;
  /** Resolves once the worker's Redis connections are ready. */
  ready: Promise<void>;
  /**
   * Stops taking jobs, lets running jobs finish within `graceMs`, otherwise hands them back to
   * the queue (moved back to wait for another worker), and closes the Redis connections.
   */
  stop(graceMs: number): Promise<'drained' | 'handed-back'>;
}

function regionOf(job: Job): string | null {
  const region = (job.data as { region?: unknown } | undefined)?.region;
  return typeof region === 'string' ? region : regionOfJobId(job.id ?? '');
}

/**
 * Starts a BullMQ worker on the planning queue. Jobs run in sandboxed worker threads (one per
 * concurrent job, WORKER_CONCURRENCY of them) so the CPU-heavy pipeline never stalls lock renewal;
 * a thread whose job the worker lost (lock renewal failed, job key gone) is terminated before its
 * slot is reused (sandboxGuard.ts); every job event is logged with its job id and region.
 */
export function startWorker(
  config: AppConfig,
  logger: Logger,
  options: { processorFile?: string; name?: string } = {},
): WorkerHandle {
  const processorFile = options.processorFile ?? resolveProcessorFile();
  const worker = new Worker(QUEUE_NAME, processorFile, {
    connection: bullConnection(config, 'worker'),
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    useWorkerThreads: true,
    workerThreadsOptions: { workerData: { config } },
    lockDuration: config.lockDurationMs,
    stalledInterval: config.stalledIntervalMs,
    maxStalledCount: config.maxStalledCount,
    removeOnComplete: { count: config.keepCompletedJobs },
    removeOnFail: { count: config.keepFailedJobs },
    name: options.name ?? `worker-${process.pid}`,
  });
  guardSandbox(worker, (jobId, reason) =>
    logger.warn(
      { jobId, region: regionOfJobId(jobId), reason },
      'job thread terminated: the job is no longer ours',
    ),
  );
  const active = new Map<string, Job>();
  const jobLog = (job: Job): Logger => logger.child({ jobId: job.id, region: regionOf(job), job: job.name });

  worker.on('active', (job) => {
    if (job.id) active.set(job.id, job);
    jobLog(job).info({ attempt: job.attemptsMade + 1 }, 'job started');
  });
  worker.on('progress', (job, progress) => jobLog(job).debug({ progress }, 'job progress'));
  worker.on('completed', (job, result: RegionJobResult | null) => {
    if (job.id) active.delete(job.id);
    jobLog(job).info(
      {
        status: result?.status,
        version: result?.version,
        outDir: result?.outDir,
        movedOutlets: result?.movedOutlets,
        durationMs: result?.durationMs,
      },
      'job completed',
    );
  });
  worker.on('failed', (job, error) => {
    if (!job) {
      logger.error({ err: error }, 'job failed');
      return;
    }
    if (job.id) active.delete(job.id);
    const attempts = job.opts.attempts ?? 1;
    const willRetry = error.name !== 'UnrecoverableError' && job.attemptsMade < attempts;
    jobLog(job).warn(
      { reason: error.message, attemptsMade: job.attemptsMade, attempts, willRetry },
      'job failed',
    );
  });
  worker.on('stalled', (jobId) =>
    logger.warn({ jobId, region: regionOfJobId(jobId) }, 'job stalled, returned to the queue'),
  );
  let lastConnectionError = 0;
  worker.on('error', (error) => {
    // ioredis retries forever while Redis is down; log at most one line every 5 s.
    const now = Date.now();
    if (now - lastConnectionError < 5_000) return;
    lastConnectionError = now;
    logger.error({ reason: error.message }, 'worker error');
  });
  logger.info(
    {
      queue: QUEUE_NAME,
      concurrency: config.workerConcurrency,
      processorFile,
      lockDurationMs: config.lockDurationMs,
    },
    'worker started',
  );

  const ready = worker.waitUntilReady().then(() => undefined);
  ready.catch(() => undefined);

  async function stop(graceMs: number): Promise<'drained' | 'handed-back'> {
    logger.info({ graceMs, running: active.size }, 'worker stopping: no new jobs');
    const closing = worker.close();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), graceMs);
    });
    const outcome = await Promise.race([closing.then(() => 'closed' as const), expired]);
    clearTimeout(timer);
    if (outcome === 'closed') {
      logger.info('worker stopped: running jobs finished');
      return 'drained';
    }
    // Grace period over: give the running jobs back so another worker restarts them now
    // instead of after the lock expires. Their threads are abandoned with this process.
    for (const job of active.values()) {
      try {
        // Jobs that re-delayed themselves (region busy) are tracked too but are no longer ours.
        if ((await withinMs(job.getState(), STOP_STEP_MS, 'reading the job state')) !== 'active') continue;
        await withinMs(job.moveToWait(job.token), STOP_STEP_MS, 'handing the job back');
        jobLog(job).warn('job handed back to the queue at shutdown');
      } catch (error) {
        jobLog(job).error(
          { reason: (error as Error).message },
          'could not hand the job back; it will be retried after its lock expires',
        );
      }
    }
    // After a Redis restart BullMQ's close and disconnect can wait on a reconnect that never
    // settles; a stopping worker must still exit (its jobs' locks expire and they are retried).
    await withinMs(worker.disconnect(), STOP_STEP_MS, 'closing the Redis connections').catch(
      (error: unknown) => logger.warn({ reason: (error as Error).message }, 'worker connections dropped'),
    );
    return 'handed-back';
  }

  return { worker, ready, stop };
}
