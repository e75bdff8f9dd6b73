import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prefetchTravel } from '../../../src/app/prefetchTravel.js';
import type { TravelConfig } from '../../../src/config/travelConfig.js';
import { generateRegion } from '../../../src/domain/generate/generateRegion.js';
import { planRegion } from '../../../src/domain/pipeline/planRegion.js';
import type { PlanContext } from '../../../src/domain/pipeline/preparePlan.js';
import { DEFAULT_POLICY } from '../../../src/domain/policy/defaultPolicy.js';
import type { RegionInput } from '../../../src/domain/types.js';
import { diskCacheStore } from '../../../src/travel/diskCacheStore.js';
import { startFakeRoadServer, type FakeRoadServer } from './fakeRoadServer.js';

let server: FakeRoadServer;
beforeAll(async () => {
  server = await startFakeRoadServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  Object.assign(server, { requests: 0, pairs: 0, failNext: 0, delayMs: 0, garbage: false });
});

const generated = generateRegion({ outlets: 120, reps: 4, seed: 5 });
/** The generated region (around 119 E, so on the fake network's island side of lon 11) moved to 10 E, with one outlet left out east. */
const region: RegionInput = {
  name: 'prefetch',
  outlets: generated.outlets.map((o, k) => ({ ...o, lon: k === 7 ? 11.5 : o.lon - 109 })),
  reps: generated.reps.map((r) => ({ ...r, homeLon: r.homeLon - 109 })),
  quarantine: [],
  policyOverrides: null,
  inputHash: 'test',
};
const policy = { ...DEFAULT_POLICY, travel: { ...DEFAULT_POLICY.travel, provider: 'valhalla' as const } };
const context: PlanContext = { region, policy, previous: null, mode: 'fresh', seed: 1 };
const config = (): TravelConfig => ({
  pgroutingUrl: null,
  pgroutingTable: 'ways',
  osrmUrl: null,
  valhallaUrl: server.url,
  maxTable: 50,
  concurrency: 2,
  retries: 0,
  retryBaseMs: 1,
  timeoutMs: 5_000,
  cache: 'off',
  cacheDir: null,
  cacheMaxBytes: 1024 * 1024,
});

describe('prefetchTravel against a Valhalla-speaking server', () => {
  it('reports the cache hit rate, the queries and what the cap evicted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tw-prefetch-cache-'));
    try {
      const store = diskCacheStore(dir);
      const cold = await prefetchTravel(context, config(), store);
      // The quarantine's second round finds its pairs in the cache the first round filled.
      const { cachedPairs, neededPairs } = cold.summary ?? { cachedPairs: 0, neededPairs: 0 };
      expect(cold.summary?.quarantined).toBe(1);
      expect(cold.summary?.cacheHitRate).toBe(Math.round((10_000 * cachedPairs) / neededPairs) / 10_000);
      expect(cold.summary?.cacheHitRate).toBeLessThan(0.6);
      expect(cold.summary?.stats.requests).toBeGreaterThan(0);
      expect(cold.summary?.cache).toMatchObject({ backend: 'disk', evicted: 0, uncachedPools: [] });
      const tables = await store.list();
      expect(tables.length).toBeGreaterThan(1);
      expect(cold.summary?.cache.bytes).toBe(tables.reduce((s, t) => s + t.bytes, 0));

      server.requests = 0;
      const warm = await prefetchTravel(context, config(), store);
      expect(server.requests).toBe(0);
      expect(warm.summary).toMatchObject({ cacheHitRate: 1, stats: { requests: 0, pairs: 0 } });

      // A cap of one table's size: the others go, least recently used first, and the cap holds.
      const largest = Math.max(...tables.map((t) => t.bytes));
      const capped = await prefetchTravel(context, { ...config(), cacheMaxBytes: largest }, store);
      expect(capped.summary?.cache.evicted).toBe(tables.length - 1);
      expect(capped.summary?.cache.bytes).toBeLessThanOrEqual(largest);
      expect(capped.summary?.cacheHitRate).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('quarantines the outlet with null cells and plans the rest on the fetched tables', async () => {
    const cut = generated.outlets[7]?.id as string;
    const result = await prefetchTravel(context, config(), null);
    expect(result.summary).toMatchObject({
      provider: 'valhalla',
      profile: 'auto',
      fellBack: false,
      quarantined: 1,
    });
    expect(result.context.region.outlets.some((o) => o.id === cut)).toBe(false);
    expect(result.context.region.quarantine).toEqual([
      expect.objectContaining({
        id: cut,
        file: 'outlets.csv',
        reason: 'no valhalla (auto) road route between this outlet and the rest of its pool',
      }),
    ]);
    expect(result.warnings.join('\n')).toContain(cut);
    // The fake network drives 30 km/h (2 minutes a km) on Manhattan distances.
    expect(result.context.travel?.territorySettings.speedKmh).toBeCloseTo(30, 6);
    expect(result.context.travel?.territorySettings.circuity).toBeGreaterThan(1.1);
    const plan = planRegion({ ...result.context, now: new Date(0) });
    const days = plan.reps.flatMap((r) => r.days ?? []).filter((d) => d.stops.length > 1);
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) expect(day.travelMinutes).toBeCloseTo(2 * day.travelKm, -1);
  });

  it('fails on an outage, naming the provider and the block, unless the fallback is set', async () => {
    server.failNext = 1_000;
    await expect(prefetchTravel(context, config(), null)).rejects.toThrow(
      /travel provider valhalla at http:\/\/127\.0\.0\.1:\d+, block \d+ \(\d+x\d+\): HTTP 503/,
    );
    const fallback = {
      ...context,
      policy: { ...policy, travel: { ...policy.travel, fallback: 'great-circle' as const } },
    };
    const result = await prefetchTravel(fallback, config(), null);
    expect(result.context).toBe(fallback);
    expect(result.summary?.fellBack).toBe(true);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^travel: valhalla failed \(.*HTTP 503.*\); planned on great-circle lines \(travel\.fallback: great-circle\)$/,
      ),
    ]);
  });

  it('treats a rep home the network does not reach as an input error', async () => {
    const stranded = {
      ...context,
      region: { ...region, reps: region.reps.map((r, k) => (k === 0 ? { ...r, homeLon: 11.6 } : r)) },
    };
    const failure = await prefetchTravel(stranded, config(), null).catch((e: unknown) => e);
    expect((failure as Error).name).toBe('FatalInputError');
    expect((failure as Error).message).toMatch(
      /the rep home at 11\.6,.* has no valhalla road route to \d+ of \d+ outlet locations/,
    );
  });

  it('does nothing for the great-circle model', async () => {
    const plain = { ...context, policy: DEFAULT_POLICY };
    expect(await prefetchTravel(plain, config(), null)).toEqual({
      context: plain,
      warnings: [],
      summary: null,
    });
    expect(server.requests).toBe(0);
  });
});
