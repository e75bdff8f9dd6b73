import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { realPathInside } from '../containedPath.js';
import { HttpError } from '../httpError.js';
import { regionOutputDir, requireRegionOutputDir } from '../regionOutput.js';
import { sendJson } from '../reply.js';
import type { ApiRoute, RouteContext } from '../route.js';
import { sendFile } from '../sendFile.js';
import { MOVING_CACHE } from './versionRoutes.js';
import { COMPARE_DIR, COMPARE_SLUG_PATTERN } from '../../io/compare/compareSlug.js';

/** The files of a comparison the API serves. */
export const COMPARE_FILES = ['compare.json', 'compare.html'] as const;

/** The stored comparisons of a region's output folder: slug folders inside it, sorted. */
async function comparisonsOf(regionOut: string): Promise<Array<{ slug: string; dir: string }>> {
  const entries = await readdir(join(regionOut, COMPARE_DIR)).catch(() => [] as string[]);
  const found = await Promise.all(
    entries
      .filter((slug) => COMPARE_SLUG_PATTERN.test(slug))
      .map(async (slug) => ({
        slug,
        dir: await realPathInside(regionOut, join(regionOut, COMPARE_DIR, slug)),
      })),
  );
  return found
    .filter((c): c is { slug: string; dir: string } => c.dir !== null)
    .sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

/** GET /regions/:region/comparisons: each stored comparison with the files it has and when they were written. */
async function getComparisons({ res, deps, params }: RouteContext): Promise<void> {
  const region = params.region ?? '';
  const regionOut = await regionOutputDir(deps, region);
  const comparisons = [];
  for (const { slug, dir } of regionOut === null ? [] : await comparisonsOf(regionOut)) {
    const files = [];
    for (const name of COMPARE_FILES) {
      const info = await stat(join(dir, name)).catch(() => null);
      if (info?.isFile())
        files.push({
          path: name,
          size: info.size,
          modifiedAt: info.mtime.toISOString(),
          href: `/regions/${region}/comparisons/${slug}/${name}`,
        });
    }
    comparisons.push({ slug, files });
  }
  sendJson(res, 200, { region, comparisons });
}

/**
 * GET /regions/:region/comparisons/:slug/compare.json|compare.html: the stored file, with an
 * ETag of its sha256 (hashed when served: comparisons have no manifest) and `no-cache`, since
 * running the same comparison again rewrites it.
 */
async function getComparisonFile(context: RouteContext): Promise<void> {
  const { deps, params } = context;
  const region = params.region ?? '';
  const slug = params.slug ?? '';
  const file = params.file ?? '';
  if (!COMPARE_SLUG_PATTERN.test(slug))
    throw new HttpError(400, 'invalid comparison slug: use 1-200 of A-Z, a-z, 0-9 and -');
  if (!(COMPARE_FILES as readonly string[]).includes(file))
    throw new HttpError(404, `no file "${file}" in a comparison (${COMPARE_FILES.join(', ')})`);
  const regionOut = await requireRegionOutputDir(deps, region);
  const comparison = (await comparisonsOf(regionOut)).find((c) => c.slug === slug);
  if (!comparison) throw new HttpError(404, `unknown comparison "${slug}"`);
  await sendFile(context, {
    root: comparison.dir,
    path: file,
    expected: null,
    cacheControl: MOVING_CACHE,
    owner: `comparison ${slug}`,
  });
}

/** Stored comparisons of `territory compare` (role read). */
export const compareRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/regions/{region}/comparisons', role: 'read', handle: getComparisons },
  {
    method: 'GET',
    path: '/regions/{region}/comparisons/{slug}/{file}',
    role: 'read',
    handle: getComparisonFile,
  },
];
