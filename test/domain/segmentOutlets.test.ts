import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Policy } from '../../src/domain/policy/policySchema.js';
import { percentile } from '../../src/domain/segmentation/percentile.js';
import { segmentOutlets } from '../../src/domain/segmentation/segmentOutlets.js';
import type { OutletTier } from '../../src/domain/types.js';
import { noPrevious, outlet } from './segmentFixtures.js';

describe('percentile', () => {
  it('interpolates between closest ranks (type 7)', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20], 90)).toBe(19);
    expect(percentile([5, 1, 3], 0)).toBe(1);
    expect(percentile([5, 1, 3], 100)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('segmentOutlets with the default policy', () => {
  it('uses business format first, with a readable reason', () => {
    const result = segmentOutlets({
      outlets: [outlet('p1', 'petrol_station', 50)],
      policy: DEFAULT_POLICY.segmentation,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.segments.get('p1')).toEqual({
      tier: 'large',
      rule: 'large-formats',
      reason: 'business_type=petrol_station -> large (rule large-formats)',
    });
  });

  it('promotes a big tobacco & liquor store by volume and keeps a small one medium', () => {
    const result = segmentOutlets({
      outlets: [outlet('t1', 'tobacco_liquor_store', 650), outlet('t2', 'tobacco_liquor_store', 599)],
      policy: DEFAULT_POLICY.segmentation,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.segments.get('t1')?.tier).toBe('large');
    expect(result.segments.get('t1')?.reason).toBe(
      'business_type=tobacco_liquor_store, monthly_volume=650 >= 600 -> large (rule large-tobacco-liquor)',
    );
    expect(result.segments.get('t2')).toMatchObject({ tier: 'medium', rule: 'medium-formats' });
  });

  it('treats small formats above the regional 90th percentile as medium', () => {
    // volumes 10, 20, ..., 100: p90 = 91
    const outlets = Array.from({ length: 10 }, (_, i) => outlet(`g${i + 1}`, 'grocery', (i + 1) * 10));
    const result = segmentOutlets({
      outlets,
      policy: DEFAULT_POLICY.segmentation,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.thresholds['small-high-value']).toEqual({ minVolume: 91 });
    expect(result.segments.get('g10')).toMatchObject({ tier: 'medium', rule: 'small-high-value' });
    expect(result.segments.get('g10')?.reason).toContain('monthly_volume=100 >= 91 (p90)');
    expect(result.segments.get('g9')).toMatchObject({ tier: 'small', rule: 'small-formats' });
  });

  it('falls back to the default tier and says no rule matched', () => {
    const result = segmentOutlets({
      outlets: [outlet('x', 'pharmacy', 40)],
      policy: DEFAULT_POLICY.segmentation,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.segments.get('x')).toEqual({
      tier: 'small',
      rule: 'default',
      reason: 'no rule matched business_type=pharmacy, monthly_volume=40 -> small (default tier)',
    });
  });

  it('matches business types case-insensitively in the policy', () => {
    const policy: Policy['segmentation'] = {
      rules: [{ id: 'fuel', tier: 'large', businessTypes: ['Fuel'] }],
      defaultTier: 'medium',
      hysteresis: 0,
    };
    const result = segmentOutlets({
      outlets: [outlet('f', 'fuel', 1)],
      policy,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.segments.get('f')?.tier).toBe('large');
  });

  it('applies the first matching rule, not the best', () => {
    const policy: Policy['segmentation'] = {
      rules: [
        { id: 'any-big', tier: 'medium', minVolume: 100 },
        { id: 'fuel', tier: 'large', businessTypes: ['fuel'] },
      ],
      defaultTier: 'small',
      hysteresis: 0,
    };
    const result = segmentOutlets({
      outlets: [outlet('f', 'fuel', 150)],
      policy,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.segments.get('f')).toMatchObject({ tier: 'medium', rule: 'any-big' });
    expect(result.segments.get('f')?.reason).toBe('monthly_volume=150 >= 100 -> medium (rule any-big)');
  });

  it('honours maxVolume as an exclusive upper bound', () => {
    const policy: Policy['segmentation'] = {
      rules: [{ id: 'small-shops', tier: 'small', maxVolume: 50 }],
      defaultTier: 'medium',
      hysteresis: 0,
    };
    const result = segmentOutlets({
      outlets: [outlet('a', 'shop', 49.9), outlet('b', 'shop', 50)],
      policy,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.segments.get('a')?.tier).toBe('small');
    expect(result.segments.get('b')?.tier).toBe('medium');
  });
});

describe('hysteresis and previous tiers', () => {
  const policy = DEFAULT_POLICY.segmentation; // hysteresis 0.1 on the 600-carton threshold
  const previousLarge = new Map<string, { tier: OutletTier; rule: string }>([
    ['t', { tier: 'large', rule: 'large-tobacco-liquor' }],
  ]);
  const previousMedium = new Map<string, { tier: OutletTier; rule: string }>([
    ['t', { tier: 'medium', rule: 'medium-formats' }],
  ]);

  it('keeps a large outlet large while it stays within the margin below the threshold', () => {
    const result = segmentOutlets({
      outlets: [outlet('t', 'tobacco_liquor_store', 545)],
      policy,
      previous: previousLarge,
      mode: 'resegment',
    });
    expect(result.segments.get('t')?.tier).toBe('large');
    expect(result.segments.get('t')?.reason).toContain('>= 540');
    expect(result.changes).toEqual([]);
  });

  it('demotes it once the volume falls beyond the margin and reports the change', () => {
    const result = segmentOutlets({
      outlets: [outlet('t', 'tobacco_liquor_store', 539)],
      policy,
      previous: previousLarge,
      mode: 'resegment',
    });
    expect(result.segments.get('t')?.tier).toBe('medium');
    expect(result.changes).toEqual([
      expect.objectContaining({ outletId: 't', from: 'large', to: 'medium', rule: 'medium-formats' }),
    ]);
  });

  it('needs the threshold plus the margin to promote a medium outlet', () => {
    const at = (volume: number): OutletTier | undefined =>
      segmentOutlets({
        outlets: [outlet('t', 'tobacco_liquor_store', volume)],
        policy,
        previous: previousMedium,
        mode: 'resegment',
      }).segments.get('t')?.tier;
    expect(at(650)).toBe('medium');
    expect(at(660)).toBe('large');
  });

  it('keeps known tiers in a normal rebuild and evaluates only new outlets', () => {
    const result = segmentOutlets({
      outlets: [outlet('t', 'tobacco_liquor_store', 10), outlet('new', 'petrol_station', 1)],
      policy,
      previous: previousLarge,
      mode: 'keep',
    });
    expect(result.segments.get('t')).toMatchObject({ tier: 'large', rule: 'large-tobacco-liquor' });
    expect(result.segments.get('t')?.reason).toContain('kept large from the previous plan');
    expect(result.segments.get('new')?.tier).toBe('large');
    expect(result.changes).toEqual([]);
  });
});
