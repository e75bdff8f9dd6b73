import type { HealthReport } from './opsServer.js';

export interface ProcessHealthOptions {
  /** Role shown in the report (`worker`, `scheduler`). */
  role: string;
  /** Pings Redis; resolves when it answered. */
  ping: () => Promise<unknown>;
  /** Whether the process still does its work (worker running, scheduler started); default always. */
  running?: () => boolean;
  /** Longest wait for one ping (ms). Default 2000. */
  pingTimeoutMs?: number;
  /**
   * How long Redis may stay unanswered before the process reports unhealthy (ms). Default 60000:
   * a Redis restart of a few seconds must not flap every container's health.
   */
  unhealthyAfterMs?: number;
  /** Called with each ping's outcome (feeds `territory_redis_up`). */
  onPing?: (up: boolean) => void;
  /** Clock (ms); injected for tests. Default Date.now. */
  nowMs?: () => number;
}

/**
 * Builds the health check of a long-running process: on each call it pings Redis (bounded) and
 * reports healthy while the process runs and Redis answered within `unhealthyAfterMs`, counted
 * from the process start so a worker that never reached Redis turns unhealthy too.
 */
export function createProcessHealth(options: ProcessHealthOptions): () => Promise<HealthReport> {
  const now = options.nowMs ?? Date.now;
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  const unhealthyAfterMs = options.unhealthyAfterMs ?? 60_000;
  const startedAt = now();
  let lastAnswerAt: number | null = null;

  async function pingOnce(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), pingTimeoutMs);
    });
    try {
      return await Promise.race([
        options.ping().then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  return async () => {
    const up = await pingOnce();
    options.onPing?.(up);
    if (up) lastAnswerAt = now();
    const running = options.running ? options.running() : true;
    const silentMs = now() - (lastAnswerAt ?? startedAt);
    return {
      healthy: running && silentMs <= unhealthyAfterMs,
      details: {
        role: options.role,
        running,
        redis: up ? 'up' : 'down',
        redisSilentSeconds: up ? 0 : Math.round(silentMs / 1000),
      },
    };
  };
}
