import type { Command } from 'commander';
import { loadConfig, redactRedisUrl } from '../../config/env.js';

/** `territory scheduler`: enqueue each region's nightly rebuild on its cron schedule. */
export function registerSchedulerCommand(program: Command): void {
  program
    .command('scheduler')
    .description(
      'enqueue nightly rebuilds per region (SCHEDULE_CRON/SCHEDULE_TZ or schedules.json); safe to run several',
    )
    .action(async () => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const [
        { loadSchedules },
        { createLogger },
        { createJobQueue },
        { startScheduler },
        { exitSoon, waitForShutdownSignal },
        { startProcessOps },
      ] = await Promise.all([
        import('../../config/schedules.js'),
        import('../../log/logger.js'),
        import('../../queue/jobQueue.js'),
        import('../../queue/startScheduler.js'),
        import('../../queue/waitForShutdown.js'),
        import('../../ops/startProcessOps.js'),
      ]);
      const config = loadConfig();
      const logger = createLogger({ level: config.logLevel, role: 'scheduler' });
      logger.info(
        { redis: redactRedisUrl(config.redisUrl), schedulesFile: config.schedulesFile },
        'starting',
      );
      const schedules = await loadSchedules(config);
      // The scheduler outlives Redis outages: a firing that cannot reach Redis fails after
      // REDIS_CONNECT_TIMEOUT_MS and is caught up once Redis answers (SCHEDULE_CATCH_UP_MS).
      const queue = createJobQueue(config);
      // Health and metrics (METRICS_PORT) before the first firing: a taken port stops the start.
      const ops = await startProcessOps(config, logger, { role: 'scheduler' }).catch(
        async (error: unknown) => {
          await queue.close();
          throw error;
        },
      );
      const scheduler = startScheduler(schedules, queue, logger, {
        load: () => loadSchedules(config),
        // Schedules with split: true enqueue one child job per pool of the region's policy.
        poolsOf: async (region: string) =>
          (await import('../../app/splitPlan.js')).regionPoolIds(config.regionsDir, region),
        reloadMs: config.scheduleReloadMs,
        catchUpMs: config.scheduleCatchUpMs,
      });
      await waitForShutdownSignal(logger);
      await scheduler.stop();
      await ops.close();
      await queue.close();
      exitSoon(0);
    });
}
