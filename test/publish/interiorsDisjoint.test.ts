import { area } from '@turf/area';
import { featureCollection, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Position } from '../../src/io/artifacts/geoJson.js';
import { interiorsSurelyDisjoint } from '../../src/io/publish/interiorsDisjoint.js';

/** A counter-clockwise closed ring through the corners given (lon, lat in small degrees). */
function ring(...corners: Array<[number, number]>): Position[] {
  return [...corners, corners[0] as [number, number]];
}
/** Axis-aligned box [x0, x1] x [y0, y1], counter-clockwise, near 119E 36N. */
function box(x0: number, y0: number, x1: number, y1: number): Position[][] {
  const at = (x: number, y: number): [number, number] => [119 + x / 1000, 36 + y / 1000];
  return [ring(at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1))];
}

describe('interiorsSurelyDisjoint', () => {
  test('neighbours sharing a whole border, or only a corner, are cleared', () => {
    expect(interiorsSurelyDisjoint(box(0, 0, 1, 1), box(1, 0, 2, 1))).toBe(true);
    expect(interiorsSurelyDisjoint(box(0, 0, 1, 1), box(1, 1, 2, 2))).toBe(true);
    expect(interiorsSurelyDisjoint(box(0, 0, 1, 1), box(3, 3, 4, 4))).toBe(true);
  });

  test('overlaps, containment and identical outlines are never cleared', () => {
    expect(interiorsSurelyDisjoint(box(0, 0, 2, 2), box(1, 1, 3, 3))).toBe(false);
    expect(interiorsSurelyDisjoint(box(0, 0, 4, 4), box(1, 1, 2, 2))).toBe(false);
    expect(interiorsSurelyDisjoint(box(1, 1, 2, 2), box(0, 0, 4, 4))).toBe(false);
    expect(interiorsSurelyDisjoint(box(0, 0, 1, 1), box(0, 0, 1, 1))).toBe(false);
  });

  test('a border entering the other polygon at a shared corner is caught by the midpoint test', () => {
    // B shares A's corners (0,0) and (1,1) and cuts across A's inside along the diagonal.
    const a = box(0, 0, 1, 1);
    const at = (x: number, y: number): [number, number] => [119 + x / 1000, 36 + y / 1000];
    const b = [ring(at(0, 0), at(1, 1), at(-1, 1))];
    expect(interiorsSurelyDisjoint(a, b)).toBe(false);
  });

  test('a corner lying inside a neighbour edge (a T-junction) is left to the exact measure', () => {
    // B's corner (1, 0.5) lies inside A's right edge: not an exact shared border.
    expect(interiorsSurelyDisjoint(box(0, 0, 1, 1), box(1, 0.5, 2, 1.5))).toBe(false);
  });

  test('a polygon in the other one’s hole is cleared', () => {
    const outer = box(0, 0, 6, 6)[0] as Position[];
    const hole = [...(box(2, 2, 4, 4)[0] as Position[])].reverse();
    expect(interiorsSurelyDisjoint([outer, hole], box(2.5, 2.5, 3.5, 3.5))).toBe(true);
  });

  test('never clears a pair turf finds overlapping by more than a square metre (random grid boxes)', () => {
    const boxes = fc
      .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
      .chain(([x, y]) =>
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
          .map(([w, h]) => box(x, y, x + w, y + h)),
      );
    fc.assert(
      fc.property(boxes, boxes, (a, b) => {
        if (!interiorsSurelyDisjoint(a, b)) return;
        const common = intersect(featureCollection([polygon(a), polygon(b)]));
        expect(common === null ? 0 : area(common)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  test('clears the pairs a real partition gives: cells of a grid merged per owner', () => {
    // Two staircase territories from unit cells owned alternately by rows; they share long borders.
    const at = (x: number, y: number): [number, number] => [119 + x / 1000, 36 + y / 1000];
    const left = [ring(at(0, 0), at(2, 0), at(2, 1), at(1, 1), at(1, 2), at(0, 2))];
    const right = [ring(at(2, 0), at(3, 0), at(3, 2), at(1, 2), at(1, 1), at(2, 1))];
    expect(interiorsSurelyDisjoint(left, right)).toBe(true);
  });
});
