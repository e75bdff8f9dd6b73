import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import compareSchema from '../../schemas/compare.schema.json' with { type: 'json' };
import { runPlan } from '../../src/app/runPlan.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import type { CompareFile } from '../../src/io/compare/compareFile.js';
import { currentVersion, readCurrentPlan } from '../../src/io/publish/publishVersion.js';
import { ADDED_REP, publishSampleScenarios, SAMPLE_REGION } from '../fixtures/plans/sampleScenarios.js';
import { territory } from './runCli.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

let work: string;
let out: string;
let current: string;
let baseline: Plan;
let scenarios: { addRep: string; weeklySmall: string };
const REFS = ['current', 'scenario:add-rep', 'scenario:weekly-small'];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compare-cli-'));
  out = join(work, 'kuiwen-sample');
  await runPlan({
    regionDir: SAMPLE_REGION,
    outDir: out,
    mode: 'rebuild',
    now: new Date('2026-12-06T08:00:00Z'),
  });
  current = (await currentVersion(out)) ?? '';
  baseline = (await readCurrentPlan(out)) as Plan;
  scenarios = await publishSampleScenarios(out);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const compare = (args: string[]) =>
  territory(['compare', '--region', 'kuiwen-sample', '--out', out, ...args]);

describe('territory compare on the sample region', () => {
  it('sets current, an added rep and weekly small outlets side by side, and writes both files', async () => {
    const result = await compare(REFS);
    expect(result.code, result.stderr).toBe(0);
    const dir = join(out, 'compare', 'current--scenario-add-rep--scenario-weekly-small');
    expect(result.stdout).toContain(
      `wrote ${join(dir, 'compare.json')}\nwrote ${join(dir, 'compare.html')}\n`,
    );
    // One column per plan, one row per figure, readable at 120 columns.
    const lines = result.stdout.split('\n');
    expect(
      Math.max(...lines.filter((l) => !l.startsWith('wrote') && !l.startsWith('  ')).map((l) => l.length)),
    ).toBeLessThanOrEqual(120);
    expect(lines.find((l) => l.startsWith('figure'))).toMatch(
      /^figure\s+current\s+scenario:add-rep\s+scenario:weekly-small$/,
    );
    expect(lines.find((l) => l.includes('pool C reps / for load'))).toMatch(
      /\s6 \/ \d+\s+7 \/ \d+\s+6 \/ \d+$/,
    );
    expect(lines.find((l) => l.includes('  reps  '))).toMatch(/\s12\s+13 \(\+1\)\s+12$/);

    const file = JSON.parse(await readFile(join(dir, 'compare.json'), 'utf8')) as CompareFile;
    const [base, addRep, weekly] = file.plans;
    if (!base || !addRep || !weekly) throw new Error('three plans expected');
    expect(file.slug).toBe('current--scenario-add-rep--scenario-weekly-small');
    expect(file.pools).toEqual(['A', 'B', 'C', 'D']);
    expect([base.ref, base.kind, base.scenario, base.version, base.status]).toEqual([
      'current',
      'version',
      null,
      current,
      'current',
    ]);
    expect([addRep.kind, addRep.scenario, addRep.version]).toEqual(['scenario', 'add-rep', scenarios.addRep]);
    expect([weekly.kind, weekly.scenario, weekly.version]).toEqual([
      'scenario',
      'weekly-small',
      scenarios.weeklySmall,
    ]);

    // The added rep: one more rep in pool C, nowhere else; it takes outlets from other C reps.
    const pool = (p: typeof base, id: string) => p.figures.pools.find((x) => x.poolId === id);
    expect(pool(addRep, 'C')?.reps).toBe((pool(base, 'C')?.reps ?? 0) + 1);
    for (const id of ['A', 'B', 'D']) expect(pool(addRep, id)?.reps).toBe(pool(base, id)?.reps);
    expect(addRep.figures.reps).toBe(base.figures.reps + 1);
    expect(pool(addRep, 'C')?.utilisation).toBeLessThan(pool(base, 'C')?.utilisation ?? 0);
    const addDiff = addRep.againstBaseline;
    expect(addDiff?.repChanged).toBeGreaterThan(0);
    expect(addDiff?.outlets.filter((o) => o.toRep === ADDED_REP).length).toBeGreaterThan(0);
    expect(addDiff?.outlets.every((o) => o.fromRep !== ADDED_REP)).toBe(true);
    expect(addDiff?.commonOutlets).toBe(baseline.outlets.length);

    // Weekly small outlets: two more visits each per 4-week cycle; the same staff and territories.
    const small = baseline.outlets.filter((o) => o.tier === 'small' && !o.visitFrequency).length;
    expect(small).toBeGreaterThan(100);
    expect(weekly.figures.visits - base.figures.visits).toBe(2 * small);
    expect(weekly.figures.visitsByTier.small).toBe(base.figures.visitsByTier.small + 2 * small);
    expect(weekly.figures.visitShareByTier.small).toBeGreaterThan(base.figures.visitShareByTier.small);
    expect(pool(weekly, 'D')?.plannedMinutes).toBeGreaterThan(pool(base, 'D')?.plannedMinutes ?? Infinity);
    expect(weekly.figures.reps).toBe(base.figures.reps);
    expect(weekly.againstBaseline?.weekdayChanged).toBeGreaterThan(0);
    expect(weekly.againstBaseline?.onlyInPlan).toEqual([]);
    expect(weekly.againstBaseline?.onlyInBaseline).toEqual([]);
    expect(base.againstBaseline).toBeNull();

    const html = await readFile(join(dir, 'compare.html'), 'utf8');
    expect(html).toContain('<script type="application/json" id="compare-data">');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  }, 120_000);

  it('writes a compare.json that its schema accepts (formats checked) and rejects a broken one', async () => {
    const dir = join(work, 'schema-check');
    const result = await compare([...REFS.slice(0, 2), '--to', dir]);
    expect(result.code, result.stderr).toBe(0);
    const file = JSON.parse(await readFile(join(dir, 'compare.json'), 'utf8')) as CompareFile;
    const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(compareSchema);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(file);
    (broken.plans[1] as { againstBaseline: unknown }).againstBaseline = { changed: -1 };
    expect(validate(broken)).toBe(false);
    expect(validate({ ...file, plans: file.plans.slice(0, 1) })).toBe(false);
  });

  it('--json prints compare.json with where it was written; --to chooses the folder', async () => {
    const dir = join(work, 'chosen');
    const result = await compare([...REFS.slice(0, 2), '--to', dir, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as CompareFile & {
      outDir: string;
      files: { json: string; html: string };
    };
    expect(printed.outDir).toBe(dir);
    expect(printed.files).toEqual({ json: join(dir, 'compare.json'), html: join(dir, 'compare.html') });
    const written = JSON.parse(await readFile(printed.files.json, 'utf8')) as CompareFile;
    expect(written.plans.map((p) => p.version)).toEqual([current, scenarios.addRep]);
    expect(printed.plans).toEqual(written.plans);
    expect(existsSync(printed.files.html)).toBe(true);
  });

  it('refuses an unknown reference with one error line, and writes nothing', async () => {
    const dir = join(work, 'never');
    const unknown = await compare(['current', 'scenario:nope', '--to', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'error: "scenario:nope": scenario nope has no published version (scenarios: add-rep, weekly-small)\n',
    );
    const typo = await compare(['current', 'yesterday', '--to', dir, '--json']);
    expect(typo.code).toBe(1);
    expect(JSON.parse(typo.stdout)).toEqual({
      error: {
        message:
          '"yesterday" is not a plan reference: use current, a version name, scenario:NAME or scenario:NAME/VERSION',
        code: 'plan-ref',
        exitCode: 1,
      },
    });
    expect(existsSync(dir)).toBe(false);
  });

  it('needs two references and an existing region output folder', async () => {
    const one = await compare(['current']);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe(
      'error: compare needs at least two plan references (e.g. current scenario:add-rep), got 1\n',
    );
    const none = await compare([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing required argument 'refs'");
    const missing = await territory(['compare', '--region', 'typo', 'current', 'current'], {
      env: { OUT_DIR: work },
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: ${join(work, 'typo')} (from --region typo and OUT_DIR ${work}) does not exist: no plans to compare; check --region, --out or OUT_DIR\n`,
    );
  });
});
