import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '../../src/config/env.js';
import type { JobQueue, JobView } from '../../src/queue/jobQueue.js';

/**
 * Configuration for queue tests: the throwaway Redis, a unique key prefix per test file (so files
 * never see each other's jobs), short lock/stall intervals and retries.
 */
export function testConfig(
  redisUrl: string,
  dirs: { regionsDir: string; outDir: string },
  env: Record<string, string> = {},
): AppConfig {
  return loadConfig({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    REGIONS_DIR: dirs.regionsDir,
    OUT_DIR: dirs.outDir,
    API_TOKEN: 'test-token-0123456789abcdef',
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: '3',
    LOCK_DURATION_MS: '2000',
    STALLED_INTERVAL_MS: '1000',
    JOB_ATTEMPTS: '2',
    JOB_BACKOFF_MS: '100',
    REGION_BUSY_RETRY_MS: '100',
    SHUTDOWN_GRACE_MS: '5000',
    ...env,
  });
}

/** Polls `check` every 50 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until job `id` has completed or failed and returns its view (with its last `logs` lines). */
export async function waitForFinishedJob(
  queue: JobQueue,
  id: string,
  options: { logs?: number; timeoutMs?: number } = {},
): Promise<JobView> {
  return waitFor(
    `job ${id} to finish`,
    async () => {
      const view = await queue.getJob(id, { logs: options.logs ?? 20 });
      return view && (view.state === 'completed' || view.state === 'failed') ? view : undefined;
    },
    options.timeoutMs,
  );
}
