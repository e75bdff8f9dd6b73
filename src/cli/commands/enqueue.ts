import type { Command } from 'commander';
import type { JobKind } from '../../queue/jobDefinitions.js';
import type { JobView } from '../../queue/jobQueue.js';
import { loadConfig } from '../../config/env.js';
import { resolveRegionDir } from '../../config/regionPaths.js';
import { groupsArgument, seedArgument } from '../parseOptions.js';

interface EnqueueOptions {
  region: string;
  force?: boolean;
  seed?: number;
  wait?: boolean;
  json?: boolean;
  split?: boolean;
  groups?: number;
}

const FINISHED = new Set(['completed', 'failed']);

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
      '--split',
      'plan the region as one child job per pool (a BullMQ flow) so several workers share it; the parent job assembles and publishes',
    )
    .option(
      '--groups <n>',
      "with --split: also split each pool's reps into n child jobs (1-16), for pools larger than one worker can plan quickly",
      groupsArgument,
    )
    .option('--wait', 'wait until the job finishes and print its result (exit 1 if it failed)')
    .option('--json', 'print JSON')
    .action(async (kind: string, opts: EnqueueOptions) => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const [{ policyPoolIds }, { JOB_KINDS, isPoolJobResult }, { createJobQueue }] = await Promise.all([
        import('../../app/splitPlan.js'),
        import('../../queue/jobDefinitions.js'),
        import('../../queue/jobQueue.js'),
      ]);
      if (!(kind in JOB_KINDS)) throw new Error(`unknown job kind "${kind}": use rebuild or resegment`);
      const config = loadConfig();
      const regionDir = await resolveRegionDir(config.regionsDir, opts.region);
      if (opts.groups !== undefined && !opts.split) throw new Error('--groups needs --split');
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
        });
        if (!opts.wait) {
          process.stdout.write(opts.json ? `${JSON.stringify(outcome)}\n` : `enqueued ${outcome.jobId}\n`);
          return;
        }
        if (!opts.json) process.stdout.write(`enqueued ${outcome.jobId}; waiting\n`);
        let view: JobView | null = null;
        let lastStage = '';
        for (;;) {
          view = await queue.getJob(outcome.jobId);
          if (!view) throw new Error(`job ${outcome.jobId} disappeared from the queue`);
          const stage = view.progress ? `${view.progress.stage} ${view.progress.percent}%` : view.state;
          if (!opts.json && stage !== lastStage) process.stdout.write(`  ${stage}\n`);
          lastStage = stage;
          if (FINISHED.has(view.state)) break;
          await new Promise((r) => setTimeout(r, 500));
        }
        if (opts.json) process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
        else if (view.state === 'completed') {
          const r = view.result && !isPoolJobResult(view.result) ? view.result : null;
          process.stdout.write(
            `${view.id}: ${r?.status ?? 'completed'}${r?.version ? ` version ${r.version}` : ''}${r?.outDir ? ` in ${r.outDir}` : ''}\n`,
          );
        }
        if (view.state === 'failed')
          throw new Error(`job ${view.id} failed: ${view.error ?? 'unknown reason'}`);
      } finally {
        await queue.close();
      }
    });
}
