import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  InvalidRegionNameError,
  RegionNotFoundError,
  isRegionName,
  resolveRegionDir,
} from '../config/regionPaths.js';
import type { Logger } from '../log/logger.js';
import type { JobKind } from '../queue/jobDefinitions.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { RedisUnavailableError, withDeadline } from '../queue/redisDeadline.js';
import { policyPoolIds } from '../app/splitPlan.js';
import { MAX_REP_GROUPS } from '../domain/pipeline/splitUnits.js';
import { isVersionName } from '../io/publish/versionName.js';
import { VersionDamagedError, VersionNotFoundError } from '../io/publish/publishVersion.js';
import { approveVersion, rejectVersion, ReviewError } from '../io/publish/review.js';
import { isAuthorized } from './auth.js';
import { HttpError, readJsonBody } from './readJsonBody.js';

export interface ApiDeps {
  regionsDir: string;
  /** Folder of the region output folders (OUT_DIR): approve and reject act on `<outDir>/<region>`. */
  outDir: string;
  apiToken: string;
  bodyLimitBytes: number;
  queue: JobQueue;
  logger: Logger;
  /**
   * How long a request waits for Redis before answering 503 with Retry-After (API_REDIS_TIMEOUT_MS,
   * default 3000), whatever the queue's own deadline.
   */
  redisTimeoutMs?: number;
}

/** Seconds a client is told to wait (Retry-After) when Redis is down. */
const RETRY_AFTER_SECONDS = 5;

/** A queue call within the request's Redis deadline (RedisUnavailableError -> 503). */
function fromQueue<T>(deps: ApiDeps, work: Promise<T>): Promise<T> {
  const ms = deps.redisTimeoutMs ?? 3_000;
  return withDeadline(work, ms, () => new RedisUnavailableError('(redis)', ms));
}

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

/** Body of POST /regions/:region/versions/:version/approve|reject; both fields optional. */
const reviewBodySchema = z.strictObject({
  /** Who decides, for the audit log. */
  by: z.string().min(1).max(200).optional(),
  /** Note for the audit log. */
  note: z.string().max(2000).optional(),
});

/** Job ids: manual `<kind>:<region>:<ms>-<nonce>`, scheduled `rebuild:<region>:2025-06-02T0200+0800`. */
const JOB_ID_PATTERN = /^[A-Za-z0-9:_+-]{1,200}$/;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in the path');
  }
}

async function triggerRegionJob(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ApiDeps,
  rawRegion: string,
  kind: JobKind,
): Promise<void> {
  const region = decodeSegment(rawRegion);
  // Validate the name before any file access: no dots, slashes or other path tricks reach the fs.
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
  send(
    res,
    202,
    { jobId: outcome.jobId, region, kind, status: `/jobs/${encodeURIComponent(outcome.jobId)}` },
    {
      location: `/jobs/${encodeURIComponent(outcome.jobId)}`,
    },
  );
}

/** A zod failure of a request body as a 400 naming the first offending key. */
function bodyError(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  return new HttpError(
    400,
    `invalid body: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid'}`,
  );
}

/**
 * POST /regions/:region/versions/:version/approve|reject: a manager's decision on a candidate,
 * audited with the body's `by` and `note`. 200 with the new status; 404 for an unknown region or
 * version, 409 when the version is not a pending candidate, was rejected, is stale (planned on an
 * older current; rebase with the CLI) or damaged.
 */
async function reviewVersion(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ApiDeps,
  rawRegion: string,
  rawVersion: string,
  action: 'approve' | 'reject',
): Promise<void> {
  const region = decodeSegment(rawRegion);
  if (!isRegionName(region)) throw new InvalidRegionNameError(region);
  const version = decodeSegment(rawVersion);
  if (!isVersionName(version)) throw new HttpError(400, 'invalid version name');
  const body = reviewBodySchema.safeParse(await readJsonBody(req, deps.bodyLimitBytes));
  if (!body.success) throw bodyError(body.error);
  const out = join(deps.outDir, region);
  if (!(await stat(out).catch(() => null))?.isDirectory()) throw new RegionNotFoundError(region, deps.outDir);
  const input = { by: body.data.by ?? 'api', note: body.data.note ?? null };
  if (action === 'approve') {
    const switched = await approveVersion(out, version, input);
    return send(res, 200, { region, version, status: 'current', from: switched.from, to: switched.to });
  }
  const rejected = await rejectVersion(out, version, input);
  return send(res, 200, { region, version, status: 'rejected', current: rejected.current });
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const method = req.method ?? 'GET';

  if (url.pathname === '/healthz') {
    if (method !== 'GET' && method !== 'HEAD')
      return send(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    const redis = await fromQueue(deps, deps.queue.ping()).catch(() => false);
    return send(
      res,
      redis ? 200 : 503,
      { status: redis ? 'ok' : 'degraded', redis: redis ? 'up' : 'down' },
      redis ? {} : { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }

  if (!isAuthorized(req.headers.authorization, deps.apiToken)) {
    return send(res, 401, { error: 'missing or invalid bearer token' }, { 'www-authenticate': 'Bearer' });
  }

  if (parts[0] === 'regions' && parts.length === 3 && (parts[2] === 'rebuild' || parts[2] === 'resegment')) {
    if (method !== 'POST') return send(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
    return triggerRegionJob(req, res, deps, parts[1] ?? '', parts[2]);
  }
  if (
    parts[0] === 'regions' &&
    parts.length === 5 &&
    parts[2] === 'versions' &&
    (parts[4] === 'approve' || parts[4] === 'reject')
  ) {
    if (method !== 'POST') return send(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
    return reviewVersion(req, res, deps, parts[1] ?? '', parts[3] ?? '', parts[4]);
  }
  if (parts[0] === 'jobs' && parts.length === 2) {
    if (method !== 'GET') return send(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
    const id = decodeSegment(parts[1] ?? '');
    if (!JOB_ID_PATTERN.test(id)) throw new HttpError(400, 'invalid job id');
    const job = await fromQueue(deps, deps.queue.getJob(id, { logs: 50 }));
    return job ? send(res, 200, job) : send(res, 404, { error: `no job ${id}` });
  }
  if (parts[0] === 'jobs' && parts.length === 1) {
    if (method !== 'GET') return send(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
    const region = url.searchParams.get('region');
    if (region !== null && !isRegionName(region)) throw new InvalidRegionNameError(region);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, 'limit must be 1-500');
    const jobs = await fromQueue(deps, deps.queue.listJobs({ limit, ...(region ? { region } : {}) }));
    return send(res, 200, { jobs });
  }
  return send(res, 404, { error: 'not found' });
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof InvalidRegionNameError) return 400;
  if (error instanceof RegionNotFoundError) return 404;
  if (error instanceof RedisUnavailableError) return 503;
  if (error instanceof VersionNotFoundError) return 404;
  if (error instanceof ReviewError || error instanceof VersionDamagedError) return 409;
  return 500;
}

/**
 * The message a client sees: never the server's folders. Region lookups answer with the name
 * only; any other message has the regions folder (as configured and resolved) cut out.
 */
function publicMessage(error: unknown, status: number, roots: readonly string[]): string {
  if (status === 500) return 'internal error';
  if (status === 503) return 'Redis is unavailable; retry later';
  if (error instanceof RegionNotFoundError) return `unknown region "${error.region}"`;
  if (error instanceof VersionNotFoundError) return `unknown version "${error.version}"`;
  if (error instanceof VersionDamagedError)
    return `version ${error.version} does not match its manifest checksums; it cannot be made current`;
  let message = (error as Error).message;
  for (const root of roots) {
    message = message.split(`${root}/`).join('').split(root).join('<regions>');
  }
  return message;
}

/** The regions folder as configured and as resolved (symlinks), longest first. */
function folderSpellings(regionsDir: string): string[] {
  const spellings = new Set([regionsDir.replace(/\/+$/, '')]);
  try {
    spellings.add(realpathSync(regionsDir));
  } catch {
    // A missing regions folder has only its configured spelling.
  }
  return [...spellings].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
}

/**
 * Builds the HTTP API (node:http, no framework): POST /regions/:region/rebuild|resegment (202 with
 * the job id), POST /regions/:region/versions/:version/approve|reject (200 with the version's
 * new status), GET /jobs/:id, GET /jobs, GET /healthz. Everything but /healthz needs the bearer
 * token; region names are validated before any file access and resolved only inside the regions
 * folder; bodies are size-limited JSON. Unexpected errors answer 500 without internals.
 */
export function createApiServer(deps: ApiDeps): Server {
  const roots = [...folderSpellings(deps.regionsDir), ...folderSpellings(deps.outDir)].sort(
    (a, b) => b.length - a.length,
  );
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.logger.debug(
        { method: req.method, path: (req.url ?? '').split('?')[0], status: res.statusCode, ms },
        'http request',
      );
    });
    route(req, res, deps).catch((error: unknown) => {
      const status = statusOf(error);
      if (status === 500) deps.logger.error({ reason: (error as Error).message }, 'http request failed');
      if (status === 503)
        deps.logger.warn({ reason: (error as Error).message }, 'http request failed: Redis unavailable');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // The unread rest of a refused body is not worth reading: close the connection after replying.
      const headers: Record<string, string> =
        status === 413
          ? { connection: 'close' }
          : status === 503
            ? { 'retry-after': String(RETRY_AFTER_SECONDS) }
            : {};
      send(res, status, { error: publicMessage(error, status, roots) }, headers);
    });
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 50;
  return server;
}

export interface ApiHandle {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/** Starts the API on host:port (port 0 picks a free one) and resolves once it listens. */
export async function startApi(deps: ApiDeps, host: string, port: number): Promise<ApiHandle> {
  const server = createApiServer(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  deps.logger.info({ host, port: actual }, 'api listening');
  return {
    server,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
