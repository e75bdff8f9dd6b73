/**
 * Redis did not answer in time: unreachable, refusing connections, or too slow. BullMQ waits for
 * a connection forever (its connection never gives up reconnecting), so every producer call is
 * raced against a deadline and fails with this error instead of hanging. The message names the
 * Redis URL without its password; `exitCode` 1 is a runtime failure for the CLI.
 */
export class RedisUnavailableError extends Error {
  readonly exitCode = 1;
  constructor(
    /** The Redis URL with its password blanked (redactRedisUrl). */
    readonly redisUrl: string,
    readonly waitedMs: number,
    /** The last connection error seen, e.g. `connect ECONNREFUSED 127.0.0.1:6379`. */
    readonly reason?: string,
  ) {
    super(
      `Redis at ${redisUrl} did not answer within ${formatMs(waitedMs)}` +
        `${reason ? ` (${reason})` : ''}; check REDIS_URL and that Redis runs (REDIS_CONNECT_TIMEOUT_MS sets the wait)`,
    );
    this.name = 'RedisUnavailableError';
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * Resolves or rejects like `work`, unless `ms` pass first: then rejects with `onTimeout()`. The
 * abandoned `work` keeps running; its late rejection is swallowed.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
