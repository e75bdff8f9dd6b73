import { describe, expect, it } from 'vitest';
import { openingWindow, parseClockTime } from '../../../src/io/region/parseClockTime.js';
import { parseCoordinates } from '../../../src/io/region/parseCoordinates.js';
import { parseDecimal } from '../../../src/io/region/parseDecimal.js';
import { parseWorkingDays } from '../../../src/io/region/parseWorkingDays.js';
import { truncateValue } from '../../../src/io/region/quarantine.js';

describe('parseDecimal', () => {
  it('reads plain decimals', () => {
    expect(parseDecimal('116.39')).toBe(116.39);
    expect(parseDecimal(' -3 ')).toBe(-3);
    expect(parseDecimal('+.5')).toBe(0.5);
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('7.')).toBe(7);
  });
  it('refuses what Number() would quietly accept or mangle', () => {
    for (const text of ['', ' ', 'NaN', 'Infinity', '0x10', '39,9', '12 cartons', '1e999', '--1', '.']) {
      expect(parseDecimal(text), text).toBeNull();
    }
  });
});

describe('parseClockTime', () => {
  it('reads H:MM, HH:MM and HH:MM:SS', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('8:30')).toBe(510);
    expect(parseClockTime('18:00:59')).toBe(1080);
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('23:59')).toBe(1439);
    expect(parseClockTime('24:00')).toBe(1440);
  });
  it('refuses impossible or sloppy times', () => {
    for (const text of ['', '24:01', '25:00', '12:60', '9am', '0930', '12:5', '12:00:60', '-1:00']) {
      expect(parseClockTime(text), text).toBeNull();
    }
  });
});

describe('openingWindow', () => {
  it('keeps a same-day window', () => {
    expect(openingWindow(540, 1320)).toEqual({ from: 540, to: 1320 });
    expect(openingWindow(570, 1440)).toEqual({ from: 570, to: 1440 });
  });
  it('stores an overnight end as minutes + 1440', () => {
    expect(openingWindow(1080, 120)).toEqual({ from: 1080, to: 1560 });
    expect(openingWindow(1200, 0)).toEqual({ from: 1200, to: 1440 });
  });
  it('refuses a zero-length window', () => {
    expect(openingWindow(600, 600)).toBeNull();
  });
});

describe('parseWorkingDays', () => {
  it('reads ranges and lists in any case, in ISO order', () => {
    expect(parseWorkingDays('Mon-Fri')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(parseWorkingDays('Mon,Tue,Thu')).toEqual(['Mon', 'Tue', 'Thu']);
    expect(parseWorkingDays('thu, MON ,tue')).toEqual(['Mon', 'Tue', 'Thu']);
    expect(parseWorkingDays('mon-wed;sat')).toEqual(['Mon', 'Tue', 'Wed', 'Sat']);
    expect(parseWorkingDays('Tue Thu')).toEqual(['Tue', 'Thu']);
    expect(parseWorkingDays('Monday - Wednesday')).toEqual(['Mon', 'Tue', 'Wed']);
    expect(parseWorkingDays('Mon-Fri,Sat')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(parseWorkingDays('Mon,Mon')).toEqual(['Mon']);
  });
  it('wraps a range over the weekend', () => {
    expect(parseWorkingDays('Fri-Mon')).toEqual(['Mon', 'Fri', 'Sat', 'Sun']);
    expect(parseWorkingDays('Wed-Wed')).toEqual(['Wed']);
  });
  it('returns null when anything is not a day', () => {
    for (const text of ['', '  ', 'Funday', 'Mon-Fri-Sat', 'Mon-', '1-5', 'Mon,Tue,Xyz', 'weekdays']) {
      expect(parseWorkingDays(text), text).toBeNull();
    }
  });
});

describe('parseCoordinates', () => {
  const columns = { lon: 'lon', lat: 'lat' };
  it('accepts a valid point', () => {
    expect(parseCoordinates('116.4', '39.9', columns)).toEqual({
      point: { lon: 116.4, lat: 39.9 },
      problems: [],
    });
  });
  it('names each missing, non-numeric or out-of-range coordinate', () => {
    expect(parseCoordinates('', 'x', columns).problems.map((p) => [p.field, p.reason])).toEqual([
      ['lon', 'missing longitude; row rejected'],
      ['lat', 'latitude is not a number; row rejected'],
    ]);
    const swapped = parseCoordinates('39.9', '116.4', columns);
    expect(swapped.point).toBeNull();
    expect(swapped.problems[0]?.reason).toContain('swapped?');
    expect(parseCoordinates('-180.5', '0', columns).problems[0]?.field).toBe('lon');
    expect(parseCoordinates('0', '0', columns).problems[0]?.reason).toContain('placeholder');
  });
});

describe('truncateValue', () => {
  it('keeps short values and cuts long ones to 200 characters plus an ellipsis', () => {
    expect(truncateValue('abc')).toBe('abc');
    const cut = truncateValue('x'.repeat(10_000));
    expect(cut).toHaveLength(201);
    expect(cut.endsWith('…')).toBe(true);
  });
});
