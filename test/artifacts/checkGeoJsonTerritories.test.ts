import { describe, expect, it } from 'vitest';
import { checkGeoJson } from '../../src/io/publish/checkGeoJson.js';

type Ring = number[][];

function territory(repId: string, pool: string | null, geometry: { type: string; coordinates: unknown }) {
  return { type: 'Feature', id: repId, properties: { repId, pool }, geometry };
}
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const poly = (...rings: Ring[]) => ({ type: 'Polygon', coordinates: rings });

describe('checkGeoJson on territories (OGC simplicity, same-pool overlaps)', () => {
  it('accepts neighbours that share a boundary, and overlaps between different pools', () => {
    expect(
      checkGeoJson(
        collection(
          territory('R1', 'P', poly(square(113, 28, 0.01))),
          territory('R2', 'P', poly(square(113.01, 28, 0.01))),
          territory('R3', 'Q', poly(square(113.005, 28, 0.01))),
        ),
        'territories.geojson',
      ),
    ).toEqual([]);
  });

  it('refuses a ring that touches itself, naming the territory', () => {
    // A figure eight through (113.01, 28.01): two lobes joined at one vertex, counter-clockwise.
    const eight: Ring = [
      [113, 28],
      [113.01, 28],
      [113.01, 28.01],
      [113.02, 28.01],
      [113.02, 28.02],
      [113.01, 28.02],
      [113.01, 28.01],
      [113, 28.01],
      [113, 28],
    ];
    const problems = checkGeoJson(collection(territory('R7', 'P', poly(eight))), 'territories.geojson');
    expect(problems).toEqual([
      expect.stringMatching(/^territories\.geojson: feature 0 \(R7\): Polygon is not OGC-valid/),
    ]);
  });

  it('refuses a ring whose edges cross (bow tie), naming the territory', () => {
    const bowTie: Ring = [
      [113, 28],
      [113.02, 28],
      [113.002, 28.012],
      [113.018, 28.012],
      [113, 28],
    ];
    const problems = checkGeoJson(
      collection(territory('R1', 'P', poly(square(114, 28, 0.01))), territory('R8', 'P', poly(bowTie))),
      'territories.geojson',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^territories\.geojson: feature 1 \(R8\): Polygon (is not OGC-valid|ring is not simple)/,
    );
  });

  it('refuses the parts of a MultiPolygon touching at a point (turf booleanValid)', () => {
    const parts = {
      type: 'MultiPolygon',
      coordinates: [[square(113, 28, 0.01)], [square(113.01, 28.01, 0.01)]],
    };
    expect(checkGeoJson(collection(territory('R9', 'P', parts)), 't').join()).toMatch(
      /feature 0 \(R9\): MultiPolygon is not OGC-valid/,
    );
  });

  it('refuses two territories of one pool that overlap, naming both and the pool', () => {
    const problems = checkGeoJson(
      collection(
        territory('R1', 'P', poly(square(113, 28, 0.01))),
        territory('R2', 'P', poly(square(113.009, 28, 0.01))),
      ),
      'territories.geojson',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^territories\.geojson: feature 0 \(R1\) and feature 1 \(R2\) of pool "P" overlap by \d+ m² \(10\.00% of the smaller\)/,
    );
  });

  it('tolerates an overlap below a square metre (rounding), not one above', () => {
    // 1e-6 degrees of longitude by 0.01 of latitude: ~0.1 m x 1.1 km = ~110 m², too much; a
    // sliver 1e-6 x 1e-5 degrees (~1 m² / 1.1) is within the tolerance.
    const big = checkGeoJson(
      collection(
        territory('R1', 'P', poly(square(113, 28, 0.01))),
        territory('R2', 'P', poly(square(113.009999, 28, 0.01))),
      ),
      't',
    );
    expect(big.join()).toMatch(/overlap by 1\d\d m²/);
    const tiny: Ring = [
      [113.009999, 28],
      [113.02, 28],
      [113.02, 28.00001],
      [113.009999, 28.00001],
      [113.009999, 28],
    ];
    expect(
      checkGeoJson(
        collection(territory('R1', 'P', poly(square(113, 28, 0.01))), territory('R2', 'P', poly(tiny))),
        't',
      ),
    ).toEqual([]);
  });
});
