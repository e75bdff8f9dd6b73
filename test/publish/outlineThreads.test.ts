import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { threadedTerritoriesGeoJson } from '../../src/app/outlineThreads.js';
import { runPlan } from '../../src/app/runPlan.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { renderFeatureCollection } from '../../src/io/artifacts/geoJson.js';
import { buildTerritoriesGeoJson } from '../../src/io/artifacts/renderTerritoriesGeoJson.js';
import type * as WorkerThreads from 'node:worker_threads';

// Counts the worker threads the code under test starts (it imports node:worker_threads itself).
const started = vi.hoisted(() => ({ workers: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof WorkerThreads>();
  class CountingWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      started.workers++;
    }
  }
  return { ...actual, Worker: CountingWorker };
});

let root: string;
let regionDir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tw-outline-threads-'));
  regionDir = join(root, 'region');
  mkdirSync(regionDir);
  const generated = generateRegion({ outlets: 700, reps: 12, seed: 9, name: 'outlines' });
  writeFileSync(join(regionDir, 'outlets.csv'), renderOutletsCsv(generated.outlets));
  writeFileSync(join(regionDir, 'reps.csv'), renderRepsCsv(generated.reps));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function plan(outDir: string, threads: number) {
  return runPlan({
    regionDir,
    outDir,
    mode: 'rebuild',
    force: true,
    publish: true,
    now: new Date(Date.UTC(2026, 11, 8, 1)),
    threads,
  });
}

describe('territory outlines on worker threads', () => {
  test('give buildTerritoriesGeoJson exactly, one thread per pool, none with one thread', async () => {
    const one = await plan(join(root, 'one'), 1);
    const published = JSON.parse(readFileSync(one.planPath ?? '', 'utf8')) as Plan;
    expect(published.pools.length).toBeGreaterThan(2);
    const expected = renderFeatureCollection(buildTerritoriesGeoJson(published));
    started.workers = 0;
    expect(renderFeatureCollection(await threadedTerritoriesGeoJson(published, 1))).toBe(expected);
    expect(started.workers).toBe(0);
    expect(renderFeatureCollection(await threadedTerritoriesGeoJson(published, 2))).toBe(expected);
    expect(started.workers).toBe(2);
    expect(renderFeatureCollection(await threadedTerritoriesGeoJson(published, 8))).toBe(expected);
  });

  test('runPlan publishes the same territories.geojson with 1 and 2 threads', async () => {
    const one = await plan(join(root, 'a'), 1);
    const two = await plan(join(root, 'b'), 2);
    const territoriesOf = (planPath: string | null | undefined) =>
      readFileSync(join(planPath ?? '', '..', 'territories.geojson'), 'utf8');
    expect(territoriesOf(two.planPath)).toBe(territoriesOf(one.planPath));
  });

  test('a failing thread rejects naming the pool, and every thread ends', async () => {
    const one = await plan(join(root, 'c'), 1);
    const published = JSON.parse(readFileSync(one.planPath ?? '', 'utf8')) as Plan;
    const before = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const broken = join(root, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no partition here');\n");
    await expect(threadedTerritoriesGeoJson(published, 2, broken)).rejects.toThrow(
      /territory outlines worker thread failed on pool \S+: no partition here/,
    );
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length).toBe(before);
  });
});
