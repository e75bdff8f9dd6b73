import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import {
  canonicalJson,
  clockToMinutes,
  hashPolicy,
  minutesToClock,
  PolicyError,
  resolvePolicy,
} from '../../src/domain/policy/resolvePolicy.js';

describe('resolvePolicy', () => {
  it('returns the defaults when there is nothing to layer', () => {
    expect(resolvePolicy([])).toEqual(DEFAULT_POLICY);
  });

  it('merges objects key by key and replaces arrays', () => {
    const policy = resolvePolicy([
      { source: 'policy.json', overrides: { travel: { speedKmh: 30 }, cycle: { weekdays: ['Mon', 'Wed'] } } },
    ]);
    expect(policy.travel).toEqual({ speedKmh: 30, circuity: DEFAULT_POLICY.travel.circuity });
    expect(policy.cycle.weekdays).toEqual(['Mon', 'Wed']);
    expect(policy.cycle.weeks).toBe(4);
  });

  it('applies later layers over earlier ones', () => {
    const policy = resolvePolicy([
      { source: 'region/policy.json', overrides: { travel: { speedKmh: 30 } } },
      { source: 'cli.json', overrides: { travel: { speedKmh: 18 } } },
    ]);
    expect(policy.travel.speedKmh).toBe(18);
  });

  it('names the source, the key and the value of an invalid setting', () => {
    expect(() => resolvePolicy([{ source: 'p.json', overrides: { travel: { speedKmh: -3 } } }])).toThrow(
      /invalid policy \(p\.json\): travel\.speedKmh = -3/,
    );
    expect(() => resolvePolicy([{ source: 'p.json', overrides: { day: { startTime: '8.30' } } }])).toThrow(
      /day\.startTime = "8\.30"/,
    );
    expect(() => resolvePolicy([{ source: 'p.json', overrides: { colour: 'red' } }])).toThrow(PolicyError);
  });

  it('rejects pools that leave a tier unserved or name unknown fallbacks', () => {
    expect(() =>
      resolvePolicy([
        { source: 'p.json', overrides: { pools: [{ id: 'C', repTiers: ['C'], outletTiers: ['medium'] }] } },
      ]),
    ).toThrow(/no pool serves outlet tier "large"/);
    expect(() =>
      resolvePolicy([
        {
          source: 'p.json',
          overrides: {
            pools: [
              {
                id: 'all',
                repTiers: ['C'],
                outletTiers: ['large', 'night-venue', 'medium', 'small'],
                fallback: ['X'],
              },
            ],
          },
        },
      ]),
    ).toThrow(/unknown pool "X"/);
  });

  it('hashes equal policies equally regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe('{"a":[2,{"c":2,"d":1}],"b":1}');
    const a = resolvePolicy([{ source: 'x', overrides: { travel: { speedKmh: 30, circuity: 1.2 } } }]);
    const b = resolvePolicy([{ source: 'y', overrides: { travel: { circuity: 1.2, speedKmh: 30 } } }]);
    expect(hashPolicy(a)).toBe(hashPolicy(b));
    expect(hashPolicy(a)).not.toBe(hashPolicy(DEFAULT_POLICY));
  });

  it('converts clock times', () => {
    expect(clockToMinutes('08:30')).toBe(510);
    expect(minutesToClock(510)).toBe('08:30');
    expect(minutesToClock(1505.4)).toBe('25:05');
  });
});
