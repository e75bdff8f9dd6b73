import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QUEUE_NAME } from './jobDefinitions.js';

/**
 * A per-region mutex in Redis so that two jobs of the same region never plan at the same time,
 * while jobs of different regions run in parallel on any number of workers, plus a fencing token
 * so that an attempt which lost the region can never publish.
 *
 * The lock's value is `<jobId>|<token>|<nonce>`: the holder's job id, the BullMQ lock token of
 * the attempt (the value of `<prefix>:<queue>:<jobId>:lock` while that attempt owns the job) and
 * a random nonce. A holder is alive exactly while its job's BullMQ lock still holds its token;
 * otherwise (finished, handed back, stalled because its worker died or Redis was down, or
 * re-started under a new token) the lock is taken over at once, also by a new attempt of the same
 * job. The TTL is only a last-resort safety net.
 *
 * `fence()` checks atomically that the lock value is still ours and that our attempt still owns
 * its job lock (with enough of its TTL left to finish the step it guards); publishVersion calls it
 * right before renaming the version into place and right before switching `current`.
 */
export interface RegionLockOwner {
  jobId: string;
  /** BullMQ lock token of the attempt (the processor's `token`); absent outside a worker. */
  token?: string;
}

/** A region taken by one attempt. */
export interface RegionLease {
  region: string;
  /** The lock value: `<jobId>|<token>|<nonce>`. */
  value: string;
  /**
   * Resolves when the region is still ours and our job lock still holds; otherwise, or when Redis
   * does not answer in time, throws LostRegionLockError (fail closed). Also renews the lock's TTL.
   */
  fence(): Promise<void>;
  /** Releases the region if the lease still holds it. */
  release(): Promise<void>;
}

export type RegionAcquireResult =
  { lease: RegionLease; holder?: undefined } | { lease?: undefined; holder: string };

export interface RegionLock {
  /** Tries to take the region: a lease on success, else the value of the running holder. */
  acquire(region: string, owner: RegionLockOwner): Promise<RegionAcquireResult>;
}

export interface RegionLockOptions {
  /** Longest wait for Redis in `fence()` before giving up (default 5000 ms). */
  fenceTimeoutMs?: number;
}

/** The region lock no longer belongs to this attempt (or Redis could not confirm it): do not publish. */
export class LostRegionLockError extends Error {
  constructor(
    readonly region: string,
    readonly reason: string,
  ) {
    super(`region ${region}: this attempt no longer holds the region lock (${reason}); nothing published`);
    this.name = 'LostRegionLockError';
  }
}

// A holder is busy while its job lock holds its token. Values without a token (written by a
// process without one) count as busy while the job lock exists and the job is not ours.
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  local jobId, token = string.match(holder, '^(.*)|([^|]*)|[^|]*$')
  if jobId == nil then jobId = holder; token = '' end
  local lock = redis.call('GET', ARGV[3] .. jobId .. ':lock')
  if lock then
    if token ~= '' then
      if lock == token then return holder end
    elseif jobId ~= ARGV[4] then
      return holder
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ''
`;

// -1: the region lock is not ours; -2: our job lock is gone or has another token; else the
// remaining ms of our job lock (or of the region lock without a token).
const FENCE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[2] == '' then return tonumber(ARGV[3]) end
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return -2 end
local left = redis.call('PTTL', KEYS[2])
if left < 0 then return tonumber(ARGV[3]) end
return left
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

/** The lock value of an attempt: job id, BullMQ token and a random nonce. */
export function regionLockValue(owner: RegionLockOwner): string {
  return `${owner.jobId}|${owner.token ?? ''}|${randomBytes(8).toString('hex')}`;
}

/** The job id in a lock value (`<jobId>|<token>|<nonce>`; a bare job id from older versions). */
export function holderJobId(value: string): string {
  const match = /^(.*)\|[^|]*\|[^|]*$/.exec(value);
  return match ? (match[1] ?? value) : value;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from Redis within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates the region lock on an ioredis client. `prefix` is the BullMQ key prefix (QUEUE_PREFIX)
 * so the holder's job lock key can be checked; `ttlMs` bounds a lock whose holder vanished.
 */
export function createRegionLock(
  redis: Redis,
  prefix: string,
  ttlMs: number,
  options: RegionLockOptions = {},
): RegionLock {
  const jobKeyPrefix = `${prefix}:${QUEUE_NAME}:`;
  const fenceTimeoutMs = options.fenceTimeoutMs ?? 5_000;
  return {
    async acquire(region, owner) {
      const key = regionLockKey(prefix, region);
      const value = regionLockValue(owner);
      const holder = (await redis.eval(ACQUIRE, 1, key, value, String(ttlMs), jobKeyPrefix, owner.jobId)) as
        string | null;
      if (holder) return { holder };
      const jobLockKey = `${jobKeyPrefix}${owner.jobId}:lock`;
      const token = owner.token ?? '';
      const lease: RegionLease = {
        region,
        value,
        async fence() {
          const sent = Date.now();
          let remaining: number;
          try {
            remaining = Number(
              await withTimeout(
                redis.eval(FENCE, 2, key, jobLockKey, value, token, String(ttlMs)),
                fenceTimeoutMs,
                'region lock check',
              ),
            );
          } catch (error) {
            throw new LostRegionLockError(region, `cannot confirm it: ${(error as Error).message}`);
          }
          if (remaining === -1) throw new LostRegionLockError(region, 'another job holds it or it expired');
          if (remaining === -2)
            throw new LostRegionLockError(
              region,
              'the job lock of this attempt is gone: the job stalled, was handed back or Redis lost it',
            );
          // The answer must leave most of the job lock's time: until it expires nobody can take
          // the region over, so the step this check guards (a rename) runs while we still own it.
          const elapsed = Date.now() - sent;
          if (remaining >= 0 && elapsed * 2 >= remaining)
            throw new LostRegionLockError(
              region,
              `the job lock expires in ${remaining} ms and Redis took ${elapsed} ms to answer`,
            );
        },
        async release() {
          await redis.eval(RELEASE, 1, key, value);
        },
      };
      return { lease };
    },
  };
}
