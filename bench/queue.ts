/**
 * Queue soak bench: N small region jobs over W worker processes against a throwaway
 * redis-server (or REDIS_URL). Checks every job completed exactly once and prints throughput and
 * p50/p95 job time, then a final `RESULT {json}` line.
 *
 *   npm run bench:queue                      # 200 jobs, 2 workers, real pipeline
 *   npm run bench:queue -- --jobs 50 --workers 2 --outlets 60 --pipeline fake
 *
 * `--pipeline real` runs the same sandboxed processor as production (jobs/index.ts -> runPlan);
 * `--pipeline fake` swaps the planning for a 50 ms stand-in to measure the queue machinery alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderOutletsCsv, renderRepsCsv } from '../src/domain/generate/renderRegionCsv.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { createJobQueue } from '../src/queue/jobQueue.js';
import { startTestRedis } from '../test/helpers/redis.js';
import { envOf, spawnCli, spawnFakeWorker, type CliProcess } from '../test/queue/processes.js';
import { testConfig, waitFor } from '../test/queue/testConfig.js';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '200' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '1' },
    outlets: { type: 'string', default: '60' },
    regions: { type: 'string', default: '' },
    pipeline: { type: 'string', default: 'real' },
  },
});
const jobCount = Number(values.jobs);
const workerCount = Number(values.workers);
const outletsPerRegion = Number(values.outlets);
const regionCount = values.regions ? Number(values.regions) : jobCount;
const pipeline = values.pipeline === 'fake' ? 'fake' : 'real';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

const redis = await startTestRedis();
const root = mkdtempSync(join(tmpdir(), 'tw-bench-queue-'));
const config = testConfig(
  redis.url,
  { regionsDir: join(root, 'regions'), outDir: join(root, 'out') },
  {
    WORKER_CONCURRENCY: values.concurrency,
    LOCK_DURATION_MS: '30000',
    STALLED_INTERVAL_MS: '30000',
    JOB_ATTEMPTS: '1',
    KEEP_COMPLETED_JOBS: '100000',
  },
);
mkdirSync(config.outDir, { recursive: true });
writeFileSync(join(config.outDir, 'events.log'), '');
const regionNames = Array.from({ length: regionCount }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
for (const [i, name] of regionNames.entries()) {
  const dir = join(config.regionsDir, name);
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: outletsPerRegion, reps: 4, seed: 1000 + i, name: 'bench' });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
  writeFileSync(join(dir, 'fake.json'), JSON.stringify({ sleepMs: 50 }));
}

const env = envOf(config, { LOG_LEVEL: 'info', WORKER_CONCURRENCY: values.concurrency });
const workers: CliProcess[] = Array.from({ length: workerCount }, () =>
  pipeline === 'fake' ? spawnFakeWorker(env) : spawnCli(['worker'], env),
);
const queue = createJobQueue(config);
let failed = 0;
try {
  // Measure the queue, not process start-up: wait until every worker is connected.
  await waitFor(
    'workers to be ready',
    () => Promise.resolve(workers.every((w) => w.output().includes('worker ready')) ? true : undefined),
    120_000,
  );
  const t0 = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < jobCount; i++) {
    const region = regionNames[i % regionNames.length] ?? 'bench-0000';
    ids.push((await queue.enqueue({ kind: 'rebuild', region, trigger: 'bench', force: true })).jobId);
  }
  const enqueuedMs = Date.now() - t0;
  await waitFor(
    `${jobCount} jobs to finish`,
    async () => {
      const counts = await queue.queue.getJobCounts('completed', 'failed');
      return (counts.completed ?? 0) + (counts.failed ?? 0) >= jobCount ? true : undefined;
    },
    30 * 60_000,
  );
  const wallMs = Date.now() - t0;
  const jobs = await Promise.all(ids.map((id) => queue.queue.getJob(id)));
  const runMs: number[] = [];
  const totalMs: number[] = [];
  const reasons = new Map<string, number>();
  let completed = 0;
  for (const job of jobs) {
    if (!job) continue;
    if (job.finishedOn && job.processedOn && !job.failedReason) {
      completed += 1;
      runMs.push(job.finishedOn - job.processedOn);
      totalMs.push(job.finishedOn - job.timestamp);
    } else {
      failed += 1;
      const reason = (job.failedReason ?? 'unknown').slice(0, 120);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  runMs.sort((a, b) => a - b);
  totalMs.sort((a, b) => a - b);

  // Exactly once: each job's work ran once (one start/end for the fake, one published version per job for the real one).
  let executions = 0;
  if (pipeline === 'fake') {
    executions = readFileSync(join(config.outDir, 'events.log'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('end ')).length;
  } else {
    for (const name of regionNames) {
      try {
        executions += readdirSync(join(config.outDir, name, 'versions')).length;
      } catch {
        // region never published
      }
    }
  }
  const rows = [
    ['pipeline', pipeline],
    ['jobs', String(jobCount)],
    ['regions', String(regionCount)],
    ['outlets per region', String(outletsPerRegion)],
    ['worker processes x concurrency', `${workerCount} x ${values.concurrency}`],
    ['cpus (shared)', String(cpus().length)],
    ['completed', String(completed)],
    ['failed', String(failed)],
    ['executions (exactly once = jobs)', String(executions)],
    ['enqueue time', `${enqueuedMs} ms`],
    ['wall time', `${(wallMs / 1000).toFixed(1)} s`],
    ['throughput', `${((completed / wallMs) * 1000).toFixed(2)} jobs/s`],
    ['job run time p50 / p95', `${percentile(runMs, 50)} / ${percentile(runMs, 95)} ms`],
    ['enqueue-to-done p50 / p95', `${percentile(totalMs, 50)} / ${percentile(totalMs, 95)} ms`],
  ];
  const width = Math.max(...rows.map((r) => r[0]!.length));
  for (const [k, v] of rows) process.stdout.write(`${k!.padEnd(width)}  ${v}\n`);
  for (const [reason, n] of reasons) process.stdout.write(`  failure x${n}: ${reason}\n`);
  process.stdout.write(
    `RESULT ${JSON.stringify({
      bench: 'queue',
      pipeline,
      jobs: jobCount,
      regions: regionCount,
      outletsPerRegion,
      workers: workerCount,
      concurrency: Number(values.concurrency),
      completed,
      failed,
      executions,
      exactlyOnce: completed === jobCount && executions === jobCount,
      wallMs,
      throughputJobsPerS: Number(((completed / wallMs) * 1000).toFixed(3)),
      runP50Ms: percentile(runMs, 50),
      runP95Ms: percentile(runMs, 95),
      totalP50Ms: percentile(totalMs, 50),
      totalP95Ms: percentile(totalMs, 95),
    })}\n`,
  );
} finally {
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await queue.close();
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
process.exitCode = failed > 0 ? 1 : 0;
