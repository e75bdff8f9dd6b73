import { describe, expect, it } from 'vitest';
import type { DayRoute, PlanOutlet, PlanRep } from '../../src/domain/plan/planTypes.js';
import { standardsPanel } from '../../src/domain/plan/standardsPanel.js';
import { measureVisitStandards, visitStandardsWarnings } from '../../src/domain/plan/visitStandards.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { resolvePolicy } from '../../src/domain/policy/resolvePolicy.js';
import type { OutletTier, RepTier, Weekday } from '../../src/domain/types.js';

const outlet = (id: string, tier: OutletTier): PlanOutlet => ({ id, tier }) as unknown as PlanOutlet;

const day = (week: number, weekday: Weekday, stops: string[]): DayRoute =>
  ({ week, weekday, stops: stops.map((outletId, seq) => ({ outletId, seq })) }) as unknown as DayRoute;

const rep = (id: string, tier: RepTier, pool: string, days: DayRoute[]): PlanRep =>
  ({ id, tier, pool, days }) as unknown as PlanRep;

// Pool AB serves large (L*) and night venues (N*); pool D small shops (S*).
const outlets = [
  outlet('L1', 'large'),
  outlet('L2', 'large'),
  outlet('N1', 'night-venue'),
  outlet('N2', 'night-venue'),
  outlet('S1', 'small'),
  outlet('S2', 'small'),
  outlet('S3', 'small'),
];
const reps = [
  // 4 visits on Mon, 1 on Tue: 2 large of 5 = 40%.
  rep('R1', 'A', 'AB', [day(1, 'Mon', ['L1', 'N1', 'N2', 'L2']), day(1, 'Tue', ['N1'])]),
  // 3, 0 and 2 visits.
  rep('R2', 'D', 'D', [day(1, 'Mon', ['S1', 'S2', 'S3']), day(1, 'Tue', []), day(1, 'Wed', ['S1', 'S2'])]),
];

describe('measureVisitStandards', () => {
  const measured = measureVisitStandards(
    { outlets, reps },
    {
      quantity: { A: { minVisitsPerDay: 2, maxVisitsPerDay: 3 }, D: { minVisitsPerDay: 2 } },
      quality: { AB: { large: { minShare: 0.5 }, 'night-venue': { maxShare: 0.6 } } },
    },
  );

  it('counts visits per rep-day, flags every day under the minimum or over the maximum, in rep and day order', () => {
    expect(measured.flags.filter((f) => f.kind.startsWith('quantity'))).toEqual([
      { kind: 'quantity-over', repId: 'R1', week: 1, weekday: 'Mon', visits: 4, standard: 3 },
      { kind: 'quantity-under', repId: 'R1', week: 1, weekday: 'Tue', visits: 1, standard: 2 },
      { kind: 'quantity-under', repId: 'R2', week: 1, weekday: 'Tue', visits: 0, standard: 2 },
    ]);
    const [r1, r2] = measured.reps;
    expect(r1).toMatchObject({
      days: 2,
      visits: 5,
      visitsPerDay: { min: 1, mean: 2.5, max: 4 },
      daysUnder: 1,
      daysOver: 1,
    });
    expect(r2).toMatchObject({
      days: 3,
      visits: 5,
      visitsPerDay: { min: 0, mean: 1.67, max: 3 },
      daysUnder: 1,
      daysOver: 0,
    });
  });

  it('measures the visit mix against the pool standard: large 40% < 50%, night venues 60% within <= 60%', () => {
    expect(measured.reps[0]?.quality).toEqual([
      { tier: 'large', visits: 2, share: 0.4, minShare: 0.5, met: false },
      { tier: 'night-venue', visits: 3, share: 0.6, maxShare: 0.6, met: true },
    ]);
    // Pool D has no quality standard.
    expect(measured.reps[1]?.quality).toBeNull();
    expect(measured.flags.filter((f) => f.kind.startsWith('quality'))).toEqual([
      { kind: 'quality-under', repId: 'R1', pool: 'AB', tier: 'large', share: 0.4, standard: 0.5 },
    ]);
  });

  it('sums the panel and words one warning per rep and missed bound', () => {
    const panel = standardsPanel(measured);
    expect(panel.flags).toEqual({
      'quantity-under': 2,
      'quantity-over': 1,
      'quality-under': 1,
      'quality-over': 0,
    });
    expect(panel.quantity.map((q) => [q.repTier, q.repDays, q.daysUnder, q.daysOver])).toEqual([
      ['A', 2, 1, 1],
      ['D', 3, 1, 0],
    ]);
    expect(panel.quality).toEqual([
      { pool: 'AB', tier: 'large', minShare: 0.5, share: 0.4, reps: 1, repsMissing: 1 },
      { pool: 'AB', tier: 'night-venue', maxShare: 0.6, share: 0.6, reps: 1, repsMissing: 0 },
    ]);
    expect(visitStandardsWarnings(measured)).toEqual([
      '2Q quantity: rep R1 (A) has 1 of 2 day(s) under the minimum of 2 visits (fewest 1)',
      '2Q quantity: rep R1 (A) has 1 of 2 day(s) over the maximum of 3 visits (most 4)',
      '2Q quality: rep R1 (pool AB) gives 40% of its visits to large outlets, under the minimum of 50%',
      '2Q quantity: rep R2 (D) has 1 of 3 day(s) under the minimum of 2 visits (fewest 0)',
    ]);
  });
});

describe('standards policy', () => {
  const layer = (standards: unknown) => [{ source: 'p.json', overrides: { standards } }];

  it('is absent by default and accepted when it fits the pools', () => {
    expect(DEFAULT_POLICY.standards).toBeUndefined();
    const policy = resolvePolicy(
      layer({
        quantity: { D: { minVisitsPerDay: 11, maxVisitsPerDay: 16 } },
        quality: { D: { small: { minShare: 0.9 } } },
      }),
    );
    expect(policy.standards?.quantity?.D).toEqual({ minVisitsPerDay: 11, maxVisitsPerDay: 16 });
  });

  it('names the key and value of a bad standard', () => {
    expect(() =>
      resolvePolicy(layer({ quantity: { D: { minVisitsPerDay: 12, maxVisitsPerDay: 8 } } })),
    ).toThrow(/standards\.quantity\.D\.maxVisitsPerDay = .*must be at least minVisitsPerDay/);
    expect(() => resolvePolicy(layer({ quantity: { E: { minVisitsPerDay: 1 } } }))).toThrow(
      /standards\.quantity/,
    );
    expect(() => resolvePolicy(layer({ quantity: { D: { minVisitsPerDay: 2.5 } } }))).toThrow(
      /standards\.quantity\.D\.minVisitsPerDay = 2\.5/,
    );
    expect(() => resolvePolicy(layer({ quality: { D: { small: { minShare: 1.5 } } } }))).toThrow(
      /standards\.quality\.D\.small\.minShare = 1\.5/,
    );
    expect(() =>
      resolvePolicy(layer({ quality: { D: { small: { minShare: 0.5, maxShare: 0.4 } } } })),
    ).toThrow(/standards\.quality\.D\.small\.maxShare = 0\.4: maxShare must be at least minShare/);
    expect(() => resolvePolicy(layer({ quality: { X: { small: { minShare: 0.5 } } } }))).toThrow(
      /standards\.quality\.X: names unknown pool "X"/,
    );
    expect(() => resolvePolicy(layer({ quality: { D: { large: { minShare: 0.5 } } } }))).toThrow(
      /standards\.quality\.D\.large: pool "D" does not serve outlet tier "large"/,
    );
    expect(() => resolvePolicy(layer({ quantity: { D: { minVisits: 3 } } }))).toThrow(
      /standards\.quantity\.D/,
    );
  });
});
