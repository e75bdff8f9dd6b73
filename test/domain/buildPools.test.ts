import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { PoolPolicy } from '../../src/domain/policy/policySchema.js';
import { buildPools } from '../../src/domain/pools/buildPools.js';
import type { Rep, RepTier } from '../../src/domain/types.js';

function rep(id: string, tier: RepTier): Rep {
  return {
    id,
    name: id,
    tier,
    homeLon: 0,
    homeLat: 0,
    dailyMinutes: null,
    workingDays: null,
    capacity: 1,
    line: 2,
  };
}

describe('buildPools', () => {
  it('matches rep tiers one-to-one to outlet tiers by default', () => {
    const reps = [rep('a', 'A'), rep('b', 'B'), rep('c1', 'C'), rep('c2', 'C'), rep('d', 'D')];
    const result = buildPools(DEFAULT_POLICY.pools, reps);
    expect(result.pools.map((p) => [p.id, p.repIds, p.outletTiers])).toEqual([
      ['A', ['a'], ['large']],
      ['B', ['b'], ['night-venue']],
      ['C', ['c1', 'c2'], ['medium']],
      ['D', ['d'], ['small']],
    ]);
    expect(result.poolOfTier).toEqual({ large: 'A', 'night-venue': 'B', medium: 'C', small: 'D' });
    expect(result.warnings).toEqual([]);
  });

  it('hands a pool without reps to its first fallback that has reps', () => {
    // No A rep: large outlets go to B (first fallback of A).
    const result = buildPools(DEFAULT_POLICY.pools, [rep('b', 'B'), rep('c', 'C'), rep('d', 'D')]);
    expect(result.poolOfTier.large).toBe('B');
    const b = result.pools.find((p) => p.id === 'B');
    expect(b?.outletTiers).toEqual(['night-venue', 'large']);
    expect(b?.absorbed).toEqual(['A']);
    expect(result.warnings).toEqual(['pool A has no rep: its large outlets go to pool B']);
  });

  it('follows fallbacks transitively', () => {
    // No A and no B rep: A -> B (empty) -> ... -> C; B -> A (empty) -> C.
    const result = buildPools(DEFAULT_POLICY.pools, [rep('c', 'C'), rep('d', 'D')]);
    expect(result.poolOfTier.large).toBe('C');
    expect(result.poolOfTier['night-venue']).toBe('C');
    expect(result.pools.map((p) => p.id)).toEqual(['C', 'D']);
  });

  it('leaves a tier unassigned with a warning when no fallback has reps', () => {
    const pools: PoolPolicy[] = [
      { id: 'A', repTiers: ['A'], outletTiers: ['large'], fallback: [] },
      {
        id: 'rest',
        repTiers: ['B', 'C', 'D'],
        outletTiers: ['night-venue', 'medium', 'small'],
        fallback: [],
      },
    ];
    const result = buildPools(pools, [rep('c', 'C')]);
    expect(result.poolOfTier.large).toBeNull();
    expect(result.warnings[0]).toMatch(/pool A has no rep and no fallback pool with reps/);
  });

  it('merges tiers in one pool (special accounts unit: A and B reps serve large and night venues)', () => {
    const pools: PoolPolicy[] = [
      { id: 'special', repTiers: ['A', 'B'], outletTiers: ['large', 'night-venue'], fallback: [] },
      { id: 'C', repTiers: ['C'], outletTiers: ['medium'], fallback: [] },
      { id: 'D', repTiers: ['D'], outletTiers: ['small'], fallback: [] },
    ];
    const result = buildPools(pools, [rep('a', 'A'), rep('b', 'B'), rep('c', 'C'), rep('d', 'D')]);
    expect(result.pools[0]).toMatchObject({
      id: 'special',
      repIds: ['a', 'b'],
      outletTiers: ['large', 'night-venue'],
    });
    expect(result.poolOfRep.get('b')).toBe('special');
  });

  it('warns about reps whose tier no pool uses', () => {
    const pools: PoolPolicy[] = [
      { id: 'all', repTiers: ['C'], outletTiers: ['large', 'night-venue', 'medium', 'small'], fallback: [] },
    ];
    const result = buildPools(pools, [rep('c', 'C'), rep('x', 'D')]);
    expect(result.poolOfRep.has('x')).toBe(false);
    expect(result.warnings).toEqual(['rep x (tier D) belongs to no pool of the policy and gets no outlets']);
  });
});
