/**
 * The map's colours: reps whose territories touch never share a colour (repColors over
 * touchingTerritories), and every day of a cycle gets its own, clearly different route colour.
 */
import fc from 'fast-check';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import type { Position } from '../../src/io/artifacts/geoJson.js';
import {
  buildTerritoriesGeoJson,
  type TerritoryFeature,
} from '../../src/io/artifacts/renderTerritoriesGeoJson.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import { dayColors, deltaE, hexToLab } from '../../src/io/report/dayColors.js';
import { REP_PALETTE, repColors } from '../../src/io/report/repColors.js';
import { touchingTerritories } from '../../src/io/report/territoryAdjacency.js';

function square(repId: string, pool: string, x0: number, y0: number, size = 0.01): TerritoryFeature {
  const ring: Position[] = [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
  return {
    type: 'Feature',
    id: repId,
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: {
      repId,
      repName: repId,
      tier: 'C',
      pool,
      outletCount: 1,
      loadMinutes: null,
      targetMinutes: null,
    },
  };
}

const conflicts = (colors: string[], edges: ReadonlyArray<readonly [number, number]>) =>
  edges.filter(([a, b]) => a !== b && colors[a] === colors[b]);

describe('repColors', () => {
  it('never gives two neighbours the same colour, on any graph', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
              maxLength: 400,
            }),
          ),
        ),
        ([n, edges]) => {
          const colors = repColors(n, edges);
          expect(colors).toHaveLength(n);
          expect(conflicts(colors, edges)).toEqual([]);
        },
      ),
    );
  });

  it('colours a map-like grid (each cell touching its eight neighbours) from the palette alone', () => {
    const side = 12;
    const edges: Array<[number, number]> = [];
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++)
        for (const [dx, dy] of [
          [1, 0],
          [0, 1],
          [1, 1],
          [1, -1],
        ] as const) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < side && ny >= 0 && ny < side) edges.push([y * side + x, ny * side + nx]);
        }
    const colors = repColors(side * side, edges);
    expect(conflicts(colors, edges)).toEqual([]);
    expect(colors.every((c) => (REP_PALETTE as readonly string[]).includes(c))).toBe(true);
    // The colours spread: none is used for more than a fifth of the cells.
    const uses = new Map<string, number>();
    for (const c of colors) uses.set(c, (uses.get(c) ?? 0) + 1);
    expect(Math.max(...uses.values())).toBeLessThanOrEqual((side * side) / 5);
  });

  it('goes beyond the palette only when a rep touches every palette colour (a clique of ten)', () => {
    const edges: Array<[number, number]> = [];
    for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) edges.push([a, b]);
    const colors = repColors(10, edges);
    expect(new Set(colors).size).toBe(10);
  });

  it('is deterministic', () => {
    const edges: Array<[number, number]> = [
      [0, 1],
      [1, 2],
      [2, 0],
      [2, 3],
    ];
    expect(repColors(5, edges)).toEqual(repColors(5, edges));
  });
});

describe('touchingTerritories', () => {
  it('pairs territories of a pool that share a border or a corner, never across pools', () => {
    const features = [
      square('R1', 'C', 0, 0),
      square('R2', 'C', 0.01, 0), // shares R1's east edge
      square('R3', 'C', 0.02, 0.01), // meets R2 at one corner
      square('R4', 'C', 0.05, 0), // apart
      square('R5', 'D', 0, 0), // same place, other pool
    ];
    expect(touchingTerritories(features)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('finds the touching territories of the sample region, and repColors separates them', async () => {
    const { region, policy } = await loadRegion(resolve('data/regions/kuiwen-sample'));
    const plan = planRegion({ region, policy, previous: null, mode: 'fresh', now: new Date(0), seed: 1 });
    const features = buildTerritoriesGeoJson(plan).features;
    const pairs = touchingTerritories(features);
    expect(pairs.length).toBeGreaterThan(5);
    expect(pairs.every(([a, b]) => features[a]?.properties.pool === features[b]?.properties.pool)).toBe(true);
    const colors = repColors(features.length, pairs);
    expect(conflicts(colors, pairs)).toEqual([]);
  });
});

describe('dayColors', () => {
  it('gives each of up to 35 days its own colour, every pair clearly different (ΔE > 20)', () => {
    for (const n of [1, 5, 6, 7, 10, 20, 24, 28, 35]) {
      const colors = dayColors(n);
      expect(colors).toHaveLength(n);
      const labs = colors.map(hexToLab);
      let closest = Infinity;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) closest = Math.min(closest, deltaE(labs[i]!, labs[j]!));
      if (n > 1) expect(closest, `${n} days`).toBeGreaterThan(20);
    }
  });

  it('keeps the first colours whatever the number of days, and reads on white', () => {
    expect(dayColors(28).slice(0, 7)).toEqual(dayColors(7));
    for (const c of dayColors(28)) expect(hexToLab(c)[0]).toBeLessThanOrEqual(72);
  });
});
