import { z } from 'zod';
import { InvalidRegionNameError, isRegionName, resolveRegionDir } from '../../config/regionPaths.js';
import { policyPoolIds } from '../../app/splitPlan.js';
import { MAX_REP_GROUPS } from '../../domain/pipeline/splitUnits.js';
import type { JobKind } from '../../queue/jobDefinitions.js';
import { bodyError } from '../bodyError.js';
import { fromQueue } from '../fromQueue.js';
import { HttpError } from '../httpError.js';
import { readJsonBody } from '../readJsonBody.js';
import { sendJson } from '../reply.js';
import type { ApiRoute, RouteContext } from '../route.js';

/** Body of POST /regions/:region/rebuild|resegment; every field optional. */
const triggerBodySchema = z.strictObject({
  force: z.boolean().optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** Plan the region as one child job per pool on several workers (see EnqueueRequest.splitPools). */
  split: z.boolean().optional(),
  /** Publish directly instead of as a candidate (a resegment is a candidate by default). */
  publish: z.boolean().optional(),
  /** With split: groups of reps each pool is split into (1-16). */
  groups: z.number().int().min(1).max(MAX_REP_GROUPS).optional(),
});

/** Job ids: manual `<kind>:<region>:<ms>-<nonce>`, scheduled `rebuild:<region>:2025-06-02T0200+0800`. */
const JOB_ID_PATTERN = /^[A-Za-z0-9:_+-]{1,200}$/;

/**
 * POST /regions/:region/rebuild|resegment: queues a planning job (202 with its id and Location).
 * The region name is validated before any file access and resolved inside the regions folder;
 * with `split`, the region's policy names the pools (422 when it cannot be read).
 */
async function triggerRegionJob({ req, res, deps, params }: RouteContext, kind: JobKind): Promise<void> {
  const region = params.region ?? '';
  if (!isRegionName(region)) throw new InvalidRegionNameError(region);
  const body = triggerBodySchema.safeParse(await readJsonBody(req, deps.bodyLimitBytes));
  if (!body.success) throw bodyError(body.error);
  const regionDir = await resolveRegionDir(deps.regionsDir, region);
  let splitPools: string[] | undefined;
  if (body.data.split === true) {
    try {
      splitPools = await policyPoolIds(regionDir);
    } catch (error) {
      throw new HttpError(422, `cannot split region ${region}: ${(error as Error).message}`);
    }
  }
  const outcome = await fromQueue(
    deps,
    deps.queue.enqueue({
      kind,
      region,
      trigger: 'api',
      ...(splitPools ? { splitPools, splitGroups: body.data.groups ?? 1 } : {}),
      ...(body.data.force === undefined ? {} : { force: body.data.force }),
      ...(body.data.seed === undefined ? {} : { seed: body.data.seed }),
      ...(body.data.publish === undefined ? {} : { publish: body.data.publish }),
    }),
  );
  const status = `/jobs/${encodeURIComponent(outcome.jobId)}`;
  sendJson(res, 202, { jobId: outcome.jobId, region, kind, status }, { location: status });
}

/** GET /jobs/:id: one job with its last 50 log lines; 404 when Redis does not know it. */
async function getJob({ res, deps, params }: RouteContext): Promise<void> {
  const id = params.id ?? '';
  if (!JOB_ID_PATTERN.test(id)) throw new HttpError(400, 'invalid job id');
  const job = await fromQueue(deps, deps.queue.getJob(id, { logs: 50 }));
  return job ? sendJson(res, 200, job) : sendJson(res, 404, { error: `no job ${id}` });
}

/** GET /jobs?region=&limit=: the newest jobs (all regions or one), 1-500, default 20. */
async function listJobs({ res, deps, query }: RouteContext): Promise<void> {
  const region = query.get('region');
  if (region !== null && !isRegionName(region)) throw new InvalidRegionNameError(region);
  const limit = Number(query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, 'limit must be 1-500');
  const jobs = await fromQueue(deps, deps.queue.listJobs({ limit, ...(region ? { region } : {}) }));
  sendJson(res, 200, { jobs });
}

/** The queue's routes: trigger a rebuild or resegment (role trigger), read jobs (role read). */
export const jobRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/regions/{region}/rebuild',
    role: 'trigger',
    handle: (c) => triggerRegionJob(c, 'rebuild'),
  },
  {
    method: 'POST',
    path: '/regions/{region}/resegment',
    role: 'trigger',
    handle: (c) => triggerRegionJob(c, 'resegment'),
  },
  { method: 'GET', path: '/jobs', role: 'read', handle: listJobs },
  { method: 'GET', path: '/jobs/{id}', role: 'read', handle: getJob },
];
