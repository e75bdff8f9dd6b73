import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import {
  applyPolicySettings,
  formatPolicySetting,
  parsePolicySetting,
  PolicySettingSyntaxError,
} from '../../src/domain/policy/policySettings.js';
import { PolicyError, resolvePolicy } from '../../src/domain/policy/resolvePolicy.js';

const base = resolvePolicy([]);
const set = (...texts: string[]) => applyPolicySettings(base, texts.map(parsePolicySetting));

describe('parsePolicySetting', () => {
  it('takes the value as JSON when it parses, else as the text', () => {
    expect(parsePolicySetting('visits.small.frequency=every-4-weeks')).toEqual({
      key: 'visits.small.frequency',
      path: ['visits', 'small', 'frequency'],
      value: 'every-4-weeks',
    });
    expect(parsePolicySetting('cycle.weeks=4').value).toBe(4);
    expect(parsePolicySetting('territories.routeAware=false').value).toBe(false);
    expect(parsePolicySetting('visits.large.timeWindow=null').value).toBeNull();
    expect(parsePolicySetting('cycle.weekdays=["Mon","Tue"]').value).toEqual(['Mon', 'Tue']);
    expect(parsePolicySetting('day.startTime=09:00').value).toBe('09:00');
    // A quoted number is the string; the first = splits, later ones belong to the value.
    expect(parsePolicySetting('x.y="4"').value).toBe('4');
    expect(parsePolicySetting('x.y=a=b').value).toBe('a=b');
    expect(parsePolicySetting(' cycle.weeks = 2 ')).toMatchObject({ key: 'cycle.weeks', value: 2 });
  });

  it('refuses what is not dotted.key=value, and keys reaching a prototype', () => {
    for (const text of ['novalue', '=4', 'a..b=1', 'a.b c=1', 'visits.__proto__.x=1', 'constructor=1'])
      expect(() => parsePolicySetting(text), text).toThrow(PolicySettingSyntaxError);
  });

  it('formats strings bare and everything else as JSON', () => {
    expect(formatPolicySetting({ key: 'a', value: 'every-4-weeks' })).toBe('a=every-4-weeks');
    expect(formatPolicySetting({ key: 'a', value: { percentile: 85 } })).toBe('a={"percentile":85}');
  });
});

describe('applyPolicySettings', () => {
  it('sets the value at the key and leaves the rest and the input untouched', () => {
    const policy = set('visits.small.frequency=every-4-weeks', 'travel.speedKmh=30');
    expect(policy.visits.small.frequency).toBe('every-4-weeks');
    expect(policy.visits.small.serviceMinutes).toBe(DEFAULT_POLICY.visits.small.serviceMinutes);
    expect(policy.travel).toEqual({ speedKmh: 30, circuity: base.travel.circuity });
    expect(base.visits.small.frequency).toBe('every-2-weeks');
  });

  it('applies settings in order, indexes arrays and creates optional objects', () => {
    const policy = set(
      'travel.speedKmh=30',
      'travel.speedKmh=20',
      'segmentation.rules.4.minVolume={"percentile":85}',
      'day.byRepTier.C.startTime=09:15',
    );
    expect(policy.travel.speedKmh).toBe(20);
    expect(policy.segmentation.rules[4]).toMatchObject({
      id: 'small-high-value',
      minVolume: { percentile: 85 },
    });
    expect(policy.day.byRepTier.C).toEqual({ startTime: '09:15' });
    // A setting replaces: it does not merge the defaults back as policy files do.
    expect(set('day.byRepTier={}').day.byRepTier).toEqual({});
  });

  it('fails on an unknown key, naming the setting and the keys that exist', () => {
    const error = (() => {
      try {
        set('visits.small.frequncy=every-4-weeks');
      } catch (e) {
        return e as PolicyError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(PolicyError);
    expect(error?.key).toBe('visits.small.frequncy');
    expect(error?.message).toBe(
      '--set visits.small.frequncy=every-4-weeks: unknown policy key visits.small.frequncy (visits.small has frequency, serviceMinutes, timeWindow, method; see territory policy)',
    );
    expect(() => set('visit.small.frequency=weekly')).toThrow(
      /unknown policy key visit \(the policy has segmentation, pools/,
    );
    expect(() => set('day.byRepTier.E.startTime=09:00')).toThrow(/unknown policy key day\.byRepTier\.E/);
  });

  it('fails on a bad value, naming the key, the value and what is accepted', () => {
    expect(() => set('visits.small.frequency=every-5-weeks')).toThrow(
      '--set visits.small.frequency=every-5-weeks: invalid policy: visits.small.frequency = "every-5-weeks": Invalid option: expected one of "twice-weekly"|"weekly"|"every-2-weeks"|"every-4-weeks"',
    );
    expect(() => set('cycle.weeks=abc')).toThrow(
      /^--set cycle\.weeks=abc: invalid policy: cycle\.weeks = "abc"/,
    );
    expect(() => set('travel.speedKmh=0')).toThrow(/travel\.speedKmh = 0: must be at least 1 km\/h/);
  });

  it('runs the cross checks of a policy file (cycle fits frequencies, pools)', () => {
    expect(() => set('cycle.weeks=3')).toThrow(
      /^--set cycle\.weeks=3: invalid policy: visits\.small\.frequency = every-2-weeks does not fit cycle\.weeks = 3/,
    );
    expect(() => set('pools.0.fallback=["Z"]')).toThrow(
      /^--set pools\.0\.fallback=\["Z"\]: .*unknown pool "Z"/,
    );
  });

  it('refuses paths through a scalar, null or past the end of a list', () => {
    expect(() => set('cycle.weeks.x=1')).toThrow(
      /cycle\.weeks is number 4, not an object with keys; set cycle\.weeks whole/,
    );
    expect(() => set('visits.large.timeWindow.from=10:00')).toThrow(/visits\.large\.timeWindow is null/);
    expect(() => set('segmentation.rules.9.minVolume=1')).toThrow(
      /segmentation\.rules is a list of 6; index it with 0-5/,
    );
    expect(() => set('segmentation.rules.x=1')).toThrow(/segmentation\.rules is a list of 6/);
  });
});
