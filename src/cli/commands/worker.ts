import type { Command } from 'commander';
import { loadConfig, redactRedisUrl } from '../../config/env.js';

/** `territory worker`: process planning jobs until SIGTERM/SIGINT. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'process rebuild/resegment jobs from Redis (WORKER_CONCURRENCY at a time) until SIGTERM/SIGINT',
    )
    .action(async () => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const [{ createLogger }, { startWorker }, { exitSoon, waitForShutdownSignal }, { startProcessOps }] =
        await Promise.all([
          import('../../log/logger.js'),
          import('../../queue/startWorker.js'),
          import('../../queue/waitForShutdown.js'),
          import('../../ops/startProcessOps.js'),
        ]);
      const config = loadConfig();
      const logger = createLogger({ level: config.logLevel, role: 'worker' });
      logger.info(
        { redis: redactRedisUrl(config.redisUrl), regionsDir: config.regionsDir, outDir: config.outDir },
        'starting',
      );
      const handle = startWorker(config, logger);
      handle.ready.then(
        () => logger.info('worker ready'),
        (error: unknown) => logger.error({ reason: (error as Error).message }, 'worker not ready'),
      );
      let ops;
      try {
        ops = await startProcessOps(config, logger, { role: 'worker', worker: handle.worker });
      } catch (error) {
        // Running unobserved behind a health check that can never pass is worse than not running.
        await handle.stop(0);
        exitSoon(1);
        throw error;
      }
      await waitForShutdownSignal(logger);
      const outcome = await handle.stop(config.shutdownGraceMs);
      await ops.close();
      logger.info({ outcome }, 'worker exited');
      exitSoon(0);
    });
}
