/**
 * Split-region bench: one large region planned as a single job and as a split flow (`enqueue
 * --split`: a territory job that draws every pool's territories once, then one cycle child per
 * pool or rep group, enqueued longest first, then the parent that assembles and publishes), on
 * the same W worker processes against a throwaway redis-server (or REDIS_URL). Prints the wall
 * time from enqueue to published for both, the territory job's, each child's and the parent's
 * run times, the measured critical path (territory step + longest child + parent), a model of the
 * flow on 1, 2, 8 and 32 workers (list scheduling of the measured child times in their enqueue
 * order, plus the serial territory step and parent), and whether the two published plans are
 * identical (they must be: same inputs, seed and mode, and each run starts from an empty output
 * folder). The last line is `RESULT {json}`.
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
import {
  JOB_NAMES,
  territoryJobId,
  type PoolJobResult,
  type TerritoryJobResult,
} from '../src/queue/jobDefinitions.js';
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

/**
 * The makespan of `durations` on `workers` identical workers when each job, in the given order,
 * goes to the worker that frees up first (what BullMQ's workers do with a waiting list). With the
 * jobs longest first this is LPT list scheduling, within 4/3 of the best schedule.
 */
function listSchedule(durations: readonly number[], workers: number): number {
  const free = Array.from({ length: workers }, () => 0);
  for (const d of durations) {
    let soonest = 0;
    for (let i = 1; i < free.length; i++) if ((free[i] ?? 0) < (free[soonest] ?? 0)) soonest = i;
    free[soonest] = (free[soonest] ?? 0) + d;
  }
  return free.reduce((a, b) => Math.max(a, b), 0);
}

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
  const timesFile = join(config.outDir, 'city', '.split-times.json');
  async function splitRun(label: string) {
    const split = await runToPublished(queue, pools, groups);
    const splitPlan = publishedPlan(config.outDir);
    const identical = JSON.stringify(splitPlan) === JSON.stringify(wholePlan);
    const flowId = split.id.split(':')[2] ?? '';
    const seconds = (job: { processedOn?: number; finishedOn?: number } | undefined): number | null =>
      job?.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : null;
    const territoryJob = await queue.queue.getJob(territoryJobId('city', flowId));
    const step = territoryJob?.returnvalue as TerritoryJobResult | undefined;
    const parentJob = await queue.queue.getJob(split.id);
    // In enqueue order (longest first by outlet-visits), as the territory job added them.
    const children = await Promise.all(
      (step?.children ?? []).map(async ({ jobId, pool, group, outletVisits, estimatedMs }) => {
        const job = await queue.queue.getJob(jobId);
        const result = job?.returnvalue as PoolJobResult | undefined;
        return {
          pool: group.count > 1 ? `${pool}${group.index + 1}/${group.count}` : pool,
          outletVisits,
          estimatedSeconds: estimatedMs === null ? null : estimatedMs / 1000,
          seconds: seconds(job),
          outlets: result?.outlets ?? null,
          reps: result?.reps ?? null,
          territories: result?.territories ?? null,
          worker: job?.processedBy ?? null,
        };
      }),
    );
    const territorySeconds = seconds(territoryJob) ?? 0;
    const parentSeconds = seconds(parentJob) ?? 0;
    const childSeconds = children.map((c) => c.seconds ?? 0);
    const criticalPath = territorySeconds + childSeconds.reduce((a, b) => Math.max(a, b), 0) + parentSeconds;
    const model = Object.fromEntries(
      [1, 2, 8, 32].map((w) => [w, territorySeconds + listSchedule(childSeconds, w) + parentSeconds]),
    );
    console.log(
      `${label}: split into ${pools.length} pools x ${groups} rep groups: ${(split.ms / 1000).toFixed(2)} s enqueue to published`,
    );
    console.log(`  territory job: ${territorySeconds.toFixed(2)} s on ${territoryJob?.processedBy ?? '?'}`);
    for (const c of children)
      console.log(
        `  child ${c.pool}: ${c.outlets ?? '?'} outlets, ${c.reps ?? '?'} reps, ${c.outletVisits} outlet-visits${c.estimatedSeconds === null ? '' : ` (est. ${c.estimatedSeconds.toFixed(1)} s)`}, ${c.seconds?.toFixed(2) ?? '?'} s on ${c.worker ?? '?'} (territories ${c.territories ?? '?'})`,
      );
    console.log(`  parent (assemble, gate, publish): ${parentSeconds.toFixed(2)} s`);
    console.log(
      `  critical path (territory + longest child + parent): ${criticalPath.toFixed(2)} s; model: ${Object.entries(
        model,
      )
        .map(([w, t]) => `${w} workers ${t.toFixed(1)} s`)
        .join(', ')}`,
    );
    console.log(`  speed-up ${(whole.ms / split.ms).toFixed(2)}x; plans identical: ${identical}`);
    return {
      label,
      splitMs: split.ms,
      speedup: whole.ms / split.ms,
      identical,
      territorySeconds,
      parentSeconds,
      criticalPath,
      model,
      children,
    };
  }
  // First flow: no previous child times, children ordered by outlet-visits. Second flow, again from
  // an empty output folder but with the first flow's child times: ordered by ms per outlet-visit.
  const first = await splitRun('flow 1 (order by outlet-visits)');
  const times = readFileSync(timesFile, 'utf8');
  rmSync(join(config.outDir, 'city'), { recursive: true, force: true });
  mkdirSync(join(config.outDir, 'city'), { recursive: true });
  writeFileSync(timesFile, times);
  const second = await splitRun('flow 2 (order by flow 1 times)');
  const identical = first.identical && second.identical;
  console.log(
    `RESULT ${JSON.stringify({ bench: 'split', outlets, reps, workers: workerCount, groups, wholeMs: whole.ms, flows: [first, second], identical, jobNames: [JOB_NAMES.planRegionTerritories, JOB_NAMES.planRegionPool] })}`,
  );
  if (!identical) process.exitCode = 1;
} finally {
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await queue.close();
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
