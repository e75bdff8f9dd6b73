import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Policy } from '../../src/domain/policy/policySchema.js';
import { resolvePolicy } from '../../src/domain/policy/resolvePolicy.js';
import {
  MIN_OUTLETS_FOR_TYPE_PERCENTILE,
  segmentOutlets,
  unmatchedTypesWarning,
} from '../../src/domain/segmentation/segmentOutlets.js';
import type { OutletTier } from '../../src/domain/types.js';
import { noPrevious, outlet } from './segmentFixtures.js';

/**
 * 11 kiosks selling 0, 10, ..., 100 and 10 hypermarkets selling 1000, ..., 10000. By hand (type 7
 * percentile, rank = p / 100 x (n - 1)): the kiosks' p90 is rank 9 of 11 = 90; the region's p90
 * is rank 18 of 21 = the 8th hypermarket = 8000. So "top 10% of kiosks" promotes the kiosks at 90
 * and 100, while "kiosks in the region's top 10%" promotes none.
 */
const kiosks = Array.from({ length: 11 }, (_, i) => outlet(`k${i * 10}`, 'kiosk', i * 10));
const hypermarkets = Array.from({ length: 10 }, (_, i) => outlet(`h${i + 1}`, 'hypermarket', (i + 1) * 1000));

function kioskPolicy(within: boolean, hysteresis = 0): Policy['segmentation'] {
  return {
    rules: [
      { id: 'large', tier: 'large', businessTypes: ['hypermarket'] },
      {
        id: 'top-kiosks',
        tier: 'medium',
        businessTypes: ['kiosk'],
        minVolume: within ? { percentile: 90, within: 'businessType' } : { percentile: 90 },
      },
      { id: 'kiosks', tier: 'small', businessTypes: ['kiosk'] },
    ],
    defaultTier: 'small',
    hysteresis,
  };
}

const tiers = (
  result: ReturnType<typeof segmentOutlets>,
  ids: string[],
): Record<string, OutletTier | undefined> =>
  Object.fromEntries(ids.map((id) => [id, result.segments.get(id)?.tier]));

describe('volume percentiles within a business type', () => {
  it('region-wide and within-type p90 give different tiers on the same region', () => {
    const outlets = [...kiosks, ...hypermarkets];
    const regionWide = segmentOutlets({
      outlets,
      policy: kioskPolicy(false),
      previous: noPrevious,
      mode: 'resegment',
    });
    const withinType = segmentOutlets({
      outlets,
      policy: kioskPolicy(true),
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(regionWide.thresholds['top-kiosks']).toEqual({ minVolume: 8000 });
    expect(tiers(regionWide, ['k80', 'k90', 'k100'])).toEqual({ k80: 'small', k90: 'small', k100: 'small' });
    expect(withinType.thresholds['top-kiosks']).toEqual({
      minVolume: 8000,
      byBusinessType: { kiosk: { minVolume: 90, outlets: 11 } },
    });
    expect(tiers(withinType, ['k80', 'k90', 'k100'])).toEqual({
      k80: 'small',
      k90: 'medium',
      k100: 'medium',
    });
    expect(withinType.segments.get('k90')?.reason).toBe(
      'business_type=kiosk, monthly_volume=90 >= 90 (p90 of 11 kiosk outlets) -> medium (rule top-kiosks)',
    );
  });

  it(`falls back to the region-wide percentile for a type below ${MIN_OUTLETS_FOR_TYPE_PERCENTILE} outlets`, () => {
    expect(MIN_OUTLETS_FOR_TYPE_PERCENTILE).toBe(10);
    // 9 kiosks (0..80) + 10 hypermarkets: region p90 is rank 16.2 of 19, between 8000 and 9000: 8200.
    const outlets = [...kiosks.slice(0, 9), ...hypermarkets];
    const result = segmentOutlets({
      outlets,
      policy: kioskPolicy(true),
      previous: noPrevious,
      mode: 'resegment',
    });
    const kiosk = result.thresholds['top-kiosks']?.byBusinessType?.kiosk;
    expect(kiosk?.outlets).toBe(9);
    expect(kiosk?.regionWide).toBe(true);
    expect(kiosk?.minVolume).toBeCloseTo(8200, 6);
    expect(result.segments.get('k80')?.tier).toBe('small');
    expect(result.segments.get('k80')?.rule).toBe('kiosks');
    // With exactly 10 kiosks (0..90) the type's own p90 (rank 8.1: 81) is used.
    const ten = segmentOutlets({
      outlets: [...kiosks.slice(0, 10), ...hypermarkets],
      policy: kioskPolicy(true),
      previous: noPrevious,
      mode: 'resegment',
    });
    const own = ten.thresholds['top-kiosks']?.byBusinessType?.kiosk;
    expect(own?.regionWide).toBeUndefined();
    expect(own?.minVolume).toBeCloseTo(81, 6);
    expect(ten.segments.get('k90')?.tier).toBe('medium');
  });

  it('says in the reason when a small type used the region-wide percentile', () => {
    // A rule for any type: each of the 3 kiosks is judged on the region's p50, not the kiosks'.
    const policy: Policy['segmentation'] = {
      rules: [{ id: 'top-half', tier: 'medium', minVolume: { percentile: 50, within: 'businessType' } }],
      defaultTier: 'small',
      hysteresis: 0,
    };
    const outlets = [
      outlet('a', 'kiosk', 1),
      outlet('b', 'kiosk', 2),
      outlet('c', 'kiosk', 4000),
      ...hypermarkets,
    ];
    const result = segmentOutlets({ outlets, policy, previous: noPrevious, mode: 'resegment' });
    // 13 values 1, 2, 1000, 2000, 3000, 4000, 4000, 5000, ...: the region's p50 is rank 6 = 4000;
    // the 10 hypermarkets' own p50 is rank 4.5, between 5000 and 6000.
    expect(result.thresholds['top-half']).toEqual({
      minVolume: 4000,
      byBusinessType: {
        hypermarket: { minVolume: 5500, outlets: 10 },
        kiosk: { minVolume: 4000, outlets: 3, regionWide: true },
      },
    });
    expect(result.segments.get('c')?.reason).toBe(
      'monthly_volume=4000 >= 4000 (p50 region-wide: only 3 kiosk outlets, fewer than 10) -> medium (rule top-half)',
    );
    expect(result.segments.get('h5')?.tier).toBe('small'); // 5000 < 5500, although above the region's 4000
    expect(result.segments.get('h6')?.reason).toBe(
      'monthly_volume=6000 >= 5500 (p50 of 10 hypermarket outlets) -> medium (rule top-half)',
    );
  });
});

describe('hysteresis with within-type percentiles', () => {
  // The kiosks' p90 is 90; with a 15% margin an outlet in medium stays while >= 90 x 0.85 = 76.5,
  // and one in small needs >= 90 x 1.15 = 103.5 to be promoted.
  const outlets = [...kiosks, ...hypermarkets];
  const previous = new Map<string, { tier: OutletTier; rule: string }>([
    ['k70', { tier: 'medium', rule: 'top-kiosks' }],
    ['k80', { tier: 'medium', rule: 'top-kiosks' }],
    ['k90', { tier: 'medium', rule: 'top-kiosks' }],
    ['k100', { tier: 'small', rule: 'kiosks' }],
  ]);
  const result = segmentOutlets({ outlets, policy: kioskPolicy(true, 0.15), previous, mode: 'resegment' });

  it('keeps a medium kiosk within the margin below its type threshold', () => {
    expect(result.segments.get('k80')).toEqual({
      tier: 'medium',
      rule: 'top-kiosks',
      reason:
        'business_type=kiosk, monthly_volume=80 >= 76.5 (p90 of 11 kiosk outlets), 15% hysteresis keeps medium -> medium (rule top-kiosks)',
    });
    expect(result.segments.get('k90')?.tier).toBe('medium');
  });

  it('demotes one beyond the margin and does not promote one short of threshold plus margin', () => {
    expect(result.segments.get('k70')?.tier).toBe('small');
    // 100 is above the plain threshold 90 but below 103.5: stays small.
    expect(result.segments.get('k100')).toMatchObject({ tier: 'small', rule: 'kiosks' });
    expect(result.changes.map((c) => [c.outletId, c.from, c.to])).toEqual([['k70', 'medium', 'small']]);
    // Without hysteresis the same outlets flip: k80 and k70 small, k100 medium.
    const plain = segmentOutlets({ outlets, policy: kioskPolicy(true, 0), previous, mode: 'resegment' });
    expect(tiers(plain, ['k70', 'k80', 'k100'])).toEqual({ k70: 'small', k80: 'small', k100: 'medium' });
  });
});

describe('business types no rule matched', () => {
  it('reports a misspelled type with its count, default tier and the intended spelling', () => {
    // Loading lower-cases business_type, so "Convenience Store" arrives as "convenience store".
    const outlets = [
      outlet('c1', 'convenience store', 100),
      outlet('c2', 'convenience store', 200),
      outlet('c3', 'convenience_store', 150),
      outlet('x1', 'vending machine', 5),
    ];
    const result = segmentOutlets({
      outlets,
      policy: DEFAULT_POLICY.segmentation,
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.segments.get('c3')?.tier).toBe('medium');
    expect(result.segments.get('c1')?.tier).toBe('small');
    expect(result.unmatchedTypes).toEqual([
      {
        businessType: 'convenience store',
        outlets: 2,
        tier: 'small',
        namedBy: [],
        didYouMean: 'convenience_store',
      },
      { businessType: 'vending machine', outlets: 1, tier: 'small', namedBy: [] },
    ]);
    expect(unmatchedTypesWarning(result.unmatchedTypes)).toBe(
      '3 outlets of 2 business types matched no segmentation rule and took a default tier: ' +
        '"convenience store" 2 -> small (no rule names this type; did you mean convenience_store?); ' +
        '"vending machine" 1 -> small (no rule names this type)',
    );
  });

  it('names the rules that list a type but failed on volume, and counts kept default tiers', () => {
    const policy: Policy['segmentation'] = {
      rules: [{ id: 'big-bars', tier: 'night-venue', businessTypes: ['bar'], minVolume: 100 }],
      defaultTier: 'medium',
      hysteresis: 0,
    };
    const outlets = [outlet('b1', 'bar', 50), outlet('b2', 'bar', 500), outlet('b3', 'bar', 60)];
    // A rebuild keeps b3's earlier default tier (small, from an older policy): still unmatched.
    const previous = new Map<string, { tier: OutletTier; rule: string }>([
      ['b3', { tier: 'small', rule: 'default' }],
    ]);
    const result = segmentOutlets({ outlets, policy, previous, mode: 'keep' });
    expect(result.unmatchedTypes).toEqual([
      { businessType: 'bar', outlets: 1, tier: 'medium', namedBy: ['big-bars'] },
      { businessType: 'bar', outlets: 1, tier: 'small', namedBy: ['big-bars'] },
    ]);
    expect(unmatchedTypesWarning(result.unmatchedTypes)).toBe(
      '2 outlets of 1 business type matched no segmentation rule and took a default tier: ' +
        '"bar" 1 -> medium (rules big-bars name it but their volume limits did not match); ' +
        '"bar" 1 -> small (rules big-bars name it but their volume limits did not match)',
    );
  });

  it('is empty, with no warning, when every outlet matched a rule', () => {
    const result = segmentOutlets({
      outlets: [...kiosks, ...hypermarkets],
      policy: kioskPolicy(true),
      previous: noPrevious,
      mode: 'resegment',
    });
    expect(result.unmatchedTypes).toEqual([]);
    expect(unmatchedTypesWarning(result.unmatchedTypes)).toBeNull();
  });
});

describe('policy schema for within', () => {
  const rules = (minVolume: unknown) => ({
    segmentation: { rules: [{ id: 'r', tier: 'medium', businessTypes: ['kiosk'], minVolume }] },
  });

  it('parses an old region-wide percentile unchanged, without adding within', () => {
    const policy = resolvePolicy([{ source: 'policy.json', overrides: rules({ percentile: 90 }) }]);
    expect(policy.segmentation.rules[0]?.minVolume).toEqual({ percentile: 90 });
    expect(resolvePolicy([]).segmentation).toEqual(DEFAULT_POLICY.segmentation);
  });

  it('accepts within: "businessType" and refuses other values', () => {
    const policy = resolvePolicy([
      { source: 'policy.json', overrides: rules({ percentile: 90, within: 'businessType' }) },
    ]);
    expect(policy.segmentation.rules[0]?.minVolume).toEqual({ percentile: 90, within: 'businessType' });
    expect(() =>
      resolvePolicy([{ source: 'policy.json', overrides: rules({ percentile: 90, within: 'district' }) }]),
    ).toThrow();
  });
});
