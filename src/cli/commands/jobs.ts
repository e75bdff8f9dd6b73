import type { Command } from 'commander';
import type { JobView } from '../../queue/jobQueue.js';
import { loadConfig } from '../../config/env.js';
import { InvalidRegionNameError, isRegionName } from '../../config/regionPaths.js';
import { renderTable } from '../format/table.js';
import { UsageError } from '../parseOptions.js';

function outcomeOf(job: JobView): string {
  if (job.error) return `error: ${job.error}`;
  const r = job.result;
  if (!r) return '';
  // A pool job of a split flow (see isPoolJobResult; not imported here to keep BullMQ lazy).
  if ('pool' in r) return `pool ${r.pool}: ${r.status}, ${r.outlets} outlets, ${r.reps} reps`;
  // The territory job of a split flow (isTerritoryJobResult).
  if ('territoryPools' in r)
    return `territories of ${r.territoryPools.length} pool(s): ${r.status}, ${r.children.length} cycle children`;
  if (r.status === 'skipped') return 'skipped (inputs unchanged)';
  const s = r.summary;
  const balance = s?.balance ? ` balance ${s.balance.min.toFixed(2)}-${s.balance.max.toFixed(2)}` : '';
  return `v${r.version ?? '?'}: ${s?.outlets ?? '?'} outlets, ${s?.totalKm ?? 0} km, moved ${r.movedOutlets}${balance}`;
}

function duration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/**
 * A time of the table with its zone: ISO 8601 UTC to the second with `Z` (`2025-06-01T18:00:05Z`),
 * so it is not read as the local time of the zone-dated scheduled job ids next to it.
 */
export function isoSeconds(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

/** `territory jobs`: recent jobs with state, progress, duration and result or error. */
export function registerJobsCommand(program: Command): void {
  program
    .command('jobs')
    .description('list recent planning jobs with state, progress, duration, result or error')
    .option('--region <name>', 'only jobs of this region')
    .option('--limit <n>', 'how many jobs', '20')
    .option('--id <jobId>', 'show one job in detail (with its log lines)')
    .option('--json', 'print JSON')
    .action(async (opts: { region?: string; limit: string; id?: string; json?: boolean }) => {
      // Loaded on use: the planning commands must not pay for BullMQ, ioredis and the HTTP stack.
      const { createJobQueue } = await import('../../queue/jobQueue.js');
      if (opts.region !== undefined && !isRegionName(opts.region))
        throw new InvalidRegionNameError(opts.region);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new UsageError(`--limit must be 1-500, got "${opts.limit}"`);
      const queue = createJobQueue(loadConfig());
      try {
        if (opts.id) {
          const job = await queue.getJob(opts.id, { logs: 100 });
          if (!job) throw new Error(`no job ${opts.id}`);
          process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
          return;
        }
        const jobs = await queue.listJobs({ limit, ...(opts.region ? { region: opts.region } : {}) });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
          return;
        }
        if (jobs.length === 0) {
          process.stdout.write('no jobs\n');
          return;
        }
        process.stdout.write(
          `${renderTable(
            ['id', 'job', 'region', 'state', 'progress', 'attempts', 'created', 'duration', 'result'],
            jobs.map((j) => [
              j.id,
              j.name,
              j.region ?? '',
              j.state,
              j.progress ? `${j.progress.stage} ${j.progress.percent}%` : '',
              `${j.attemptsMade}/${j.attempts}`,
              isoSeconds(j.createdAt),
              duration(j.durationMs),
              outcomeOf(j),
            ]),
          )}\n`,
        );
      } finally {
        await queue.close();
      }
    });
}
