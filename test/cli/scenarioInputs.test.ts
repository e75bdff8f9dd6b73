import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunScenarioResult } from '../../src/app/runScenario.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import type { Manifest } from '../../src/io/publish/manifest.js';
import { currentVersion } from '../../src/io/publish/publishVersion.js';
import { repoRoot, territory } from './runCli.js';

const tiny = join(repoRoot, 'test/fixtures/regions/tiny');
let work: string;
let region: string;
let out: string;
let base: string;

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const run = (name: string, ...args: string[]) =>
  territory(['scenario', '--region', region, '--out', out, '--name', name, '--quiet', ...args]);
type ScenarioJson = Omit<RunScenarioResult, 'plan'>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scenario-inputs-'));
  region = join(work, 'tiny');
  out = join(work, 'out');
  await cp(tiny, region, { recursive: true });
  const first = await territory(['plan', '--region', region, '--out', out, '--quiet', '--json']);
  expect(first.code, first.stderr).toBe(0);
  base = (JSON.parse(first.stdout) as { version: string }).version;
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('scenario inputs on the tiny region', () => {
  it('plans a reps file, a policy file, settings and rep edits, recorded in the spec', async () => {
    const repsFile = join(work, 'reps-more.csv');
    await writeFile(
      repsFile,
      'id,name,tier,home_lon,home_lat\nrA,Ann,A,116.40,39.90\nrB,Bo,B,116.41,39.91\nrC,Cy,C,116.40,39.90\nrC2,Cai,C,116.405,39.905\nrD,Di,D,116.40,39.90\nrX,Bad,E,116.40,39.90\n',
    );
    const policyFile = join(work, 'slow.json');
    await writeFile(policyFile, '{"travel":{"speedKmh":20}}\n');
    const before = await Promise.all(
      ['outlets.csv', 'reps.csv', 'policy.json'].map((f) => sha(join(region, f))),
    );
    const result = await run(
      'mixed',
      '--json',
      '--fresh',
      '--reps-file',
      repsFile,
      '--policy',
      policyFile,
      '--set',
      'travel.circuity=1.5',
      '--remove-rep',
      'rA',
      '--change-rep',
      'rD,C,116.41,39.89',
      '--add-rep',
      'rN,D,116.402,39.901',
      '--by',
      'tester',
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const scenario = JSON.parse(result.stdout) as ScenarioJson;
    expect(scenario.spec).toEqual({
      name: 'mixed',
      mode: 'fresh',
      seed: 1,
      policyFile: { path: policyFile, sha256: await sha(policyFile) },
      set: [{ key: 'travel.circuity', value: 1.5 }],
      repsFile: { path: repsFile, sha256: await sha(repsFile) },
      repEdits: {
        remove: ['rA'],
        change: [{ id: 'rD', tier: 'C', home: [116.41, 39.89] }],
        add: [{ id: 'rN', tier: 'D', home: [116.402, 39.901] }],
      },
      staffing: null,
      by: 'tester',
      note: null,
    });
    const plan = await readJson<Plan>(scenario.planPath);
    expect(plan.mode).toBe('fresh');
    expect(plan.reps.map((r) => [r.id, r.tier])).toEqual([
      ['rB', 'B'],
      ['rC', 'C'],
      ['rC2', 'C'],
      ['rD', 'C'],
      ['rN', 'D'],
    ]);
    expect(plan.reps.find((r) => r.id === 'rD')?.home).toEqual([116.41, 39.89]);
    // The reps file's bad row is quarantined under its own name; o1's lock to the removed rA is
    // dropped as for any unknown rep, because the edits apply before outlets are read.
    expect(plan.quarantine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'reps-more.csv', id: 'rX', field: 'tier' }),
        expect.objectContaining({ file: 'outlets.csv', id: 'o1', field: 'locked_rep', value: 'rA' }),
      ]),
    );
    const manifest = await readJson<Manifest>(
      join(scenario.outDir, 'versions', scenario.version, 'manifest.json'),
    );
    expect(manifest).toMatchObject({ status: 'scenario', mode: 'fresh', basedOn: base });
    expect(
      await Promise.all(['outlets.csv', 'reps.csv', 'policy.json'].map((f) => sha(join(region, f)))),
    ).toEqual(before);
    expect(await currentVersion(out)).toBe(base);
  }, 120_000);

  it('--apply-staffing on a region that needs no change says so and plans with its reps', async () => {
    const result = await run('staffing', '--apply-staffing');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `scenario staffing: rebuild; --apply-staffing (no change needed)\nstaffing: the current plan ${base} needs no staffing change (every pool fits its working time); planned with the region's reps\npublished scenario ${out}/scenarios/staffing/versions/`,
    );
    expect(result.stdout).toMatch(
      /\nref: scenario:staffing\/\S+\npromote: territory promote --region \S+ --scenario staffing\/\S+ --out /,
    );
  }, 120_000);

  it('fails clearly, with the usage exit code for bad arguments, and writes nothing', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['--remove-rep', 'rZ'],
        1,
        /^error: --remove-rep rZ: \S+reps\.csv has no rep rZ \(reps: rA, rB, rC, rD\)\n$/,
      ],
      [
        ['--add-rep', 'rA,B,116.4,39.9'],
        1,
        /^error: --add-rep rA,B,116\.4,39\.9: \S+ already has a rep rA; use another id/,
      ],
      [
        ['--add-rep', 'n1,B,116.4,39.9', '--add-rep', 'n1,C,116.4,39.9'],
        1,
        /^error: --add-rep n1,C,116\.4,39\.9: rep n1 is added twice\n$/,
      ],
      [['--change-rep', 'rZ,A'], 1, /^error: --change-rep rZ,A: \S+ has no rep rZ/],
      [
        ['--set', 'visits.small.frequncy=every-4-weeks'],
        1,
        /^error: --set visits\.small\.frequncy=every-4-weeks: unknown policy key visits\.small\.frequncy \(visits\.small has frequency, /,
      ],
      [
        ['--set', 'visits.small.frequency=every-4-week'],
        1,
        /^error: --set visits\.small\.frequency=every-4-week: invalid policy: visits\.small\.frequency = "every-4-week": Invalid option: expected one of/,
      ],
      [['--reps-file', join(work, 'missing.csv')], 1, /^error: \S+missing\.csv: file not found\n$/],
      [['--set', 'nokey'], 2, /argument 'nokey' is invalid\. "nokey" is not key=value/],
      [['--add-rep', 'n1,E,116.4,39.9'], 2, /"n1,E,116\.4,39\.9": tier "E": tier must be one of A, B, C, D/],
      [['--add-rep', 'n1,B,116.4'], 2, /expected id,tier,lon,lat/],
      [['--fresh', '--resegment'], 2, /^error: --resegment and --fresh cannot be combined\n$/],
      [
        ['--apply-staffing', '--remove-rep', 'rA'],
        2,
        /^error: --apply-staffing cannot be combined with --reps-file, --add-rep/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await run('broken', ...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout, args.join(' ')).toBe('');
    }
    const badName = await territory(['scenario', '--region', region, '--out', out, '--name', '../x']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/^error: --name "\.\.\/x": a scenario name is 1-64 of a-z, 0-9 and -/);
    await expect(stat(join(out, 'scenarios', 'broken'))).rejects.toThrow(/ENOENT/);

    const asJson = await run('broken', '--remove-rep', 'rZ', '--json');
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'scenario', exitCode: 1 } });
    const policyJson = await run('broken', '--set', 'cycle.weeks=3', '--json');
    const policyError = (JSON.parse(policyJson.stdout) as { error: { code: string; message: string } }).error;
    expect(policyError.code).toBe('policy');
    expect(policyError.message).toMatch(
      /^--set cycle\.weeks=3: invalid policy: visits\.\S+ = \S+ does not fit cycle\.weeks = 3/,
    );
    const noCurrent = await territory([
      'scenario',
      '--region',
      region,
      '--out',
      join(work, 'never-planned'),
      '--name',
      'staffing',
      '--apply-staffing',
      '--quiet',
    ]);
    expect(noCurrent.code).toBe(1);
    expect(noCurrent.stderr).toMatch(
      /^error: --apply-staffing: \S+never-planned has no current plan to take the staffing recommendation from/,
    );
    const unknown = await territory(['promote', '--region', region, '--out', out, '--scenario', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^error: "scenario:nope": scenario nope has no published version \(scenarios: [a-z, -]+\)\n$/,
    );
  }, 300_000);

  it('approve refuses a promoted candidate once current moved on; --rebase says the scenario changes are gone', async () => {
    const planned = await run('slower', '--set', 'travel.speedKmh=20', '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const promoted = await territory([
      'promote',
      '--region',
      region,
      '--out',
      out,
      '--scenario',
      'slower',
      '--json',
    ]);
    expect(promoted.code, promoted.stderr).toBe(0);
    const candidate = (JSON.parse(promoted.stdout) as { version: string }).version;
    const moved = await territory([
      'plan',
      '--region',
      region,
      '--out',
      out,
      '--quiet',
      '--force',
      '--publish',
    ]);
    expect(moved.code, moved.stderr).toBe(0);
    const now = await currentVersion(out);

    const refused = await territory(['approve', '--region', region, '--out', out, '--version', candidate]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: approve: candidate ${candidate} was planned on ${base}, but ${now ?? ''} is current now; re-plan it on today's inputs with --rebase, or reject it\n`,
    );
    expect(await currentVersion(out)).toBe(now);
    const rebased = await territory([
      'approve',
      '--region',
      region,
      '--out',
      out,
      '--version',
      candidate,
      '--rebase',
      '--input',
      region,
    ]);
    expect(rebased.code, rebased.stderr).toBe(0);
    expect(rebased.stdout).toMatch(
      new RegExp(
        `note: candidate ${candidate} came from scenario slower; --rebase re-planned it from the region's own inputs, so its changes \\(--set travel\\.speedKmh=20\\) are not in \\S+\\n$`,
      ),
    );
  }, 180_000);
});
