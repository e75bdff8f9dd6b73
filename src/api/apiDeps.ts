import type { ApiToken } from '../config/apiTokens.js';
import type { Logger } from '../log/logger.js';
import type { JobQueue } from '../queue/jobQueue.js';

/** What the HTTP API works with: its folders, tokens, limits, the job queue and the logger. */
export interface ApiDeps {
  /** Folder of the region input folders (REGIONS_DIR): rebuild and resegment plan `<regionsDir>/<region>`. */
  regionsDir: string;
  /**
   * Folder of the region output folders (OUT_DIR), the output root: versions, scenarios and
   * comparisons are served from `<outDir>/<region>`, and no served path may leave it.
   */
  outDir: string;
  /** The bearer tokens with their roles (see collectApiTokens). */
  apiTokens: readonly ApiToken[];
  /** Largest request body accepted (API_BODY_LIMIT_BYTES); larger ones are refused with 413. */
  bodyLimitBytes: number;
  queue: JobQueue;
  logger: Logger;
  /**
   * How long a request waits for Redis before answering 503 with Retry-After (API_REDIS_TIMEOUT_MS,
   * default 3000), whatever the queue's own deadline.
   */
  redisTimeoutMs?: number;
}
