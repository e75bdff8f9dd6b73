import { warningText } from '../i18n/warningText.js';
import { createHash } from 'node:crypto';
import type { TravelConfig } from '../config/travelConfig.js';
import { preparePlan, type PlanContext, type PreparedPlan } from '../domain/pipeline/preparePlan.js';
import { precomputedTravelModel, type PointTravelTable } from '../domain/routing/precomputedTravelModel.js';
import type { LonLat, QuarantineEntry } from '../domain/types.js';
import { FatalInputError } from '../io/region/fatalInputError.js';
import { calibrateTravel } from '../travel/calibrateTravel.js';
import { createRoadProvider } from '../travel/createRoadProvider.js';
import type { FetchStats } from '../travel/fetchBlocks.js';
import { roadMatrix, type RoadMatrix } from '../travel/roadMatrix.js';
import type { RoadProvider } from '../travel/roadProvider.js';
import { evictToCap, type TravelCacheStore } from '../travel/travelCacheStore.js';
import { TravelOutageError, TravelRequestError } from '../travel/travelErrors.js';
import { unreachablePoints } from '../travel/unreachablePoints.js';

/** What the travel prefetch did, for the log and the run result. */
export interface TravelSummary {
  provider: string;
  profile: string;
  /** True when the provider failed and `travel.fallback: great-circle` planned on straight lines. */
  fellBack: boolean;
  stats: FetchStats;
  /** Point pairs the tables needed and how many the matrix cache held (hit rate = cached / needed). */
  neededPairs: number;
  cachedPairs: number;
  /** cachedPairs / neededPairs, 4 decimals (null when no pair was needed). */
  cacheHitRate: number | null;
  /** The matrix cache: where it lives, what it holds after this run and what was evicted from it. */
  cache: TravelCacheReport;
  quarantined: number;
}

/** What the matrix cache did in one run (TravelSummary.cache). */
export interface TravelCacheReport {
  backend: 'disk' | 'redis' | 'off';
  /** TRAVEL_CACHE_MAX_MB in bytes. */
  maxBytes: number;
  /** Bytes the store holds after the run's eviction. */
  bytes: number;
  /** Tables evicted (least recently used first) to stay under maxBytes. */
  evicted: number;
  /** Pools whose table alone is larger than maxBytes, so it was not cached. */
  uncachedPools: string[];
}

export interface PrefetchedTravel {
  /** The context to plan with: `travel` set, unreachable outlets moved to the quarantine. */
  context: PlanContext;
  /** Lines for the plan's warnings (fallback, quarantined outlets, rebuilt caches). */
  warnings: string[];
  /** Null when the policy uses the great-circle model (nothing was fetched). */
  summary: TravelSummary | null;
}

/** A rep home may miss routes to at most this share of its pool's outlets before it is an input error. */
const MAX_HOME_UNREACHABLE_SHARE = 0.5;
/** Rounds of quarantine and re-pooling before giving up (removing outlets can re-tier others). */
const MAX_ROUNDS = 3;

interface PoolPoints {
  poolId: string;
  points: LonLat[];
  /** Outlet ids at each point (empty for a rep home only). */
  outletIds: string[][];
  homes: Set<number>;
}

function poolPoints(prepared: PreparedPlan): PoolPoints[] {
  return prepared.pools.map((pool) => {
    const index = new Map<string, number>();
    const entry: PoolPoints = { poolId: pool.id, points: [], outletIds: [], homes: new Set() };
    const add = (point: LonLat): number => {
      const key = `${point[0]},${point[1]}`;
      let i = index.get(key);
      if (i === undefined) {
        i = entry.points.length;
        index.set(key, i);
        entry.points.push(point);
        entry.outletIds.push([]);
      }
      return i;
    };
    for (const rep of prepared.reps) if (rep.pool === pool.id) entry.homes.add(add(rep.home));
    for (const o of prepared.outlets)
      if (o.pool === pool.id) entry.outletIds[add([o.lon, o.lat])]?.push(o.id);
    return entry;
  });
}

/** The cache name of a pool's table: provider, profile, a readable pool id and a hash of the exact one. */
function cacheNameOf(provider: RoadProvider, poolId: string): string {
  const tag = createHash('sha256').update(poolId).digest('hex').slice(0, 12);
  const safe = poolId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${provider.name}-${provider.profile}-${safe}-${tag}`;
}

/** The outlets of a pool that no road joins to the rest (see unreachablePoints), by id. */
function unreachableOutlets(pool: PoolPoints, matrix: RoadMatrix, provider: RoadProvider): Set<string> {
  const n = pool.points.length;
  const outletPoints = pool.outletIds.filter((ids) => ids.length > 0).length;
  for (const home of pool.homes) {
    let missing = 0;
    for (let j = 0; j < n; j++)
      if (
        !pool.homes.has(j) &&
        (Number.isNaN(matrix.minutes[home * n + j]) || Number.isNaN(matrix.minutes[j * n + home]))
      )
        missing += 1;
    if (outletPoints > 0 && missing > MAX_HOME_UNREACHABLE_SHARE * outletPoints)
      throw new FatalInputError(
        `pool ${pool.poolId}: the rep home at ${pool.points[home]?.join(',')} has no ${provider.name} road route to ${missing} of ${outletPoints} outlet locations; check the rep's home coordinates`,
        'reps.csv',
        'home_lon',
      );
  }
  const dropped = unreachablePoints(n, matrix.minutes, (i) => !pool.homes.has(i));
  return new Set(dropped.flatMap((i) => pool.outletIds[i] ?? []));
}

function quarantine(context: PlanContext, ids: Set<string>, why: string): PlanContext {
  const { region } = context;
  const entries: QuarantineEntry[] = region.outlets
    .filter((o) => ids.has(o.id))
    .map((o) => ({
      file: 'outlets.csv',
      line: o.line,
      id: o.id,
      field: 'lon,lat',
      value: `${o.lon},${o.lat}`,
      reason: why,
      action: 'row-rejected',
    }));
  return {
    ...context,
    region: {
      ...region,
      outlets: region.outlets.filter((o) => !ids.has(o.id)),
      quarantine: [...region.quarantine, ...entries],
    },
  };
}

/** A pool's table for the domain (only home-to-home pairs may lack a route; none is used). */
function poolTable(pool: PoolPoints, matrix: RoadMatrix): PointTravelTable {
  return { points: pool.points, km: matrix.km, minutes: matrix.minutes };
}

async function fetchRound(
  provider: RoadProvider,
  context: PlanContext,
  config: TravelConfig,
  store: TravelCacheStore | null,
  summary: TravelSummary,
  warnings: string[],
): Promise<{ pools: PoolPoints[]; matrices: RoadMatrix[] }> {
  const pools = poolPoints(preparePlan(context));
  const matrices: RoadMatrix[] = [];
  for (const pool of pools) {
    const name = cacheNameOf(provider, pool.poolId);
    const entry = store === null ? null : { store, name, maxBytes: config.cacheMaxBytes };
    const matrix = await roadMatrix(provider, pool.points, config, entry);
    if (matrix.cacheProblem !== null)
      warnings.push(
        warningText('warning.travelCacheCorrupt', {
          cache: store?.describe(name) ?? '',
          problem: matrix.cacheProblem,
          provider: provider.name,
        }),
      );
    if (store !== null && !matrix.cacheStored && !summary.cache.uncachedPools.includes(pool.poolId)) {
      summary.cache.uncachedPools.push(pool.poolId);
      warnings.push(
        warningText('warning.travelCacheTooBig', {
          pool: pool.poolId,
          mib: mib(matrix.cacheBytes),
          maxMib: mib(config.cacheMaxBytes),
        }),
      );
    }
    summary.stats.requests += matrix.stats.requests;
    summary.stats.pairs += matrix.stats.pairs;
    summary.neededPairs += matrix.neededPairs;
    summary.cachedPairs += matrix.cachedPairs;
    matrices.push(matrix);
  }
  return { pools, matrices };
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/**
 * The app layer's travel step, run before the pure planner: when the policy names a road
 * provider, fetches (through the matrix cache `store`, kept under its cap) one table per pool over its rep homes and outlets,
 * quarantines outlets that no road joins to the rest of their pool (reason in the quarantine
 * entry), and returns the context with a precomputed travel model and territory settings
 * calibrated on the tables. Provider failures propagate (the run fails, `current` untouched),
 * unless `travel.fallback` is `great-circle`: then the context is returned unchanged and a
 * warning says the plan uses straight lines. The great-circle policy returns the context as is.
 */
export async function prefetchTravel(
  context: PlanContext,
  config: TravelConfig,
  store: TravelCacheStore | null,
): Promise<PrefetchedTravel> {
  const provider = createRoadProvider(context.policy.travel, config);
  if (provider === null) return { context, warnings: [], summary: null };
  const summary: TravelSummary = {
    provider: provider.name,
    profile: provider.profile,
    fellBack: false,
    stats: { requests: 0, pairs: 0 },
    neededPairs: 0,
    cachedPairs: 0,
    cacheHitRate: null,
    cache: {
      backend: store?.kind ?? 'off',
      maxBytes: config.cacheMaxBytes,
      bytes: 0,
      evicted: 0,
      uncachedPools: [],
    },
    quarantined: 0,
  };
  const warnings: string[] = [];
  let current = context;
  try {
    for (let round = 1; ; round++) {
      const { pools, matrices } = await fetchRound(provider, current, config, store, summary, warnings);
      const drop = new Set(
        pools.flatMap((pool, k) => [...unreachableOutlets(pool, matrices[k] as RoadMatrix, provider)]),
      );
      if (drop.size === 0) {
        const tables = pools.map((pool, k) => poolTable(pool, matrices[k] as RoadMatrix));
        const territorySettings = calibrateTravel(tables, context.policy.travel);
        return {
          context: { ...current, travel: { model: precomputedTravelModel(tables), territorySettings } },
          warnings,
          summary,
        };
      }
      if (round >= MAX_ROUNDS)
        throw new Error(`travel: outlets still unreachable after ${MAX_ROUNDS} rounds`);
      summary.quarantined += drop.size;
      const unreachable = {
        count: drop.size,
        provider: provider.name,
        outlets: [...drop].sort().slice(0, 10).join(warningText('warning.label.itemSeparator')),
      };
      warnings.push(
        drop.size > 10
          ? warningText('warning.travelUnreachableMore', unreachable)
          : warningText('warning.travelUnreachable', unreachable),
      );
      current = quarantine(
        current,
        drop,
        `no ${provider.name} (${provider.profile}) road route between this outlet and the rest of its pool`,
      );
    }
  } catch (error) {
    const providerFailed = error instanceof TravelOutageError || error instanceof TravelRequestError;
    if (!providerFailed || context.policy.travel.fallback !== 'great-circle') throw error;
    summary.fellBack = true;
    return {
      context,
      warnings: [
        warningText('warning.travelFallback', { provider: provider.name, error: (error as Error).message }),
      ],
      summary,
    };
  } finally {
    // Once per run, after every round (a round evicting what the next reads would thrash), and
    // after a failed fetch too: its partial tables were stored and count against the cap.
    if (store !== null) {
      const eviction = await evictToCap(store, config.cacheMaxBytes);
      summary.cache.evicted = eviction.evicted.length;
      summary.cache.bytes = eviction.bytes;
    }
    summary.cacheHitRate =
      summary.neededPairs > 0
        ? Math.round((10_000 * summary.cachedPairs) / summary.neededPairs) / 10_000
        : null;
    await provider.close();
  }
}
