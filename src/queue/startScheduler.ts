import { schedule, type ScheduledTask } from 'node-cron';
import type { RegionSchedule } from '../config/schedules.js';
import type { Logger } from '../log/logger.js';
import type { JobQueue } from './jobQueue.js';

export interface SchedulerHandle {
  /** The schedules in force (updated by reloads). */
  readonly schedules: RegionSchedule[];
  /** Fires one region's schedule now, as cron would at `at` (tests, manual catch-up). */
  fire(region: string, at: Date): Promise<void>;
  /** Re-reads the schedules now; resolves true when they changed. */
  reload(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** Reads the schedules again (regions folder + schedules.json); enables periodic reloads. */
  load?: () => Promise<RegionSchedule[]>;
  /** Reload period in ms (0 = never); new region folders get scheduled without a restart. */
  reloadMs?: number;
  /** Pool ids of a region's policy, for schedules with `split` (without it they enqueue one job). */
  poolsOf?: (region: string) => Promise<string[]>;
}

/**
 * Starts one node-cron task per region schedule. Each firing enqueues the region's rebuild with
 * the deterministic id rebuild:<region>:<local date>, so any number of scheduler instances
 * enqueue it once; whether it then plans or is skipped (unchanged inputs) is the job's business.
 * With `options.load`, the schedules are re-read every `reloadMs` and the tasks replaced when they changed.
 */
export function startScheduler(
  initial: RegionSchedule[],
  queue: JobQueue,
  logger: Logger,
  options: SchedulerOptions = {},
): SchedulerHandle {
  let schedules = initial;
  let byRegion = new Map(schedules.map((s) => [s.region, s]));
  let tasks: ScheduledTask[] = [];

  async function fire(region: string, at: Date): Promise<void> {
    const entry = byRegion.get(region);
    if (!entry) throw new Error(`region ${region} has no schedule`);
    const log = logger.child({ region, cron: entry.cron, timezone: entry.timezone });
    try {
      let pools: string[] | undefined;
      if (entry.split && options.poolsOf) {
        try {
          pools = await options.poolsOf(region);
        } catch (error) {
          // The nightly rebuild matters more than the split: plan the region as one job.
          log.warn(
            { reason: (error as Error).message },
            'cannot split the scheduled rebuild; enqueueing it whole',
          );
        }
      }
      const outcome = await queue.enqueueScheduled(region, at, entry.timezone, false, pools);
      log
        .child({ jobId: outcome.jobId })
        .info(
          { created: outcome.created },
          outcome.created
            ? 'scheduled rebuild enqueued'
            : 'scheduled rebuild already enqueued by another scheduler',
        );
    } catch (error) {
      log.error({ reason: (error as Error).message }, 'could not enqueue the scheduled rebuild');
    }
  }

  function install(next: RegionSchedule[]): void {
    schedules = next;
    byRegion = new Map(next.map((s) => [s.region, s]));
    tasks = next.map((entry) =>
      schedule(
        entry.cron,
        // context.date is the scheduled minute, identical on every instance, unlike the clock.
        (context) => fire(entry.region, context.date),
        { timezone: entry.timezone, name: `rebuild:${entry.region}`, noOverlap: true },
      ),
    );
    for (const entry of next) {
      logger.info({ region: entry.region, cron: entry.cron, timezone: entry.timezone }, 'region scheduled');
    }
    if (next.length === 0)
      logger.warn('no regions to schedule: the regions folder holds no region with outlets.csv');
  }

  async function uninstall(): Promise<void> {
    for (const task of tasks) await task.destroy();
    tasks = [];
  }

  async function reload(): Promise<boolean> {
    if (!options.load) return false;
    let next: RegionSchedule[];
    try {
      next = await options.load();
    } catch (error) {
      // A broken schedules.json must not stop the schedules that work: keep the current ones.
      logger.error(
        { reason: (error as Error).message },
        'could not reload the schedules; keeping the current ones',
      );
      return false;
    }
    if (JSON.stringify(next) === JSON.stringify(schedules)) return false;
    await uninstall();
    install(next);
    logger.info({ regions: next.length }, 'schedules reloaded');
    return true;
  }

  install(initial);
  let reloading: Promise<boolean> | null = null;
  const timer =
    options.load && options.reloadMs
      ? setInterval(() => {
          reloading ??= reload().finally(() => (reloading = null));
        }, options.reloadMs)
      : null;

  return {
    get schedules() {
      return schedules;
    },
    fire,
    reload,
    async stop() {
      if (timer) clearInterval(timer);
      await reloading;
      await uninstall();
      logger.info('scheduler stopped');
    },
  };
}
