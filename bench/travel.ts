/**
 * Road travel benchmark (issue 14): `npm run bench:travel [-- --runs 3] [--no-10k]`.
 *
 * Builds a synthetic road network over each region (travelNetwork.ts: a 300 m street grid with
 * primary roads and a river crossed by every sixth street), imports it with osm2pgrouting into a
 * throwaway database (created here with a unique name and dropped at the end), and times the app
 * layer's travel step (prefetchTravel: one pgRouting table per pool, requests of 100 sources x
 * all targets, concurrency 2) for the sample region (1,399 outlets / 12 reps) and a generated 10,000-outlet
 * region (80 reps):
 *   - cold: an empty cache folder;
 *   - warm: the same inputs again on the cache the cold run wrote;
 *   - churn: 2% of the outlets moved about 150 m (every 50th), on a copy of the warm cache;
 *   - capped: the same inputs on a copy of the warm cache with TRAVEL_CACHE_MAX_MB at half of what
 *     the warm cache holds, after one untimed run that evicted down to the cap (least recently
 *     used first): the steady state of a cap that is too small for the region.
 * Each row gives the median and minimum wall time over `--runs` (the 10,000-outlet cold fetch
 * runs once), requests, pairs fetched and the cache's share of the pairs needed. Then it plans
 * the sample region on the fetched road times and on straight lines and prints the plans' total
 * day-route km and minutes. The last line is `RESULT {json}`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { prefetchTravel, type TravelSummary } from '../src/app/prefetchTravel.js';
import { DEFAULT_CACHE_MAX_MB, type TravelConfig } from '../src/config/travelConfig.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { planRegion } from '../src/domain/pipeline/planRegion.js';
import type { PlanContext } from '../src/domain/pipeline/preparePlan.js';
import type { Plan } from '../src/domain/plan/planTypes.js';
import { resolvePolicy } from '../src/domain/policy/resolvePolicy.js';
import type { RegionInput } from '../src/domain/types.js';
import { loadRegion } from '../src/io/region/loadRegion.js';
import { diskCacheStore } from '../src/travel/diskCacheStore.js';
import { gridTownOsm } from './travelNetwork.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const with10k = !args.includes('--no-10k');
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ ...PG, database: 'postgres', connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function importNetwork(db: string, prefix: string, region: RegionInput, work: string): Promise<void> {
  const lons = [...region.outlets.map((o) => o.lon), ...region.reps.map((r) => r.homeLon)];
  const lats = [...region.outlets.map((o) => o.lat), ...region.reps.map((r) => r.homeLat)];
  const file = join(work, `${prefix}network.osm`);
  await writeFile(
    file,
    gridTownOsm({
      minLon: Math.min(...lons),
      maxLon: Math.max(...lons),
      minLat: Math.min(...lats),
      maxLat: Math.max(...lats),
    }),
  );
  execFileSync(
    'osm2pgrouting',
    ['-f', file, '-d', db, '-U', PG.user, '-h', PG.host, '--prefix', prefix, '--clean'],
    {
      stdio: 'ignore',
      timeout: 300_000,
    },
  );
}

function churned(region: RegionInput): RegionInput {
  return {
    ...region,
    outlets: region.outlets.map((o, k) =>
      k % 50 === 0 ? { ...o, lon: o.lon + 0.0013, lat: o.lat + 0.0009 } : o,
    ),
  };
}

interface Row {
  region: string;
  scenario: 'cold' | 'warm' | 'churn' | 'capped';
  runs: number;
  medianMs: number;
  minMs: number;
  requests: number;
  pairsFetched: number;
  pairsNeeded: number;
  cacheShare: number;
  /** What the cache holds after the run, its cap and the tables evicted (MiB, 0.1). */
  cacheMiB: number;
  capMiB: number;
  evicted: number;
}

const mib = (bytes: number): number => Math.round((10 * bytes) / 1024 / 1024) / 10;

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function timed(
  region: string,
  scenario: Row['scenario'],
  count: number,
  once: () => Promise<TravelSummary>,
): Promise<Row> {
  const times: number[] = [];
  let summary: TravelSummary | null = null;
  for (let k = 0; k < count; k++) {
    const started = performance.now();
    summary = await once();
    times.push(performance.now() - started);
  }
  const s = summary as TravelSummary;
  const row: Row = {
    region,
    scenario,
    runs: count,
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    requests: s.stats.requests,
    pairsFetched: s.stats.pairs,
    pairsNeeded: s.neededPairs,
    cacheShare: s.neededPairs === 0 ? 0 : Math.round((1000 * s.cachedPairs) / s.neededPairs) / 1000,
    cacheMiB: mib(s.cache.bytes),
    capMiB: mib(s.cache.maxBytes),
    evicted: s.cache.evicted,
  };
  console.log(
    `${region.padEnd(8)} ${scenario.padEnd(6)} runs ${count}  median ${String(row.medianMs).padStart(7)} ms  min ${String(row.minMs).padStart(7)} ms  requests ${String(row.requests).padStart(5)}  fetched ${String(row.pairsFetched).padStart(9)}  needed ${String(row.pairsNeeded).padStart(9)}  from cache ${(100 * row.cacheShare).toFixed(1)}%  cache ${row.cacheMiB} of ${row.capMiB} MiB  evicted ${row.evicted}`,
  );
  return row;
}

async function benchRegion(
  name: string,
  context: PlanContext,
  config: TravelConfig,
  work: string,
  coldRuns: number,
): Promise<{ rows: Row[]; warm: PlanContext }> {
  const rows: Row[] = [];
  let cacheRoot = '';
  rows.push(
    await timed(name, 'cold', coldRuns, async () => {
      cacheRoot = await mkdtemp(join(work, `${name}-cold-`));
      return (await prefetchTravel(context, config, diskCacheStore(cacheRoot))).summary as TravelSummary;
    }),
  );
  let warm: PlanContext = context;
  rows.push(
    await timed(name, 'warm', runs, async () => {
      const done = await prefetchTravel(context, config, diskCacheStore(cacheRoot));
      warm = done.context;
      return done.summary as TravelSummary;
    }),
  );
  const moved = { ...context, region: churned(context.region) };
  rows.push(
    await timed(name, 'churn', runs, async () => {
      const copy = await mkdtemp(join(work, `${name}-churn-`));
      await cp(cacheRoot, copy, { recursive: true });
      return (await prefetchTravel(moved, config, diskCacheStore(copy))).summary as TravelSummary;
    }),
  );
  const held = (await diskCacheStore(cacheRoot).list()).reduce((sum, t) => sum + t.bytes, 0);
  const capped = { ...config, cacheMaxBytes: Math.floor(held / 2) };
  const cappedRoot = await mkdtemp(join(work, `${name}-capped-`));
  await cp(cacheRoot, cappedRoot, { recursive: true });
  await prefetchTravel(context, capped, diskCacheStore(cappedRoot));
  rows.push(
    await timed(
      name,
      'capped',
      runs,
      async () =>
        (await prefetchTravel(context, capped, diskCacheStore(cappedRoot))).summary as TravelSummary,
    ),
  );
  return { rows, warm };
}

function totals(plan: Plan): { km: number; minutes: number } {
  let km = 0;
  let minutes = 0;
  for (const rep of plan.reps)
    for (const day of rep.days ?? []) {
      km += day.travelKm;
      minutes += day.travelMinutes;
    }
  return { km: Math.round(km), minutes: Math.round(minutes) };
}

async function main(): Promise<void> {
  const db = `tw_bench_travel_${process.pid}_${randomBytes(4).toString('hex')}`;
  const work = await mkdtemp(join(tmpdir(), 'tw-bench-travel-'));
  await adminQuery(`CREATE DATABASE ${db}`);
  // An interrupted bench still drops its database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void adminQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).finally(() => process.exit(130));
    });
  try {
    const url = `postgres://${PG.user}@${PG.host}:${PG.port}/${db}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;');
    await client.end();
    const base = { maxTable: 100, concurrency: 2, retries: 2, retryBaseMs: 500, timeoutMs: 120_000 };
    const configFor = (prefix: string): TravelConfig => ({
      ...base,
      pgroutingUrl: url,
      pgroutingTable: `${prefix}ways`,
      osrmUrl: null,
      valhallaUrl: null,
      cache: 'disk',
      cacheDir: null,
      cacheMaxBytes: DEFAULT_CACHE_MAX_MB * 1024 * 1024,
    });

    const loaded = await loadRegion(new URL('../data/regions/kuiwen-sample', import.meta.url).pathname);
    const roadPolicy = {
      ...loaded.policy,
      travel: { ...loaded.policy.travel, provider: 'pgrouting' as const },
    };
    const sample: PlanContext = {
      region: loaded.region,
      policy: roadPolicy,
      previous: null,
      mode: 'fresh',
      seed: 1,
    };
    await importNetwork(db, 's_', loaded.region, work);
    const rows: Row[] = [];
    const sampleRun = await benchRegion('sample', sample, configFor('s_'), work, runs);
    rows.push(...sampleRun.rows);

    if (with10k) {
      const generated = generateRegion({ outlets: 10_000, reps: 80, seed: 14 });
      const region: RegionInput = {
        name: 'gen10k',
        outlets: generated.outlets,
        reps: generated.reps,
        quarantine: [],
        policyOverrides: null,
        inputHash: 'bench',
      };
      const policy = resolvePolicy([]);
      const context: PlanContext = {
        region,
        policy: { ...policy, travel: { ...policy.travel, provider: 'pgrouting' } },
        previous: null,
        mode: 'fresh',
        seed: 1,
      };
      await importNetwork(db, 'g_', region, work);
      rows.push(...(await benchRegion('gen10k', context, configFor('g_'), work, 1)).rows);
    }

    const now = new Date(0);
    const straight = totals(planRegion({ ...sample, policy: loaded.policy, now }));
    const started = performance.now();
    const road = totals(planRegion({ ...sampleRun.warm, now }));
    const roadPlanMs = Math.round(performance.now() - started);
    console.log(
      `sample plan: straight lines ${straight.km} km / ${straight.minutes} min; pgRouting ${road.km} km / ${road.minutes} min (planned in ${roadPlanMs} ms)`,
    );
    console.log(`RESULT ${JSON.stringify({ rows, samplePlan: { straight, road, roadPlanMs } })}`);
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await rm(work, { recursive: true, force: true });
  }
}

await main();
