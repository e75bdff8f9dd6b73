import { listVersions } from '../../io/publish/publishVersion.js';
import { contentTypeOf } from '../contentTypes.js';
import { HttpError } from '../httpError.js';
import { requireRegionOutputDir } from '../regionOutput.js';
import { sendJson } from '../reply.js';
import type { ApiRoute, RouteContext } from '../route.js';
import { sendFile } from '../sendFile.js';
import { restoreVersionFiles } from '../../io/publish/versionArchive.js';
import { readServedManifest, resolveServedVersion, type ServedVersion } from '../servedVersion.js';
import { versionView } from '../versionView.js';

/** Cache-Control of a file asked for through `current` or `latest`: revalidate (ETag) every time. */
export const MOVING_CACHE = 'private, no-cache';
/** Cache-Control of a file of a version named in the URL: its bytes never change. */
export const NAMED_CACHE = 'private, max-age=31536000, immutable';

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** The version a request names: its region's output folder, the scenario when the route has one, the reference. */
async function servedVersionOf({ deps, params }: RouteContext, inScenario: boolean): Promise<ServedVersion> {
  const region = params.region ?? '';
  const regionOut = await requireRegionOutputDir(deps, region);
  return resolveServedVersion(
    region,
    regionOut,
    inScenario ? (params.scenario ?? '') : null,
    params.version ?? '',
  );
}

/**
 * GET a version (of the region, or of a scenario): its status and provenance as listed, the
 * manifest, and each listed file with its content type and URL (by version name, also when asked
 * for through `current` or `latest`).
 */
async function getVersion(context: RouteContext, inScenario: boolean): Promise<void> {
  const served = await servedVersionOf(context, inScenario);
  const manifest = await readServedManifest(served);
  const info = (await listVersions(served.outDir)).find((v) => v.version === served.version);
  if (!info) throw new HttpError(404, `unknown version "${served.version}"`);
  sendJson(context.res, 200, {
    region: served.region,
    ...(served.scenario === null ? {} : { scenario: served.scenario }),
    ...versionView(served.region, served.scenario, info),
    files: manifest.files.map((f) => ({
      ...f,
      contentType: contentTypeOf(f.path),
      href: `${served.href}/files/${encodePath(f.path)}`,
    })),
    manifest,
  });
}

/**
 * GET one file of a version: only files its manifest lists (anything else is 404), checked
 * against the manifest and sent by sendFile. Through `current` or `latest` the answer must be
 * revalidated (`no-cache`) and names the version's own URL in Content-Location; a version named
 * in the URL is immutable.
 */
async function getVersionFile(context: RouteContext, inScenario: boolean): Promise<void> {
  const served = await servedVersionOf(context, inScenario);
  const manifest = await readServedManifest(served);
  const path = context.params.path ?? '';
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) throw new HttpError(404, `no file "${path}" in version ${served.version}`);
  // An old version kept compressed (archiveOldVersions) gets this file back plain; the next
  // publish compresses it again.
  await restoreVersionFiles(served.dir, [entry.path]);
  await sendFile(context, {
    root: served.dir,
    path: entry.path,
    expected: entry,
    cacheControl: served.moving ? MOVING_CACHE : NAMED_CACHE,
    owner: `version ${served.version}`,
    headers: served.moving ? { 'content-location': `${served.href}/files/${encodePath(entry.path)}` } : {},
  });
}

/** A version's manifest and files, for the region's versions and a scenario's (role read). */
export const versionRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/regions/{region}/versions/{version}',
    role: 'read',
    handle: (c) => getVersion(c, false),
  },
  {
    method: 'GET',
    path: '/regions/{region}/versions/{version}/files/{path}',
    role: 'read',
    handle: (c) => getVersionFile(c, false),
  },
  {
    method: 'GET',
    path: '/regions/{region}/scenarios/{scenario}/versions/{version}',
    role: 'read',
    handle: (c) => getVersion(c, true),
  },
  {
    method: 'GET',
    path: '/regions/{region}/scenarios/{scenario}/versions/{version}/files/{path}',
    role: 'read',
    handle: (c) => getVersionFile(c, true),
  },
];
