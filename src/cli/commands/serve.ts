import type { Command } from 'commander';
import { loadConfig, redactRedisUrl } from '../../config/env.js';
import { listenApi, requireApiTokens } from './api.js';

/** `territory serve`: worker, scheduler and API in one process (small deployments, demos). */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the worker, the scheduler and the HTTP API in one process')
    .option('--no-api', 'do not start the HTTP API')
    .option('--no-scheduler', 'do not start the scheduler')
    .action(async (opts: { api: boolean; scheduler: boolean }) => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const [
        { loadSchedules },
        { createLogger },
        { createJobQueue },
        { startScheduler },
        { startWorker },
        { exitSoon, waitForShutdownSignal },
        { startProcessOps },
      ] = await Promise.all([
        import('../../config/schedules.js'),
        import('../../log/logger.js'),
        import('../../queue/jobQueue.js'),
        import('../../queue/startScheduler.js'),
        import('../../queue/startWorker.js'),
        import('../../queue/waitForShutdown.js'),
        import('../../ops/startProcessOps.js'),
      ]);
      const config = loadConfig();
      const apiTokens = opts.api ? requireApiTokens(config) : null;
      const logger = createLogger({ level: config.logLevel, role: 'serve' });
      logger.info(
        { redis: redactRedisUrl(config.redisUrl), regionsDir: config.regionsDir, outDir: config.outDir },
        'starting',
      );
      // Before anything listens or connects: a broken schedules.json stops the start.
      const schedules = opts.scheduler ? await loadSchedules(config) : [];
      // Shared by the API and the scheduler: API requests wait at most API_REDIS_TIMEOUT_MS.
      const queue = createJobQueue(config, opts.api ? { timeoutMs: config.apiRedisTimeoutMs } : {});
      // The API listens first: a taken port stops `serve` before the worker takes any job,
      // instead of leaving a headless worker running.
      const api = apiTokens ? await listenApi(config, apiTokens, queue, logger.child({ part: 'api' })) : null;
      const worker = startWorker(config, logger.child({ part: 'worker' }));
      let ops;
      try {
        ops = await startProcessOps(config, logger, { role: 'serve', worker: worker.worker });
      } catch (error) {
        await api?.stop();
        await worker.stop(0);
        await queue.close();
        exitSoon(1);
        throw error;
      }
      const scheduler = opts.scheduler
        ? startScheduler(schedules, queue, logger.child({ part: 'scheduler' }), {
            load: () => loadSchedules(config),
            // Schedules with split: true enqueue one child job per pool of the region's policy.
            poolsOf: async (region: string) =>
              (await import('../../app/splitPlan.js')).regionPoolIds(config.regionsDir, region),
            reloadMs: config.scheduleReloadMs,
            catchUpMs: config.scheduleCatchUpMs,
          })
        : null;
      await waitForShutdownSignal(logger);
      // Stop the entry points first so nothing new arrives, then drain the worker.
      await api?.stop();
      await scheduler?.stop();
      await worker.stop(config.shutdownGraceMs);
      await ops.close();
      await queue.close();
      exitSoon(0);
    });
}
