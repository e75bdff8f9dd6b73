import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { SCHEMAS } from '../../src/io/artifacts/schemas.js';
import { repoRoot, territory, type CliResult } from './runCli.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * The tiny fixture region with one outlet's business type spelled "Convenience Store" (as a
 * spreadsheet export might) instead of the policy's convenience_store: it must be reported by
 * validate, plan (text and --json), plan.json, summary.json and map.html, never silently planned
 * in the default tier.
 */
const expectedWarning =
  '1 outlet of 1 business type matched no segmentation rule and took a default tier: ' +
  '"convenience store" 1 -> small (no rule names this type; did you mean convenience_store?)';
const expectedEntry = {
  businessType: 'convenience store',
  outlets: 1,
  tier: 'small',
  namedBy: [],
  didYouMean: 'convenience_store',
};

let work: string;
let region: string;
let planRun: CliResult;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'territory-unmatched-'));
  region = join(work, 'region');
  await cp(join(repoRoot, 'test/fixtures/regions/tiny'), region, { recursive: true });
  const csv = await readFile(join(region, 'outlets.csv'), 'utf8');
  await writeFile(join(region, 'outlets.csv'), csv.replace(',convenience_store,', ',Convenience Store,'));
  planRun = await territory(['plan', '--region', region, '--out', join(work, 'out'), '--publish', '--quiet']);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('business types no rule matched', () => {
  it('validate prints the warning and the per-type table', async () => {
    const result = await territory(['validate', '--region', region]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`warning: ${expectedWarning}`);
    expect(result.stdout).toMatch(
      /convenience store\s+1\s+Small \(basic\)\s+no rule names it \(did you mean convenience_store\?\)/,
    );
  });

  it('validate --json lists the type', async () => {
    const result = await territory(['validate', '--region', region, '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { unmatchedTypes: unknown }).unmatchedTypes).toEqual([
      expectedEntry,
    ]);
  });

  it('validate of the unchanged fixture reports none', async () => {
    const result = await territory([
      'validate',
      '--region',
      join(repoRoot, 'test/fixtures/regions/tiny'),
      '--json',
    ]);
    expect((JSON.parse(result.stdout) as { unmatchedTypes: unknown }).unmatchedTypes).toEqual([]);
    const text = await territory(['validate', '--region', join(repoRoot, 'test/fixtures/regions/tiny')]);
    expect(text.stdout).not.toContain('matched no segmentation rule');
  });

  it('plan prints the warning and the table, and plan.json carries both', async () => {
    expect(planRun.code, planRun.stderr).toBe(0);
    expect(planRun.stdout).toContain('Business types no segmentation rule matched:');
    expect(planRun.stdout).toContain(`warning: ${expectedWarning}`);
    const plan = JSON.parse(await readFile(join(work, 'out/current/plan.json'), 'utf8')) as Plan;
    expect(plan.segmentation.unmatchedTypes).toEqual([expectedEntry]);
    expect(plan.warnings).toContain(expectedWarning);
    expect(plan.outlets.find((o) => o.id === 'o3')).toMatchObject({ tier: 'small', rule: 'default' });
  });

  it('summary.json and map.html carry it, and the files pass their schemas', async () => {
    const summary = JSON.parse(await readFile(join(work, 'out/current/summary.json'), 'utf8')) as unknown;
    expect((summary as { segmentation: unknown }).segmentation).toEqual({ unmatchedTypes: [expectedEntry] });
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
    const validSummary = ajv.compile(SCHEMAS['summary.json']);
    expect(validSummary(summary), JSON.stringify(validSummary.errors)).toBe(true);
    const plan = JSON.parse(await readFile(join(work, 'out/current/plan.json'), 'utf8')) as unknown;
    const validPlan = ajv.compile(SCHEMAS['plan.json']);
    expect(validPlan(plan), JSON.stringify(validPlan.errors)).toBe(true);
    const map = await readFile(join(work, 'out/current/map.html'), 'utf8');
    expect(map).toContain('matched no segmentation rule and took a default tier');
    expect(map).toContain('did you mean convenience_store?');
  });

  it('plan --json returns the types in its summary (the plan digest)', async () => {
    const result = await territory([
      'plan',
      '--region',
      region,
      '--out',
      join(work, 'json-out'),
      '--publish',
      '--quiet',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as { summary?: { unmatchedTypes: unknown } };
    expect(body.summary?.unmatchedTypes).toEqual([expectedEntry]);
  });
});
