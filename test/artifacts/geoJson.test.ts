import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, polygon } from '@turf/turf';
import { ringSignedArea2, type Position } from '../../src/io/artifacts/geoJson.js';
import { buildRoutesGeoJson } from '../../src/io/artifacts/renderRoutesGeoJson.js';
import { buildTerritoriesGeoJson } from '../../src/io/artifacts/renderTerritoriesGeoJson.js';
import { territoryHull } from '../../src/io/artifacts/territoryHull.js';
import { checkGeoJson } from '../../src/io/publish/checkGeoJson.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

const closed = (ring: Position[]): boolean => {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return !!first && !!last && first[0] === last[0] && first[1] === last[1];
};

describe('territories.geojson', () => {
  const plan = buildFixturePlan();
  const territories = buildTerritoriesGeoJson(plan);

  it('has one polygon per rep with outlets, with the documented properties', () => {
    expect(territories.features.map((f) => f.id)).toEqual(['A1', 'B1', 'C1', 'C2', 'D1']);
    expect(territories.features[2]?.properties).toMatchObject({
      repId: 'C1',
      tier: 'C',
      pool: 'C',
      outletCount: 3,
    });
    expect(typeof territories.features[2]?.properties.loadMinutes).toBe('number');
  });

  it('is valid RFC 7946: [lon, lat], closed counter-clockwise rings that contain the outlets', () => {
    expect(checkGeoJson(territories, 'territories.geojson')).toEqual([]);
    for (const feature of territories.features) {
      // The fixture's territories are contiguous: one Polygon each (MultiPolygon is allowed in general).
      if (feature.geometry.type !== 'Polygon') throw new Error(`${feature.id} is not one polygon`);
      const ring = feature.geometry.coordinates[0] ?? [];
      expect(closed(ring)).toBe(true);
      expect(ringSignedArea2(ring)).toBeGreaterThan(0);
      // Longitudes of this town are ~113, latitudes ~28: the order is [lon, lat].
      for (const [lon, lat] of ring) {
        expect(lon).toBeGreaterThan(112.9);
        expect(lat).toBeLessThan(28.3);
      }
      const shape = polygon([ring]);
      for (const o of plan.outlets.filter((x) => x.repId === feature.id)) {
        expect(booleanPointInPolygon([o.lon, o.lat], shape), `${o.id} in ${feature.id}`).toBe(true);
      }
    }
  });

  it('gives single outlets and lines of outlets a buffered area', () => {
    for (const points of [
      [[113, 28]],
      [
        [113, 28],
        [113.01, 28],
      ],
      [
        [113, 28],
        [113.01, 28.01],
        [113.02, 28.02],
      ],
    ] as Position[][]) {
      const ring = territoryHull(points);
      if (!ring) throw new Error('no hull');
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(closed(ring)).toBe(true);
      expect(ringSignedArea2(ring)).toBeGreaterThan(0);
      for (const p of points) expect(booleanPointInPolygon(p, polygon([ring]))).toBe(true);
    }
    expect(territoryHull([])).toBeNull();
  });

  it('always yields a closed counter-clockwise ring containing every point (property)', () => {
    const position = fc.tuple(
      fc.double({ min: 113, max: 113.1, noNaN: true }),
      fc.double({ min: 28, max: 28.1, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(position, { minLength: 1, maxLength: 40 }), (raw) => {
        const points = raw.map(
          ([lon, lat]) => [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] as Position,
        );
        const ring = territoryHull(points);
        if (!ring) throw new Error('no hull');
        expect(
          checkGeoJson(
            {
              type: 'FeatureCollection',
              features: [
                { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
              ],
            },
            't',
          ),
        ).toEqual([]);
        const shape = polygon([ring]);
        for (const p of points) expect(booleanPointInPolygon(p, shape)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('routes.geojson', () => {
  const plan = buildFixturePlan();
  const routes = buildRoutesGeoJson(plan);

  it('has a LineString home -> stops -> home per rep-day and a Point per stop at the outlet', () => {
    expect(checkGeoJson(routes, 'routes.geojson')).toEqual([]);
    const lines = routes.features.filter((f) => f.geometry.type === 'LineString');
    const days = plan.reps.reduce((n, r) => n + (r.days ?? []).filter((d) => d.stops.length > 0).length, 0);
    expect(lines).toHaveLength(days);
    const c1 = plan.reps.find((r) => r.id === 'C1');
    const first = routes.features.find((f) => f.id === 'C1/1/Mon');
    expect(first?.geometry.coordinates).toEqual([c1?.home, [112.97, 28.22], [112.975, 28.225], c1?.home]);
    expect(first?.properties).toMatchObject({
      kind: 'route',
      repId: 'C1',
      week: 1,
      weekday: 'Mon',
      stops: 2,
    });
    const stops = routes.features.filter(
      (f) =>
        f.properties.kind === 'stop' &&
        f.properties.repId === 'C1' &&
        f.properties.week === 1 &&
        f.properties.weekday === 'Mon',
    );
    expect(
      stops.map((f) => [f.properties.kind === 'stop' ? f.properties.seq : 0, f.geometry.coordinates]),
    ).toEqual([
      [1, [112.97, 28.22]],
      [2, [112.975, 28.225]],
    ]);
  });
});

describe('checkGeoJson', () => {
  const square = (ring: number[][]) => ({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
  });
  it('reports clockwise exterior rings, open rings and swapped coordinates', () => {
    const ccw = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(checkGeoJson(square(ccw), 'x')).toEqual([]);
    expect(checkGeoJson(square([...ccw].reverse()), 'x')[0]).toMatch(
      /exterior ring must be counter-clockwise/,
    );
    expect(checkGeoJson(square(ccw.slice(0, 4).concat([[0, 0.5]])), 'x').join()).toMatch(/not closed/);
    expect(
      checkGeoJson(
        square([
          [28, 113],
          [28.1, 113],
          [28.1, 113.1],
          [28, 113],
        ]),
        'x',
      )[0],
    ).toMatch(/swapped order/);
  });
});
