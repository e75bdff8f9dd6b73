import { join } from 'node:path';
import { z } from 'zod';
import { isRegionName, InvalidRegionNameError } from '../../config/regionPaths.js';
import { promotionNotice } from '../../io/publish/promoteScenario.js';
import { readManifest } from '../../io/publish/publishVersion.js';
import { approveVersion, rejectVersion } from '../../io/publish/review.js';
import { isVersionName } from '../../io/publish/versionName.js';
import { bodyError } from '../bodyError.js';
import { HttpError } from '../httpError.js';
import { readJsonBody } from '../readJsonBody.js';
import { requireRegionOutputDir } from '../regionOutput.js';
import { sendJson } from '../reply.js';
import type { ApiRoute, RouteContext } from '../route.js';

/** Body of POST /regions/:region/versions/:version/approve|reject; both fields optional. */
const reviewBodySchema = z.strictObject({
  /** Who decides, for the audit log. */
  by: z.string().min(1).max(200).optional(),
  /** Note for the audit log. */
  note: z.string().max(2000).optional(),
});

/**
 * POST /regions/:region/versions/:version/approve|reject: a manager's decision on a candidate,
 * audited with the body's `by` (default `api`) and `note`. 200 with the new status; 404 for an
 * unknown region or version, 409 when the version is not a pending candidate, was rejected, is
 * stale (planned on an older current; rebase with the CLI) or damaged.
 */
async function reviewVersion(
  { req, res, deps, params }: RouteContext,
  action: 'approve' | 'reject',
): Promise<void> {
  const region = params.region ?? '';
  if (!isRegionName(region)) throw new InvalidRegionNameError(region);
  const version = params.version ?? '';
  if (!isVersionName(version)) throw new HttpError(400, 'invalid version name');
  const body = reviewBodySchema.safeParse(await readJsonBody(req, deps.bodyLimitBytes));
  if (!body.success) throw bodyError(body.error);
  const out = await requireRegionOutputDir(deps, region);
  const input = { by: body.data.by ?? 'api', note: body.data.note ?? null };
  if (action === 'approve') {
    const switched = await approveVersion(out, version, input);
    // As `territory approve` says it: a promoted scenario's own reps or policy are not the region's.
    const manifest = await readManifest(join(out, 'versions', version)).catch(() => null);
    const notice = manifest ? promotionNotice(manifest) : null;
    return sendJson(res, 200, {
      region,
      version,
      status: 'current',
      from: switched.from,
      to: switched.to,
      ...(notice ? { notice } : {}),
    });
  }
  const rejected = await rejectVersion(out, version, input);
  sendJson(res, 200, { region, version, status: 'rejected', current: rejected.current });
}

/** A manager's decisions on candidates (role approve). */
export const reviewRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/regions/{region}/versions/{version}/approve',
    role: 'approve',
    handle: (c) => reviewVersion(c, 'approve'),
  },
  {
    method: 'POST',
    path: '/regions/{region}/versions/{version}/reject',
    role: 'approve',
    handle: (c) => reviewVersion(c, 'reject'),
  },
];
