import { describe, expect, it } from 'vitest';
import {
  csvField,
  formatClock,
  renderOutletsCsv,
  renderRepsCsv,
} from '../../src/domain/generate/renderRegionCsv.js';
import type { Outlet, Rep } from '../../src/domain/types.js';

describe('csvField', () => {
  it('quotes fields with commas, quotes, line breaks or edge spaces (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField("Li's Noodles, Beihai Rd")).toBe('"Li\'s Noodles, Beihai Rd"');
    expect(csvField('The "Anchor" Bar')).toBe('"The ""Anchor"" Bar"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('')).toBe('');
  });
});

describe('formatClock', () => {
  it('writes minutes as HH:MM, wrapping overnight ends', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(600)).toBe('10:00');
    expect(formatClock(1020)).toBe('17:00');
    expect(formatClock(1560)).toBe('02:00');
    expect(formatClock(1625)).toBe('03:05');
  });
});

describe('renderOutletsCsv / renderRepsCsv', () => {
  const outlet: Outlet = {
    id: 'KW00001',
    name: 'The "Anchor" Bar',
    lon: 119.1,
    lat: 36.7123456,
    businessType: 'bar',
    monthlyVolume: 85,
    status: 'active',
    lockedRepId: null,
    openFrom: 1020,
    openTo: 1560,
    district: 'D06',
    line: 2,
  };
  const rep: Rep = {
    id: 'R01',
    name: 'Wang Wei',
    tier: 'A',
    homeLon: 119.13,
    homeLat: 36.71,
    dailyMinutes: null,
    workingDays: null,
    capacity: 1,
    line: 2,
  };

  it('renders the outlet header and rows with 6-decimal coordinates and HH:MM hours', () => {
    expect(
      renderOutletsCsv([
        outlet,
        {
          ...outlet,
          id: 'KW00002',
          name: 'Wang Grocery',
          businessType: 'grocery',
          openFrom: null,
          openTo: null,
          district: null,
          lockedRepId: 'R09',
        },
      ]),
    ).toBe(
      'id,name,lon,lat,business_type,monthly_volume,status,locked_rep,open_from,open_to,district\n' +
        'KW00001,"The ""Anchor"" Bar",119.100000,36.712346,bar,85,active,,17:00,02:00,D06\n' +
        'KW00002,Wang Grocery,119.100000,36.712346,grocery,85,active,R09,,,\n',
    );
  });

  it('renders reps with empty policy-default fields, and working days when set', () => {
    expect(
      renderRepsCsv([
        rep,
        { ...rep, id: 'R02', dailyMinutes: 420, workingDays: ['Mon', 'Wed'], capacity: 0.5 },
      ]),
    ).toBe(
      'id,name,tier,home_lon,home_lat,daily_minutes,working_days,capacity\n' +
        'R01,Wang Wei,A,119.130000,36.710000,,,1\n' +
        'R02,Wang Wei,A,119.130000,36.710000,420,Mon;Wed,0.5\n',
    );
  });
});
