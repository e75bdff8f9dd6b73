import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LonLat } from '../../../src/domain/types.js';
import { fetchBlocks, type FetchSettings } from '../../../src/travel/fetchBlocks.js';
import { osrmProvider } from '../../../src/travel/osrmProvider.js';
import type { RoadProvider } from '../../../src/travel/roadProvider.js';
import { TravelOutageError, TravelRequestError } from '../../../src/travel/travelErrors.js';
import { valhallaProvider } from '../../../src/travel/valhallaProvider.js';
import { startFakeRoadServer, type FakeRoadServer } from './fakeRoadServer.js';

let server: FakeRoadServer;
beforeAll(async () => {
  server = await startFakeRoadServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  Object.assign(server, {
    requests: 0,
    pairs: 0,
    maxPairs: Infinity,
    failNext: 0,
    delayMs: 0,
    garbage: false,
    maxInFlight: 0,
  });
});

const settings: FetchSettings = {
  maxTable: 10,
  concurrency: 3,
  retries: 2,
  retryBaseMs: 5,
  timeoutMs: 2_000,
};
/** 25 points on a 5 x 5 grid; the last one east of lon 11 (the fake network's island). */
const points: LonLat[] = Array.from({ length: 25 }, (_, k): LonLat =>
  k === 24 ? [11.5, 50] : [10 + 0.01 * (k % 5), 50 + 0.01 * Math.floor(k / 5)],
);
const roadKm = (a: LonLat, b: LonLat): number => (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1])) * 100;

async function fullTable(provider: RoadProvider, options: Partial<FetchSettings> = {}) {
  const n = points.length;
  const km = new Float64Array(n * n).fill(-1);
  const minutes = new Float64Array(n * n).fill(-1);
  const all = points.map((_, i) => i);
  const stats = await fetchBlocks(
    provider,
    points,
    [{ sources: all, targets: all }],
    { ...settings, ...options },
    (block, values) => {
      block.sources.forEach((i, a) =>
        block.targets.forEach((j, b) => {
          km[i * n + j] = values.km[a * block.targets.length + b] as number;
          minutes[i * n + j] = values.minutes[a * block.targets.length + b] as number;
        }),
      );
    },
  );
  return { km, minutes, stats };
}

function expectRoadValues(table: { km: Float64Array; minutes: Float64Array }): void {
  const n = points.length;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const cut = (i === 24) !== (j === 24);
      const km = table.km[i * n + j] as number;
      if (cut) expect(Number.isNaN(km) && Number.isNaN(table.minutes[i * n + j] as number)).toBe(true);
      else {
        expect(km).toBeCloseTo(roadKm(points[i] as LonLat, points[j] as LonLat), 6);
        expect(table.minutes[i * n + j]).toBeCloseTo(2 * km, 6);
      }
    }
}

const providers: Array<[string, () => RoadProvider, string]> = [
  ['osrm', () => osrmProvider({ url: `${server.url}/`, profile: 'driving' }), 'driving'],
  ['valhalla', () => valhallaProvider({ url: server.url, profile: 'auto' }), 'auto'],
];

describe.each(providers)('the %s provider against a server speaking its API', (name, make) => {
  it('reads km and minutes, null cells as no route, in chunks of at most maxTable', async () => {
    const table = await fullTable(make());
    expectRoadValues(table);
    // 25 points in chunks of 10: 3 x 3 requests.
    expect(server.requests).toBe(9);
    expect(table.stats).toEqual({ requests: 9, pairs: 625 });
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    server.delayMs = 30;
    await fullTable(make(), { maxTable: 5, concurrency: 2 });
    expect(server.maxInFlight).toBe(2);
  });

  it('halves a block the server refuses as too big and asks again', async () => {
    server.maxPairs = 30;
    const table = await fullTable(make());
    expectRoadValues(table);
    expect(server.requests).toBeGreaterThan(9);
    expect(server.pairs).toBe(625);
  });

  it('retries outages with backoff and succeeds', async () => {
    server.failNext = 2;
    expectRoadValues(await fullTable(make(), { concurrency: 1 }));
    expect(server.requests).toBe(11);
  });

  it('gives up after the retries, naming the URL and the block', async () => {
    server.failNext = 100;
    const failure = await fullTable(make(), { retries: 2, concurrency: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TravelOutageError);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `travel provider ${name} at http://127\\.0\\.0\\.1:\\d+, block 1 \\(10x10\\): HTTP 503 .*after 3 attempts`,
      ),
    );
    expect(server.requests).toBe(3);
  });

  it('bounds every request by the timeout', async () => {
    server.delayMs = 1_000;
    const started = Date.now();
    const failure = await fullTable(make(), { retries: 0, timeoutMs: 100, concurrency: 1 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(TravelOutageError);
    expect((failure as Error).message).toMatch(/no answer within the timeout/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('refuses an answer of the wrong size, without retrying', async () => {
    server.garbage = true;
    const failure = await fullTable(make()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TravelRequestError);
    expect((failure as Error).message).toMatch(/row/);
  });
});

describe('API errors', () => {
  it('an unknown OSRM profile or Valhalla costing is a refused request', async () => {
    const osrm = osrmProvider({ url: server.url, profile: 'hovercraft' });
    await expect(fullTable(osrm)).rejects.toThrow(/code InvalidOptions: profile not found/);
    const valhalla = valhallaProvider({ url: server.url, profile: 'hovercraft' });
    await expect(fullTable(valhalla)).rejects.toThrow(/error 125: No costing method found/);
  });

  it('a server that is not there is an outage', async () => {
    const nobody = osrmProvider({ url: 'http://user:pw@127.0.0.1:1', profile: 'driving' });
    const failure = await fullTable(nobody, { retries: 0 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TravelOutageError);
    expect((failure as Error).message).toContain('http://127.0.0.1:1');
    expect((failure as Error).message).not.toContain('pw');
  });
});
