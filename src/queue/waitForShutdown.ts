import type { Logger } from '../log/logger.js';

/**
 * Resolves with the first SIGTERM or SIGINT received. Long-running commands await this, then
 * stop their parts in order; a second signal exits at once (an operator insisting).
 */
export function waitForShutdownSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      logger.info({ signal }, 'shutdown requested');
      const again = (): void => {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      };
      process.once('SIGTERM', again);
      process.once('SIGINT', again);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * Makes sure the process ends with `code` shortly after an orderly stop even if an abandoned
 * worker thread or socket would keep it alive; the timer is unref'd so a clean exit is not delayed.
 */
export function exitSoon(code: number, afterMs = 1_000): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), afterMs).unref();
}
