import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runPlan, type RunPlanOptions } from '../../src/app/runPlan.js';
import {
  defaultPlanThreads,
  resolveCycleWorkerFile,
  THREADS_MIN_OUTLETS,
  threadedCycleRunner,
} from '../../src/app/cycleThreads.js';
import { availableParallelism } from 'node:os';
import { churnOutlets } from '../../src/domain/generate/churnOutlets.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import type { RepCycleJob } from '../../src/domain/cycle/planRepCycles.js';
import type { Plan, PlanRep } from '../../src/domain/plan/planTypes.js';
import { greatCircleTravelModel } from '../../src/domain/routing/travelModel.js';
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

const run = promisify(execFile);
const repoRoot = new URL('../..', import.meta.url).pathname;
const sample = join(repoRoot, 'data/regions/kuiwen-sample');

let root: string;
let pooledDir: string;
let generated: ReturnType<typeof generateRegion>;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tw-cycle-threads-'));
  pooledDir = join(root, 'pooled');
  mkdirSync(pooledDir);
  generated = generateRegion({ outlets: 900, reps: 14, seed: 5, name: 'pooled' });
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
    seed: 4,
    now: new Date(Date.UTC(2026, 11, 7, 3)),
    threads,
    ...extra,
  });
}

describe('cycle stage on worker threads (runPlan threads)', () => {
  test('the sample region plans to the same plan.json bytes with 1 and 2 threads', async () => {
    started.workers = 0;
    const one = await plan(sample, join(root, 'sample-1'), 1);
    expect(started.workers).toBe(0);
    const two = await plan(sample, join(root, 'sample-2'), 2);
    // Two territory threads (the sample has four pools), two cycle threads, then two for the
    // territory outlines of the publish (outlineThreads.ts).
    expect(started.workers).toBe(6);
    expect(readFileSync(two.planPath ?? '', 'utf8')).toBe(readFileSync(one.planPath ?? '', 'utf8'));
  });

  test('a region of several pools, and a rebuild reusing some cycles, give the same bytes', async () => {
    const one = await plan(pooledDir, join(root, 'pooled-1'), 1);
    const two = await plan(pooledDir, join(root, 'pooled-2'), 2);
    const plan1 = JSON.parse(readFileSync(one.planPath ?? '', 'utf8')) as Plan;
    expect(plan1.pools.length).toBeGreaterThan(1);
    expect(readFileSync(two.planPath ?? '', 'utf8')).toBe(readFileSync(one.planPath ?? '', 'utf8'));
    // The second rebuild's patterns are its inputs; the third reuses every rep's cycle record.
    const later = { now: new Date(Date.UTC(2026, 11, 8, 3)) };
    const again1 = await plan(pooledDir, join(root, 'pooled-1'), 1, later);
    const again2 = await plan(pooledDir, join(root, 'pooled-2'), 3, later);
    expect(again2.cycles).toEqual(again1.cycles);
    expect(readFileSync(again2.planPath ?? '', 'utf8')).toBe(readFileSync(again1.planPath ?? '', 'utf8'));
    const last = { now: new Date(Date.UTC(2026, 11, 9, 3)) };
    const last1 = await plan(pooledDir, join(root, 'pooled-1'), 1, last);
    const last2 = await plan(pooledDir, join(root, 'pooled-2'), 2, last);
    expect(last2.cycles?.reused).toBeGreaterThan(0);
    expect(readFileSync(last2.planPath ?? '', 'utf8')).toBe(readFileSync(last1.planPath ?? '', 'utf8'));
    // A churn rebuild: the touched reps are repaired incrementally, in the threads as in-thread.
    writeFileSync(join(pooledDir, 'outlets.csv'), renderOutletsCsv(churnOutlets(generated.outlets, 0.02, 6)));
    const churn = { now: new Date(Date.UTC(2026, 11, 10, 3)) };
    const churn1 = await plan(pooledDir, join(root, 'pooled-1'), 1, churn);
    const churn2 = await plan(pooledDir, join(root, 'pooled-2'), 2, churn);
    expect(churn2.cycles?.incremental).toBeGreaterThan(0);
    expect(churn2.cycles).toEqual(churn1.cycles);
    expect(readFileSync(churn2.planPath ?? '', 'utf8')).toBe(readFileSync(churn1.planPath ?? '', 'utf8'));
  });
});

function job(id: string, workingDays: PlanRep['workingDays'], outlets: number): RepCycleJob {
  const rep = { id, home: [119.1, 36.7] as [number, number], workingDays, dailyMinutes: 480 };
  return {
    rep: { ...rep, name: id, tier: 'A', pool: 'P', capacity: 1, dayStart: '08:00' },
    assigned: [],
    input: {
      rep: { ...rep, dayStartMinutes: 480 },
      outlets: Array.from({ length: outlets }, (_, i) => ({
        id: `${id}-O${i}`,
        lon: 119.1 + i * 0.001,
        lat: 36.7,
        frequency: 'weekly' as const,
        serviceMinutes: 10,
        window: null,
        previousPattern: null,
      })),
      weeks: 4,
      travel: greatCircleTravelModel({ speedKmh: 25, circuity: 1.3 }),
      seed: 7,
      keepPreviousPatterns: false,
    },
    starts: 1,
    keys: null,
    reused: null,
    basis: null,
    greatCircle: { speedKmh: 25, circuity: 1.3 },
  };
}

describe('defaultPlanThreads', () => {
  test('one thread below THREADS_MIN_OUTLETS (threads cost a small plan more than they save)', () => {
    expect(defaultPlanThreads(1399)).toBe(1);
    expect(defaultPlanThreads(THREADS_MIN_OUTLETS - 1)).toBe(1);
    expect(defaultPlanThreads(50_000)).toBe(Math.max(1, Math.min(availableParallelism(), 4)));
  });
});

describe('threadedCycleRunner', () => {
  test('from TypeScript sources the worker entry is the tsx shim', () => {
    expect(resolveCycleWorkerFile()).toBe(join(repoRoot, 'src/app/cycleWorkerTsx.js'));
  });

  test('an error thrown in a worker rejects with the rep id, and every thread ends', async () => {
    started.workers = 0;
    const before = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const jobs = [job('R1', ['Mon', 'Tue'], 3), job('R-BROKEN', [], 2), job('R3', ['Wed'], 3)];
    const done: number[] = [];
    await expect(threadedCycleRunner(2)(jobs, () => done.push(1))).rejects.toThrow(
      /cycle of rep R-BROKEN failed in a worker thread: rep R-BROKEN has 2 outlets but no working days/,
    );
    expect(started.workers).toBe(2);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length).toBe(before);
  });

  test('results come back in job order, each planned from its own job', async () => {
    const jobs = [job('R1', ['Mon', 'Tue'], 2), job('R2', ['Wed'], 5), job('R3', ['Thu', 'Fri'], 1)];
    let done = 0;
    const results = await threadedCycleRunner(2)(jobs, () => done++);
    expect(done).toBe(3);
    expect(results.map((r) => [...r.result.visits.keys()])).toEqual(
      jobs.map((j) => j.input.outlets.map((o) => o.id)),
    );
  });
});

describe('territory plan --threads (compiled CLI, dist/ worker entry)', () => {
  test('plans the sample with 2 threads to the plan of 1 thread, and refuses 0', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, [join(repoRoot, 'bin/territory.js'), ...args], { cwd: repoRoot });
    const planOf = (dir: string) =>
      readFileSync(join(dir, 'current/plan.json'), 'utf8').replace(/"generatedAt": "[^"]*"/, '');
    const common = ['plan', '--region', sample, '--publish', '--quiet'];
    await cli(...common, '--out', join(root, 'cli-1'), '--threads', '1');
    await cli(...common, '--out', join(root, 'cli-2'), '--threads', '2');
    expect(planOf(join(root, 'cli-2'))).toBe(planOf(join(root, 'cli-1')));
    await expect(cli(...common, '--out', join(root, 'cli-0'), '--threads', '0')).rejects.toMatchObject({
      stderr: expect.stringMatching(/--threads.*must be a whole number from 1 to 64, got "0"/) as unknown,
    });
  });
});
