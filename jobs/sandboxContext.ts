import { workerData } from 'node:worker_threads';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { runPlan } from '../src/app/runPlan.js';
import { loadConfig, type AppConfig } from '../src/config/env.js';
import { bullConnection, createRedisClient } from '../src/config/redisConnection.js';
import { QUEUE_NAME } from '../src/queue/jobDefinitions.js';
import { createLogger } from '../src/log/logger.js';
import { createRegionLock } from '../src/queue/regionLock.js';
import type { RegionJobDeps } from '../src/queue/runRegionJob.js';

/**
 * Per-thread dependencies of the sandboxed processors, created on first use and reused for every
 * job the thread runs. The worker passes its configuration as `workerData.config`; a thread
 * started some other way parses the environment.
 */
let deps: RegionJobDeps | null = null;
let redis: Redis | null = null;
let queue: Queue | null = null;

function configOfThread(): AppConfig {
  const data = workerData as { config?: AppConfig } | null | undefined;
  return data?.config ?? loadConfig();
}

/**
 * The queue this thread adds a split flow's cycle children to (created on the first territory
 * job; most threads never need it).
 */
export function sandboxQueue(): Queue {
  if (queue) return queue;
  const config = configOfThread();
  queue = new Queue(QUEUE_NAME, {
    connection: bullConnection(config, 'producer'),
    prefix: config.queuePrefix,
  });
  // Connection errors surface as failed adds (the territory job fails and is retried).
  queue.on('error', () => undefined);
  return queue;
}

/** The dependencies of region jobs in this sandbox thread. */
export function sandboxDeps(): RegionJobDeps {
  if (deps) return deps;
  const config = configOfThread();
  redis = createRedisClient(config, 'worker');
  // Connection errors are retried by ioredis; the lock calls wait meanwhile, except the fence,
  // which gives up after fenceTimeoutMs and refuses the publish (fail closed).
  redis.on('error', () => undefined);
  deps = {
    config,
    // A fence answer slower than half the job lock is refused anyway: wait no longer than that.
    lock: createRegionLock(redis, config.queuePrefix, config.regionLockTtlMs, {
      fenceTimeoutMs: Math.min(5_000, Math.max(100, Math.floor(config.lockDurationMs / 2))),
    }),
    runPlan,
    logger: createLogger({ level: config.logLevel, role: 'worker-thread' }),
    nowMs: () => Date.now(),
  };
  return deps;
}
