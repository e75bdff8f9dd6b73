import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { PlanOutlet, PlanPool, PlanRep } from '../../src/domain/plan/planTypes.js';
import { assignPoolTerritories } from '../../src/domain/territories/assignPoolTerritories.js';
import { CITY } from './fixtures.js';

/**
 * Issue 15: at 500,000 outlets the territories stage died with "Maximum call stack size exceeded"
 * at `repChanges.push(...result.changes)`. A pool of 200,000 outlets and one rep (drawn in
 * O(n): every outlet goes to the one rep) has 200,000 rep changes in a first plan, far above what a
 * spread push survives, so this guards the stage's merging against outlet-sized spreads cheaply.
 */
describe('territories stage on outlet-sized lists', () => {
  it('merges the rep changes of a 200,000-outlet pool', () => {
    const side = 448;
    const n = 200_000;
    const outlets: PlanOutlet[] = Array.from({ length: n }, (_, i) => {
      const [lon, lat] = CITY.toLonLat((i % side) * 0.05, Math.floor(i / side) * 0.05);
      return {
        id: `S${String(i).padStart(6, '0')}`,
        name: 'shop',
        lon,
        lat,
        businessType: 'grocery',
        monthlyVolume: 10,
        tier: 'small',
        rule: 'r',
        reason: 'r',
        pool: 'D',
        repId: null,
        lockedRepId: null,
        openFrom: null,
        openTo: null,
        district: null,
      };
    });
    const rep: PlanRep = {
      id: 'D1',
      name: 'D1',
      tier: 'D',
      pool: 'D',
      capacity: 1,
      home: CITY.toLonLat(0, 0),
      workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      dayStart: '08:30',
      dailyMinutes: 480,
    };
    const pools: PlanPool[] = [
      { id: 'D', repTiers: ['D'], outletTiers: ['small'], repIds: ['D1'], outletCount: n, absorbed: [] },
    ];
    const result = assignPoolTerritories({
      outlets,
      reps: [rep],
      pools,
      policy: DEFAULT_POLICY,
      previous: null,
      mode: 'fresh',
      seed: 1,
    });
    expect(result.repOf.size).toBe(n);
    expect(result.repChanges).toHaveLength(n);
    expect(result.repChanges[0]).toEqual({ outletId: 'S000000', from: null, to: 'D1', reason: 'new' });
    expect(result.territories.get('D1')?.outletCount).toBe(n);
  });
});
