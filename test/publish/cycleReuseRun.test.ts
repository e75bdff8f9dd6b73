import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPlan, type RunPlanOptions } from '../../src/app/runPlan.js';
import { churnOutlets } from '../../src/domain/generate/churnOutlets.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';

/**
 * Issue 15 item 3 through runPlan: the cycle records travel beside the versions (.cycles/), a
 * churn rebuild reuses the untouched reps and publishes the very plan.json a rebuild that plans
 * every cycle again publishes.
 */
let root: string;
let regionDir: string;
const generated = generateRegion({ outlets: 300, reps: 8, seed: 21, name: 'reuse-run' });

function rebuild(outDir: string, hour: number, extra: Partial<RunPlanOptions> = {}) {
  return runPlan({
    regionDir,
    outDir,
    mode: 'rebuild',
    force: true,
    publish: true,
    now: new Date(Date.UTC(2026, 11, 7, hour)),
    ...extra,
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tw-reuse-run-'));
  regionDir = join(root, 'reuse-run');
  mkdirSync(regionDir, { recursive: true });
  writeFileSync(join(regionDir, 'outlets.csv'), renderOutletsCsv(generated.outlets));
  writeFileSync(join(regionDir, 'reps.csv'), renderRepsCsv(generated.reps));
  // Exact reuse only: incremental cycles may differ a little from a full replan.
  writeFileSync(join(regionDir, 'policy.json'), JSON.stringify({ cycle: { incrementalMaxChangeShare: 0 } }));
  const outDir = join(root, 'out-a');
  await rebuild(outDir, 0);
  await rebuild(outDir, 1);
  expect((await rebuild(outDir, 2)).cycles?.reused).toBeGreaterThan(0);
  cpSync(outDir, join(root, 'out-b'), { recursive: true });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cycle reuse in runPlan', () => {
  test('a churn rebuild with reuse publishes the plan.json of a full replan', async () => {
    writeFileSync(join(regionDir, 'outlets.csv'), renderOutletsCsv(churnOutlets(generated.outlets, 0.02, 4)));
    const reused = await rebuild(join(root, 'out-a'), 3);
    const replanned = await rebuild(join(root, 'out-b'), 3, { reuseCycles: false });
    expect(reused.cycles?.reused).toBeGreaterThan(0);
    expect(replanned.cycles?.reused).toBe(0);
    expect(reused.cycles?.incremental).toBe(0);
    expect(reused.version).toBe(replanned.version);
    expect(readFileSync(reused.planPath ?? '', 'utf8')).toBe(readFileSync(replanned.planPath ?? '', 'utf8'));
  });

  test('with incremental cycles on, a churn rebuild reports the reps it planned incrementally; --replan-all none', async () => {
    rmSync(join(regionDir, 'policy.json'));
    writeFileSync(join(regionDir, 'outlets.csv'), renderOutletsCsv(churnOutlets(generated.outlets, 0.02, 5)));
    cpSync(join(root, 'out-a'), join(root, 'out-c'), { recursive: true });
    const incremental = await rebuild(join(root, 'out-a'), 4);
    const replanned = await rebuild(join(root, 'out-c'), 4, { reuseCycles: false });
    expect(incremental.cycles?.incremental).toBeGreaterThan(0);
    expect(replanned.cycles).toMatchObject({ reused: 0, incremental: 0 });
  });
});
