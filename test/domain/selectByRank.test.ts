import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectByRank } from '../../src/domain/geo/selectByRank.js';

describe('selectByRank', () => {
  it('puts the point of rank target at target, smaller-or-equal before and greater-or-equal after', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (values, pick) => {
          const order = Int32Array.from(values.map((_, i) => i));
          const target = pick % values.length;
          selectByRank(order, 0, values.length, target, (j) => values[j] as number);
          const at = (m: number): number => values[order[m] as number] as number;
          expect(at(target)).toBe([...values].sort((a, b) => a - b)[target]);
          for (let m = 0; m < target; m++) expect(at(m)).toBeLessThanOrEqual(at(target));
          for (let m = target + 1; m < values.length; m++) expect(at(m)).toBeGreaterThanOrEqual(at(target));
          expect([...order].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
        },
      ),
    );
  });

  it('only reorders the range it is given', () => {
    const values = [9, 8, 7, 6, 5, 4];
    const order = Int32Array.from([0, 1, 2, 3, 4, 5]);
    selectByRank(order, 2, 5, 3, (j) => values[j] as number);
    expect([order[0], order[1], order[5]]).toEqual([0, 1, 5]);
    expect(values[order[3] as number]).toBe(6);
  });
});
