import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPlan, type RunPlanOptions } from '../../src/app/runPlan.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';

/**
 * Issue 15 item 3: an unchanged rebuild is skipped from the file hashes and the current version's
 * manifest, before any row of the region is parsed and without reading the previous plan.
 */
let root: string;
let regionDir: string;
let outDir: string;
let loads = 0;

const countingLoader: typeof loadRegion = (dir, options) => {
  loads++;
  return loadRegion(dir, options);
};

function rebuild(extra: Partial<RunPlanOptions> = {}) {
  return runPlan({
    regionDir,
    outDir,
    mode: 'rebuild',
    now: new Date('2026-12-07T00:00:00Z'),
    regionLoader: countingLoader,
    ...extra,
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tw-skip-hashes-'));
  regionDir = join(root, 'skip-region');
  outDir = join(root, 'out');
  mkdirSync(regionDir, { recursive: true });
  const region = generateRegion({ outlets: 60, reps: 5, seed: 9, name: 'skip-region' });
  writeFileSync(join(regionDir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(regionDir, 'reps.csv'), renderRepsCsv(region.reps));
  expect((await rebuild()).status).toBe('published');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('skip of an unchanged rebuild', () => {
  test('parses no row and does not read the previous plan', async () => {
    const first = await rebuild({ now: new Date('2026-12-07T01:00:00Z') });
    loads = 0;
    // A plan.json nobody can parse: reading the previous plan would fail the run.
    const planPath = join(outDir, 'versions', first.version ?? 'none', 'plan.json');
    const planBytes = readFileSync(planPath);
    writeFileSync(planPath, 'not json');
    const skipped = await rebuild().finally(() => writeFileSync(planPath, planBytes));
    expect(skipped.status).toBe('skipped');
    expect(skipped.version).toBe(first.version);
    expect(skipped.region).toBe('skip-region');
    expect(skipped.inputHash).toBe(first.inputHash);
    expect(loads).toBe(0);
  });

  test('changed inputs are loaded and planned', async () => {
    loads = 0;
    writeFileSync(join(regionDir, 'policy.json'), JSON.stringify({ day: { budgetMinutes: 470 } }));
    const changed = await rebuild({ now: new Date('2026-12-07T02:00:00Z'), publish: true });
    expect(changed.status).toBe('published');
    expect(loads).toBe(1);
  });
});
