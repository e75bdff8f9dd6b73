import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LonLat } from '../../../src/domain/types.js';
import type { FetchSettings } from '../../../src/travel/fetchBlocks.js';
import { diskCacheStore } from '../../../src/travel/diskCacheStore.js';
import { MatrixCache } from '../../../src/travel/matrixCache.js';
import { osrmProvider } from '../../../src/travel/osrmProvider.js';
import { roadMatrix, type MatrixCacheEntry } from '../../../src/travel/roadMatrix.js';
import { startFakeRoadServer, type FakeRoadServer } from './fakeRoadServer.js';

let server: FakeRoadServer;
let dir: string;
beforeAll(async () => {
  server = await startFakeRoadServer();
  dir = await mkdtemp(join(tmpdir(), 'tw-travel-cache-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
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
const grid = (n: number, offset = 0): LonLat[] =>
  Array.from({ length: n }, (_, k): LonLat => [
    10 + 0.001 * ((k + offset) % 10),
    50 + 0.001 * Math.floor((k + offset) / 10),
  ]);
const provider = () => osrmProvider({ url: server.url, profile: 'driving' });
/** A table in the disk store of `dir`, with no practical cap. */
const onDisk = (name: string): MatrixCacheEntry => ({ store: diskCacheStore(dir), name, maxBytes: 2 ** 40 });
const fileOf = (name: string): string => join(dir, `${name}.bin`);
const loadFile = async (name: string, provider: string, profile: string): Promise<MatrixCache> =>
  MatrixCache.fromBytes(await readFile(fileOf(name)), provider, profile);

describe('the travel matrix cache', () => {
  it('answers a warm run from disk and asks only for the new pairs after churn', async () => {
    const path = onDisk('churn');
    const before = grid(50);
    const cold = await roadMatrix(provider(), before, settings, path);
    expect(server.pairs).toBe(50 * 50);

    server.pairs = 0;
    server.requests = 0;
    const warm = await roadMatrix(provider(), before, settings, path);
    expect(server.requests).toBe(0);
    expect(warm.minutes).toEqual(cold.minutes);

    // Churn: 2 of 50 outlets replaced (4%) -> 2 x 50 new rows + 48 x 2 new columns.
    const after = [...before.slice(0, 48), [10.0555, 50.0555] as LonLat, [10.0666, 50.0111] as LonLat];
    const churned = await roadMatrix(provider(), after, settings, path);
    expect(server.pairs).toBe(2 * 50 + 48 * 2);
    const fresh = await roadMatrix(provider(), after, settings, null);
    expect(churned.km).toEqual(fresh.km);
    expect(churned.minutes).toEqual(fresh.minutes);
  });

  it('keys points by rounded coordinates and asks the provider for the rounded point', async () => {
    const path = onDisk('rounded');
    await roadMatrix(
      provider(),
      [
        [10.000001, 50],
        [10.01, 50],
      ],
      settings,
      path,
    );
    server.pairs = 0;
    const again = await roadMatrix(
      provider(),
      [
        [10.000004, 50.000002],
        [10.01, 50],
      ],
      settings,
      path,
    );
    expect(server.pairs).toBe(0);
    expect(again.km[1]).toBeCloseTo(1, 9);
  });

  it('detects a corrupted file, never trusts it, and rebuilds it', async () => {
    const path = onDisk('corrupt');
    const points = grid(20, 3);
    const good = await roadMatrix(provider(), points, settings, path);
    const bytes = await readFile(fileOf(path.name));
    // Flip a byte deep in the body: the size is right, the checksum is not.
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 0xff;
    await writeFile(fileOf(path.name), bytes);
    server.pairs = 0;
    const rebuilt = await roadMatrix(provider(), points, settings, path);
    expect(rebuilt.cacheProblem).toBe('checksum mismatch');
    expect(server.pairs).toBe(400);
    expect(rebuilt.minutes).toEqual(good.minutes);
    expect((await loadFile(path.name, 'osrm', 'driving')).problem).toBeNull();

    await writeFile(fileOf(path.name), 'not a cache at all');
    expect((await loadFile(path.name, 'osrm', 'driving')).problem).toBe('no header line');
    await writeFile(fileOf(path.name), bytes.subarray(0, bytes.length - 8));
    expect((await loadFile(path.name, 'osrm', 'driving')).problem).toMatch(/^body of \d+ bytes, expected/);
  });

  it('does not hand one provider or profile the figures of another', async () => {
    const path = onDisk('other');
    await roadMatrix(provider(), grid(5), settings, path);
    expect((await loadFile(path.name, 'valhalla', 'auto')).problem).toBe(
      'holds osrm/driving, not valhalla/auto',
    );
  });

  it('keeps what it fetched when the provider fails part way', async () => {
    const path = onDisk('partial');
    const points = grid(40);
    server.failNext = 0;
    const failing = { ...settings, concurrency: 1 };
    // 40 points in blocks of 16: 9 requests; let the 5th fail.
    let calls = 0;
    const base = provider();
    const flaky = {
      ...base,
      table: (request: Parameters<typeof base.table>[0]) =>
        ++calls === 5 ? Promise.reject(new Error('boom')) : base.table(request),
    };
    await expect(roadMatrix(flaky, points, failing, path)).rejects.toThrow('boom');
    server.pairs = 0;
    await roadMatrix(provider(), points, settings, path);
    expect(server.pairs).toBeLessThan(40 * 40);
    expect(server.pairs).toBeGreaterThan(0);
  });
});
