import type { LonLat } from '../domain/types.js';
import { fetchBlocks, type BlockSpec, type FetchSettings, type FetchStats } from './fetchBlocks.js';
import { MatrixCache, pointCacheKey } from './matrixCache.js';
import type { RoadProvider } from './roadProvider.js';
import type { TravelCacheStore } from './travelCacheStore.js';

/** Where roadMatrix keeps a pool's table: a store, the table's name in it and the store's byte cap. */
export interface MatrixCacheEntry {
  store: TravelCacheStore;
  name: string;
  /** A table larger than this is not stored at all (it could never fit under the cap). */
  maxBytes: number;
}

/** A full travel table over the given points, row-major; NaN where the provider found no route. */
export interface RoadMatrix {
  size: number;
  km: Float64Array;
  minutes: Float64Array;
  stats: FetchStats;
  /** Pairs of distinct points this table needs, and how many of them the cache already held. */
  neededPairs: number;
  cachedPairs: number;
  /** Why the stored table was discarded and rebuilt (corrupted), or null. */
  cacheProblem: string | null;
  /** Size of the table's cache blob (0 without a cache); over the cap it was not stored. */
  cacheBytes: number;
  cacheStored: boolean;
}

/**
 * The blocks to ask for so that every pair among `slots` is known: points with no known pair
 * (new points) against all points, then the other points against the targets still unknown to
 * any of them. After churn of k points among n this asks about 2kn pairs, not n^2.
 */
function missingBlocks(cache: MatrixCache, slots: readonly number[]): BlockSpec[] {
  const fresh: number[] = [];
  const partial: number[] = [];
  const unknownTargets = new Set<number>();
  slots.forEach((si, i) => {
    const unknown = slots
      .map((sj, j) => (i !== j && si !== sj && cache.get(si, sj).kind === 'unknown' ? j : -1))
      .filter((j) => j >= 0);
    if (unknown.length === 0) return;
    if (unknown.length >= slots.length - 1) fresh.push(i);
    else {
      partial.push(i);
      for (const j of unknown) unknownTargets.add(j);
    }
  });
  const all = slots.map((_, j) => j);
  const blocks: BlockSpec[] = [];
  if (fresh.length > 0) blocks.push({ sources: fresh, targets: all });
  if (partial.length > 0)
    blocks.push({ sources: partial, targets: [...unknownTargets].sort((a, b) => a - b) });
  return blocks;
}

/**
 * Road km and minutes between every pair of `points`, from `provider` through the cache `entry`
 * (null: no cache): points are keyed by rounded coordinates, only unknown pairs are asked for
 * (fetchBlocks chunks, limits and retries them), and the table is stored even when the fetch
 * fails part way, so a retry asks only for what is still missing; a table larger than the
 * store's cap is not stored (cacheStored false).
 */
export async function roadMatrix(
  provider: RoadProvider,
  points: readonly LonLat[],
  settings: FetchSettings,
  entry: MatrixCacheEntry | null,
): Promise<RoadMatrix> {
  const keys = points.map(([lon, lat]) => pointCacheKey(lon, lat));
  const unique = [...new Set(keys)];
  const cache = MatrixCache.fromBytes(
    entry === null ? null : await entry.store.read(entry.name),
    provider.name,
    provider.profile,
  );
  cache.reserve(unique.filter((k) => !cache.has(k)).length);
  const slots = unique.map((k) => cache.slot(k));
  const query = unique.map((k): LonLat => {
    const [lon, lat] = k.split(',').map(Number);
    return [lon as number, lat as number];
  });
  const blocks = missingBlocks(cache, slots);
  let cachedPairs = 0;
  for (const si of slots)
    for (const sj of slots) if (si !== sj && cache.get(si, sj).kind !== 'unknown') cachedPairs += 1;
  let stats: FetchStats = { requests: 0, pairs: 0 };
  let cacheBytes = 0;
  let cacheStored = false;
  try {
    if (blocks.length > 0)
      stats = await fetchBlocks(provider, query, blocks, settings, (block, values) => {
        const m = block.targets.length;
        block.sources.forEach((i, a) =>
          block.targets.forEach((j, b) => {
            if (i !== j)
              cache.set(
                slots[i] as number,
                slots[j] as number,
                values.km[a * m + b] as number,
                values.minutes[a * m + b] as number,
              );
          }),
        );
      });
  } finally {
    if (entry !== null) {
      cacheBytes = cache.blobBytes(unique);
      cacheStored = cacheBytes <= entry.maxBytes;
      if (!cacheStored) await entry.store.remove(entry.name);
      else if (blocks.length > 0 || cache.problem !== null)
        await entry.store.write(entry.name, cache.toBytes(unique));
    }
  }
  const neededPairs = unique.length * (unique.length - 1);
  return {
    ...expand(cache, keys),
    stats,
    neededPairs,
    cachedPairs,
    cacheProblem: cache.problem,
    cacheBytes,
    cacheStored,
  };
}

function expand(cache: MatrixCache, keys: readonly string[]): Pick<RoadMatrix, 'size' | 'km' | 'minutes'> {
  const n = keys.length;
  const slots = keys.map((k) => cache.slot(k));
  const km = new Float64Array(n * n);
  const minutes = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (slots[i] === slots[j]) continue;
      const pair = cache.get(slots[i] as number, slots[j] as number);
      km[i * n + j] = pair.kind === 'route' ? pair.km : NaN;
      minutes[i * n + j] = pair.kind === 'route' ? pair.minutes : NaN;
    }
  return { size: n, km, minutes };
}
