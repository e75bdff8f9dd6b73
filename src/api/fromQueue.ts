import { RedisUnavailableError, withDeadline } from '../queue/redisDeadline.js';
import type { ApiDeps } from './apiDeps.js';

/** Seconds a client is told to wait (Retry-After) when Redis is down. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A queue call within the request's Redis deadline (ApiDeps.redisTimeoutMs, default 3 s): when
 * it runs out, RedisUnavailableError, which the API answers with 503 and Retry-After.
 */
export function fromQueue<T>(deps: ApiDeps, work: Promise<T>): Promise<T> {
  const ms = deps.redisTimeoutMs ?? 3_000;
  return withDeadline(work, ms, () => new RedisUnavailableError('(redis)', ms));
}
