/**
 * Split-region bench: one large region planned as a single job and as a flow of one child job per
 * pool (`enqueue --split`), on the same W worker processes against a throwaway redis-server (or
 * REDIS_URL). Prints the wall time from enqueue to published for both, each child's run time, and
 * whether the two published plans are identical (they must be: same inputs, seed and mode, and
 * each run starts from an empty output folder). The last line is `RESULT {json}`.
 *
 *   npm run bench:split                                  # 50,000 outlets / 400 reps, 2 workers
 *   npm run bench:split -- --outlets 10000 --reps 80 --workers 2 [--groups 2] [--sources]
 *
 * Workers run the compiled CLI (bin/territory.js: run `npm run build` first) unless `--sources`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../src/domain/generate/renderRegionCsv.js';
import { splitUnits } from '../src/domain/pipeline/splitUnits.js';
import { JOB_NAMES, poolJobId, type PoolJobResult } from '../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue } from '../src/queue/jobQueue.js';
import { startTestRedis } from '../test/helpers/redis.js';
import { envOf, spawnCli, spawnCompiledCli, type CliProcess } from '../test/queue/processes.js';
import { testConfig, waitFor } from '../test/queue/testConfig.js';

const { values } = parseArgs({
  options: {
    outlets: { type: 'string', default: '50000' },
    reps: { type: 'string', default: '400' },
    workers: { type: 'string', default: '2' },
    // Workers from the TypeScript sources compile them in every sandbox thread; measure as deployed.
    sources: { type: 'boolean', default: false },
    // Rep groups per pool in the split run (1: one child job per pool).
    groups: { type: 'string', default: '1' },
  },
});
const outlets = Number(values.outlets);
const reps = Number(values.reps);
const workerCount = Number(values.workers);
const groups = Number(values.groups);

async function runToPublished(
  queue: JobQueue,
  splitPools?: string[],
  splitGroups = 1,
): Promise<{ ms: number; id: string }> {
  const started = Date.now();
  const { jobId } = await queue.enqueue({
    kind: 'resegment',
    region: 'city',
    trigger: 'bench',
    // Compared through `current`: publish directly, not as a candidate to approve.
    publish: true,
    ...(splitPools ? { splitPools, splitGroups } : {}),
  });
  const view = await waitFor(
    `job ${jobId}`,
    async () => {
      const v = await queue.getJob(jobId);
      return v && (v.state === 'completed' || v.state === 'failed') ? v : undefined;
    },
    30 * 60_000,
  );
  if (view.state !== 'completed') throw new Error(`job ${jobId} failed: ${view.error ?? '?'}`);
  return { ms: Date.now() - started, id: jobId };
}

function publishedPlan(outDir: string): Record<string, unknown> {
  const plan = JSON.parse(readFileSync(join(outDir, 'city', 'current', 'plan.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  delete plan.generatedAt;
  return plan;
}

const redis = await startTestRedis();
const root = mkdtempSync(join(tmpdir(), 'tw-bench-split-'));
const config = testConfig(
  redis.url,
  { regionsDir: join(root, 'regions'), outDir: join(root, 'out') },
  { WORKER_CONCURRENCY: '1', LOCK_DURATION_MS: '60000', STALLED_INTERVAL_MS: '60000', JOB_ATTEMPTS: '1' },
);
const regionDir = join(config.regionsDir, 'city');
mkdirSync(regionDir, { recursive: true });
const region = generateRegion({ outlets, reps, seed: 11 });
writeFileSync(join(regionDir, 'outlets.csv'), renderOutletsCsv(region.outlets));
writeFileSync(join(regionDir, 'reps.csv'), renderRepsCsv(region.reps));

const env = envOf(config, { LOG_LEVEL: 'info', WORKER_CONCURRENCY: '1' });
const workers: CliProcess[] = Array.from({ length: workerCount }, () =>
  values.sources ? spawnCli(['worker'], env) : spawnCompiledCli(['worker'], env),
);
const queue = createJobQueue(config);
try {
  await waitFor(
    'workers to be ready',
    () => Promise.resolve(workers.every((w) => w.output().includes('worker ready')) ? true : undefined),
    120_000,
  );
  console.log(
    `region ${outlets} outlets / ${reps} reps; ${workerCount} worker processes x 1 on ${cpus().length} cpus`,
  );
  const whole = await runToPublished(queue);
  const wholePlan = publishedPlan(config.outDir);
  console.log(`single job:          ${(whole.ms / 1000).toFixed(2)} s enqueue to published`);
  rmSync(join(config.outDir, 'city'), { recursive: true, force: true });

  const pools = ['A', 'B', 'C', 'D'];
  const split = await runToPublished(queue, pools, groups);
  const splitPlan = publishedPlan(config.outDir);
  const identical = JSON.stringify(splitPlan) === JSON.stringify(wholePlan);
  const flowId = split.id.split(':')[2] ?? '';
  const children = await Promise.all(
    splitUnits(pools, groups).map(async ({ pool, group }) => {
      const job = await queue.queue.getJob(poolJobId('city', flowId, pool, group));
      const result = job?.returnvalue as PoolJobResult | undefined;
      return {
        pool: group.count > 1 ? `${pool}${group.index + 1}/${group.count}` : pool,
        seconds: job?.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : null,
        outlets: result?.outlets ?? null,
        reps: result?.reps ?? null,
        worker: job?.processedBy ?? null,
      };
    }),
  );
  console.log(
    `split into ${pools.length} pools x ${groups} rep groups: ${(split.ms / 1000).toFixed(2)} s enqueue to published`,
  );
  for (const c of children)
    console.log(
      `  pool ${c.pool}: ${c.outlets ?? '?'} outlets, ${c.reps ?? '?'} reps, ${c.seconds?.toFixed(2) ?? '?'} s on ${c.worker ?? '?'}`,
    );
  console.log(`speed-up ${(whole.ms / split.ms).toFixed(2)}x; plans identical: ${identical}`);
  console.log(
    `RESULT ${JSON.stringify({ bench: 'split', outlets, reps, workers: workerCount, groups, wholeMs: whole.ms, splitMs: split.ms, speedup: whole.ms / split.ms, identical, children, jobNames: [JOB_NAMES.planRegionPool] })}`,
  );
  if (!identical) process.exitCode = 1;
} finally {
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await queue.close();
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
