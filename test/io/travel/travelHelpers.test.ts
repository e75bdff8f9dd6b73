import { describe, expect, it } from 'vitest';
import { loadTravelConfig, TravelConfigError } from '../../../src/config/travelConfig.js';
import { calibrateTravel } from '../../../src/travel/calibrateTravel.js';
import { unreachablePoints } from '../../../src/travel/unreachablePoints.js';
import type { LonLat } from '../../../src/domain/types.js';
import { haversineKm } from '../../../src/domain/geo/distance.js';

/** A table over n points where `cut` points have no route to the others (and among themselves do). */
function islandTable(n: number, cut: Set<number>): Float64Array {
  const minutes = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) minutes[i * n + j] = cut.has(i) !== cut.has(j) ? NaN : 1;
  return minutes;
}

describe('unreachablePoints', () => {
  it('drops the smaller side of a cut, never a fixed point', () => {
    expect(unreachablePoints(10, islandTable(10, new Set([7, 8])), () => true)).toEqual([7, 8]);
    // Point 0 (a home) is fixed: the island 0-1-2 loses 1 and 2, not 0 ... unless that leaves nulls.
    expect(unreachablePoints(10, islandTable(10, new Set([1, 2])), (i) => i !== 0)).toEqual([1, 2]);
  });

  it('ignores missing pairs between two fixed points', () => {
    const minutes = islandTable(4, new Set());
    minutes[0 * 4 + 1] = NaN;
    expect(unreachablePoints(4, minutes, (i) => i >= 2)).toEqual([]);
  });

  it('drops a one-way dead end (routes in, none out)', () => {
    const minutes = islandTable(5, new Set());
    for (let j = 0; j < 5; j++) if (j !== 3) minutes[3 * 5 + j] = NaN;
    expect(unreachablePoints(5, minutes, () => true)).toEqual([3]);
  });
});

describe('calibrateTravel', () => {
  const points: LonLat[] = Array.from({ length: 12 }, (_, k): LonLat => [
    10 + 0.01 * (k % 4),
    50 + 0.01 * Math.floor(k / 4),
  ]);
  it('recovers the circuity and speed of a network 1.5x longer than straight lines at 30 km/h', () => {
    const n = points.length;
    const km = new Float64Array(n * n);
    const minutes = new Float64Array(n * n);
    points.forEach((a, i) =>
      points.forEach((b, j) => {
        km[i * n + j] = 1.5 * haversineKm(a[0], a[1], b[0], b[1]);
        minutes[i * n + j] = (km[i * n + j] as number) * 2;
      }),
    );
    const settings = calibrateTravel([{ points, km, minutes }], { speedKmh: 25, circuity: 1.35 });
    expect(settings.circuity).toBeCloseTo(1.5, 9);
    expect(settings.speedKmh).toBeCloseTo(30, 9);
  });

  it('keeps the policy settings when no pair is usable', () => {
    const nan = new Float64Array(points.length ** 2).fill(NaN);
    expect(calibrateTravel([{ points, km: nan, minutes: nan }], { speedKmh: 25, circuity: 1.35 })).toEqual({
      speedKmh: 25,
      circuity: 1.35,
    });
  });
});

describe('loadTravelConfig', () => {
  it('has the documented defaults', () => {
    expect(loadTravelConfig({})).toEqual({
      pgroutingUrl: null,
      pgroutingTable: 'ways',
      osrmUrl: null,
      valhallaUrl: null,
      maxTable: 100,
      concurrency: 4,
      retries: 2,
      retryBaseMs: 500,
      timeoutMs: 30_000,
      cache: 'disk',
      cacheDir: null,
      cacheMaxBytes: 2048 * 1024 * 1024,
    });
    expect(loadTravelConfig({ TRAVEL_CACHE_DIR: 'off', TRAVEL_MAX_TABLE: ' ' })).toMatchObject({
      cache: 'off',
      cacheDir: null,
    });
    expect(loadTravelConfig({ TRAVEL_CACHE: 'redis', TRAVEL_CACHE_MAX_MB: '64' })).toMatchObject({
      cache: 'redis',
      cacheMaxBytes: 64 * 1024 * 1024,
    });
    expect(() => loadTravelConfig({ TRAVEL_CACHE: 'memcached' })).toThrow(
      /TRAVEL_CACHE="memcached": must be disk, redis or off/,
    );
    expect(() => loadTravelConfig({ TRAVEL_CACHE_MAX_MB: '0' })).toThrow(/TRAVEL_CACHE_MAX_MB="0"/);
  });

  it('names the key and value, and never prints the database URL', () => {
    expect(() => loadTravelConfig({ TRAVEL_MAX_TABLE: 'lots' })).toThrow(
      /TRAVEL_MAX_TABLE="lots": must be a whole number/,
    );
    expect(() => loadTravelConfig({ TRAVEL_OSRM_URL: 'ftp://x' })).toThrow(TravelConfigError);
    const error = (() => {
      try {
        loadTravelConfig({ TRAVEL_PGROUTING_URL: 'mysql://u:secret@h/db' });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toContain('TRAVEL_PGROUTING_URL=<redacted>: must be a postgres:// URL');
    expect(error?.message).not.toContain('secret');
  });
});
