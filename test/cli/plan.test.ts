import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/planTypes.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

/** Runs the CLI from source as a user would run `territory ...`; never throws on a non-zero exit. */
async function territory(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'territory-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('territory plan on the sample region', () => {
  let plan: Plan;
  let firstRun: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    firstRun = await territory(
      'plan',
      '--region',
      'data/regions/kuiwen-sample',
      '--out',
      join(work, 'sample'),
    );
    plan = JSON.parse(await readFile(join(work, 'sample/current/plan.json'), 'utf8')) as Plan;
  }, 120_000);

  it('exits 0 and prints the tier and pool tables', () => {
    // stderr holds the stage progress lines only (see planProgress.test.ts).
    for (const line of firstRun.stderr.trim().split('\n'))
      expect(line).toMatch(/^plan kuiwen-sample: +\d+% /);
    expect(firstRun.code).toBe(0);
    expect(firstRun.stdout).toMatch(/tier\s+outlets/);
    expect(firstRun.stdout).toMatch(/pool\s+rep tiers/);
  });

  it('plans every escort of the sample supervisors at its cadence, no supervisor day over budget, and prints their table', async () => {
    expect(plan.supervisors?.map((s) => s.id)).toEqual(['M01', 'H01']);
    const escorts = plan.outlets.flatMap((o) => o.escorts ?? []);
    expect(escorts).toHaveLength(2 * 76);
    expect(escorts.filter((e) => e.supervisorId === null)).toEqual([]);
    for (const e of escorts) expect(e.visits).toHaveLength(e.frequency === 'every-2-weeks' ? 2 : 1);
    for (const s of plan.supervisors ?? []) for (const d of s.days) expect(d.overBudgetMinutes).toBe(0);
    expect(firstRun.stdout).toMatch(/supervisor\s+role\s+joint visits/);
    expect(firstRun.stdout).toMatch(/M01\s+market-manager\s+152/);
    const sheet = await readFile(join(work, 'sample/current/supervisors/H01.csv'), 'utf8');
    expect(sheet.split('\r\n').filter((l) => l !== '')).toHaveLength(1 + 76);
    const map = await readFile(join(work, 'sample/current/map.html'), 'utf8');
    expect(map).toContain('<section id="supervisors-section">');
    expect(map).toContain('data-supervisor="H01"');
  });

  it('segments the reference district 76 / 120 / 720 / 483', () => {
    expect(plan.segmentation.tierCounts).toEqual({ large: 76, 'night-venue': 120, medium: 720, small: 483 });
  });

  it('forms the reference pools: A 1/76, B 1/120, C 6/720, D 4/483', () => {
    expect(plan.pools.map((p) => [p.id, p.repIds.length, p.outletCount])).toEqual([
      ['A', 1, 76],
      ['B', 1, 120],
      ['C', 6, 720],
      ['D', 4, 483],
    ]);
  });

  it('explains every outlet tier with its rule', () => {
    for (const outlet of plan.outlets) {
      expect(outlet.reason).toContain(`-> ${outlet.tier}`);
      expect(outlet.rule).not.toBe('');
    }
  });

  it('writes segments.csv and quarantine.csv beside plan.json', async () => {
    const segments = await readFile(join(work, 'sample/current/segments.csv'), 'utf8');
    expect(segments.trim().split(/\r?\n/)).toHaveLength(1 + 1399);
    expect(await exists(join(work, 'sample/current/quarantine.csv'))).toBe(true);
  });

  it('skips a rebuild whose inputs did not change, unless forced', async () => {
    const again = await territory(
      'plan',
      '--region',
      'data/regions/kuiwen-sample',
      '--out',
      join(work, 'sample'),
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged/);
  });
});

describe('a region with business types the default policy does not know', () => {
  it('is segmented as intended by a policy file given with --policy', async () => {
    const result = await territory(
      'plan',
      '--region',
      'test/fixtures/osm-types',
      '--policy',
      'test/fixtures/osm-types/policy-osm.json',
      '--out',
      join(work, 'osm'),
      '--quiet',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(await readFile(join(work, 'osm/current/plan.json'), 'utf8')) as Plan;
    expect(plan.segmentation.tierCounts).toEqual({ large: 5, 'night-venue': 13, medium: 10, small: 4 });
    const byId = new Map(plan.outlets.map((o) => [o.id, o]));
    expect(byId.get('O001')).toMatchObject({ tier: 'large', rule: 'big-supermarkets' });
    expect(byId.get('O002')).toMatchObject({ tier: 'medium', rule: 'shops' });
    expect(byId.get('O005')?.reason).toBe('business_type=fuel -> large (rule fuel)');
  });

  it('falls back to the default tier without the policy, and says why', async () => {
    const result = await territory(
      'plan',
      '--region',
      'test/fixtures/osm-types',
      '--out',
      join(work, 'osm-default'),
    );
    expect(result.code).toBe(0);
    const plan = JSON.parse(await readFile(join(work, 'osm-default/current/plan.json'), 'utf8')) as Plan;
    expect(plan.outlets.find((o) => o.id === 'O005')?.reason).toMatch(/no rule matched business_type=fuel/);
  });
});

describe('fatal problems', () => {
  it('a missing reps.csv ends with one clear message, exit 1, no stack trace, nothing written', async () => {
    const region = join(work, 'no-reps');
    await cp(join(root, 'test/fixtures/osm-types'), region, { recursive: true });
    await rm(join(region, 'reps.csv'));
    const out = join(work, 'no-reps-out');
    const result = await territory('plan', '--region', region, '--out', out, '--quiet');
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: .*reps\.csv/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await exists(out)).toBe(false);
  });

  it('an invalid --policy names the key and value', async () => {
    const result = await territory('policy', '--policy', 'test/fixtures/osm-types/outlets.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*outlets\.csv/);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const result = await territory('plan', '--nope');
    expect(result.code).toBe(2);
  });

  it('a bad option value is a usage error (exit 2) that names the option', async () => {
    const result = await territory('plan', '--region', 'test/fixtures/osm-types', '--seed', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--seed <n>.*'x' is invalid/);
  });
});
