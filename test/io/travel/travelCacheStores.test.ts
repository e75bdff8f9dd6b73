import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTravelCache } from '../../../src/app/openTravelCache.js';
import { loadTravelConfig } from '../../../src/config/travelConfig.js';
import type { LonLat } from '../../../src/domain/types.js';
import { diskCacheStore } from '../../../src/travel/diskCacheStore.js';
import type { FetchSettings } from '../../../src/travel/fetchBlocks.js';
import { MatrixCache } from '../../../src/travel/matrixCache.js';
import { osrmProvider } from '../../../src/travel/osrmProvider.js';
import { redisCacheStore } from '../../../src/travel/redisCacheStore.js';
import { roadMatrix } from '../../../src/travel/roadMatrix.js';
import { evictToCap, type TravelCacheStore } from '../../../src/travel/travelCacheStore.js';
import { startTestRedis, type TestRedis } from '../../helpers/redis.js';
import { startFakeRoadServer, type FakeRoadServer } from './fakeRoadServer.js';

let server: FakeRoadServer;
let redis: TestRedis;
let dir: string;
const clients: Redis[] = [];
beforeAll(async () => {
  [server, redis] = await Promise.all([startFakeRoadServer(), startTestRedis()]);
  dir = await mkdtemp(join(tmpdir(), 'tw-travel-stores-'));
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await Promise.all([server?.close(), redis?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests = 0;
  server.pairs = 0;
});

const settings: FetchSettings = {
  maxTable: 16,
  concurrency: 2,
  retries: 0,
  retryBaseMs: 1,
  timeoutMs: 5_000,
};
const provider = () => osrmProvider({ url: server.url, profile: 'driving' });
const grid = (n: number, offset: number): LonLat[] =>
  Array.from({ length: n }, (_, k): LonLat => [
    10 + 0.001 * (k % 10) + offset,
    50 + 0.001 * Math.floor(k / 10),
  ]);
/** Each test's own table size: 20 points, 16 x 20^2 bytes of figures plus the header. */
const tableBytes = (points: readonly LonLat[]): number => {
  const keys = points.map(([lon, lat]) => `${lon.toFixed(5)},${lat.toFixed(5)}`);
  return MatrixCache.empty('osrm', 'driving').blobBytes(keys);
};

let counter = 0;
/** A store whose clock ticks once per use, so last-use order is exact (no equal milliseconds). */
type StoreFactory = (namespace: string, clock: () => number) => TravelCacheStore;
const kinds: Array<[string, StoreFactory]> = [
  ['disk', (namespace, clock) => diskCacheStore(join(dir, namespace), clock)],
  [
    'redis',
    (namespace, clock) => {
      const client = new Redis(redis.url, { maxRetriesPerRequest: 3 });
      clients.push(client);
      return redisCacheStore(client, `tw-test:travel-cache:${namespace}`, clock);
    },
  ],
];

describe.each(kinds)('the %s matrix cache store', (_kind, open) => {
  const fresh = (): { store: TravelCacheStore; namespace: string; tick: () => number } => {
    const namespace = `ns${++counter}`;
    let time = 1_000_000;
    const tick = (): number => (time += 1_000);
    return { store: open(namespace, tick), namespace, tick };
  };

  it('answers a warm run from the store and asks only for the new pairs after churn', async () => {
    const { store } = fresh();
    const entry = { store, name: 'pool-a', maxBytes: 2 ** 30 };
    const points = grid(30, 0);
    const cold = await roadMatrix(provider(), points, settings, entry);
    expect(server.pairs).toBe(30 * 30);
    expect(cold.cachedPairs).toBe(0);
    server.pairs = 0;
    server.requests = 0;
    const warm = await roadMatrix(provider(), points, settings, entry);
    expect(server.requests).toBe(0);
    expect(warm.cachedPairs).toBe(warm.neededPairs);
    expect(warm.minutes).toEqual(cold.minutes);
    const churned = [...points.slice(0, 29), [10.0555, 50.0555] as LonLat];
    await roadMatrix(provider(), churned, settings, entry);
    expect(server.pairs).toBe(30 + 29);
  });

  it('evicts the least recently used tables until the cap holds, the same ones every time', async () => {
    const runOnce = async (): Promise<{ evicted: string[]; left: string[]; bytes: number; cap: number }> => {
      const { store } = fresh();
      const pools = { a: grid(20, 0), b: grid(20, 0.1), c: grid(20, 0.2) };
      const size = tableBytes(pools.a);
      const cap = Math.floor(2.5 * size);
      const use = (name: keyof typeof pools) =>
        roadMatrix(provider(), pools[name], settings, { store, name, maxBytes: cap });
      await use('a');
      await use('b');
      // A warm run of a: now b is the least recently used.
      await use('a');
      await use('c');
      const { evicted, bytes } = await evictToCap(store, cap);
      const left = (await store.list()).map((t) => t.name).sort();
      return { evicted, left, bytes, cap };
    };
    const first = await runOnce();
    expect(first.evicted).toEqual(['b']);
    expect(first.left).toEqual(['a', 'c']);
    expect(first.bytes).toBeLessThanOrEqual(first.cap);
    expect(await runOnce()).toEqual(first);
  });

  it('breaks ties of last use by name, and evicts nothing under the cap', async () => {
    const { store } = fresh();
    const bytes = Buffer.alloc(1000, 1);
    // A clock that stands still: every table has the same last use.
    const still = open(`still${++counter}`, () => 5);
    for (const name of ['m', 'z', 'a']) await still.write(name, bytes);
    expect((await evictToCap(still, 10_000)).evicted).toEqual([]);
    expect((await evictToCap(still, 1_000)).evicted).toEqual(['a', 'm']);
    expect((await still.list()).map((t) => t.name)).toEqual(['z']);
    await store.close();
  });

  it('does not store a table larger than the cap, and drops an older copy of it', async () => {
    const { store } = fresh();
    const points = grid(20, 0.3);
    await roadMatrix(provider(), points, settings, { store, name: 'big', maxBytes: 2 ** 30 });
    expect((await store.list()).map((t) => t.name)).toEqual(['big']);
    const over = await roadMatrix(provider(), points, settings, {
      store,
      name: 'big',
      maxBytes: tableBytes(points) - 1,
    });
    expect(over.cacheStored).toBe(false);
    expect(over.cacheBytes).toBe(tableBytes(points));
    expect(await store.list()).toEqual([]);
  });
});

describe('the redis matrix cache store shared by two workers', () => {
  it('hands one worker the table the other fetched', async () => {
    const prefix = `tw-test:travel-cache:shared${++counter}`;
    const worker = (): TravelCacheStore => {
      const client = new Redis(redis.url, { maxRetriesPerRequest: 3 });
      clients.push(client);
      return redisCacheStore(client, prefix);
    };
    const points = grid(25, 0.5);
    const first = await roadMatrix(provider(), points, settings, {
      store: worker(),
      name: 'p',
      maxBytes: 2 ** 30,
    });
    server.requests = 0;
    const second = await roadMatrix(provider(), points, settings, {
      store: worker(),
      name: 'p',
      maxBytes: 2 ** 30,
    });
    expect(server.requests).toBe(0);
    expect(second.km).toEqual(first.km);
  });

  it('forgets a table deleted behind its back (maxmemory, FLUSHDB) instead of counting it', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 3 });
    clients.push(client);
    const prefix = `tw-test:travel-cache:gone${++counter}`;
    const store = redisCacheStore(client, prefix);
    await store.write('t', Buffer.alloc(10, 1));
    await client.del(`${prefix}:table:t`);
    expect(await store.list()).toEqual([]);
    expect(await client.zcard(`${prefix}:used`)).toBe(0);
  });
});

describe('openTravelCache', () => {
  it('opens the store TRAVEL_CACHE names: the region folder on disk, the queue Redis under its prefix, or none', async () => {
    const out = join(dir, 'out', 'north');
    const disk = openTravelCache(loadTravelConfig({}), 'north', out);
    expect(disk?.kind).toBe('disk');
    expect(disk?.describe('t')).toBe(join(out, '.travel-cache', 't.bin'));
    const elsewhere = openTravelCache(loadTravelConfig({ TRAVEL_CACHE_DIR: join(dir, 'c') }), 'north', out);
    expect(elsewhere?.describe('t')).toBe(join(dir, 'c', 'north', 't.bin'));
    expect(openTravelCache(loadTravelConfig({ TRAVEL_CACHE: 'off' }), 'north', out)).toBeNull();

    const shared = openTravelCache(loadTravelConfig({ TRAVEL_CACHE: 'redis' }), 'north', out, {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'twtest',
    });
    expect(shared?.kind).toBe('redis');
    expect(shared?.describe('t')).toBe('redis key twtest:travel-cache:north:table:t');
    await shared?.write('t', Buffer.from('table'));
    expect((await shared?.read('t'))?.toString()).toBe('table');
    await shared?.close();
  });
});
