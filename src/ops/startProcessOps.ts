import { Queue, type Worker } from 'bullmq';
import type { AppConfig } from '../config/env.js';
import { bullConnection } from '../config/redisConnection.js';
import type { Logger } from '../log/logger.js';
import { QUEUE_NAME } from '../queue/jobDefinitions.js';
import { startOpsServer, type OpsServer } from './opsServer.js';
import { createProcessHealth } from './processHealth.js';
import { JOB_STATES, createWorkerMetrics } from './workerMetrics.js';

/**
 * Closes the queue's connection, waiting at most 2 s: after a Redis outage BullMQ's close (and
 * disconnect) can wait on a reconnect that never settles, and shutdown must stay bounded.
 */
async function closeBounded(queue: Queue): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 2_000);
  });
  const closing = queue.close().then(
    () => undefined,
    () => queue.disconnect(),
  );
  await Promise.race([closing.catch(() => undefined), late]);
  clearTimeout(timer);
}

export interface ProcessOps {
  /** The bound port, or null when METRICS_PORT is unset and nothing was started. */
  port: number | null;
  close(): Promise<void>;
}

export interface ProcessOpsOptions {
  role: string;
  /** The worker whose job events feed the metrics (worker and serve roles). */
  worker?: Worker;
  /** Whether the process still does its work; default: the worker is running, else always. */
  running?: () => boolean;
}

/**
 * Starts the health and metrics server of a worker, scheduler or serve process when METRICS_PORT
 * is set (GET /healthz, GET /metrics), with its own producer connection for pings and job counts
 * so a blocked worker connection never delays a scrape. Rejects when the port cannot be bound.
 */
export async function startProcessOps(
  config: AppConfig,
  logger: Logger,
  options: ProcessOpsOptions,
): Promise<ProcessOps> {
  if (config.metricsPort === null) return { port: null, close: () => Promise.resolve() };
  const queue = new Queue(QUEUE_NAME, {
    connection: bullConnection(config, 'producer'),
    prefix: config.queuePrefix,
  });
  // ioredis reconnects on its own; the health check reports the outage, the log need not repeat it.
  queue.on('error', () => undefined);
  const metrics = createWorkerMetrics({
    role: options.role,
    readJobCounts: () => queue.getJobCounts(...JOB_STATES),
  });
  if (options.worker) metrics.observeWorker(options.worker);
  const worker = options.worker;
  const running = options.running ?? (worker ? () => worker.isRunning() : () => true);
  const health = createProcessHealth({
    role: options.role,
    // A cheap read: BullMQ 6 keeps the raw client on its backend, not on the Queue.
    ping: () => queue.getJobCounts('active'),
    running,
    onPing: (up) => metrics.setRedisUp(up),
  });
  let server: OpsServer;
  try {
    server = await startOpsServer({
      host: config.metricsHost,
      port: config.metricsPort,
      registry: metrics.registry,
      health,
    });
  } catch (error) {
    await closeBounded(queue);
    throw new Error(
      `cannot serve health and metrics on ${config.metricsHost}:${config.metricsPort} (METRICS_PORT): ${(error as Error).message}`,
      { cause: error },
    );
  }
  logger.info({ host: config.metricsHost, port: server.port }, 'health and metrics at /healthz and /metrics');
  return {
    port: server.port,
    async close() {
      await server.close();
      await closeBounded(queue);
    },
  };
}
