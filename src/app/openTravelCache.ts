import { join } from 'node:path';
import { loadConfig } from '../config/env.js';
import { createRedisClient } from '../config/redisConnection.js';
import type { TravelConfig } from '../config/travelConfig.js';
import { diskCacheStore } from '../travel/diskCacheStore.js';
import { redisCacheStore } from '../travel/redisCacheStore.js';
import type { TravelCacheStore } from '../travel/travelCacheStore.js';

/**
 * The matrix cache store of one region's run, as TRAVEL_CACHE says: null for `off`; for `disk`
 * the folder TRAVEL_CACHE_DIR/<region> or `<region output>/.travel-cache`; for `redis` the
 * queue's Redis (REDIS_URL, REDIS_PASSWORD, TLS as for the workers, parsed from `env`) under
 * `<QUEUE_PREFIX>:travel-cache:<region>`, so workers on several machines share their tables.
 */
export function openTravelCache(
  config: TravelConfig,
  regionName: string,
  regionOutDir: string,
  env: NodeJS.ProcessEnv = process.env,
): TravelCacheStore | null {
  switch (config.cache) {
    case 'off':
      return null;
    case 'disk':
      return diskCacheStore(
        config.cacheDir === null ? join(regionOutDir, '.travel-cache') : join(config.cacheDir, regionName),
      );
    case 'redis': {
      const app = loadConfig(env);
      return redisCacheStore(
        createRedisClient(app, 'producer'),
        `${app.queuePrefix}:travel-cache:${regionName}`,
      );
    }
  }
}
