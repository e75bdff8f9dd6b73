import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/domain/plan/planTypes.js';
import { createTravelTestDb, type TravelTestDb } from './pgTestDb.js';

const run = promisify(execFile);
const BIN = new URL('../../../bin/territory.js', import.meta.url).pathname;

/** Street corners of the river town: column x (0-2 west bank, 4-6 east bank), row y. */
const corner = (x: number, y: number): [number, number] => [10 + 0.005 * x, 50 + 0.005 * y];
const ISLAND = [10.015, 50.0135];

let db: TravelTestDb;
let work: string;

async function writeRegion(dir: string, travel: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const rows = ['id,name,lon,lat,business_type,monthly_volume,status,locked_rep,open_from,open_to,district'];
  let k = 0;
  for (const x of [0, 1, 2, 4, 5, 6])
    for (const y of [1, 3, 4]) {
      const [lon, lat] = corner(x, y);
      rows.push(`o${++k},Shop ${k},${lon},${lat},grocery,100,active,,,,${x < 3 ? 'West' : 'East'}`);
    }
  rows.push(`island,Island Shop,${ISLAND[0]},${ISLAND[1]},grocery,100,active,,,,River`);
  await writeFile(join(dir, 'outlets.csv'), `${rows.join('\n')}\n`);
  const [homeLon, homeLat] = corner(0, 4);
  await writeFile(
    join(dir, 'reps.csv'),
    `id,name,tier,home_lon,home_lat,daily_minutes,working_days,capacity\nr1,Ria,C,${homeLon},${homeLat},,Mon-Fri,1\n`,
  );
  const pools = [
    {
      id: 'all',
      repTiers: ['A', 'B', 'C', 'D'],
      outletTiers: ['large', 'night-venue', 'medium', 'small'],
      fallback: [],
    },
  ];
  await writeFile(
    join(dir, 'policy.json'),
    JSON.stringify({ pools, travel: { speedKmh: 30, circuity: 1.3, ...travel } }),
  );
}

async function plan(
  region: string,
  out: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [BIN, 'plan', '--region', region, '--out', out, '--quiet'],
      {
        env: { ...process.env, ...env },
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  db = await createTravelTestDb();
  work = await mkdtemp(join(tmpdir(), 'tw-road-plan-'));
});

afterAll(async () => {
  await db?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a region planned on pgRouting road times (bin/territory.js plan)', () => {
  let result: Awaited<ReturnType<typeof plan>>;
  let published: Plan;

  beforeAll(async () => {
    await writeRegion(join(work, 'river'), { provider: 'pgrouting' });
    result = await plan(join(work, 'river'), join(work, 'out/river'), {
      TRAVEL_PGROUTING_URL: db.url,
      TRAVEL_CACHE_DIR: join(work, 'cache'),
    });
    published = JSON.parse(await readFile(join(work, 'out/river/current/plan.json'), 'utf8')) as Plan;
  }, 120_000);

  it('passes the publish gate and becomes current', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(published.outlets.filter((o) => o.repId === 'r1')).toHaveLength(18);
  });

  it('quarantines the outlet no road reaches, with the reason', () => {
    const entry = published.quarantine.find((q) => q.id === 'island');
    expect(entry?.reason).toMatch(/no pgrouting \(car\) road route/);
    expect(published.outlets.some((o) => o.id === 'island')).toBe(false);
    expect(published.warnings.join('\n')).toMatch(/1 outlet\(s\) have no pgrouting road route.*island/);
  });

  it('drives across the river over the bridge', () => {
    const position = new Map(published.outlets.map((o) => [o.id, [o.lon, o.lat] as const]));
    let crossings = 0;
    for (const day of published.reps[0]?.days ?? []) {
      let previous: readonly [number, number] = corner(0, 4);
      for (const stop of day.stops) {
        const here = position.get(stop.outletId) as readonly [number, number];
        const west = (p: readonly [number, number]): boolean => p[0] < 10.015;
        if (west(previous) !== west(here)) {
          crossings += 1;
          // Both ends down to row 0 and over the 0.72 km bridge.
          const rows = (previous[1] - 50 + (here[1] - 50)) / 0.005;
          expect(stop.travelKm).toBeGreaterThanOrEqual(0.556 * rows + 0.717 - 0.1);
        }
        previous = here;
      }
    }
    expect(crossings).toBeGreaterThan(0);
  });

  it('has no straight-line notice in summary.json or map.html', async () => {
    const summary = JSON.parse(await readFile(join(work, 'out/river/current/summary.json'), 'utf8')) as {
      travel?: { fellBack: boolean; notice: string | null };
    };
    expect(summary.travel).toEqual({ provider: 'pgrouting', profile: 'car', fellBack: false, notice: null });
    expect(await readFile(join(work, 'out/river/current/map.html'), 'utf8')).not.toContain('travel-banner"');
  });

  it('records the provider and the calibrated territory settings in the plan', () => {
    expect(published.travel).toMatchObject({ provider: 'pgrouting', profile: 'car', fellBack: false });
    // Detours to the bridge make roads much longer than straight lines here.
    expect(published.travel?.territorySettings.circuity).toBeGreaterThan(1.3);
  });

  it('keeps the fetched matrix in the cache folder', async () => {
    expect(await readdir(join(work, 'cache/river'))).toEqual([
      expect.stringMatching(/^pgrouting-car-all-[0-9a-f]{12}\.bin$/),
    ]);
  });
});

describe('when the road provider is down', () => {
  const deadUrl = 'postgres://postgres:hunter2@127.0.0.1:1/none';

  it('fails the run, names the provider without the password, and publishes nothing', async () => {
    await writeRegion(join(work, 'down'), { provider: 'pgrouting' });
    const failed = await plan(join(work, 'down'), join(work, 'out/down'), {
      TRAVEL_PGROUTING_URL: deadUrl,
      TRAVEL_RETRIES: '1',
      TRAVEL_RETRY_BASE_MS: '10',
      TRAVEL_CACHE_DIR: 'off',
    });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(
      /travel provider pgrouting at postgres:\/\/127\.0\.0\.1:1\/none, block 1 .*after 2 attempts/,
    );
    expect(failed.stderr).not.toContain('hunter2');
    expect(await readdir(join(work, 'out/down')).catch(() => [])).not.toContain('current');
  });

  it('plans on great-circle lines with travel.fallback, and says so', async () => {
    await writeRegion(join(work, 'fallback'), { provider: 'pgrouting', fallback: 'great-circle' });
    const planned = await plan(join(work, 'fallback'), join(work, 'out/fallback'), {
      TRAVEL_PGROUTING_URL: deadUrl,
      TRAVEL_RETRIES: '0',
      TRAVEL_CACHE_DIR: 'off',
    });
    expect(planned.code).toBe(0);
    const fallback = JSON.parse(await readFile(join(work, 'out/fallback/current/plan.json'), 'utf8')) as Plan;
    expect(fallback.warnings.join('\n')).toMatch(/travel: pgrouting failed .*planned on great-circle lines/);
    expect(fallback.travel).toEqual({
      provider: 'pgrouting',
      profile: 'car',
      fellBack: true,
      territorySettings: { speedKmh: 30, circuity: 1.3 },
    });
    const summary = JSON.parse(await readFile(join(work, 'out/fallback/current/summary.json'), 'utf8')) as {
      travel?: { fellBack: boolean; notice: string | null };
    };
    expect(summary.travel?.fellBack).toBe(true);
    expect(summary.travel?.notice).toMatch(
      /^Road travel provider pgrouting \(car\) failed: this plan uses straight-line/,
    );
    const map = await readFile(join(work, 'out/fallback/current/map.html'), 'utf8');
    expect(map).toMatch(
      /<div id="travel-banner" role="alert" style="[^"]*"><strong>Straight-line travel\.<\/strong> Road travel provider pgrouting/,
    );
    // Straight lines do not know the island is cut off: it stays in the plan.
    expect(fallback.outlets.some((o) => o.id === 'island')).toBe(true);
  });
});
