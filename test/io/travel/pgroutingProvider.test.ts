import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/domain/geo/distance.js';
import type { LonLat } from '../../../src/domain/types.js';
import { pgroutingProvider } from '../../../src/travel/pgroutingProvider.js';
import type { RoadProvider } from '../../../src/travel/roadProvider.js';
import { TravelOutageError, TravelRequestError } from '../../../src/travel/travelErrors.js';
import { createTravelTestDb, type TravelTestDb } from './pgTestDb.js';

/** Street corners of the river town: column x (0-2 west bank, 4-6 east bank), row y. */
const corner = (x: number, y: number): LonLat => [10 + 0.005 * x, 50 + 0.005 * y];
const ISLAND: LonLat = [10.015, 50.0135];

let db: TravelTestDb;
let provider: RoadProvider;

beforeAll(async () => {
  db = await createTravelTestDb();
  provider = pgroutingProvider({
    url: db.url,
    profile: 'car',
    table: 'ways',
    timeoutMs: 10_000,
    connections: 2,
  });
});

afterAll(async () => {
  await provider?.close();
  await db?.drop();
});

const ask = (sources: LonLat[], targets: LonLat[]) =>
  provider.table({ sources, targets, signal: AbortSignal.timeout(10_000), label: 'block 1' });

describe('the pgRouting provider on an osm2pgrouting import', () => {
  it('routes across the river over the bridge', async () => {
    const west = corner(2, 4);
    const east = corner(4, 4);
    const block = await ask([west, east], [west, east]);
    const straight = haversineKm(west[0], west[1], east[0], east[1]);
    // Down column 2 to row 0, over the bridge, up column 4: about 4 x 0.556 x 2 + 0.717 km.
    expect(block.km[1]).toBeGreaterThan(5.0);
    expect(block.km[1]).toBeLessThan(5.3);
    expect(block.km[1]).toBeGreaterThan(6 * straight);
    expect(block.km[2]).toBeCloseTo(block.km[1] as number, 6);
    expect(block.minutes[1]).toBeGreaterThan(5);
    expect([block.km[0], block.km[3]]).toEqual([0, 0]);
  });

  it('keeps neighbours on one bank close', async () => {
    const block = await ask([corner(0, 0)], [corner(1, 0), corner(0, 1)]);
    expect(block.km[0]).toBeCloseTo(0.358, 2);
    expect(block.km[1]).toBeCloseTo(0.556, 2);
  });

  it('keeps a one-way street one-way (East Row 2 runs east only), in minutes and in km', async () => {
    const block = await ask([corner(4, 2), corner(6, 2)], [corner(6, 2), corner(4, 2)]);
    // East along the row: 2 x 0.358 km. Back west: round by row 1 or 3 (+2 x 0.556 km).
    expect(block.km[0]).toBeCloseTo(0.717, 2);
    expect(block.km[3]).toBeCloseTo(0.717 + 1.112, 2);
    expect(block.minutes[3]).toBeGreaterThan(2 * (block.minutes[0] as number));
    // More sources than targets: searched backwards from the target, same one-way figures.
    const backwards = await ask([corner(4, 2), corner(5, 0)], [corner(6, 2)]);
    expect(backwards.km[0]).toBeCloseTo(block.km[0] as number, 9);
    const into = await ask([corner(6, 2), corner(5, 0)], [corner(4, 2)]);
    expect(into.km[0]).toBeCloseTo(block.km[3] as number, 9);
    expect(into.minutes[0]).toBeCloseTo(block.minutes[3] as number, 9);
  });

  it('answers NaN for a point no road joins (the island lane)', async () => {
    const block = await ask([ISLAND, corner(0, 0)], [corner(0, 0), ISLAND]);
    expect(Number.isNaN(block.minutes[0])).toBe(true);
    expect(Number.isNaN(block.km[3])).toBe(true);
  });

  it('reports a missing import as a refused request, and a dead server as an outage', async () => {
    const wrongTable = pgroutingProvider({
      url: db.url,
      profile: 'car',
      table: 'no_such_ways',
      timeoutMs: 5_000,
      connections: 1,
    });
    await expect(
      wrongTable.table({
        sources: [corner(0, 0)],
        targets: [corner(1, 0)],
        signal: AbortSignal.timeout(5000),
        label: 'block 7',
      }),
    ).rejects.toThrow(TravelRequestError);
    await wrongTable.close();
    const dead = pgroutingProvider({
      url: 'postgres://postgres:secret@127.0.0.1:1/none',
      profile: 'car',
      table: 'ways',
      timeoutMs: 2_000,
      connections: 1,
    });
    const failure = await dead
      .table({
        sources: [corner(0, 0)],
        targets: [corner(1, 0)],
        signal: AbortSignal.timeout(5000),
        label: 'block 2',
      })
      .catch((e: unknown) => e);
    await dead.close();
    expect(failure).toBeInstanceOf(TravelOutageError);
    expect((failure as Error).message).toContain('postgres://127.0.0.1:1/none, block 2');
    expect((failure as Error).message).not.toContain('secret');
  });
});
