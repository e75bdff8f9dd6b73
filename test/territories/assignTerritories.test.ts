import { describe, expect, it } from 'vitest';
import {
  assignTerritories,
  type AssignTerritoriesResult,
  type TerritoryOutletInput,
} from '../../src/domain/territories/assignTerritories.js';
import { baseInput, grid, outletAt, repAt } from './fixtures.js';

function ratio(result: AssignTerritoriesResult, rep: string): number {
  const t = result.territories.get(rep);
  if (!t) throw new Error(`no territory for ${rep}`);
  return t.loadMinutes / t.targetMinutes;
}

function withPrevious(
  outlets: TerritoryOutletInput[],
  repOf: ReadonlyMap<string, string>,
): TerritoryOutletInput[] {
  return outlets.map((o) => ({ ...o, previousRepId: repOf.get(o.id) ?? null }));
}

describe('assignTerritories: hand-checked cases', () => {
  it('gives each of two far-apart clusters to one rep, the one living next to it', () => {
    const west = grid('W', 5, 0.2, 0, 0);
    const east = grid('E', 5, 0.2, 10, 0);
    const result = assignTerritories(
      baseInput([...east, ...west], [repAt('r-east', 10.4, 0.4), repAt('r-west', 0.4, 0.4)]),
    );
    for (const o of west) expect(result.repOf.get(o.id)).toBe('r-west');
    for (const o of east) expect(result.repOf.get(o.id)).toBe('r-east');
    expect(result.territories.get('r-west')?.outletCount).toBe(25);
    expect(result.territories.get('r-west')?.areaKm2).toBeCloseTo(0.64, 2);
    expect(result.changes).toHaveLength(25 + 25);
    expect(result.changes.every((c) => c.reason === 'new' && c.from === null)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('splits one even grid between two reps within ±3% and into two compact halves', () => {
    const outlets = grid('G', 10, 0.3);
    const result = assignTerritories(baseInput(outlets, [repAt('a', 0, 1.5), repAt('b', 2.7, 1.5)]));
    expect(Math.abs(ratio(result, 'a') - 1)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(ratio(result, 'b') - 1)).toBeLessThanOrEqual(0.03);
    // Compact halves: each territory spans clearly less than the whole grid.
    const a = result.territories.get('a');
    expect(a?.areaKm2).toBeLessThan(0.7 * 2.7 * 2.7);
  });

  it('gives a half-time rep half of a full-time rep’s load (±3%)', () => {
    const outlets = grid('G', 12, 0.25);
    const result = assignTerritories(
      baseInput(outlets, [repAt('full-1', 0, 0), repAt('full-2', 2.75, 2.75), repAt('half', 0, 2.75, 0.5)]),
    );
    const half = result.territories.get('half');
    const full = result.territories.get('full-1');
    expect(half && full).toBeTruthy();
    expect(Math.abs(ratio(result, 'half') - 1)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(ratio(result, 'full-1') - 1)).toBeLessThanOrEqual(0.03);
    // Targets are capacity shares of the pool's work, rounded to 0.1 min in the summary.
    expect((half?.targetMinutes ?? 0) / (full?.targetMinutes ?? 1)).toBeCloseTo(0.5, 3);
    expect((half?.loadMinutes ?? 0) / (full?.loadMinutes ?? 1)).toBeGreaterThan(0.5 * 0.94);
    expect((half?.loadMinutes ?? 0) / (full?.loadMinutes ?? 1)).toBeLessThan(0.5 * 1.06);
  });

  it('pulls territories toward the reps’ homes when the policy asks for it', () => {
    const outlets = grid('G', 10, 0.3);
    // Homes far to the south-west and north-east: with homeWeight 1 each rep takes the nearer half.
    const reps = [repAt('sw', -5, -5), repAt('ne', 8, 8)];
    const result = assignTerritories(baseInput(outlets, reps, { homeWeight: 1 }));
    const swCentre = result.territories.get('sw')?.centroid ?? [0, 0];
    const neCentre = result.territories.get('ne')?.centroid ?? [0, 0];
    expect(swCentre[0] + swCentre[1]).toBeLessThan(neCentre[0] + neCentre[1]);
    for (const rep of ['sw', 'ne']) expect(Math.abs(ratio(result, rep) - 1)).toBeLessThanOrEqual(0.03);
  });

  it('empties the territory of a rep whose capacity dropped to 0 in a rebuild', () => {
    const outlets = grid('G', 8, 0.3);
    const reps = [repAt('a', 0, 0), repAt('b', 2, 2), repAt('c', 0, 2)];
    const fresh = assignTerritories(baseInput(outlets, reps));
    const rebuilt = assignTerritories(
      baseInput(
        withPrevious(outlets, fresh.repOf),
        [reps[0], reps[1], { ...reps[2], capacity: 0 }] as typeof reps,
        {
          mode: 'rebuild',
        },
      ),
    );
    expect(rebuilt.territories.get('c')?.outletCount).toBe(0);
    for (const rep of ['a', 'b']) expect(Math.abs(ratio(rebuilt, rep) - 1)).toBeLessThanOrEqual(0.03);
    expect(rebuilt.changes.every((c) => c.from === 'c' && c.reason === 'rebalanced')).toBe(true);
  });

  it('gives everything to the only rep of a pool', () => {
    const outlets = grid('G', 4, 0.5);
    const result = assignTerritories(baseInput(outlets, [repAt('solo', 0, 0)]));
    expect([...result.repOf.values()].every((r) => r === 'solo')).toBe(true);
    expect(result.repOf.size).toBe(16);
    const t = result.territories.get('solo');
    expect(t?.outletCount).toBe(16);
    expect(t?.loadMinutes).toBeCloseTo(t?.targetMinutes ?? NaN, 1);
  });

  it('handles more reps than outlets with a warning instead of a crash', () => {
    const outlets = [outletAt('o1', 0, 0), outletAt('o2', 5, 0), outletAt('o3', 0, 5)];
    const reps = [
      repAt('r1', 0, 0),
      repAt('r2', 5, 0),
      repAt('r3', 0, 5),
      repAt('r4', 5, 5),
      repAt('r5', 9, 9),
    ];
    const result = assignTerritories(baseInput(outlets, reps));
    expect(result.repOf.get('o1')).toBe('r1');
    expect(result.repOf.get('o2')).toBe('r2');
    expect(result.repOf.get('o3')).toBe('r3');
    expect(result.territories.get('r5')?.outletCount).toBe(0);
    expect(result.warnings.join('\n')).toMatch(/more reps \(5\) than outlets \(3\)/);
  });

  it('returns empty territories for a pool without outlets, and nothing for a pool without reps', () => {
    const empty = assignTerritories(baseInput([], [repAt('r1', 1, 1)]));
    expect(empty.territories.get('r1')).toMatchObject({ outletCount: 0, loadMinutes: 0, areaKm2: 0 });
    const noReps = assignTerritories(baseInput(grid('G', 2, 1), []));
    expect(noReps.repOf.size).toBe(0);
    expect(noReps.warnings.join()).toMatch(/no rep/);
  });

  it('keeps locked outlets with their rep even inside another territory, and reports the lock', () => {
    const west = grid('W', 5, 0.2, 0, 0);
    const east = grid('E', 5, 0.2, 10, 0);
    const pinned = { ...(west[12] as TerritoryOutletInput), lockedRepId: 'r-east', previousRepId: 'r-west' };
    const outlets = [...west.slice(0, 12), pinned, ...west.slice(13), ...east];
    const result = assignTerritories(baseInput(outlets, [repAt('r-east', 10, 0), repAt('r-west', 0, 0)]));
    expect(result.repOf.get(pinned.id)).toBe('r-east');
    expect(result.changes.find((c) => c.outletId === pinned.id)).toEqual({
      outletId: pinned.id,
      from: 'r-west',
      to: 'r-east',
      reason: 'locked',
    });
  });

  it('ignores, with a warning, a lock to a rep outside the pool', () => {
    const outlets = grid('G', 4, 0.3).map((o, i) => (i === 0 ? { ...o, lockedRepId: 'ghost' } : o));
    const result = assignTerritories(baseInput(outlets, [repAt('a', 0, 0), repAt('b', 1, 1)]));
    expect(result.repOf.get('G0000')).toMatch(/^[ab]$/);
    expect(result.warnings.join()).toMatch(/G0000 is locked to rep ghost, which is not a rep of pool T/);
  });
});

describe('assignTerritories: rebuilds', () => {
  const outlets = [...grid('W', 8, 0.25, 0, 0), ...grid('E', 8, 0.25, 3, 0)];
  const reps = [repAt('r-west', 0, 0), repAt('r-east', 4, 0)];
  const fresh = assignTerritories(baseInput(outlets, reps));

  it('keeps every assignment when nothing changed', () => {
    const rebuilt = assignTerritories(
      baseInput(withPrevious(outlets, fresh.repOf), reps, { mode: 'rebuild' }),
    );
    expect(rebuilt.changes).toEqual([]);
    expect(rebuilt.repOf).toEqual(fresh.repOf);
  });

  it('puts a new outlet in the nearest territory that has room, moving nobody else', () => {
    const eastRep = fresh.repOf.get('E0036') as string;
    const added = outletAt('NEW1', 3.9, 0.9);
    const rebuilt = assignTerritories(
      baseInput([...withPrevious(outlets, fresh.repOf), added], reps, { mode: 'rebuild' }),
    );
    expect(rebuilt.repOf.get('NEW1')).toBe(eastRep);
    expect(rebuilt.changes).toEqual([{ outletId: 'NEW1', from: null, to: eastRep, reason: 'new' }]);
  });

  it('moves a few border outlets, not whole territories, when closures unbalance the pool', () => {
    // Close a sixth of the west territory: balance needs about 5 outlets to move west.
    const westRep = fresh.repOf.get('W0000') as string;
    const remaining = withPrevious(outlets, fresh.repOf).filter(
      (o) => !(fresh.repOf.get(o.id) === westRep && o.id < 'W0011'),
    );
    const rebuilt = assignTerritories(baseInput(remaining, reps, { mode: 'rebuild' }));
    expect(rebuilt.changes.length).toBeGreaterThan(0);
    expect(rebuilt.changes.length).toBeLessThanOrEqual(10);
    expect(rebuilt.changes.every((c) => c.reason === 'rebalanced' && c.to === westRep)).toBe(true);
    for (const rep of ['r-west', 'r-east'])
      expect(Math.abs(ratio(rebuilt, rep) - 1)).toBeLessThanOrEqual(0.03);
  });

  it('reassigns outlets of a removed rep with reason rep-removed, and tier changes with tier-changed', () => {
    const previous = withPrevious(outlets, fresh.repOf).map((o, i) =>
      o.previousRepId === 'r-east'
        ? { ...o, previousRepId: i % 2 ? 'r-gone' : o.previousRepId, tierChanged: i % 4 === 0 }
        : o,
    );
    const rebuilt = assignTerritories(baseInput(previous, reps, { mode: 'rebuild' }));
    const byId = new Map(rebuilt.changes.map((c) => [c.outletId, c]));
    for (const o of previous) {
      if (o.previousRepId === 'r-gone') {
        expect(byId.get(o.id)?.reason).toBe(o.tierChanged ? 'tier-changed' : 'rep-removed');
      }
    }
    expect(rebuilt.repOf.size).toBe(outlets.length);
  });

  it('redraws with the previous assignment as tie-breaker: an unchanged pool redraws to the same territories', () => {
    const redrawn = assignTerritories(
      baseInput(withPrevious(outlets, fresh.repOf), reps, { mode: 'redraw' }),
    );
    const moved = redrawn.changes.filter((c) => c.reason === 'redrawn').length;
    expect(moved).toBeLessThanOrEqual(outlets.length * 0.05);
  });
});

describe('assignTerritories: determinism', () => {
  const outlets = [...grid('A', 9, 0.3, 0, 0), ...grid('B', 6, 0.2, 4, 1)];
  const reps = [repAt('r1', 0, 0), repAt('r2', 4, 1), repAt('r3', 2, 3)];

  it('gives the same result for the same input and seed, whatever the input order', () => {
    const one = assignTerritories(baseInput(outlets, reps, { seed: 11 }));
    const two = assignTerritories(baseInput([...outlets].reverse(), [...reps].reverse(), { seed: 11 }));
    expect([...two.repOf].sort()).toEqual([...one.repOf].sort());
    expect([...two.territories].sort()).toEqual([...one.territories].sort());
  });
});
