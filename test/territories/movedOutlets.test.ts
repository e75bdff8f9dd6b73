import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { haversineKm, localProjection } from '../../src/domain/geo/distance.js';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import { checkPlanInvariants } from '../../src/domain/plan/checkPlanInvariants.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Policy } from '../../src/domain/policy/policySchema.js';
import {
  assignTerritories,
  type TerritoryOutletInput,
} from '../../src/domain/territories/assignTerritories.js';
import type { RegionInput } from '../../src/domain/types.js';
import { baseInput, CITY, grid, repAt } from './fixtures.js';

/** Two 8 x 8 grids 0.3 km apart: `w` (x 0-2.1 km) served by r1 before, `e` (x 2.4-4.5 km) by r2. */
function twoTerritories(): TerritoryOutletInput[] {
  return [
    ...grid('w', 8, 0.3).map((o) => ({ ...o, previousRepId: 'r1' })),
    ...grid('e', 8, 0.3, 2.4, 0).map((o) => ({ ...o, previousRepId: 'r2' })),
  ];
}

/** `outlet` placed at (x, y) km, with `movedKm` the distance from where it was. */
function moveTo(outlet: TerritoryOutletInput, x: number, y: number): TerritoryOutletInput {
  const [lon, lat] = CITY.toLonLat(x, y);
  return { ...outlet, lon, lat, movedKm: haversineKm(outlet.lon, outlet.lat, lon, lat) };
}

const reps = [repAt('r1', 1, 1), repAt('r2', 3.5, 1)];

describe('moved outlets in assignTerritories', () => {
  // Without the moved-outlet rule a rebuild kept w0010 with r1 wherever it moved: r1 got an
  // island 3 km inside r2's territory. This test failed on it (checked on the previous commit).
  it('reassigns an outlet that moved deep into another territory, as if new', () => {
    const outlets = twoTerritories().map((o) => (o.id === 'w0010' ? moveTo(o, 3.45, 1.05) : o));
    const result = assignTerritories(baseInput(outlets, reps, { mode: 'rebuild' }));
    expect(result.repOf.get('w0010')).toBe('r2');
    expect(result.changes).toContainEqual({ outletId: 'w0010', from: 'r1', to: 'r2', reason: 'moved' });
    expect(result.moved.map((v) => [v.outletId, v.fit])).toEqual([['w0010', 'no-longer-fits']]);
    expect(result.moved[0]?.reason).toMatch(
      /^moved 3\.\d\d km; no longer fits rep r1's territory \(nearest outlet of rep r1 1\.\d\d km, of rep r2 0\.\d\d km, rep r1's typical spacing 0\.30 km\): placed as new$/,
    );
  });

  it('keeps an outlet that moved within its territory or just across the border', () => {
    const outlets = twoTerritories().map((o) =>
      o.id === 'w0010' ? moveTo(o, 1.5, 1.5) : o.id === 'w0063' ? moveTo(o, 2.3, 1.5) : o,
    );
    const result = assignTerritories(baseInput(outlets, reps, { mode: 'rebuild' }));
    expect(result.repOf.get('w0010')).toBe('r1');
    expect(result.repOf.get('w0063')).toBe('r1'); // past the middle of the gap, within one spacing
    expect(result.changes).toEqual([]);
    expect(result.moved.map((v) => [v.outletId, v.fit])).toEqual([
      ['w0010', 'fits'],
      ['w0063', 'fits'],
    ]);
    expect(result.moved[0]?.reason).toMatch(/^moved 1\.\d\d km; still fits rep r1's territory \(/);
  });

  it('does not let outlets that moved together vouch for each other', () => {
    // A geocoding fix moves 6 of r1's outlets together into the middle of r2's grid.
    const movedIds = ['w0000', 'w0001', 'w0002', 'w0008', 'w0009', 'w0010'];
    const outlets = twoTerritories().map((o, i) =>
      movedIds.includes(o.id) ? moveTo(o, 3.3 + (i % 3) * 0.05, 1.0 + Math.floor(i / 8) * 0.05) : o,
    );
    const result = assignTerritories(baseInput(outlets, reps, { mode: 'rebuild' }));
    expect(result.moved.map((v) => v.fit)).toEqual(movedIds.map(() => 'no-longer-fits'));
    for (const id of movedIds) expect(result.repOf.get(id)).toBe('r2');
  });

  it('never moves a locked outlet, and judges nothing in a fresh drawing', () => {
    const outlets = twoTerritories().map((o) =>
      o.id === 'w0010' ? { ...moveTo(o, 3.45, 1.05), lockedRepId: 'r1' } : o,
    );
    const rebuilt = assignTerritories(baseInput(outlets, reps, { mode: 'rebuild' }));
    expect(rebuilt.repOf.get('w0010')).toBe('r1');
    expect(rebuilt.moved.map((v) => [v.outletId, v.fit])).toEqual([['w0010', 'locked']]);
    expect(rebuilt.moved[0]?.reason).toMatch(/^moved 3\.\d\d km; locked to rep r1$/);
    const fresh = assignTerritories(baseInput(outlets, reps, { mode: 'fresh' }));
    expect(fresh.moved.map((v) => v.fit)).toEqual(['not-checked']);
  });

  it('reassigns in a same-staff re-segmentation too', () => {
    const outlets = twoTerritories().map((o) => (o.id === 'w0010' ? moveTo(o, 3.45, 1.05) : o));
    const result = assignTerritories(baseInput(outlets, reps, { mode: 'redraw' }));
    expect(result.repOf.get('w0010')).toBe('r2');
    expect(result.changes.find((c) => c.outletId === 'w0010')?.reason).toBe('moved');
  });
});

describe('moved outlets in the pipeline (plan.positionChanges)', () => {
  const generated = generateRegion({ outlets: 300, reps: 8, seed: 7 });
  const region = (outlets: RegionInput['outlets']): RegionInput => ({
    name: 'moved-test',
    outlets,
    reps: generated.reps,
    quarantine: [],
    policyOverrides: null,
    inputHash: 'test',
  });
  const run = (
    outlets: RegionInput['outlets'],
    previous: Plan | null,
    policy: Policy = DEFAULT_POLICY,
  ): Plan =>
    planRegion({
      region: region(outlets),
      policy,
      previous,
      mode: previous ? 'rebuild' : 'fresh',
      now: new Date(0),
      seed: 1,
    });
  const first = run(generated.outlets, null);

  /** An outlet of a multi-rep pool and the point deep inside another rep's territory of that pool. */
  function deepMove(): { id: string; rep: string; lon: number; lat: number } {
    const projection = localProjection(119.13, 36.71);
    const xy = new Map(first.outlets.map((o) => [o.id, projection.toXY(o.lon, o.lat)]));
    const pool = first.pools.find((p) => p.repIds.length >= 3) as Plan['pools'][number];
    const members = first.outlets.filter((o) => o.pool === pool.id);
    const mover = members[0] as Plan['outlets'][number];
    // The other-rep outlet farthest from every outlet of the mover's rep.
    let best = { id: '', d: -1 };
    for (const b of members) {
      if (b.repId === mover.repId) continue;
      const [bx, by] = xy.get(b.id) as [number, number];
      let near = Infinity;
      for (const a of members) {
        if (a.repId !== mover.repId || a.id === mover.id) continue;
        const [ax, ay] = xy.get(a.id) as [number, number];
        near = Math.min(near, Math.hypot(ax - bx, ay - by));
      }
      if (near > best.d) best = { id: b.id, d: near };
    }
    const target = first.outlets.find((o) => o.id === best.id) as Plan['outlets'][number];
    return { id: mover.id, rep: mover.repId as string, lon: target.lon + 0.0001, lat: target.lat };
  }

  it('lists every outlet moved beyond territories.movedOutletKm, reassigned or not, with both positions', () => {
    const deep = deepMove();
    const small = first.outlets.find((o) => o.id !== deep.id && o.pool !== null) as Plan['outlets'][number];
    const tiny = first.outlets.find((o) => o.id !== deep.id && o.id !== small.id) as Plan['outlets'][number];
    const outlets = generated.outlets.map((o) =>
      o.id === deep.id
        ? { ...o, lon: deep.lon, lat: deep.lat }
        : o.id === small.id
          ? { ...o, lat: o.lat + 0.006 } // ~0.67 km north
          : o.id === tiny.id
            ? { ...o, lat: o.lat + 0.002 } // ~0.22 km: below the 0.5 km default
            : o,
    );
    const rebuilt = run(outlets, first);
    expect(checkPlanInvariants(rebuilt, DEFAULT_POLICY)).toEqual([]);
    const changes = rebuilt.positionChanges ?? [];
    expect(changes.map((c) => c.outletId)).toEqual([deep.id, small.id].sort());
    const deepChange = changes.find((c) => c.outletId === deep.id);
    const before = first.outlets.find((o) => o.id === deep.id) as Plan['outlets'][number];
    expect(deepChange).toMatchObject({
      from: [before.lon, before.lat],
      to: [deep.lon, deep.lat],
      fromRep: deep.rep,
      reassigned: true,
      fit: 'no-longer-fits',
    });
    expect(deepChange?.km).toBeCloseTo(haversineKm(before.lon, before.lat, deep.lon, deep.lat), 3);
    expect(deepChange?.toRep).not.toBe(deep.rep);
    expect(rebuilt.repChanges.find((c) => c.outletId === deep.id)?.reason).toBe('moved');
    const smallChange = changes.find((c) => c.outletId === small.id);
    expect(smallChange).toMatchObject({
      fromRep: small.repId,
      toRep: small.repId,
      reassigned: false,
      fit: 'fits',
    });
    expect(smallChange?.km).toBeCloseTo(0.667, 2);
  });

  it('follows the policy distance, and a first plan lists nothing', () => {
    expect(first.positionChanges).toEqual([]);
    const nudged = generated.outlets.map((o, i) => (i === 0 ? { ...o, lat: o.lat + 0.006 } : o));
    const wide: Policy = {
      ...DEFAULT_POLICY,
      territories: { ...DEFAULT_POLICY.territories, movedOutletKm: 1 },
    };
    expect(run(nudged, first, wide).positionChanges).toEqual([]);
    expect(run(nudged, first).positionChanges?.map((c) => c.outletId)).toEqual([generated.outlets[0]?.id]);
  });
});
