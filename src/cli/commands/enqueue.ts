import { InvalidArgumentError, type Command } from 'commander';
import { errorText } from '../../i18n/warningText.js';
import type { JobKind } from '../../queue/jobDefinitions.js';
import type { JobQueue, JobView } from '../../queue/jobQueue.js';
import { loadConfig, redactRedisUrl, type AppConfig } from '../../config/env.js';
import { resolveRegionDir } from '../../config/regionPaths.js';
import { UsageError, groupsArgument, seedArgument } from '../parseOptions.js';

interface EnqueueOptions {
  region: string;
  force?: boolean;
  seed?: number;
  publish?: boolean;
  wait?: boolean;
  json?: boolean;
  split?: boolean;
  groups?: number;
  timeout?: number;
}

const FINISHED = new Set(['completed', 'failed']);

/** How often `--wait` polls the job, and how long it lets a queue go without workers. */
const POLL_MS = 500;
const NO_WORKER_GRACE_MS = 5_000;

/** commander parser of `--timeout <seconds>` (a bad value is a usage error, exit 2). */
function timeoutArgument(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !(n > 0) || n > 7 * 86_400)
    throw new InvalidArgumentError(errorText('error.arg.seconds', { max: 604800, value }));
  return n;
}

/** A `--wait` that has to give up: runtime failure (exit 1); the job stays queued. */
function waitError(message: string): Error {
  return Object.assign(new Error(message), { exitCode: 1 });
}

/**
 * Polls the job until it finishes. Without `--timeout` it fails when no worker has been
 * connected to the queue for NO_WORKER_GRACE_MS (nobody would ever run the job); with
 * `--timeout` it warns once about a queue without workers and fails when the time is up.
 */
async function waitForJob(
  queue: JobQueue,
  jobId: string,
  config: AppConfig,
  opts: EnqueueOptions,
): Promise<JobView> {
  const started = Date.now();
  const deadline = opts.timeout === undefined ? null : started + opts.timeout * 1000;
  const where = `queue prefix "${config.queuePrefix}" at ${redactRedisUrl(config.redisUrl)}`;
  let lastStage = '';
  let withoutWorkerSince: number | null = null;
  let warned = false;
  let lastWorkerCheck = 0;
  for (;;) {
    const view = await queue.getJob(jobId);
    if (!view) throw waitError(`job ${jobId} disappeared from the queue`);
    const stage = view.progress ? `${view.progress.stage} ${view.progress.percent}%` : view.state;
    if (!opts.json && stage !== lastStage) process.stdout.write(`  ${stage}\n`);
    lastStage = stage;
    if (FINISHED.has(view.state)) return view;
    const now = Date.now();
    if (now - lastWorkerCheck >= 2_000) {
      lastWorkerCheck = now;
      // CLIENT LIST may be disabled (some managed Redis): then the check is skipped.
      const workers = await queue.workerCount().catch(() => null);
      if (workers === 0) {
        withoutWorkerSince ??= now;
        if (deadline !== null && !warned) {
          warned = true;
          process.stderr.write(
            `warning: no worker is connected to ${where}; job ${jobId} runs when one starts (waiting up to ${opts.timeout} s)\n`,
          );
        }
      } else if (workers !== null) withoutWorkerSince = null;
    }
    if (deadline === null && withoutWorkerSince !== null && now - withoutWorkerSince >= NO_WORKER_GRACE_MS)
      throw waitError(
        `no worker is connected to ${where}: job ${jobId} stays ${view.state} until a worker runs it; start \`territory worker\` or give --wait a --timeout`,
      );
    if (deadline !== null && now >= deadline)
      throw waitError(
        `job ${jobId} did not finish within ${opts.timeout} s (state ${stage}); it stays in the queue`,
      );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** `territory enqueue rebuild|resegment --region <name>`: queue a job for the workers. */
export function registerEnqueueCommand(program: Command): void {
  program
    .command('enqueue')
    .description(
      'queue a rebuild or resegment job for a region (by name, inside REGIONS_DIR); workers run it',
    )
    .argument('<kind>', 'rebuild | resegment')
    .requiredOption('--region <name>', 'region name (a folder of REGIONS_DIR)')
    .option('--force', 'plan even when inputs are unchanged since the current plan')
    .option('--seed <n>', 'seed of the randomised stages (0-4294967295)', seedArgument)
    .option(
      '--publish',
      'make the plan current at once: without it a resegment job, and a rebuild above the policy review thresholds, publishes a candidate to approve',
    )
    .option(
      '--split',
      'plan the region as one child job per pool (a BullMQ flow) so several workers share it; the parent job assembles and publishes',
    )
    .option(
      '--groups <n>',
      "with --split: also split each pool's reps into n child jobs (1-16), for pools larger than one worker can plan quickly",
      groupsArgument,
    )
    .option(
      '--wait',
      'wait until the job finishes and print its result (exit 1 if it failed, or if no worker is connected)',
    )
    .option(
      '--timeout <seconds>',
      'with --wait: give up after this many seconds (exit 1; the job stays queued), waiting for a worker to start if need be',
      timeoutArgument,
    )
    .option('--json', 'print JSON')
    .action(async (kind: string, opts: EnqueueOptions) => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const [{ policyPoolIds }, { JOB_KINDS, isPoolJobResult, isTerritoryJobResult }, { createJobQueue }] =
        await Promise.all([
          import('../../app/splitPlan.js'),
          import('../../queue/jobDefinitions.js'),
          import('../../queue/jobQueue.js'),
        ]);
      if (!(kind in JOB_KINDS)) throw new UsageError(`unknown job kind "${kind}": use rebuild or resegment`);
      const config = loadConfig();
      const regionDir = await resolveRegionDir(config.regionsDir, opts.region);
      if (opts.groups !== undefined && !opts.split) throw new UsageError('--groups needs --split');
      if (opts.timeout !== undefined && !opts.wait) throw new UsageError('--timeout needs --wait');
      const splitPools = opts.split ? await policyPoolIds(regionDir) : undefined;
      const queue = createJobQueue(config);
      try {
        const outcome = await queue.enqueue({
          kind: kind as JobKind,
          region: opts.region,
          force: opts.force ?? false,
          trigger: 'cli',
          ...(splitPools ? { splitPools, splitGroups: opts.groups ?? 1 } : {}),
          ...(opts.seed === undefined ? {} : { seed: opts.seed }),
          ...(opts.publish ? { publish: true } : {}),
        });
        if (!opts.wait) {
          process.stdout.write(opts.json ? `${JSON.stringify(outcome)}\n` : `enqueued ${outcome.jobId}\n`);
          return;
        }
        if (!opts.json) process.stdout.write(`enqueued ${outcome.jobId}; waiting\n`);
        const view = await waitForJob(queue, outcome.jobId, config, opts);
        if (opts.json) process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
        else if (view.state === 'completed') {
          const r =
            view.result && !isPoolJobResult(view.result) && !isTerritoryJobResult(view.result)
              ? view.result
              : null;
          process.stdout.write(
            `${view.id}: ${r?.status ?? 'completed'}${r?.version ? ` version ${r.version}` : ''}${r?.outDir ? ` in ${r.outDir}` : ''}\n`,
          );
          if (r?.status === 'candidate' && r.review)
            process.stdout.write(`  current stays ${r.review.current ?? '(none)'}: ${r.review.reason}\n`);
        }
        if (view.state === 'failed')
          throw new Error(`job ${view.id} failed: ${view.error ?? 'unknown reason'}`);
      } finally {
        await queue.close();
      }
    });
}
