import { createHash } from 'node:crypto';
import { cp, lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunScenarioResult } from '../../src/app/runScenario.js';
import { haversineKm } from '../../src/domain/geo/distance.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import type { ScenarioInfo } from '../../src/io/publish/listScenarioVersions.js';
import type { Manifest } from '../../src/io/publish/manifest.js';
import { resolvePlanRef } from '../../src/io/publish/planRefs.js';
import { readAudit } from '../../src/io/publish/auditLog.js';
import { currentVersion, listVersions, verifyVersion } from '../../src/io/publish/publishVersion.js';
import { repoRoot, territory } from './runCli.js';

const sample = join(repoRoot, 'data/regions/kuiwen-sample');
let work: string;
let region: string;
let out: string;
let base: string;
let inputs: Record<string, string>;

/** sha256 of every file of a folder, by name: the region's inputs must stay byte-identical. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    files[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  return files;
}

async function json<T>(args: string[]): Promise<T> {
  const result = await territory([...args, '--json']);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

type ScenarioJson = Omit<RunScenarioResult, 'plan'> & { seconds: number };
const scenario = (name: string, ...args: string[]) =>
  json<ScenarioJson>(['scenario', '--region', region, '--out', out, '--name', name, '--quiet', ...args]);
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scenario-cli-'));
  region = join(work, 'kuiwen-sample');
  out = join(work, 'out');
  await cp(sample, region, { recursive: true });
  base = (await json<{ version: string }>(['plan', '--region', region, '--out', out, '--quiet'])).version;
  inputs = await fingerprint(region);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('territory scenario on the sample region', () => {
  it('--add-rep plans a what-if under scenarios/<name>/, gated, with its spec; inputs and current untouched', async () => {
    const result = await scenario(
      'add-b',
      '--add-rep',
      'R13,B,119.12,36.71',
      '--by',
      'li.wei',
      '--note',
      'a 2nd B',
    );
    const dir = join(out, 'scenarios', 'add-b');
    expect(result).toMatchObject({ status: 'scenario', scenario: 'add-b', basedOn: base, outDir: dir });
    expect(result.ref).toBe(`scenario:add-b/${result.version}`);
    expect(await currentVersion(out)).toBe(base);
    expect(await fingerprint(region)).toEqual(inputs);
    await expect(lstat(join(dir, 'current'))).rejects.toThrow(/ENOENT/);
    expect(await verifyVersion(dir, result.version)).toEqual([]);
    expect((await resolvePlanRef(out, 'scenario:add-b')).version).toBe(result.version);

    const versionDir = join(dir, 'versions', result.version);
    const manifest = await readJson<Manifest>(join(versionDir, 'manifest.json'));
    expect(manifest).toMatchObject({ status: 'scenario', basedOn: base, mode: 'rebuild' });
    expect(manifest.scenario).toMatchObject({
      name: 'add-b',
      repEdits: { remove: [], change: [], add: [{ id: 'R13', tier: 'B', home: [119.12, 36.71] }] },
      staffing: null,
      by: 'li.wei',
      note: 'a 2nd B',
    });
    // Same files as a normal version (one more rep sheet), and R13 shares pool B with R02.
    const baseManifest = await readJson<Manifest>(join(out, 'versions', base, 'manifest.json'));
    expect(manifest.files.map((f) => f.path)).toEqual(
      [...baseManifest.files.map((f) => f.path), 'reps/R13.csv'].sort(),
    );
    // Other inputs, another input hash (so a later rebuild of the region is never "unchanged").
    expect(manifest.inputHash).not.toBe(baseManifest.inputHash);
    const plan = await readJson<Plan>(join(versionDir, 'plan.json'));
    expect(plan.pools.find((p) => p.id === 'B')?.repIds).toEqual(['R02', 'R13']);
    expect(plan.staffingChanges?.map((c) => [c.event, c.repId])).toEqual([['rep-added', 'R13']]);
    // Its map marks the changes against the version it was planned on (the region's current).
    expect(await readFile(join(versionDir, 'map.html'), 'utf8')).toContain(base);
    expect(await readAudit(dir)).toMatchObject([
      { action: 'scenario', version: result.version, from: base, to: base, by: 'li.wei', note: 'a 2nd B' },
    ]);
  }, 120_000);

  it('a frequency change (--set) plans every small outlet every 4 weeks; the same name again adds a version', async () => {
    const first = await scenario('small-4w', '--set', 'visits.small.frequency=every-4-weeks');
    const plan = await readJson<Plan>(first.planPath);
    const small = plan.outlets.filter((o) => o.tier === 'small');
    expect(small.length).toBeGreaterThan(400);
    expect(small.every((o) => o.pattern?.everyWeeks === 4 && o.visits?.length === 1)).toBe(true);
    // Outlets whose weekday changed with the frequency say why.
    const smallIds = new Set(small.map((o) => o.id));
    const changed = plan.dayChanges.filter((c) => smallIds.has(c.outletId));
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed.map((c) => c.reason))).toEqual(new Set(['frequency-changed']));
    expect(first.spec.set).toEqual([{ key: 'visits.small.frequency', value: 'every-4-weeks' }]);

    const second = await scenario('small-4w', '--set', 'visits.small.frequency=every-4-weeks', '--seed', '2');
    expect(second.version).not.toBe(first.version);
    const listed = await json<{ scenarios: ScenarioInfo[] }>(['scenarios', '--region', region, '--out', out]);
    const versions = listed.scenarios.find((s) => s.name === 'small-4w')?.versions ?? [];
    expect(versions.map((v) => [v.version, v.basedOn, v.description])).toEqual([
      [second.version, base, 'rebuild; --set visits.small.frequency=every-4-weeks'],
      [first.version, base, 'rebuild; --set visits.small.frequency=every-4-weeks'],
    ]);
    expect(versions[0]?.spec?.seed).toBe(2);
    expect(await currentVersion(out)).toBe(base);
    expect(await fingerprint(region)).toEqual(inputs);
    const table = await territory(['scenarios', '--region', region, '--out', out]);
    expect(table.stdout).toMatch(
      /small-4w\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d \S+ \(GMT[^)]*\)\s+\S+\s+rebuild; --set visits\.small\.frequency=every-4-weeks/,
    );
  }, 120_000);

  it('promote makes a scenario version a candidate that approve makes current, with the warning', async () => {
    const listed = await json<{ scenarios: ScenarioInfo[] }>(['scenarios', '--region', region, '--out', out]);
    const addB = listed.scenarios.find((s) => s.name === 'add-b')!.versions[0]!;
    const promoted = await territory([
      'promote',
      '--region',
      region,
      '--out',
      out,
      '--scenario',
      'add-b',
      '--by',
      'li.wei',
    ]);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain(`promoted scenario:add-b/${addB.version} to candidate`);
    expect(promoted.stdout).toMatch(
      /note: .*\(--add-rep R13,B,119\.12,36\.71\); once it is current, the next rebuild/,
    );
    const candidate =
      /approve: territory approve --region \S+ --version (\S+)/.exec(promoted.stdout)?.[1] ?? '';
    expect(await currentVersion(out)).toBe(base);
    expect((await listVersions(out)).map((v) => [v.version, v.status])).toEqual([
      [candidate, 'candidate'],
      [base, 'current'],
    ]);
    // The files are the scenario's, byte for byte; the manifest says where they came from.
    const copy = await readJson<Manifest>(join(out, 'versions', candidate, 'manifest.json'));
    expect(copy).toMatchObject({
      status: 'candidate',
      basedOn: base,
      promotedFrom: { scenario: 'add-b', version: addB.version },
      scenario: { name: 'add-b' },
    });
    const original = await readJson<Manifest>(
      join(out, 'scenarios/add-b/versions', addB.version, 'manifest.json'),
    );
    expect(copy.files).toEqual(original.files);
    expect(await verifyVersion(out, candidate)).toEqual([]);
    expect((await readAudit(out)).at(-1)).toMatchObject({
      action: 'promote',
      version: candidate,
      by: 'li.wei',
    });
    const again = await territory([
      'promote',
      '--region',
      region,
      '--out',
      out,
      '--scenario',
      `add-b/${addB.version}`,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `error: promote: scenario:add-b/${addB.version} was already promoted as ${candidate} (candidate)\n`,
    );

    const approved = await json<{ to: string; notice: string }>([
      'approve',
      '--region',
      region,
      '--out',
      out,
      '--version',
      candidate,
    ]);
    expect(approved.to).toBe(candidate);
    expect(approved.notice).toMatch(/undoes them, unless you change those files to match$/);
    expect(await currentVersion(out)).toBe(candidate);

    // The next rebuild plans from the region's own reps: R13 leaves again (and waits for review).
    const rebuild = await json<{ status: string; version: string }>([
      'plan',
      '--region',
      region,
      '--out',
      out,
      '--quiet',
    ]);
    expect(rebuild.status).toBe('candidate');
    const replanned = await readJson<Plan>(join(out, 'versions', rebuild.version, 'plan.json'));
    expect(replanned.staffingChanges?.map((c) => [c.event, c.repId])).toEqual([['rep-removed', 'R13']]);

    // small-4w was planned on the old current: promoting it now is refused.
    const stale = await territory(['promote', '--region', region, '--out', out, '--scenario', 'small-4w']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      new RegExp(
        `was planned on ${base}, but ${candidate} is current now, so approving it would be refused; plan the scenario again`,
      ),
    );
    expect(await fingerprint(region)).toEqual(inputs);
  }, 180_000);
});

describe('territory scenario --apply-staffing', () => {
  it('applies the recommendation of an overloaded region: the nearest reps move, a hire is homed in the territory', async () => {
    const heavy = join(work, 'heavy');
    const heavyOut = join(work, 'heavy-out');
    await cp(sample, heavy, { recursive: true });
    // Longer visits overload A (large) and B (night venues); C and D have reps to spare.
    await writeFile(
      join(heavy, 'policy.json'),
      '{"visits":{"large":{"serviceMinutes":45},"night-venue":{"serviceMinutes":40}}}\n',
    );
    const current = (
      await json<{ version: string }>(['plan', '--region', heavy, '--out', heavyOut, '--quiet'])
    ).version;
    const before = await readJson<Plan>(join(heavyOut, 'versions', current, 'plan.json'));
    const heavyInputs = await fingerprint(heavy);
    expect(before.warnings).toContain(
      "staffing: move 2 reps from D to A; move 1 rep from C to B; add 1 B rep would bring every pool under 100% of its working time (estimate from each pool's reps for load)",
    );

    const result = await json<ScenarioJson>([
      'scenario',
      '--region',
      heavy,
      '--out',
      heavyOut,
      '--name',
      'staffing',
      '--apply-staffing',
      '--quiet',
    ]);
    expect(result.staffing?.recommendation).toEqual([
      'move 2 reps from D to A',
      'move 1 rep from C to B',
      'add 1 B rep',
    ]);
    const edits = result.staffing?.edits ?? [];
    expect(edits.map((e) => [e.kind, e.toPool])).toEqual([
      ['move', 'A'],
      ['move', 'A'],
      ['move', 'B'],
      ['add', 'B'],
    ]);
    // Each moved rep is, of its pool's reps not moved yet, the nearest to the territory it is for.
    const repOf = new Map(before.reps.map((r) => [r.id, r]));
    const moved = new Set<string>();
    for (const edit of edits) {
      const centroid = repOf.get(edit.nearRep)!.territory!.centroid;
      if (edit.kind === 'add') {
        expect(edit.home).toEqual(centroid.map((x) => Math.round(x * 1e6) / 1e6));
        continue;
      }
      const km = (id: string) => haversineKm(...repOf.get(id)!.home, ...centroid);
      const others = before.reps.filter((r) => r.pool === edit.fromPool && !moved.has(r.id));
      expect(Math.min(...others.map((r) => km(r.id)))).toBe(km(edit.repId));
      moved.add(edit.repId);
    }
    expect(result.spec.repEdits.change.map((c) => c.tier)).toEqual(['A', 'A', 'B']);
    expect(result.spec.repEdits.add.map((a) => [a.id, a.tier])).toEqual([['NEW-B1', 'B']]);

    const after = await readJson<Plan>(result.planPath);
    const reps = (plan: Plan, pool: string) => plan.pools.find((p) => p.id === pool)!.repIds.length;
    expect(['A', 'B', 'C', 'D'].map((p) => reps(after, p))).toEqual([3, 3, 5, 2]);
    const summary = await readJson<{ pools: Array<{ id: string; utilisation: number }> }>(
      join(result.outDir, 'versions', result.version, 'summary.json'),
    );
    const utilisation = (id: string) => summary.pools.find((p) => p.id === id)!.utilisation;
    expect(utilisation('A')).toBeLessThan(1.05);
    expect(utilisation('B')).toBeLessThan(1);
    expect(await currentVersion(heavyOut)).toBe(current);
    expect(await fingerprint(heavy)).toEqual(heavyInputs);
  }, 180_000);
});
