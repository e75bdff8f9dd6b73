import type { Plan } from '../../domain/plan/planTypes.js';
import { chunked } from '../artifacts/artifactContent.js';
import type { Artifact } from '../artifacts/buildArtifacts.js';
import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';
import { translator } from '../../i18n/catalog.js';
import { formatZonedTime } from '../../i18n/formatZonedTime.js';
import { DEFAULT_REPORT_LOCALE, type ReportLocale } from '../../i18n/reportLocale.js';
import { escapeHtml } from './htmlText.js';
import type { MapReportInput } from './mapReportData.js';
import { MAP_REPORT_STYLE } from './mapReportStyle.js';
import { renderMapReport } from './renderMapReport.js';

/**
 * Above this many outlets map.html is an index page linking one map per pool (map/<pool>.html)
 * instead of one page with every outlet: a 200,000-outlet page is about 25 MB of embedded data,
 * which a browser tab parses and draws only slowly, and the page of a 500,000-outlet plan would
 * be one string of about 60 MB to render.
 */
export const MAP_SPLIT_OUTLETS = 100_000;

/**
 * Relative path of a pool's map part. Pool ids that are not plain file names are hex-encoded so
 * that no id can escape the map/ folder (as rep day sheets do).
 */
export function mapPartPath(pool: string): string {
  const plain = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(pool);
  return `map/${plain ? pool : `pool-${Buffer.from(pool, 'utf8').toString('hex')}`}.html`;
}

function poolOnly<T extends { pool: string | null }>(list: readonly T[], pool: string): T[] {
  return list.filter((x) => x.pool === pool);
}

function planOfPool(plan: Plan, pool: string): Plan {
  return {
    ...plan,
    outlets: poolOnly(plan.outlets, pool),
    reps: poolOnly(plan.reps, pool),
    pools: plan.pools.filter((p) => p.id === pool),
  };
}

function outlinesOfPool(
  outlines: FeatureCollection<TerritoryFeature>,
  pool: string,
): FeatureCollection<TerritoryFeature> {
  return { ...outlines, features: outlines.features.filter((f) => f.properties.pool === pool) };
}

/**
 * The map report input of one pool: its outlets, reps and territories, and the previous plan's
 * of the same pool (changes rows of other pools' outlets fall away, as the report keeps only rows
 * of outlets it shows). The KPI cards and balance chart keep the region's summary.
 */
export function poolMapInput(input: MapReportInput, pool: string): MapReportInput {
  return {
    ...input,
    part: pool,
    plan: planOfPool(input.plan, pool),
    territories: outlinesOfPool(input.territories, pool),
    previous: input.previous ? planOfPool(input.previous, pool) : null,
    previousTerritories: input.previousTerritories ? outlinesOfPool(input.previousTerritories, pool) : null,
  };
}

/** One linked part of a split map report. */
interface MapPart {
  pool: string;
  path: string;
  outlets: number;
  reps: number;
}

/**
 * The index page of a split map report: the plan's provenance, one row per pool with its outlet
 * and rep counts and a link to its map, and how many outlets are in no pool (those are on no
 * part; plan.json and segments.csv list them). Static HTML without script, in the language and
 * time zone of `locale` (default English, UTC), like the parts.
 */
export function renderMapIndex(
  plan: Plan,
  parts: readonly MapPart[],
  locale: ReportLocale = DEFAULT_REPORT_LOCALE,
): string {
  const t = translator(locale.lang);
  const noPool = plan.outlets.filter((o) => o.pool === null).length;
  const rows = parts
    .map(
      (p) =>
        `<tr><td><a href="${escapeHtml(p.path)}">${escapeHtml(p.pool)}</a></td><td>${p.outlets}</td><td>${p.reps}</td></tr>`,
    )
    .join('\n');
  const meta = t('mapIndex.meta', {
    time: formatZonedTime(plan.generatedAt, locale.timeZone),
    mode: plan.mode,
    input: plan.inputHash.slice(0, 12),
    outlets: plan.outlets.length,
    reps: plan.reps.length,
  });
  return `<!doctype html>
<html lang="${locale.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(t('map.title', { region: plan.region }))}</title>
<style>${MAP_REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(t('map.heading', { region: plan.region }))}</h1>
<div class="meta">${escapeHtml(meta)}</div>
</header>
<section id="map-parts">
<h2>${escapeHtml(t('mapIndex.heading'))}</h2>
<table id="parts"><thead><tr><th>${escapeHtml(t('mapIndex.col.pool'))}</th><th>${escapeHtml(t('mapIndex.col.outlets'))}</th><th>${escapeHtml(t('mapIndex.col.reps'))}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${noPool > 0 ? `<p class="hint" id="no-pool">${escapeHtml(t('mapIndex.noPool', { count: noPool }))}</p>` : ''}
</section>
</body>
</html>
`;
}

/**
 * The map report files of a version: map.html alone up to MAP_SPLIT_OUTLETS outlets; above, an
 * index map.html linking map/<pool>.html per pool with outlets (poolMapInput), each a complete
 * map page. The parts are rendered lazily when written, one at a time. Pure.
 */
export function mapReportArtifacts(input: MapReportInput, splitAbove = MAP_SPLIT_OUTLETS): Artifact[] {
  const { plan } = input;
  if (plan.outlets.length <= splitAbove) return [{ path: 'map.html', content: renderMapReport(input) }];
  const counts = new Map<string, { outlets: number; reps: number }>();
  for (const o of plan.outlets) {
    if (o.pool === null) continue;
    const c = counts.get(o.pool) ?? { outlets: 0, reps: 0 };
    c.outlets += 1;
    counts.set(o.pool, c);
  }
  for (const r of plan.reps) {
    const c = r.pool === null ? undefined : counts.get(r.pool);
    if (c) c.reps += 1;
  }
  const parts: MapPart[] = plan.pools
    .filter((p) => counts.has(p.id))
    .map((p) => ({
      pool: p.id,
      path: mapPartPath(p.id),
      ...(counts.get(p.id) as { outlets: number; reps: number }),
    }));
  return [
    { path: 'map.html', content: renderMapIndex(plan, parts, input.locale) },
    ...parts.map((part) => ({
      path: part.path,
      content: chunked(() => [renderMapReport(poolMapInput(input, part.pool))]),
    })),
  ];
}
