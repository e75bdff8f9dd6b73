import type { Command } from 'commander';
import type { JobView } from '../../queue/jobQueue.js';
import { loadConfig } from '../../config/env.js';
import { InvalidRegionNameError, isRegionName } from '../../config/regionPaths.js';
import { translator, type Translate } from '../../i18n/catalog.js';
import type { Language } from '../../i18n/languages.js';
import { commandLocale } from '../commandLocale.js';
import { renderTable } from '../format/table.js';
import { languageArgument, UsageError } from '../parseOptions.js';

/** The result column of a job: its error, a pool job's counts, a skip or the published version's figures. */
export function outcomeOf(job: JobView, t: Translate = translator('en')): string {
  if (job.error) return t('cli.jobs.error', { error: job.error });
  const r = job.result;
  if (!r) return '';
  // A pool job of a split flow (see isPoolJobResult; not imported here to keep BullMQ lazy).
  if ('pool' in r)
    return t('cli.jobs.pool', { pool: r.pool, status: r.status, outlets: r.outlets, reps: r.reps });
  // The territory job of a split flow (isTerritoryJobResult).
  if ('territoryPools' in r)
    return t('cli.jobs.territories', {
      pools: r.territoryPools.length,
      status: r.status,
      children: r.children.length,
    });
  if (r.status === 'skipped') return t('cli.jobs.skipped');
  const s = r.summary;
  const balance = s?.balance
    ? t('cli.jobs.balance', { min: s.balance.min.toFixed(2), max: s.balance.max.toFixed(2) })
    : '';
  return t('cli.jobs.published', {
    version: r.version ?? '?',
    outlets: s?.outlets ?? '?',
    km: s?.totalKm ?? 0,
    moved: r.movedOutlets,
    balance,
  });
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
    .option(
      '--lang <lang>',
      'language of the table: en or zh-CN (default LANG/LC_ALL, else en)',
      languageArgument,
    )
    .option('--json', 'print JSON')
    .action(
      async (opts: { region?: string; limit: string; id?: string; json?: boolean; lang?: Language }) => {
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
          // Jobs of many regions: no one region policy applies, so --lang, else LANG.
          const t = translator((await commandLocale(opts.lang)).lang);
          if (jobs.length === 0) {
            process.stdout.write(`${t('cli.jobs.none')}\n`);
            return;
          }
          const columns = [
            'id',
            'job',
            'region',
            'state',
            'progress',
            'attempts',
            'created',
            'duration',
            'result',
          ] as const;
          process.stdout.write(
            `${renderTable(
              columns.map((c) => t(`cli.jobs.col.${c}`)),
              jobs.map((j) => [
                j.id,
                j.name,
                j.region ?? '',
                j.state,
                j.progress ? `${j.progress.stage} ${j.progress.percent}%` : '',
                `${j.attemptsMade}/${j.attempts}`,
                isoSeconds(j.createdAt),
                duration(j.durationMs),
                outcomeOf(j, t),
              ]),
            )}\n`,
          );
        } finally {
          await queue.close();
        }
      },
    );
}
