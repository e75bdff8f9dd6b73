import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { currentVersion, listVersions, verifyVersion } from '../../src/io/publish/publishVersion.js';
import { createLogger } from '../../src/log/logger.js';
import type { RegionJobResult } from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue, type JobView } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { envOf, runCli, spawnCli, type CliProcess } from './processes.js';
import { testConfig, waitFor, waitForFinishedJob } from './testConfig.js';

/**
 * The real pipeline end to end: CLI enqueue -> sandboxed worker -> runPlan -> published version,
 * plus skip on unchanged input, failure with the previous plan untouched, and SIGKILL mid-plan.
 */
let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
let worker: WorkerHandle | null = null;
const spawned: CliProcess[] = [];

function writeRegion(name: string, outlets: number, reps: number, seed: number): void {
  const dir = join(config.regionsDir, name);
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets, reps, seed, name });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
}

async function finished(id: string, timeoutMs = 60_000): Promise<JobView> {
  return waitForFinishedJob(queue, id, { logs: 50, timeoutMs });
}

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-e2e-'));
  config = testConfig(
    redis.url,
    { regionsDir: join(root, 'regions'), outDir: join(root, 'out') },
    { LOCK_DURATION_MS: '3000' },
  );
  writeRegion('small', 160, 6, 11);
  writeRegion('web', 120, 5, 12);
  cpSync(new URL('../../data/regions/kuiwen-sample', import.meta.url), join(config.regionsDir, 'kuiwen'), {
    recursive: true,
  });
  queue = createJobQueue(config);
});

afterAll(async () => {
  for (const p of spawned) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await worker?.stop(2_000);
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('end to end with the real pipeline', () => {
  test('CLI enqueue -> job reports stages -> plan published; `territory jobs` shows it; unchanged input is skipped', async () => {
    worker = startWorker(config, createLogger({ level: 'silent', role: 'test' }));
    const stages = new Set<string>();
    worker.worker.on('progress', (_job, progress) => void stages.add((progress as { stage: string }).stage));
    await worker.ready;
    const env = envOf(config);

    const first = await runCli(['enqueue', 'rebuild', '--region', 'small', '--wait', '--json'], env);
    expect(first.code, first.output).toBe(0);
    const view = JSON.parse(first.output.slice(first.output.indexOf('{'))) as JobView;
    expect(view.state).toBe('completed');
    expect(view.result?.status).toBe('published');
    const result = view.result as RegionJobResult;
    expect(result.summary?.outlets).toBe(160);
    const regionOut = join(config.outDir, 'small');
    expect(await currentVersion(regionOut)).toBe(result.version);
    expect(await verifyVersion(regionOut, result.version!)).toEqual([]);
    for (const stage of ['load', 'segment', 'territories', 'cycle', 'publish', 'done'])
      expect(stages).toContain(stage);

    const listed = await runCli(['jobs', '--region', 'small', '--json'], env);
    expect(listed.code, listed.output).toBe(0);
    const jobs = JSON.parse(listed.output) as JobView[];
    expect(jobs[0]).toMatchObject({ id: view.id, state: 'completed', region: 'small' });

    const again = await queue.enqueue({ kind: 'rebuild', region: 'small', trigger: 'test' });
    const skipped = await finished(again.jobId);
    expect(skipped.result?.status).toBe('skipped');
    expect((await listVersions(regionOut)).length).toBe(1);
  });

  test('a job whose outlets file was deleted fails at once (no retry can fix it) with a readable reason; the previous plan stays', async () => {
    const regionOut = join(config.outDir, 'small');
    const before = await currentVersion(regionOut);
    const planBefore = readFileSync(join(regionOut, 'current', 'plan.json'), 'utf8');
    rmSync(join(config.regionsDir, 'small', 'outlets.csv'));
    const { jobId } = await queue.enqueue({ kind: 'resegment', region: 'small', trigger: 'test' });
    const view = await finished(jobId);
    expect(view.state).toBe('failed');
    expect(config.jobAttempts).toBeGreaterThan(1);
    expect(view.attemptsMade).toBe(1);
    expect(view.error).toMatch(/outlets\.csv/);
    expect(await currentVersion(regionOut)).toBe(before);
    expect(readFileSync(join(regionOut, 'current', 'plan.json'), 'utf8')).toBe(planBefore);
  });

  test('a worker process killed with SIGKILL mid-plan: the job completes once elsewhere and the output is whole', async () => {
    await worker?.stop(2_000);
    worker = null;
    const env = envOf(config);
    const first = spawnCli(['worker'], env);
    spawned.push(first);
    await waitFor(
      'worker ready',
      () => Promise.resolve(first.output().includes('worker ready') ? true : undefined),
      30_000,
    );
    const { jobId } = await queue.enqueue({ kind: 'rebuild', region: 'kuiwen', trigger: 'test' });
    const midPlan = await waitFor(
      'the plan to be under way',
      async () => {
        const v = await queue.getJob(jobId);
        if (v?.state === 'completed') return 'too-late';
        return v?.progress && v.progress.percent >= 5 ? 'mid-plan' : undefined;
      },
      60_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const second = spawnCli(['worker'], env);
    spawned.push(second);
    const view = await finished(jobId, 90_000);
    expect(view.state, view.error ?? '').toBe('completed');
    const regionOut = join(config.outDir, 'kuiwen');
    const versions = await listVersions(regionOut);
    expect(versions).toHaveLength(1);
    expect(await verifyVersion(regionOut, versions[0]!.version)).toEqual([]);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    // Reported so a fast machine finishing before the kill is visible rather than silently passing.
    expect(midPlan).toBe('mid-plan');
  });

  test('`territory serve`: HTTP trigger -> 202 -> the job runs -> GET /jobs/:id shows the result; SIGTERM exits 0', async () => {
    const serve = spawnCli(
      ['serve', '--no-scheduler'],
      envOf(config, { API_PORT: '0', API_HOST: '127.0.0.1' }),
    );
    spawned.push(serve);
    const port = await waitFor(
      'api to listen',
      () => Promise.resolve(/"port":(\d+),"msg":"api listening"/.exec(serve.output())?.[1]),
      30_000,
    );
    const headers = { authorization: `Bearer ${config.apiToken ?? ''}`, 'content-type': 'application/json' };
    const reply = await fetch(`http://127.0.0.1:${port}/regions/web/resegment`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(reply.status).toBe(202);
    const { jobId } = (await reply.json()) as { jobId: string };
    const view = await waitFor(
      'job to finish via HTTP',
      async () => {
        const r = await fetch(`http://127.0.0.1:${port}/jobs/${encodeURIComponent(jobId)}`, { headers });
        const v = (await r.json()) as JobView;
        return v.state === 'completed' || v.state === 'failed' ? v : undefined;
      },
      60_000,
    );
    expect(view.state, view.error ?? '').toBe('completed');
    expect(view.result).toMatchObject({ status: 'published', region: 'web', mode: 'resegment' });
    expect(view.logs?.length).toBeGreaterThan(0);
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });
});
