import type { Command } from 'commander';
import type { ApiHandle } from '../../api/server.js';
import { ApiTokensError, collectApiTokens, type ApiToken } from '../../config/apiTokens.js';
import { ConfigError, loadConfig, redactRedisUrl, type AppConfig } from '../../config/env.js';
import type { Logger } from '../../log/logger.js';
import type { JobQueue } from '../../queue/jobQueue.js';

/**
 * The API's bearer tokens with their roles (API_TOKEN as an `approve` token, API_TOKENS,
 * API_TOKENS_FILE read now), which the API refuses to start without. Throws a ConfigError naming
 * the variable when none is set, the file cannot be read or parsed, or a token is given twice.
 */
export function requireApiTokens(config: AppConfig): ApiToken[] {
  let tokens: ApiToken[];
  try {
    tokens = collectApiTokens(config);
  } catch (error) {
    if (!(error instanceof ApiTokensError)) throw error;
    throw new ConfigError(`invalid configuration: ${error.message}`, error.key);
  }
  if (tokens.length === 0)
    throw new ConfigError(
      'API_TOKENS (role:token,... with roles read, trigger, approve), API_TOKENS_FILE or API_TOKEN must be set to start the API',
      'API_TOKENS',
    );
  return tokens;
}

/**
 * The one line an API that cannot listen fails with (exit 1): address in use, permission, bad
 * host. `api` and `serve` stop instead of running on without their HTTP side.
 */
export function listenError(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EADDRINUSE'
      ? 'the address is already in use (EADDRINUSE): another process listens there; stop it or set API_PORT / API_HOST'
      : code === 'EACCES'
        ? 'permission denied (EACCES): ports below 1024 need privileges; set API_PORT'
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `no such local address (${code}); set API_HOST`
          : (error as Error).message;
  return Object.assign(new Error(`cannot start the API on ${host}:${port}: ${why}`, { cause: error }), {
    exitCode: 1,
  });
}

/**
 * Starts the HTTP API of `api` and `serve` on API_HOST:API_PORT with the configured limits; when
 * it cannot listen, closes `queue` and throws listenError's one line.
 */
export async function listenApi(
  config: AppConfig,
  apiTokens: readonly ApiToken[],
  queue: JobQueue,
  logger: Logger,
): Promise<ApiHandle> {
  // Loaded on use: the planning commands must not pay for the HTTP stack.
  const { startApi } = await import('../../api/server.js');
  try {
    return await startApi(
      {
        regionsDir: config.regionsDir,
        outDir: config.outDir,
        apiTokens,
        bodyLimitBytes: config.apiBodyLimitBytes,
        redisTimeoutMs: config.apiRedisTimeoutMs,
        queue,
        logger,
      },
      config.apiHost,
      config.apiPort,
    );
  } catch (error) {
    await queue.close();
    throw listenError(error, config.apiHost, config.apiPort);
  }
}

/** `territory api`: the HTTP trigger and status API. */
export function registerApiCommand(program: Command): void {
  program
    .command('api')
    .description(
      'serve the HTTP API: versions, candidates, scenarios, comparisons and their files, approve / reject, rebuild / resegment, jobs (GET /openapi.json lists every route)',
    )
    .action(async () => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const [{ createLogger }, { createJobQueue }, { exitSoon, waitForShutdownSignal }] = await Promise.all([
        import('../../log/logger.js'),
        import('../../queue/jobQueue.js'),
        import('../../queue/waitForShutdown.js'),
      ]);
      const config = loadConfig();
      const apiTokens = requireApiTokens(config);
      const logger = createLogger({ level: config.logLevel, role: 'api' });
      logger.info({ redis: redactRedisUrl(config.redisUrl), regionsDir: config.regionsDir }, 'starting');
      // Requests wait at most API_REDIS_TIMEOUT_MS for Redis, then answer 503.
      const queue = createJobQueue(config, { timeoutMs: config.apiRedisTimeoutMs });
      const api = await listenApi(config, apiTokens, queue, logger);
      await waitForShutdownSignal(logger);
      await api.stop();
      await queue.close();
      exitSoon(0);
    });
}
