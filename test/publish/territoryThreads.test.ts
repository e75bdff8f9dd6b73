import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runPlan, type RunPlanOptions } from '../../src/app/runPlan.js';
import { resolveTerritoryWorkerFile, threadedTerritoryRunner } from '../../src/app/territoryThreads.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { choosePoolTerritories } from '../../src/domain/pipeline/planPool.js';
import {
  planRegionWithCycleRunner,
  planRegionWithCycles,
  preparePlan,
  type PlanContext,
  type PoolTerritoryJob,
} from '../../src/domain/pipeline/planRegion.js';
import { poolTerritoryJob, runPoolTerritoryJob } from '../../src/domain/pipeline/poolTerritoryJob.js';
import { planRepCycleJob } from '../../src/domain/cycle/planRepCycles.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Policy } from '../../src/domain/policy/policySchema.js';
import type { RegionInput } from '../../src/domain/types.js';
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

const repoRoot = new URL('../..', import.meta.url).pathname;
const sample = join(repoRoot, 'data/regions/kuiwen-sample');

let root: string;
let pooledDir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tw-territory-threads-'));
  pooledDir = join(root, 'pooled');
  mkdirSync(pooledDir);
  const generated = generateRegion({ outlets: 700, reps: 12, seed: 8, name: 'pooled' });
  writeFileSync(join(pooledDir, 'outlets.csv'), renderOutletsCsv(generated.outlets));
  writeFileSync(join(pooledDir, 'reps.csv'), renderRepsCsv(generated.reps));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function plan(regionDir: string, outDir: string, threads: number, extra: Partial<RunPlanOptions> = {}) {
  return runPlan({
    regionDir,
    outDir,
    mode: 'rebuild',
    force: true,
    publish: true,
    seed: 3,
    now: new Date(Date.UTC(2026, 11, 8, 3)),
    threads,
    ...extra,
  });
}

const bytes = (path: string | null | undefined): string => readFileSync(path ?? '', 'utf8');

describe('territories stage on worker threads (runPlan threads)', () => {
  test.each([
    ['the sample region', () => sample],
    ['a generated region of several pools', () => pooledDir],
  ])('%s: first plan and rebuild give the same plan.json bytes with 1 and 2 threads', async (_, dir) => {
    const one = await plan(dir(), join(root, `${_}-1`), 1);
    const two = await plan(dir(), join(root, `${_}-2`), 2);
    const first = JSON.parse(bytes(one.planPath)) as { pools: unknown[] };
    expect(first.pools.length).toBeGreaterThan(1);
    expect(bytes(two.planPath)).toBe(bytes(one.planPath));
    // A rebuild on the previous plan (current/plan.json of each out dir), cycles not reused.
    const later = { now: new Date(Date.UTC(2026, 11, 9, 3)), reuseCycles: false };
    const again1 = await plan(dir(), join(root, `${_}-1`), 1, later);
    const again2 = await plan(dir(), join(root, `${_}-2`), 2, later);
    expect(bytes(again2.planPath)).toBe(bytes(again1.planPath));
  });
});

const generatedRegion = (): RegionInput => {
  const generated = generateRegion({ outlets: 420, reps: 11, seed: 4, name: 'starts' });
  return {
    name: 'starts',
    outlets: generated.outlets,
    reps: generated.reps,
    quarantine: [],
    policyOverrides: null,
    inputHash: 'test',
  };
};

describe('threadedTerritoryRunner', () => {
  test('from TypeScript sources the worker entry is the tsx shim', () => {
    expect(resolveTerritoryWorkerFile()).toBe(join(repoRoot, 'src/app/territoryWorkerTsx.js'));
  });

  test('results come back in job order, equal to the in-thread draws, largest pool sent first', async () => {
    const region = generatedRegion();
    const context: PlanContext = { region, policy: DEFAULT_POLICY, previous: null, mode: 'rebuild', seed: 2 };
    const prepared = preparePlan(context);
    expect(prepared.pools.length).toBeGreaterThan(2);
    // Smallest pool first here: the runner must still answer in job order.
    const jobs = [...prepared.pools]
      .sort((a, b) => a.outletCount - b.outletCount)
      .map((pool) => poolTerritoryJob(prepared, pool.id, context));
    const draws = await threadedTerritoryRunner(2)(jobs);
    expect(draws.map((d) => d.territories.poolId)).toEqual(jobs.map((j) => j.poolId));
    expect(JSON.stringify(draws)).toBe(
      JSON.stringify(jobs.map((job) => choosePoolTerritories(prepared, job.poolId, context))),
    );
    // planRegionWithCycleRunner hands its runner the largest pool first.
    const sizes: number[][] = [];
    await planRegionWithCycleRunner(
      { ...context, now: new Date(0) },
      (cycleJobs) => Promise.resolve(cycleJobs.map(planRepCycleJob)),
      (territoryJobs) => {
        sizes.push(territoryJobs.map((j) => j.prepared.outlets.length));
        return Promise.resolve(territoryJobs.map(runPoolTerritoryJob));
      },
    );
    expect(sizes[0]).toEqual([...(sizes[0] ?? [])].sort((a, b) => b - a));
  });

  test('a fresh plan of multi-start pools planned by `plan` with cycle reuse is drawn alike in threads', async () => {
    const region = generatedRegion();
    const policy: Policy = {
      ...DEFAULT_POLICY,
      territories: { ...DEFAULT_POLICY.territories, starts: 3, startsEvaluation: 'plan' },
    };
    const base = { region, policy, seed: 5, now: new Date(0) };
    const cycleReuse = { previous: null, programVersion: 'test' };
    const first = planRegionWithCycles({ ...base, previous: null, mode: 'fresh', cycleReuse });
    // The second plan's keys hold the first's patterns as previous patterns; the third's hold the
    // second's (the same), so the third reuses cycles: its jobs must carry the day routes.
    const second = planRegionWithCycles({
      ...base,
      previous: first.plan,
      mode: 'fresh',
      cycleReuse: { previous: first.cycle.records, programVersion: 'test' },
    });
    const fresh: PlanContext = {
      ...base,
      previous: second.plan,
      mode: 'fresh',
      cycleReuse: { previous: second.cycle.records, programVersion: 'test' },
    };
    const prepared = preparePlan(fresh);
    const jobs = prepared.pools.map((pool) => poolTerritoryJob(prepared, pool.id, fresh));
    const draws = await threadedTerritoryRunner(2)(jobs);
    expect(draws.some((d) => (d.plan?.reusedReps ?? 0) > 0)).toBe(true);
    expect(JSON.stringify(draws)).toBe(
      JSON.stringify(prepared.pools.map((pool) => choosePoolTerritories(prepared, pool.id, fresh))),
    );
  });

  test('a job carries only its pool, and the previous plan without day routes or visits', () => {
    const region = generatedRegion();
    const context: PlanContext = { region, policy: DEFAULT_POLICY, previous: null, mode: 'rebuild', seed: 2 };
    const previous = planRegionWithCycles({ ...context, now: new Date(0) }).plan;
    const rebuild: PlanContext = { ...context, previous, cycleReuse: { previous: [], programVersion: 't' } };
    const prepared = preparePlan(rebuild);
    const pool = prepared.pools[0]?.id ?? '';
    const job = poolTerritoryJob(prepared, pool, rebuild);
    expect(job.prepared.pools.map((p) => p.id)).toEqual([pool]);
    expect(job.prepared.outlets.every((o) => o.pool === pool)).toBe(true);
    expect(job.prepared.reps.every((r) => r.pool === pool)).toBe(true);
    const ids = new Set(job.prepared.outlets.map((o) => o.id));
    expect(job.context.previous?.outlets.length).toBe(previous.outlets.filter((o) => ids.has(o.id)).length);
    expect(job.context.previous?.outlets.some((o) => o.visits !== undefined)).toBe(false);
    expect(job.context.previous?.reps.some((r) => r.days !== undefined)).toBe(false);
    expect(job.context.cycleReuse).toBeUndefined();
    expect(Object.keys(job.context.region)).toEqual(['name']);
    expect(JSON.stringify(runPoolTerritoryJob(job))).toBe(
      JSON.stringify(choosePoolTerritories(prepared, pool, rebuild)),
    );
  });

  test('an error thrown in a worker rejects naming the pool, and every thread ends', async () => {
    const region = generatedRegion();
    const context: PlanContext = { region, policy: DEFAULT_POLICY, previous: null, mode: 'rebuild', seed: 2 };
    const prepared = preparePlan(context);
    const good = prepared.pools.map((pool) => poolTerritoryJob(prepared, pool.id, context));
    const broken: PoolTerritoryJob = {
      poolId: 'BROKEN',
      prepared: { outlets: [], reps: [], pools: [] },
      context: good[0]?.context as PoolTerritoryJob['context'],
    };
    started.workers = 0;
    const before = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    await expect(threadedTerritoryRunner(2)([good[0] as PoolTerritoryJob, broken, ...good])).rejects.toThrow(
      /territories of pool BROKEN failed in a worker thread: pool BROKEN is not a pool of this plan/,
    );
    expect(started.workers).toBe(2);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length).toBe(before);
  });
});
