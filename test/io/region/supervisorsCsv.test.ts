import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { escortPatternOptions } from '../../../src/domain/escorts/escortPatterns.js';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { loadRegion } from '../../../src/io/region/loadRegion.js';

const tiny = join(import.meta.dirname, '../../fixtures/regions/tiny');
const dirs: string[] = [];

async function region(supervisors: string | null): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'supervisors-'));
  dirs.push(dir);
  await cp(tiny, dir, { recursive: true });
  if (supervisors !== null) await writeFile(join(dir, 'supervisors.csv'), supervisors);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const HEADER = 'id,name,role,home_lon,home_lat,working_days,daily_minutes,day_start,reps\n';

describe('supervisors.csv', () => {
  it('is optional: without it the region has no supervisors and hashes as before', async () => {
    const without = await loadRegion(await region(null));
    expect(without.region.supervisors).toBeUndefined();
    const withFile = await loadRegion(await region(`${HEADER}M1,Mia,market-manager,116.4,39.9,,,,\n`));
    expect(withFile.region.supervisors).toHaveLength(1);
    expect(withFile.region.inputHash).not.toBe(without.region.inputHash);
    const edited = await loadRegion(await region(`${HEADER}M1,Mia,market-manager,116.41,39.9,,,,\n`));
    expect(edited.region.inputHash).not.toBe(withFile.region.inputHash);
  });

  it('parses the optional columns and quarantines bad rows and fields with reasons', async () => {
    const loaded = await loadRegion(
      await region(
        HEADER +
          'M1,Mia,Market-Manager,116.4,39.9,Mon-Thu,300,07:45,rA;A\n' +
          'M2,,department-head,116.4,39.9,someday,0,25:00,rA nobody\n' +
          ',Nobody,market-manager,116.4,39.9,,,,\n' +
          'M3,Bad,,116.4,39.9,,,,\n' +
          'M4,Far,market-manager,0,0,,,,\n' +
          'M5,Nobody,market-manager,116.4,39.9,,,,ghost\n' +
          'M1,Again,market-manager,116.4,39.9,,,,\n',
      ),
    );
    const [m1, m2] = loaded.region.supervisors ?? [];
    expect(m1).toMatchObject({
      id: 'M1',
      role: 'market-manager',
      workingDays: ['Mon', 'Tue', 'Wed', 'Thu'],
      dailyMinutes: 300,
      dayStart: 465,
      reps: ['rA', 'A'],
    });
    expect(m2).toMatchObject({
      id: 'M2',
      name: 'M2',
      workingDays: null,
      dailyMinutes: null,
      dayStart: null,
      reps: ['rA'],
    });
    expect(loaded.region.supervisors).toHaveLength(2);
    const entries = loaded.region.quarantine.filter((e) => e.file === 'supervisors.csv');
    const fields = entries.map((e) => `${e.line}:${e.field}:${e.action}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        '3:working_days:field-ignored',
        '3:daily_minutes:field-ignored',
        '3:day_start:field-ignored',
        '3:reps:field-ignored',
        '4:id:row-rejected',
        '5:role:row-rejected',
        '7:reps:row-rejected',
        '8:id:row-rejected',
      ]),
    );
    expect(loaded.stats.supervisors).toMatchObject({ rows: 7, loaded: 2 });
  });

  it('is fatal without a required column or without one valid row', async () => {
    await expect(loadRegion(await region('id,name,home_lon,home_lat\nM1,Mia,116.4,39.9\n'))).rejects.toThrow(
      FatalInputError,
    );
    await expect(loadRegion(await region(`${HEADER},x,market-manager,116.4,39.9,,,,\n`))).rejects.toThrow(
      /no valid supervisor/,
    );
  });
});

describe('escortPatternOptions', () => {
  it('picks every other weekly visit for every-2-weeks, and either day of a twice-weekly rep for weekly', () => {
    const weekly = { weekdays: ['Tue' as const], everyWeeks: 1, firstWeek: 1 };
    expect(escortPatternOptions(weekly, 'every-2-weeks', 4).patterns).toEqual([
      { weekdays: ['Tue'], everyWeeks: 2, firstWeek: 1 },
      { weekdays: ['Tue'], everyWeeks: 2, firstWeek: 2 },
    ]);
    const twice = { weekdays: ['Thu' as const, 'Mon' as const], everyWeeks: 1, firstWeek: 1 };
    expect(escortPatternOptions(twice, 'weekly', 4).patterns.map((p) => p.weekdays)).toEqual([
      ['Mon'],
      ['Thu'],
    ]);
    const fortnightly = { weekdays: ['Wed' as const], everyWeeks: 2, firstWeek: 2 };
    expect(escortPatternOptions(fortnightly, 'every-4-weeks', 4).patterns).toEqual([
      { weekdays: ['Wed'], everyWeeks: 4, firstWeek: 2 },
      { weekdays: ['Wed'], everyWeeks: 4, firstWeek: 4 },
    ]);
  });

  it('says why a cadence more frequent than the rep cannot be met', () => {
    const fortnightly = { weekdays: ['Wed' as const], everyWeeks: 2, firstWeek: 1 };
    expect(escortPatternOptions(fortnightly, 'weekly', 4).unmet).toMatch(/less often than weekly/);
  });
});

describe('escort policy', () => {
  const withEscorts = (escorts: unknown, extra: object = {}): unknown => ({
    visits: { large: { escorts } },
    ...extra,
  });
  it('accepts cadences with a default of 0 extra minutes and refuses bad ones strictly', async () => {
    const { resolvePolicy } = await import('../../../src/domain/policy/resolvePolicy.js');
    const ok = resolvePolicy([
      { source: 'p', overrides: withEscorts([{ role: 'market-manager', frequency: 'every-2-weeks' }]) },
    ]);
    expect(ok.visits.large.escorts).toEqual([
      { role: 'market-manager', frequency: 'every-2-weeks', extraMinutes: 0 },
    ]);
    const bad = (overrides: unknown) => () => resolvePolicy([{ source: 'p', overrides }]);
    expect(bad(withEscorts([{ role: 'm', frequency: 'monthly' }]))).toThrow(/escorts/);
    expect(bad(withEscorts([{ role: 'm', frequency: 'weekly', who: 1 }]))).toThrow(/escorts/);
    expect(
      bad(
        withEscorts([
          { role: 'm', frequency: 'weekly' },
          { role: 'm', frequency: 'weekly' },
        ]),
      ),
    ).toThrow(/once per tier/);
    expect(bad(withEscorts([], { escortRoles: { m: { maxJointVisitsPerDay: 0 } } }))).toThrow(/escortRoles/);
    expect(
      bad({ cycle: { weeks: 2 }, ...(withEscorts([{ role: 'm', frequency: 'every-4-weeks' }]) as object) }),
    ).not.toThrow();
    expect(
      bad({
        cycle: { weeks: 3 },
        visits: {
          large: { frequency: 'weekly', escorts: [{ role: 'm', frequency: 'every-2-weeks' }] },
          small: { frequency: 'weekly' },
        },
      }),
    ).toThrow(/escorts\[0\]\.frequency/);
  });
});
