import { schedule, type ScheduledTask } from 'node-cron';
import type { RegionSchedule } from '../config/schedules.js';
import type { Logger } from '../log/logger.js';
import type { JobQueue } from './jobQueue.js';

export interface SchedulerHandle {
  schedules: RegionSchedule[];
  /** Fires one region's schedule now, as cron would at `at` (tests, manual catch-up). */
  fire(region: string, at: Date): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts one node-cron task per region schedule. Each firing enqueues the region's rebuild with
 * the deterministic id rebuild:<region>:<local date>, so any number of scheduler instances
 * enqueue it once; whether it then plans or is skipped (unchanged inputs) is the job's business.
 */
export function startScheduler(
  schedules: RegionSchedule[],
  queue: JobQueue,
  logger: Logger,
): SchedulerHandle {
  const byRegion = new Map(schedules.map((s) => [s.region, s]));

  async function fire(region: string, at: Date): Promise<void> {
    const entry = byRegion.get(region);
    if (!entry) throw new Error(`region ${region} has no schedule`);
    const log = logger.child({ region, cron: entry.cron, timezone: entry.timezone });
    try {
      const outcome = await queue.enqueueScheduled(region, at, entry.timezone);
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

  const tasks: ScheduledTask[] = schedules.map((entry) =>
    schedule(
      entry.cron,
      // context.date is the scheduled minute, identical on every instance, unlike the clock.
      (context) => fire(entry.region, context.date),
      { timezone: entry.timezone, name: `rebuild:${entry.region}`, noOverlap: true },
    ),
  );
  for (const entry of schedules) {
    logger.info({ region: entry.region, cron: entry.cron, timezone: entry.timezone }, 'region scheduled');
  }
  if (schedules.length === 0)
    logger.warn('no regions to schedule: the regions folder holds no region with outlets.csv');

  return {
    schedules,
    fire,
    async stop() {
      for (const task of tasks) await task.destroy();
      logger.info('scheduler stopped');
    },
  };
}
