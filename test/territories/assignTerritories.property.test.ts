import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignTerritories,
  type TerritoryOutletInput,
} from '../../src/domain/territories/assignTerritories.js';
import { baseInput, outletAt, repAt } from './fixtures.js';

/** km in [min, max] at 10 m resolution (fc.double favours denormal extremes no city has). */
const km = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((v) => v / 100);

/** A random pool: outlets scattered around a few cluster centres (km), reps with homes, some locks. */
const poolArbitrary = fc
  .record({
    repCount: fc.integer({ min: 1, max: 5 }),
    clusters: fc.array(fc.tuple(km(-8, 8), km(-8, 8)), {
      minLength: 1,
      maxLength: 4,
    }),
    points: fc.array(fc.tuple(fc.nat(3), km(-1.5, 1.5), km(-1.5, 1.5)), { minLength: 0, maxLength: 90 }),
    locks: fc.array(fc.tuple(fc.nat(89), fc.nat(5)), { maxLength: 6 }),
    mode: fc.constantFrom('fresh' as const, 'redraw' as const, 'rebuild' as const),
    seed: fc.nat(1000),
  })
  .map(({ repCount, clusters, points, locks, mode, seed }) => {
    const reps = Array.from({ length: repCount }, (_, r) => repAt(`R${r}`, r * 2 - 4, (r % 2) * 3));
    const outlets: TerritoryOutletInput[] = points.map(([c, dx, dy], i) => {
      const [cx, cy] = clusters[c % clusters.length] as [number, number];
      return outletAt(`O${String(i).padStart(3, '0')}`, cx + dx, cy + dy, {
        previousRepId: mode === 'fresh' || i % 3 === 0 ? null : `R${i % (repCount + 1)}`,
      });
    });
    for (const [outlet, rep] of locks) {
      const o = outlets[outlet];
      if (o) o.lockedRepId = `R${rep}`;
    }
    return { reps, outlets, mode, seed };
  });

describe('assignTerritories: properties', () => {
  it('assigns every outlet exactly once to a rep of the pool, and locked outlets stay with their rep', () => {
    fc.assert(
      fc.property(poolArbitrary, ({ reps, outlets, mode, seed }) => {
        const result = assignTerritories(baseInput(outlets, reps, { mode, seed }));
        const repIds = new Set(reps.map((r) => r.id));
        expect(result.repOf.size).toBe(outlets.length);
        for (const o of outlets) {
          const rep = result.repOf.get(o.id);
          expect(rep !== undefined && repIds.has(rep)).toBe(true);
          if (o.lockedRepId !== null && repIds.has(o.lockedRepId)) expect(rep).toBe(o.lockedRepId);
        }
        let counted = 0;
        for (const t of result.territories.values()) counted += t.outletCount;
        expect(counted).toBe(outlets.length);
        for (const change of result.changes) {
          const o = outlets.find((x) => x.id === change.outletId);
          expect(change.from).toBe(o?.previousRepId ?? null);
          expect(change.to).toBe(result.repOf.get(change.outletId));
          expect(change.from).not.toBe(change.to);
        }
      }),
      { numRuns: 60, seed: 20240611 },
    );
  });

  it('balances every rep within ±3% in a feasible pool (>= 20 unlocked, evenly spread outlets per rep)', () => {
    const feasible = fc
      .record({
        repCount: fc.integer({ min: 2, max: 4 }),
        perRep: fc.integer({ min: 20, max: 35 }),
        spread: km(2, 6),
        capacities: fc.array(fc.constantFrom(1, 1, 0.5), { minLength: 4, maxLength: 4 }),
        seed: fc.nat(1000),
        mode: fc.constantFrom('fresh' as const, 'redraw' as const),
      })
      .chain(({ repCount, perRep, spread, capacities, seed, mode }) =>
        fc
          // Uniform points (no bias toward edges and duplicates), like the outlets of a real city.
          .array(fc.noBias(fc.tuple(km(0, spread), km(0, spread))), {
            minLength: repCount * perRep,
            maxLength: repCount * perRep,
          })
          .map((points) => ({ repCount, points, capacities, seed, mode, spread })),
      );
    fc.assert(
      fc.property(feasible, ({ repCount, points, capacities, seed, mode, spread }) => {
        const reps = Array.from({ length: repCount }, (_, r) =>
          repAt(`R${r}`, (spread * (r + 0.5)) / repCount, spread / 2, capacities[r] ?? 1),
        );
        const outlets = points.map(([x, y], i) => outletAt(`O${String(i).padStart(3, '0')}`, x, y));
        const result = assignTerritories(baseInput(outlets, reps, { mode, seed }));
        for (const t of result.territories.values()) {
          expect(Math.abs(t.loadMinutes / t.targetMinutes - 1)).toBeLessThanOrEqual(0.03 + 1e-3);
        }
        expect(result.warnings).toEqual([]);
      }),
      { numRuns: 25, seed: 424242 },
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(poolArbitrary, ({ reps, outlets, mode, seed }) => {
        const one = assignTerritories(baseInput(outlets, reps, { mode, seed }));
        const two = assignTerritories(baseInput(outlets, reps, { mode, seed }));
        expect(two).toEqual(one);
      }),
      { numRuns: 15, seed: 7 },
    );
  });
});
