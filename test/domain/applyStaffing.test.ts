import { describe, expect, it } from 'vitest';
import type { PlanPool, PlanRep } from '../../src/domain/plan/planTypes.js';
import {
  applyStaffingRecommendation,
  describeStaffingEdit,
} from '../../src/domain/scenario/applyStaffing.js';
import { ScenarioError } from '../../src/domain/scenario/scenarioError.js';
import type { LonLat, Rep, RepTier } from '../../src/domain/types.js';
import { rep as planRep } from './planFixtures.js';

/** A plan rep of `pool` (tier = pool id) with one Monday of `planned` minutes out of 100. */
function member(id: string, pool: RepTier, home: LonLat, planned: number, centroid: LonLat): PlanRep {
  return {
    ...planRep(id, pool, 100, [planned]),
    tier: pool,
    home,
    territory: { outletCount: 10, loadMinutes: 0, targetMinutes: 0, centroid, areaKm2: 1, commuteKm: 0 },
  };
}

function poolsOf(reps: readonly PlanRep[]): PlanPool[] {
  return (['A', 'B', 'C', 'D'] as const).map((id) => ({
    id,
    repTiers: [id],
    outletTiers: [],
    repIds: reps.filter((r) => r.pool === id).map((r) => r.id),
    outletCount: 0,
    absorbed: [],
  }));
}

/** The reps as reps.csv would load them, from the plan reps. */
const loaded = (reps: readonly PlanRep[]): Rep[] =>
  reps.map((r) => ({
    id: r.id,
    name: r.name,
    tier: r.tier,
    homeLon: r.home[0],
    homeLat: r.home[1],
    dailyMinutes: null,
    workingDays: null,
    capacity: 1,
    line: 2,
  }));

describe('applyStaffingRecommendation (hand-checked)', () => {
  // A needs 3 reps for 250 minutes (has 1), B 2 for 150 (has 1); D needs 1 for 90 (has 3): move
  // 2 D reps to A (A's only territory centroid is 0,0), hire 1 B rep (B's territory is at 1,1).
  const reps = [
    member('A1', 'A', [0, 0], 250, [0, 0]),
    member('B1', 'B', [1, 1], 150, [1, 1]),
    member('C1', 'C', [2, 2], 100, [2, 2]),
    member('D1', 'D', [0.05, 0], 30, [0.05, 0]),
    member('D2', 'D', [0.01, 0], 30, [0.01, 0]),
    member('D3', 'D', [0.02, 0], 30, [0.02, 0]),
  ];
  const plan = { pools: poolsOf(reps), reps };

  it('moves the giving reps nearest the receiving territory and homes hires at its centroid', () => {
    const applied = applyStaffingRecommendation(plan, loaded(reps));
    expect(applied.recommendation).toEqual(['move 2 reps from D to A', 'add 1 B rep']);
    expect(applied.edits.map((e) => [e.kind, e.repId, e.toPool, e.nearRep])).toEqual([
      ['move', 'D2', 'A', 'A1'],
      ['move', 'D3', 'A', 'A1'],
      ['add', 'NEW-B1', 'B', 'B1'],
    ]);
    expect(applied.repEdits).toEqual({
      remove: [],
      change: [
        { id: 'D2', tier: 'A', home: null },
        { id: 'D3', tier: 'A', home: null },
      ],
      add: [{ id: 'NEW-B1', tier: 'B', home: [1, 1] }],
    });
    expect(applied.edits[0]).toMatchObject({ fromTier: 'D', toTier: 'A', km: 1.11 });
    expect(describeStaffingEdit(applied.edits[0]!)).toBe(
      "D2 moves from pool D to A (tier D -> A; home 1.11 km from the centroid of A1's territory, the one of pool A with most route time left uncovered)",
    );
  });

  it('sends a second rep to the territory with most left uncovered once the first is covered', () => {
    // A1 runs 30 min over, A2 80: the first D rep goes near A2 (and covers 100), the second near A1.
    const two = [
      member('A1', 'A', [0, 0], 130, [0, 0]),
      member('A2', 'A', [0.5, 0], 180, [0.5, 0]),
      member('D1', 'D', [0.45, 0], 30, [0.45, 0]),
      member('D2', 'D', [0.01, 0], 30, [0.01, 0]),
      member('D3', 'D', [0.2, 0], 30, [0.2, 0]),
    ];
    const applied = applyStaffingRecommendation({ pools: poolsOf(two), reps: two }, loaded(two));
    expect(applied.recommendation).toEqual(['move 2 reps from D to A']);
    expect(applied.edits.map((e) => [e.repId, e.nearRep])).toEqual([
      ['D1', 'A2'],
      ['D2', 'A1'],
    ]);
  });

  it('skips taken ids for hires and only moves reps still among the loaded reps', () => {
    const withNew = [...loaded(reps), { ...loaded(reps)[0]!, id: 'NEW-B1' }];
    const applied = applyStaffingRecommendation(
      plan,
      withNew.filter((r) => r.id !== 'D2'),
    );
    expect(applied.edits.map((e) => e.repId)).toEqual(['D3', 'D1', 'NEW-B2']);
    expect(() =>
      applyStaffingRecommendation(
        plan,
        loaded(reps).filter((r) => r.id === 'A1' || r.id === 'B1'),
      ),
    ).toThrow(ScenarioError);
  });

  it('changes nothing when every pool fits', () => {
    const fits = [member('A1', 'A', [0, 0], 90, [0, 0]), member('D1', 'D', [0, 0], 50, [0, 0])];
    expect(applyStaffingRecommendation({ pools: poolsOf(fits), reps: fits }, loaded(fits))).toEqual({
      recommendation: [],
      steps: [],
      edits: [],
      repEdits: { remove: [], change: [], add: [] },
    });
  });
});
