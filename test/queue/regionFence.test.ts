import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { currentVersion, listVersions, publishVersion } from '../../src/io/publish/publishVersion.js';
import { QUEUE_NAME } from '../../src/queue/jobDefinitions.js';
import {
  createRegionLock,
  LostRegionLockError,
  type RegionLease,
  type RegionLock,
} from '../../src/queue/regionLock.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';

/**
 * Issue item 2, unit level: the region lock's value carries the attempt's BullMQ token and a
 * nonce; a new attempt of the same job takes the lock over only when the old attempt's job lock
 * is gone, and the old attempt's fence then refuses to publish (publishVersion calls it before
 * the version rename and before the `current` switch).
 */
let redis: TestRedis;
let client: Redis;
let prefix = 'fence0';
let lock: RegionLock;
let out: string;

const jobLock = (jobId: string): string => `${prefix}:${QUEUE_NAME}:${jobId}:lock`;

async function lease(region: string, jobId: string, token: string): Promise<RegionLease> {
  const taken = await lock.acquire(region, { jobId, token });
  if (!taken.lease) throw new Error(`expected to take ${region}, held by ${taken.holder}`);
  return taken.lease;
}

beforeAll(async () => {
  redis = await startTestRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await client?.quit();
  await redis?.stop();
});

let run = 0;
beforeEach(async () => {
  run += 1;
  prefix = `fence${run}`;
  lock = createRegionLock(client, prefix, 60_000);
  out = await mkdtemp(join(tmpdir(), 'tw-fence-'));
});

afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('region lock with a fencing token', () => {
  test('a live holder keeps the region, also against a new attempt of its own job', async () => {
    await client.set(jobLock('job-a'), 'T1', 'PX', 10_000);
    await lease('r', 'job-a', 'T1');
    const other = await lock.acquire('r', { jobId: 'job-b', token: 'U1' });
    expect(other.holder).toMatch(/^job-a\|T1\|[0-9a-f]{16}$/);
    // The job lock still holds T1, so a T2 "attempt" of job-a is no owner of the job: busy too.
    const sameJob = await lock.acquire('r', { jobId: 'job-a', token: 'T2' });
    expect(sameJob.holder).toBeDefined();
  });

  test('a stalled attempt loses the region to the next attempt of its job, and its fence refuses', async () => {
    await client.set(jobLock('job-a'), 'T1', 'PX', 10_000);
    const first = await lease('r', 'job-a', 'T1');
    await first.fence();
    // The job stalled (its lock expired) and another worker started it under token T2.
    await client.set(jobLock('job-a'), 'T2', 'PX', 10_000);
    const second = await lease('r', 'job-a', 'T2');
    await expect(first.fence()).rejects.toBeInstanceOf(LostRegionLockError);
    await second.fence();
    // The stalled attempt's release does not free the region of the new one.
    await first.release();
    expect((await lock.acquire('r', { jobId: 'job-b', token: 'U1' })).holder).toBe(second.value);
  });

  test('a fence fails when the job lock is gone even if nobody took the region yet', async () => {
    await client.set(jobLock('job-a'), 'T1', 'PX', 10_000);
    const first = await lease('r', 'job-a', 'T1');
    await client.del(jobLock('job-a'));
    await expect(first.fence()).rejects.toThrow(/job lock of this attempt is gone/);
  });

  test('a fence fails closed when Redis does not answer in time', async () => {
    const slow = createRegionLock(client, prefix, 60_000, { fenceTimeoutMs: 300 });
    await client.set(jobLock('job-a'), 'T1', 'PX', 10_000);
    const taken = await slow.acquire('r', { jobId: 'job-a', token: 'T1' });
    const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    // Redis stops answering writes (and scripts) for a while.
    await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
    const started = Date.now();
    await expect(taken.lease!.fence()).rejects.toThrow(
      /cannot confirm it: .*no answer from Redis within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    await admin.call('CLIENT', 'UNPAUSE');
    await admin.quit();
  });

  test('publishVersion: a fence refusing before the rename publishes nothing and leaves no staging', async () => {
    const before = await publishVersion({
      regionOutDir: out,
      plan: buildFixturePlan({ generatedAt: '2026-03-01T02:00:00.000Z' }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: '9.9.9',
    });
    const lost = new LostRegionLockError('fixture-town', 'test');
    await expect(
      publishVersion({
        regionOutDir: out,
        plan: buildFixturePlan({ generatedAt: '2026-03-02T02:00:00.000Z' }),
        policy: DEFAULT_POLICY,
        previous: null,
        programVersion: '9.9.9',
        fence: () => Promise.reject(lost),
      }),
    ).rejects.toBe(lost);
    expect((await listVersions(out)).map((v) => v.version)).toEqual([before.version]);
    expect(await currentVersion(out)).toBe(before.version);
    expect(await readdir(join(out, '.staging'))).toEqual([]);
  });

  test('publishVersion: a fence refusing before the switch takes the version out again; current unchanged', async () => {
    const before = await publishVersion({
      regionOutDir: out,
      plan: buildFixturePlan({ generatedAt: '2026-03-01T02:00:00.000Z' }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: '9.9.9',
    });
    let calls = 0;
    await expect(
      publishVersion({
        regionOutDir: out,
        plan: buildFixturePlan({ generatedAt: '2026-03-02T02:00:00.000Z' }),
        policy: DEFAULT_POLICY,
        previous: null,
        programVersion: '9.9.9',
        fence: () => {
          calls += 1;
          return calls === 2
            ? Promise.reject(new LostRegionLockError('fixture-town', 'test'))
            : Promise.resolve();
        },
      }),
    ).rejects.toBeInstanceOf(LostRegionLockError);
    expect(calls).toBe(2);
    expect((await listVersions(out)).map((v) => v.version)).toEqual([before.version]);
    expect(await currentVersion(out)).toBe(before.version);
  });

  test('publishVersion records the publishing attempt in manifest.json', async () => {
    const published = await publishVersion({
      regionOutDir: out,
      plan: buildFixturePlan({ generatedAt: '2026-03-01T02:00:00.000Z' }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: '9.9.9',
      fence: () => Promise.resolve(),
      publishedBy: { jobId: 'rebuild:fixture-town:2026-03-01', attempt: 2 },
    });
    const manifest = JSON.parse(await readFile(join(published.dir, 'manifest.json'), 'utf8')) as {
      publishedBy?: unknown;
    };
    expect(manifest.publishedBy).toEqual({ jobId: 'rebuild:fixture-town:2026-03-01', attempt: 2 });
  });
});
