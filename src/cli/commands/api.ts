import type { Command } from 'commander';
import { ConfigError, loadConfig, redactRedisUrl, type AppConfig } from '../../config/env.js';

/** The API token, which the API refuses to start without. */
export function requireApiToken(config: AppConfig): string {
  if (!config.apiToken)
    throw new ConfigError('API_TOKEN must be set (at least 16 characters) to start the API', 'API_TOKEN');
  return config.apiToken;
}

/** `territory api`: the HTTP trigger and status API. */
export function registerApiCommand(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API (POST /regions/:region/rebuild|resegment, GET /jobs/:id, GET /healthz)')
    .action(async () => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const [{ startApi }, { createLogger }, { createJobQueue }, { exitSoon, waitForShutdownSignal }] =
        await Promise.all([
          import('../../api/server.js'),
          import('../../log/logger.js'),
          import('../../queue/jobQueue.js'),
          import('../../queue/waitForShutdown.js'),
        ]);
      const config = loadConfig();
      const apiToken = requireApiToken(config);
      const logger = createLogger({ level: config.logLevel, role: 'api' });
      logger.info({ redis: redactRedisUrl(config.redisUrl), regionsDir: config.regionsDir }, 'starting');
      const queue = createJobQueue(config);
      const api = await startApi(
        { regionsDir: config.regionsDir, apiToken, bodyLimitBytes: config.apiBodyLimitBytes, queue, logger },
        config.apiHost,
        config.apiPort,
      );
      await waitForShutdownSignal(logger);
      await api.stop();
      await queue.close();
      exitSoon(0);
    });
}
