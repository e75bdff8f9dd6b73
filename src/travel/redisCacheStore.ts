import type { Redis } from 'ioredis';
import type { CachedTableInfo, TravelCacheStore } from './travelCacheStore.js';

/**
 * Matrix caches in Redis, for workers on different machines that plan the same regions: each
 * table is one binary string `<prefix>:table:<name>`, and the sorted set `<prefix>:used` scores
 * every name with its last use (`now()`, ms), which eviction goes by. A write sets the string
 * and its score in one MULTI, so readers see the old or the new table, never half of one. The
 * client belongs to the caller's connection settings (REDIS_URL, REDIS_PASSWORD, TLS); `close`
 * ends it.
 */
export function redisCacheStore(
  redis: Redis,
  prefix: string,
  now: () => number = Date.now,
): TravelCacheStore {
  const tableKey = (name: string): string => `${prefix}:table:${name}`;
  const usedKey = `${prefix}:used`;
  return {
    kind: 'redis',
    describe: (name) => `redis key ${tableKey(name)}`,
    async read(name) {
      const bytes = await redis.getBuffer(tableKey(name));
      if (bytes !== null) await redis.zadd(usedKey, String(now()), name);
      return bytes;
    },
    async write(name, bytes) {
      await redis.multi().set(tableKey(name), bytes).zadd(usedKey, String(now()), name).exec();
    },
    async list() {
      const scored = await redis.zrange(usedKey, '0', '-1', 'WITHSCORES');
      const names: string[] = [];
      const used: number[] = [];
      for (let k = 0; k + 1 < scored.length; k += 2) {
        names.push(scored[k] as string);
        used.push(Number(scored[k + 1]));
      }
      const pipeline = redis.pipeline();
      for (const name of names) pipeline.strlen(tableKey(name));
      const sizes = (await pipeline.exec()) ?? [];
      const tables: CachedTableInfo[] = [];
      const gone: string[] = [];
      names.forEach((name, k) => {
        const bytes = Number(sizes[k]?.[1] ?? 0);
        if (bytes > 0) tables.push({ name, bytes, usedAt: used[k] as number });
        else gone.push(name);
      });
      // A table deleted behind our back (FLUSHDB, maxmemory eviction) leaves only its score.
      if (gone.length > 0) await redis.zrem(usedKey, ...gone);
      return tables;
    },
    async remove(name) {
      await redis.multi().del(tableKey(name)).zrem(usedKey, name).exec();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
