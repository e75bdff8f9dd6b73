import { randomBytes } from 'node:crypto';
import { FlowProducer, Queue, type Job } from 'bullmq';
import { redactRedisUrl, type AppConfig } from '../config/env.js';
import type { Redis } from 'ioredis';
import { bullConnection, createRedisClient } from '../config/redisConnection.js';
import { scheduledSlotJobId } from './cronSlots.js';
import { RedisUnavailableError, withDeadline } from './redisDeadline.js';
import {
  JOB_KINDS,
  JOB_MODES,
  JOB_NAMES,
  QUEUE_NAME,
  flowIdOf,
  manualJobId,
  regionJobOptions,
  territoryJobId,
  type AnyJobResult,
  type JobKind,
  type JobTrigger,
  type RegionJobPayloadInput,
  type TerritoryJobPayloadInput,
} from './jobDefinitions.js';

/** A job as shown by `territory jobs` and GET /jobs/:id. */
export interface JobView {
  id: string;
  name: string;
  region: string | null;
  state: string;
  progress: { stage: string; percent: number } | null;
  attemptsMade: number;
  attempts: number;
  trigger: string | null;
  force: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** From first start to finish (or to now while running), ms. */
  durationMs: number | null;
  /**
   * A region job's summary, a pool job's (split flows: `pool` is set) or a split flow's
   * territory job's (`territoryPools` is set).
   */
  result: AnyJobResult | null;
  error: string | null;
  logs?: string[];
}

export interface EnqueueRequest {
  kind: JobKind;
  region: string;
  force?: boolean;
  seed?: number;
  /** Publish directly instead of as a candidate (see RegionJobPayload.publish). */
  publish?: boolean;
  trigger: JobTrigger;
  /**
   * Split the region into one child job per pool (these pool ids, from the region's policy), so
   * several workers plan it together; the parent job assembles the pools and publishes.
   */
  splitPools?: readonly string[];
  /** With `splitPools`: split each pool's reps into this many child jobs too (default 1). */
  splitGroups?: number;
}

export interface EnqueueOutcome {
  jobId: string;
  /** False when a job with this id already existed (e.g. another scheduler enqueued it first). */
  created: boolean;
}

/** The only way producers (scheduler, API, CLI) talk to the queue. */
export interface JobQueue {
  /** Enqueues a manual rebuild/resegment with a fresh id. */
  enqueue(request: EnqueueRequest): Promise<EnqueueOutcome>;
  /**
   * Enqueues the scheduled rebuild of `region` for the slot `slot` of its schedule (job id
   * rebuild:<region>:<slot in the schedule's zone>, idempotent per slot across schedulers), and
   * records the slot as the region's latest enqueued one; with `splitPools`, as a flow of one
   * child job per pool.
   */
  enqueueScheduled(
    region: string,
    slot: Date,
    timezone: string,
    force?: boolean,
    splitPools?: readonly string[],
  ): Promise<EnqueueOutcome>;
  getJob(id: string, options?: { logs?: number }): Promise<JobView | null>;
  /** Most recent jobs first, optionally of one region. */
  listJobs(options?: { region?: string; limit?: number }): Promise<JobView[]>;
  /**
   * The latest scheduled slot (ms since epoch) enqueued for each of `regions` by any scheduler;
   * regions without a record are absent. The scheduler catches up missed slots after it.
   */
  lastScheduledSlots(regions: readonly string[]): Promise<Map<string, number>>;
  /** Workers connected to the queue now (BullMQ's CLIENT LIST view). */
  workerCount(): Promise<number>;
  /** True when Redis answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The underlying BullMQ queue (tests, bench). */
  readonly queue: Queue;
}

/** How long a scheduled flow's claim is kept: longer than any day's schedulers can disagree. */
const FLOW_CLAIM_TTL_MS = 3 * 24 * 3600 * 1000;

/** Sets KEYS[1] to ARGV[1] when that is larger than its value: the latest slot only moves forward. */
const RECORD_SLOT_SCRIPT = `local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) return 1 end
return 0`;

/** Errors of ioredis that mean "Redis cannot be reached", not "the command failed". */
function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /max retries per request|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH/i.test(
    message,
  );
}

export interface JobQueueOptions {
  /**
   * How long one call may wait for Redis before it fails with RedisUnavailableError (default
   * REDIS_CONNECT_TIMEOUT_MS). BullMQ itself would wait for a connection forever.
   */
  timeoutMs?: number;
}

const LISTED_STATES = [
  'active',
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
] as const;

function iso(ms: number | undefined): string | null {
  return ms ? new Date(ms).toISOString() : null;
}

function progressOf(value: unknown): JobView['progress'] {
  if (value && typeof value === 'object' && 'stage' in value && 'percent' in value) {
    return { stage: String(value.stage), percent: Number(value.percent) };
  }
  return null;
}

/** Converts a BullMQ job of `queue` into its view; `nowMs` gives the running duration of active jobs. */
export async function viewJob(queue: Queue, fetched: Job, nowMs: number, logs?: string[]): Promise<JobView> {
  const state = await fetched.getState();
  // The job's fields were read before its state: a job that reached a final state in between
  // would show the previous attempt's counters (e.g. failed after 1 of 2 attempts). Final states
  // do not change again, so read the fields once more after seeing one.
  const job =
    state === 'completed' || state === 'failed'
      ? ((await queue.getJob(fetched.id ?? '')) ?? fetched)
      : fetched;
  const data = (job.data ?? {}) as Partial<RegionJobPayloadInput>;
  const startedAt = job.processedOn ?? null;
  const end = job.finishedOn ?? (state === 'active' ? nowMs : null);
  return {
    id: job.id ?? '',
    name: job.name,
    region: typeof data.region === 'string' ? data.region : null,
    state,
    progress: progressOf(job.progress),
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    trigger: typeof data.trigger === 'string' ? data.trigger : null,
    force: data.force === true,
    createdAt: new Date(job.timestamp).toISOString(),
    startedAt: iso(startedAt ?? undefined),
    finishedAt: iso(job.finishedOn),
    durationMs: startedAt !== null && end !== null ? Math.max(0, end - startedAt) : null,
    result: (job.returnvalue as AnyJobResult | null | undefined) ?? null,
    error: job.failedReason ? job.failedReason : null,
    ...(logs ? { logs } : {}),
  };
}

/**
 * Opens the planning queue with the configured connection and prefix. Every call is bounded:
 * when Redis does not answer within `options.timeoutMs` (REDIS_CONNECT_TIMEOUT_MS) it fails with
 * a RedisUnavailableError naming the Redis URL without its password, instead of waiting for a
 * connection forever; `close` is bounded the same way and then drops the connections.
 */
export function createJobQueue(config: AppConfig, options: JobQueueOptions = {}): JobQueue {
  const timeoutMs = options.timeoutMs ?? config.redisConnectTimeoutMs;
  const queue = new Queue(QUEUE_NAME, {
    connection: bullConnection(config, 'producer'),
    prefix: config.queuePrefix,
    defaultJobOptions: regionJobOptions(config),
  });
  let lastError: string | undefined;
  const noteError = (error: Error): void => {
    lastError = error.message;
  };
  // Connection errors surface as failed calls; the 'error' event must be handled to not crash.
  queue.on('error', noteError);
  /** `work()` within the deadline, else RedisUnavailableError (with the last connection error). */
  function bounded<T>(work: () => Promise<T>): Promise<T> {
    const unavailable = (): RedisUnavailableError =>
      new RedisUnavailableError(redactRedisUrl(config.redisUrl), timeoutMs, lastError);
    return withDeadline(
      work().catch((error: unknown) => {
        // ioredis gives up a command after a few reconnects: the same outage, the same message.
        throw isConnectionError(error) ? unavailable() : error;
      }),
      timeoutMs,
      unavailable,
    );
  }
  function redis(): Redis {
    if (!claims) {
      claims = createRedisClient(config, 'producer');
      claims.on('error', noteError);
    }
    return claims;
  }
  const slotKey = (region: string): string => `${config.queuePrefix}:${QUEUE_NAME}:schedule-slot:${region}`;
  // Created on the first split enqueue only: most producers never need more connections.
  let flows: FlowProducer | null = null;
  let claims: Redis | null = null;
  function flowProducer(): FlowProducer {
    if (!flows) {
      flows = new FlowProducer({
        connection: bullConnection(config, 'producer'),
        prefix: config.queuePrefix,
      });
      flows.on('error', noteError);
    }
    return flows;
  }

  /**
   * Adds a split job as one flow, atomically: the parent (the usual rebuild/resegment job, told
   * which pools to assemble) waits in waiting-children for its one child, the territory job,
   * which draws every pool's territories once and then adds the cycle children (one per pool, or
   * per group of a pool's reps; longest first) to the same parent before it completes. The
   * parent runs when every child has completed; a child that fails for good fails the parent,
   * so nothing is published.
   */
  async function addSplit(
    request: EnqueueRequest,
    payload: RegionJobPayloadInput,
    id: string,
    flowId: string,
    pools: readonly string[],
  ): Promise<EnqueueOutcome> {
    const name = JOB_KINDS[request.kind];
    const mode = JOB_MODES[name];
    if (mode === 'fresh') throw new Error('fresh plans are not queued');
    const options = regionJobOptions(config);
    const groups = request.splitGroups ?? 1;
    const territories: TerritoryJobPayloadInput = {
      region: request.region,
      mode,
      force: payload.force ?? false,
      trigger: request.trigger,
      requestedAt: payload.requestedAt,
      flowId,
      pools: [...pools],
      ...(groups > 1 ? { groups } : {}),
      ...(payload.seed === undefined ? {} : { seed: payload.seed }),
      parentId: id,
    };
    await flowProducer().add({
      name,
      queueName: QUEUE_NAME,
      data: { ...payload, split: { flowId, pools: [...pools], ...(groups > 1 ? { groups } : {}) } },
      opts: { ...options, jobId: id },
      children: [
        {
          name: JOB_NAMES.planRegionTerritories,
          queueName: QUEUE_NAME,
          data: territories,
          opts: { ...options, jobId: territoryJobId(request.region, flowId), failParentOnFailure: true },
        },
      ],
    });
    return { jobId: id, created: true };
  }

  async function add(name: string, payload: RegionJobPayloadInput, jobId: string): Promise<EnqueueOutcome> {
    const job = await queue.add(name, payload, { ...regionJobOptions(config), jobId });
    const id = job.id ?? jobId;
    // BullMQ ignores an add whose id exists but still returns a Job built from our data, so read
    // the stored job back to tell whether ours was the one stored.
    const stored = await queue.getJob(id);
    const data = (stored?.data ?? payload) as Partial<RegionJobPayloadInput>;
    return { jobId: id, created: data.requestId === payload.requestId };
  }

  async function enqueueScheduled(
    region: string,
    slot: Date,
    timezone: string,
    force = false,
    splitPools?: readonly string[],
  ): Promise<EnqueueOutcome> {
    const payload: RegionJobPayloadInput = {
      region,
      force,
      trigger: 'schedule',
      requestedAt: new Date().toISOString(),
      requestId: randomBytes(8).toString('hex'),
    };
    const id = scheduledSlotJobId(region, slot, timezone);
    let outcome: EnqueueOutcome;
    if (!splitPools || splitPools.length === 0) outcome = await add(JOB_KINDS.rebuild, payload, id);
    else {
      // A flow whose parent id exists still adds its children again (BullMQ dedupes jobs, not
      // flows), so the schedulers first race for a claim on the slot's id; only the winner adds.
      const claim = `${config.queuePrefix}:${QUEUE_NAME}:scheduled-flow:${id}`;
      const won = await redis().set(claim, payload.requestId ?? '1', 'PX', FLOW_CLAIM_TTL_MS, 'NX');
      if (won !== 'OK' || (await queue.getJob(id))) outcome = { jobId: id, created: false };
      else {
        // The flow is named by the scheduled instant, identical on every scheduler.
        const flowId = `${slot.getTime()}-sched`;
        outcome = await addSplit(
          { kind: 'rebuild', region, trigger: 'schedule', force },
          payload,
          id,
          flowId,
          splitPools,
        );
      }
    }
    await redis().eval(RECORD_SLOT_SCRIPT, 1, slotKey(region), String(slot.getTime()));
    return outcome;
  }

  return {
    queue,
    enqueue: (request) => bounded(() => enqueue(request)),
    enqueueScheduled: (...args) => bounded(() => enqueueScheduled(...args)),
    getJob: (id, options) => bounded(() => getJob(id, options)),
    listJobs: (options) => bounded(() => listJobs(options)),
    lastScheduledSlots: (regions) =>
      bounded(async () => {
        const out = new Map<string, number>();
        if (regions.length === 0) return out;
        const values = await redis().mget(...regions.map(slotKey));
        regions.forEach((region, i) => {
          const value = Number(values[i] ?? NaN);
          if (Number.isFinite(value) && value > 0) out.set(region, value);
        });
        return out;
      }),
    workerCount: () => bounded(() => queue.getWorkersCount()),
    ping,
    async close() {
      // quit() waits for pending commands; a Redis that never answered gets its sockets dropped.
      const closing = Promise.all([queue.close(), flows?.close(), claims?.quit()]);
      try {
        await withDeadline(closing, Math.min(timeoutMs, 2_000), () => new Error('close timed out'));
      } catch {
        await queue.disconnect().catch(() => undefined);
        await flows?.disconnect().catch(() => undefined);
        claims?.disconnect();
      }
    },
  };

  async function enqueue(request: EnqueueRequest): Promise<EnqueueOutcome> {
    const now = new Date();
    const payload: RegionJobPayloadInput = {
      region: request.region,
      force: request.force ?? false,
      trigger: request.trigger,
      requestedAt: now.toISOString(),
      requestId: randomBytes(8).toString('hex'),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.publish === undefined ? {} : { publish: request.publish }),
    };
    const nonce = randomBytes(4).toString('hex');
    const id = manualJobId(request.kind, request.region, now, nonce);
    if (request.splitPools && request.splitPools.length > 0)
      return addSplit(request, payload, id, flowIdOf(now, nonce), request.splitPools);
    return add(JOB_KINDS[request.kind], payload, id);
  }

  async function getJob(id: string, options?: { logs?: number }): Promise<JobView | null> {
    const job = await queue.getJob(id);
    if (!job) return null;
    const logs = options?.logs ? (await queue.getJobLogs(id, -options.logs, -1)).logs : undefined;
    return viewJob(queue, job, Date.now(), logs);
  }

  async function listJobs(options?: { region?: string; limit?: number }): Promise<JobView[]> {
    const limit = Math.max(1, Math.min(options?.limit ?? 20, 500));
    // Fetch more than asked when filtering by region; jobs are few per day, so this stays small.
    const fetch = options?.region ? Math.max(limit * 10, 200) : limit;
    const jobs = (await queue.getJobs([...LISTED_STATES], 0, fetch - 1, false)).filter((job): job is Job =>
      Boolean(job),
    );
    const mine = options?.region
      ? jobs.filter((j) => (j.data as { region?: unknown }).region === options.region)
      : jobs;
    mine.sort((a, b) => b.timestamp - a.timestamp);
    const now = Date.now();
    return Promise.all(mine.slice(0, limit).map((job) => viewJob(queue, job, now)));
  }

  async function ping(): Promise<boolean> {
    // A cheap read with a short deadline: health checks must answer even while Redis is down.
    try {
      return await withDeadline(
        queue.getJobCounts('active').then(() => true),
        Math.min(timeoutMs, 2_000),
        () => new Error('timeout'),
      );
    } catch {
      return false;
    }
  }
}
