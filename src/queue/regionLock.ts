import type { Redis } from 'ioredis';
import { QUEUE_NAME } from './jobDefinitions.js';

/**
 * A per-region mutex in Redis so that two jobs of the same region never plan at the same time,
 * while jobs of different regions run in parallel on any number of workers.
 *
 * The lock's value is the holder's job id. It is considered stale as soon as the holder no
 * longer holds its BullMQ job lock (`<prefix>:<queue>:<jobId>:lock`), i.e. the holder finished,
 * was handed back, or its worker died and the job lock expired. A retried or stalled job with the
 * same id takes its own lock over at once. The TTL is only a last-resort safety net.
 */
export interface RegionLock {
  /** Tries to take the region for `jobId`; resolves null on success or the id of the running holder. */
  acquire(region: string, jobId: string): Promise<string | null>;
  /** Releases the region if `jobId` still holds it. */
  release(region: string, jobId: string): Promise<void>;
}

const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  if redis.call('EXISTS', ARGV[3] .. holder .. ':lock') == 1 then
    return holder
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ''
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** Redis key of a region's lock. */
export function regionLockKey(prefix: string, region: string): string {
  return `${prefix}:${QUEUE_NAME}:region-lock:${region}`;
}

/**
 * Creates the region lock on an ioredis client. `prefix` is the BullMQ key prefix (QUEUE_PREFIX)
 * so the holder's job lock key can be checked; `ttlMs` bounds a lock whose holder vanished.
 */
export function createRegionLock(redis: Redis, prefix: string, ttlMs: number): RegionLock {
  const jobKeyPrefix = `${prefix}:${QUEUE_NAME}:`;
  return {
    async acquire(region, jobId) {
      const result = (await redis.eval(
        ACQUIRE,
        1,
        regionLockKey(prefix, region),
        jobId,
        String(ttlMs),
        jobKeyPrefix,
      )) as string | null;
      return result ? result : null;
    },
    async release(region, jobId) {
      await redis.eval(RELEASE, 1, regionLockKey(prefix, region), jobId);
    },
  };
}
