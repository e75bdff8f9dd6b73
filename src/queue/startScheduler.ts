import { schedule, type ScheduledTask } from 'node-cron';
import type { RegionSchedule } from '../config/schedules.js';
import type { Logger } from '../log/logger.js';
import { cronSlots, slotStamp, type CronSlots } from './cronSlots.js';
import type { EnqueueOutcome, JobQueue } from './jobQueue.js';

export interface SchedulerHandle {
  /** The schedules in force (updated by reloads). */
  readonly schedules: RegionSchedule[];
  /**
   * Enqueues one region's scheduled rebuild for the slot `at`, as cron does at that instant
   * (tests, manual runs); resolves false when Redis could not be reached (a catch-up follows).
   */
  fire(region: string, at: Date): Promise<boolean>;
  /**
   * Enqueues, per region, the latest slot missed since the region's last enqueued slot, if it
   * lies within the catch-up window; resolves what it enqueued. Runs by itself at start, after
   * a failed firing (retried until Redis answers) and after a firing node-cron missed.
   */
  catchUp(): Promise<CaughtUp[]>;
  /** Re-reads the schedules now; resolves true when they changed. */
  reload(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface CaughtUp {
  region: string;
  jobId: string;
  slot: Date;
  /** Older missed slots of the window that were not enqueued (the latest one covers them). */
  skipped: number;
}

export interface SchedulerOptions {
  /** Reads the schedules again (regions folder + schedules.json); enables periodic reloads. */
  load?: () => Promise<RegionSchedule[]>;
  /** Reload period in ms (0 = never); new region folders get scheduled without a restart. */
  reloadMs?: number;
  /** Pool ids of a region's policy, for schedules with `split` (without it they enqueue one job). */
  poolsOf?: (region: string) => Promise<string[]>;
  /**
   * How far back a missed slot is still enqueued (SCHEDULE_CATCH_UP_MS; default 6 h; 0 = no
   * catch-up): a rebuild more than this late is left to the next slot.
   */
  catchUpMs?: number;
  /** Delay between catch-up attempts while Redis does not answer (default 5 s). */
  retryMs?: number;
  /** The clock (tests); default the system clock. */
  now?: () => Date;
}

const DEFAULT_CATCH_UP_MS = 6 * 3_600_000;
const FIRING_GRACE_MS = 1_000;

/**
 * Starts one node-cron task per region schedule. Each firing enqueues the region's rebuild with
 * the deterministic id rebuild:<region>:<slot> (the scheduled instant in the schedule's zone with
 * its offset), so any number of scheduler instances enqueue each slot once, and a cron firing
 * several times a day enqueues every firing; whether it then plans or is skipped (unchanged
 * inputs) is the job's business. Every enqueued slot is recorded in Redis per region; a slot that
 * could not be enqueued (Redis down, scheduler down, event loop stalled) is caught up once when
 * Redis answers again: the latest missed slot within `catchUpMs`, older ones are covered by it.
 * With `options.load`, the schedules are re-read every `reloadMs` and the tasks replaced when
 * they changed.
 */
export function startScheduler(
  initial: RegionSchedule[],
  queue: JobQueue,
  logger: Logger,
  options: SchedulerOptions = {},
): SchedulerHandle {
  const now = options.now ?? (() => new Date());
  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const retryMs = options.retryMs ?? 5_000;
  let schedules = initial;
  let byRegion = new Map(schedules.map((s) => [s.region, s]));
  let tasks: ScheduledTask[] = [];
  /** Slot calculators by cron + zone. */
  const calculators = new Map<string, CronSlots>();
  /**
   * When this process started scheduling each region: the catch-up lower bound of a region that
   * no scheduler has recorded a slot for yet (a new region or deployment is not caught up on
   * slots from before it was scheduled).
   */
  const scheduledSince = new Map<string, number>();
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let catchingUp: Promise<CaughtUp[]> | null = null;
  /** Redis did not answer the last catch-up check. */
  let unreachable = false;

  function slotsOf(entry: RegionSchedule): CronSlots {
    const key = `${entry.cron}\u0000${entry.timezone}`;
    let calculator = calculators.get(key);
    if (!calculator) {
      calculator = cronSlots(entry.cron, entry.timezone);
      calculators.set(key, calculator);
    }
    return calculator;
  }

  /** Enqueues `entry`'s rebuild for `slot`; throws when Redis cannot be reached. */
  async function enqueueSlot(entry: RegionSchedule, slot: Date, log: Logger): Promise<EnqueueOutcome> {
    let pools: string[] | undefined;
    if (entry.split && options.poolsOf) {
      try {
        pools = await options.poolsOf(entry.region);
      } catch (error) {
        // The nightly rebuild matters more than the split: plan the region as one job.
        log.warn(
          { reason: (error as Error).message },
          'cannot split the scheduled rebuild; enqueueing it whole',
        );
      }
    }
    const outcome = await queue.enqueueScheduled(entry.region, slot, entry.timezone, false, pools);
    log
      .child({ jobId: outcome.jobId })
      .info(
        { created: outcome.created, slot: slotStamp(slot, entry.timezone) },
        outcome.created
          ? 'scheduled rebuild enqueued'
          : 'scheduled rebuild already enqueued by another scheduler',
      );
    return outcome;
  }

  function logOf(entry: RegionSchedule): Logger {
    return logger.child({ region: entry.region, cron: entry.cron, timezone: entry.timezone });
  }

  /** Retries the catch-up every `retryMs` until it reaches Redis. */
  function retryCatchUpSoon(): void {
    if (stopped || catchUpMs === 0 || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void runCatchUp();
    }, retryMs);
  }

  async function fire(region: string, at: Date): Promise<boolean> {
    const entry = byRegion.get(region);
    if (!entry) throw new Error(`region ${region} has no schedule`);
    const log = logOf(entry);
    try {
      await enqueueSlot(entry, at, log);
      return true;
    } catch (error) {
      log.error(
        { reason: (error as Error).message, slot: slotStamp(at, entry.timezone) },
        catchUpMs > 0
          ? 'could not enqueue the scheduled rebuild; it is caught up when Redis answers again'
          : 'could not enqueue the scheduled rebuild',
      );
      retryCatchUpSoon();
      return false;
    }
  }

  async function catchUpOnce(): Promise<CaughtUp[]> {
    if (catchUpMs === 0 || schedules.length === 0) return [];
    const current = schedules;
    // Slots of the last second are being fired by cron right now; the catch-up leaves them be.
    const at = new Date(now().getTime() - FIRING_GRACE_MS);
    const recorded = await queue.lastScheduledSlots(current.map((s) => s.region));
    const out: CaughtUp[] = [];
    let failed = false;
    for (const entry of current) {
      const last = recorded.get(entry.region) ?? scheduledSince.get(entry.region) ?? at.getTime();
      const windowStart = at.getTime() - catchUpMs;
      const slots = slotsOf(entry);
      const missed = slots.between(new Date(Math.max(last, windowStart)), at);
      const latest = missed.at(-1);
      const log = logOf(entry);
      if (!latest) {
        if (last < windowStart && slots.latest(new Date(last), new Date(windowStart)))
          log.warn(
            { catchUpMs, lastSlot: new Date(last).toISOString() },
            'missed scheduled rebuilds are older than the catch-up window; waiting for the next slot',
          );
        continue;
      }
      try {
        const { jobId, created } = await enqueueSlot(entry, latest, log);
        // Schedulers catching up at the same time add the same id; the one whose job was stored
        // caught the slot up, the others only found it done.
        if (!created) continue;
        const skipped = missed.length - 1;
        log.warn(
          { jobId, slot: slotStamp(latest, entry.timezone), skipped },
          'missed scheduled rebuild caught up',
        );
        out.push({ region: entry.region, jobId, slot: latest, skipped });
      } catch (error) {
        failed = true;
        log.error({ reason: (error as Error).message }, 'could not catch up the scheduled rebuild');
      }
    }
    if (failed) retryCatchUpSoon();
    return out;
  }

  /** One catch-up at a time; a failure to reach Redis schedules a retry. */
  function runCatchUp(): Promise<CaughtUp[]> {
    catchingUp ??= catchUpOnce()
      .then((caught) => {
        unreachable = false;
        return caught;
      })
      .catch((error: unknown) => {
        // Said once per outage; the retries every retryMs are debug lines.
        (unreachable ? logger.debug.bind(logger) : logger.warn.bind(logger))(
          { reason: (error as Error).message, retryMs },
          'cannot check for missed scheduled rebuilds yet; retrying',
        );
        unreachable = true;
        retryCatchUpSoon();
        return [];
      })
      .finally(() => (catchingUp = null));
    return catchingUp;
  }

  function install(next: RegionSchedule[]): void {
    schedules = next;
    byRegion = new Map(next.map((s) => [s.region, s]));
    const since = now().getTime();
    for (const entry of next) if (!scheduledSince.has(entry.region)) scheduledSince.set(entry.region, since);
    tasks = next.map((entry) => {
      const task = schedule(
        entry.cron,
        // context.date is the scheduled instant, identical on every instance, unlike the clock.
        (context) => fire(entry.region, context.date),
        { timezone: entry.timezone, name: `rebuild:${entry.region}`, noOverlap: true },
      );
      // A firing node-cron could not run in time (stalled event loop, suspended host).
      task.on('execution:missed', () => void runCatchUp());
      return task;
    });
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
  // Slots missed while no scheduler ran (a restart, a deploy) are caught up at start.
  void runCatchUp();
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
    catchUp: runCatchUp,
    reload,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (retryTimer) clearTimeout(retryTimer);
      await reloading;
      await catchingUp;
      await uninstall();
      logger.info('scheduler stopped');
    },
  };
}
