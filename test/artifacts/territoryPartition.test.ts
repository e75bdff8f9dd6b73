import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  area,
  booleanPointInPolygon,
  booleanValid,
  featureCollection,
  intersect,
  kinks,
  lineString,
  multiPolygon,
  pointToPolygonDistance,
  polygon,
} from '@turf/turf';
import type { Position } from '../../src/io/artifacts/geoJson.js';
import { buildTerritoriesGeoJson } from '../../src/io/artifacts/renderTerritoriesGeoJson.js';
import { territoryHull } from '../../src/io/artifacts/territoryHull.js';
import {
  MERGE_DEG,
  partitionTerritories,
  type OwnedPoint,
  type PolygonRings,
} from '../../src/io/artifacts/territoryPartition.js';
import { checkGeoJson, TERRITORY_OVERLAP_TOLERANCE_M2 } from '../../src/io/publish/checkGeoJson.js';
import { territoryPlan } from './territoryRegion.js';

type Shape = ReturnType<typeof polygon> | ReturnType<typeof multiPolygon>;

function shapeOf(polygons: PolygonRings[]): Shape {
  return polygons.length === 1 ? polygon(polygons[0] ?? []) : multiPolygon(polygons);
}

function ringsOf(shape: Shape): Position[][] {
  const g = shape.geometry;
  return (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()) as Position[][];
}

/** Problems of a set of outlines of one pool: OGC validity, overlaps, outlets outside their own. */
function partitionProblems(
  shapes: ReadonlyMap<string, Shape>,
  points: readonly OwnedPoint[],
): { invalid: string[]; overlaps: string[]; outside: string[] } {
  const invalid: string[] = [];
  for (const [owner, shape] of shapes) {
    const crossing = ringsOf(shape).some((ring) => kinks(lineString(ring)).features.length > 0);
    if (!booleanValid(shape) || crossing) invalid.push(owner);
  }
  const overlaps: string[] = [];
  const owners = [...shapes.keys()];
  for (let i = 0; i < owners.length; i++) {
    for (let j = i + 1; j < owners.length; j++) {
      const a = shapes.get(owners[i] as string) as Shape;
      const b = shapes.get(owners[j] as string) as Shape;
      const common = intersect(featureCollection<Shape['geometry']>([a, b]));
      const m2 = common ? area(common) : 0;
      if (m2 > TERRITORY_OVERLAP_TOLERANCE_M2)
        overlaps.push(`${owners[i]}/${owners[j]}: ${m2.toFixed(1)} m²`);
    }
  }
  // An outlet lies inside or on its own outline; one merged into a site within MERGE_DEG of
  // another position may miss it by less than a metre.
  const merged = (p: OwnedPoint): boolean =>
    points.some(
      (q) =>
        (q.lon !== p.lon || q.lat !== p.lat) &&
        Math.abs(q.lon - p.lon) <= MERGE_DEG + 1e-9 &&
        Math.abs(q.lat - p.lat) <= MERGE_DEG + 1e-9,
    );
  const outside = points
    .filter((p) => {
      const shape = shapes.get(p.owner);
      if (!shape) return true;
      const at: Position = [p.lon, p.lat];
      const inside =
        shape.geometry.type === 'Polygon'
          ? booleanPointInPolygon(at, shape as ReturnType<typeof polygon>)
          : booleanPointInPolygon(at, shape as ReturnType<typeof multiPolygon>);
      if (inside) return false;
      return !merged(p) || pointToPolygonDistance([p.lon, p.lat], shape, { units: 'meters' }) > 1;
    })
    .map((p) => `${p.owner}@${p.lon},${p.lat}`);
  return { invalid, overlaps, outside };
}

function partitionShapes(points: readonly OwnedPoint[]): Map<string, Shape> {
  return new Map([...partitionTerritories(points)].map(([owner, polygons]) => [owner, shapeOf(polygons)]));
}

describe('territory outlines on generated regions (issue 10 item 11)', () => {
  for (const [outlets, reps] of [
    [1399, 12],
    [8000, 80],
  ] as const) {
    const plan = territoryPlan(outlets, reps, 42);
    const poolOf = new Map(plan.reps.map((r) => [r.id, r.pool]));

    it(`${outlets} outlets, ${reps} reps: the old hulls were invalid or overlapped, and the gate refuses them`, () => {
      // The outlines before the partition: one concave/convex hull per rep (territoryHull).
      const features = plan.reps.flatMap((rep) => {
        const ring = territoryHull(
          plan.outlets.filter((o) => o.repId === rep.id).map((o): Position => [o.lon, o.lat]),
        );
        return ring ? [polygon([ring], { repId: rep.id, pool: rep.pool }, { id: rep.id })] : [];
      });
      const shapes = new Map(features.map((f) => [String(f.id), f as Shape]));
      const pools = new Set(plan.reps.map((r) => r.pool));
      let invalid = 0;
      let overlaps = 0;
      for (const pool of pools) {
        const ofPool = new Map([...shapes].filter(([id]) => poolOf.get(id) === pool));
        const found = partitionProblems(ofPool, []);
        invalid += found.invalid.length;
        overlaps += found.overlaps.length;
      }
      expect(invalid + overlaps).toBeGreaterThan(0);
      const problems = checkGeoJson(featureCollection(features), 'territories.geojson');
      expect(problems.join('\n')).toMatch(/feature \d+ \(R\d+\).*(not OGC-valid|overlap by)/);
    });

    it(`${outlets} outlets, ${reps} reps: every outline is OGC-valid, no two of a pool overlap, outlets lie in their own`, () => {
      const territories = buildTerritoriesGeoJson(plan);
      expect(territories.features).toHaveLength(
        plan.reps.filter((r) => plan.outlets.some((o) => o.repId === r.id)).length,
      );
      expect(checkGeoJson(JSON.parse(JSON.stringify(territories)), 'territories.geojson')).toEqual([]);
      for (const pool of new Set(plan.reps.map((r) => r.pool))) {
        const shapes = new Map(
          territories.features
            .filter((f) => f.properties.pool === pool)
            .map((f) => [f.properties.repId, f as unknown as Shape]),
        );
        const points = plan.outlets
          .filter((o) => o.repId !== null && poolOf.get(o.repId) === pool)
          .map((o) => ({ lon: o.lon, lat: o.lat, owner: o.repId as string }));
        expect(partitionProblems(shapes, points)).toEqual({ invalid: [], overlaps: [], outside: [] });
      }
    });
  }
});

describe('partitionTerritories', () => {
  it('splits a position shared by several territories into sectors that meet at the outlet', () => {
    const points: OwnedPoint[] = [
      { lon: 113, lat: 28, owner: 'A' },
      { lon: 113, lat: 28, owner: 'B' },
      { lon: 113, lat: 28, owner: 'C' },
      { lon: 113.01, lat: 28, owner: 'A' },
      { lon: 113, lat: 28.01, owner: 'B' },
    ];
    const shapes = partitionShapes(points);
    expect([...shapes.keys()]).toEqual(['A', 'B', 'C']);
    expect(partitionProblems(shapes, points)).toEqual({ invalid: [], overlaps: [], outside: [] });
  });

  it('outlines territories of one and two outlets and a lone territory', () => {
    for (const points of [
      [{ lon: 113, lat: 28, owner: 'A' }],
      [
        { lon: 113, lat: 28, owner: 'A' },
        { lon: 113.01, lat: 28, owner: 'A' },
      ],
      [
        { lon: 113, lat: 28, owner: 'A' },
        { lon: 113.01, lat: 28.01, owner: 'B' },
        { lon: 113.02, lat: 28.02, owner: 'B' },
      ],
    ] as OwnedPoint[][]) {
      const shapes = partitionShapes(points);
      expect(shapes.size).toBe(new Set(points.map((p) => p.owner)).size);
      expect(partitionProblems(shapes, points)).toEqual({ invalid: [], overlaps: [], outside: [] });
    }
    expect(partitionTerritories([]).size).toBe(0);
  });

  it('gives a territory meeting itself at a point two polygons, and a far outlet its own part', () => {
    // Four co-circular outlets: A's two cells touch only at the centre of the square.
    const points: OwnedPoint[] = [
      { lon: 113, lat: 28, owner: 'A' },
      { lon: 113.01, lat: 28.01, owner: 'A' },
      { lon: 113.01, lat: 28, owner: 'B' },
      { lon: 113, lat: 28.01, owner: 'B' },
      { lon: 113.5, lat: 28, owner: 'A' },
    ];
    const outlines = partitionTerritories(points);
    expect(outlines.get('A')?.length).toBeGreaterThanOrEqual(2);
    expect(partitionProblems(partitionShapes(points), points)).toEqual({
      invalid: [],
      overlaps: [],
      outside: [],
    });
  });

  it('merges outlets a few centimetres apart into one site split between their territories', () => {
    // Rounded Voronoi edges between positions 0.1 m apart used to fold (seed-1 counterexample).
    const points: OwnedPoint[] = [
      { lon: 113, lat: 28, owner: 'A' },
      { lon: 113.000001, lat: 28, owner: 'A' },
      { lon: 113.000001, lat: 28, owner: 'E' },
      { lon: 113.004, lat: 28.004, owner: 'E' },
    ];
    const shapes = partitionShapes(points);
    expect([...shapes.keys()]).toEqual(['A', 'E']);
    expect(partitionProblems(shapes, points)).toEqual({ invalid: [], overlaps: [], outside: [] });
  });

  it('does not depend on the order of the outlets', () => {
    const points: OwnedPoint[] = Array.from({ length: 60 }, (_, i) => ({
      lon: 113 + ((i * 37) % 61) / 2000,
      lat: 28 + ((i * 53) % 59) / 2000,
      owner: `R${i % 4}`,
    }));
    const forward = JSON.stringify([...partitionTerritories(points)]);
    expect(JSON.stringify([...partitionTerritories([...points].reverse())])).toBe(forward);
  });

  it('always partitions: valid outlines, no overlaps, every outlet inside its own (property)', () => {
    // A coarse grid makes shared positions and co-circular outlets common; a fine one adds
    // outlets a few centimetres apart.
    const coordinate = (base: number) =>
      fc.oneof(
        fc.integer({ min: 0, max: 8 }).map((k) => base + k * 0.004),
        fc.integer({ min: 0, max: 400_000 }).map((k) => Math.round((base + k * 1e-7) * 1e6) / 1e6),
      );
    const owned = fc.record({
      lon: coordinate(113),
      lat: coordinate(28),
      owner: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
    });
    fc.assert(
      fc.property(fc.array(owned, { minLength: 1, maxLength: 50 }), (points) => {
        const shapes = partitionShapes(points);
        expect(shapes.size).toBe(new Set(points.map((p) => p.owner)).size);
        expect(partitionProblems(shapes, points)).toEqual({ invalid: [], overlaps: [], outside: [] });
      }),
      { numRuns: 100 },
    );
  });
});
