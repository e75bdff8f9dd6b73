import type { MapTiles } from '../../config/mapTiles.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { ReportLocale } from '../../i18n/reportLocale.js';
import type { FeatureCollection } from './geoJson.js';
import { mapReportArtifacts } from '../report/splitMapReport.js';
import { withBom } from './csv.js';
import { chunked, type ArtifactContent } from './artifactContent.js';
import { renderFeatureCollection } from './geoJson.js';
import { jsonFileChunks } from './jsonChunks.js';
import { computeChanges } from './renderChanges.js';
import { renderQuarantineCsv } from './renderQuarantineCsv.js';
import { renderRepDaySheet, repDaySheetPath } from './renderRepDaySheet.js';
import { routesGeoJsonChunks } from './renderRoutesGeoJson.js';
import { renderSupervisorDaySheet, supervisorDaySheetPath } from './renderSupervisorDaySheet.js';
import { renderSegmentsCsv } from './renderSegmentsCsv.js';
import { summarizePlan } from './renderSummary.js';
import { buildTerritoriesGeoJson, type TerritoryFeature } from './renderTerritoriesGeoJson.js';
import { renderSchemaFiles } from './schemas.js';
import { appendAll } from '../../domain/appendAll.js';

/** One file of a version: a relative '/'-separated path and its content. */
export interface Artifact {
  path: string;
  /** Text, bytes, or text rendered chunk by chunk (plan.json, routes.geojson: see ChunkedContent). */
  content: ArtifactContent;
}

/** Options of buildArtifacts. */
export interface BuildArtifactsOptions {
  /** Accepted for provenance; currently only stamped by the manifest. */
  programVersion: string;
  /**
   * Start every CSV file with a UTF-8 byte order mark (the policy's `csv.bom`, default true), so
   * Excel reads it as UTF-8 instead of the Windows code page (GBK on Chinese Windows, which
   * garbles every Chinese name).
   */
  csvBom?: boolean;
  /** The deployment's tile server for map.html's basemap (MAP_TILE_URL); default none (offline). */
  mapTiles?: MapTiles | null;
  /** Language and time zone of map.html (default English, UTC); the other files do not depend on it. */
  locale?: ReportLocale;
  /** The version name of `previous`, when it is a published version (map.html names it). */
  previousVersion?: string | null;
  /**
   * The previous plan's territory outlines as published with it (its territories.geojson), for
   * map.html's "before" outlines; when absent they are rebuilt from `previous` (about 3 s at
   * 50,000 outlets).
   */
  previousTerritories?: FeatureCollection<TerritoryFeature> | null;
  /**
   * This plan's territories as buildTerritoriesGeoJson(plan) gives them, when the caller has
   * already computed them (on worker threads: the outlines are a large part of a publish); default:
   * computed here.
   */
  territories?: FeatureCollection<TerritoryFeature>;
  /**
   * Above this many outlets map.html becomes an index of one map per pool (map/<pool>.html);
   * default MAP_SPLIT_OUTLETS (100,000).
   */
  mapSplitOutlets?: number;
}

/**
 * Renders every file of a published version except manifest.json (which hashes these): plan.json,
 * summary.json, changes.json (against `previous`), territories.geojson, routes.geojson,
 * reps/<repId>.csv for every rep, supervisors/<id>.csv for every supervisor, segments.csv, quarantine.csv, map.html (above
 * MAP_SPLIT_OUTLETS outlets an index of map/<pool>.html parts) and the JSON Schemas
 * under schemas/; the CSV files start with a UTF-8 BOM unless `csvBom` is false. plan.json and
 * routes.geojson are rendered lazily, chunk by chunk, when they are written (their text can
 * exceed V8's largest string at province scale), with the same bytes as JSON.stringify; the day
 * sheets and segments.csv are rendered when they are written too, one at a time. Pure and
 * deterministic: the same plan, previous plan and options give byte-identical files.
 */
export function buildArtifacts(
  plan: Plan,
  previous: Plan | null,
  options: BuildArtifactsOptions,
): Artifact[] {
  const bom = options.csvBom !== false;
  const summary = summarizePlan(plan);
  const changes = computeChanges(plan, previous);
  const territories = options.territories ?? buildTerritoriesGeoJson(plan);
  const previousTerritories =
    previous === null ? null : (options.previousTerritories ?? buildTerritoriesGeoJson(previous));
  const files: Artifact[] = [
    { path: 'plan.json', content: chunked(() => jsonFileChunks(plan)) },
    { path: 'summary.json', content: `${JSON.stringify(summary, null, 2)}\n` },
    { path: 'changes.json', content: `${JSON.stringify(changes, null, 2)}\n` },
    { path: 'territories.geojson', content: renderFeatureCollection(territories) },
    { path: 'routes.geojson', content: chunked(() => routesGeoJsonChunks(plan)) },
    { path: 'segments.csv', content: lazyCsv(() => renderSegmentsCsv(plan), bom) },
    { path: 'quarantine.csv', content: renderQuarantineCsv(plan) },
    ...mapReportArtifacts(
      {
        plan,
        summary,
        changes,
        territories,
        previous,
        previousTerritories,
        previousVersion: options.previousVersion ?? null,
        basemap: options.mapTiles ?? null,
        ...(options.locale ? { locale: options.locale } : {}),
      },
      options.mapSplitOutlets,
    ),
  ];
  const outletsById = new Map(plan.outlets.map((o) => [o.id, o]));
  const sheetPaths = new Set<string>();
  for (const rep of plan.reps) {
    const path = repDaySheetPath(rep.id);
    if (sheetPaths.has(path))
      throw new Error(`artifacts: two reps map to the same day sheet ${path} (rep ${rep.id})`);
    sheetPaths.add(path);
    files.push({ path, content: lazyCsv(() => renderRepDaySheet(plan, rep, outletsById), bom) });
  }
  for (const supervisor of plan.supervisors ?? []) {
    const path = supervisorDaySheetPath(supervisor.id);
    if (sheetPaths.has(path))
      throw new Error(`artifacts: two supervisors map to the same day sheet ${path} (${supervisor.id})`);
    sheetPaths.add(path);
    files.push({ path, content: lazyCsv(() => renderSupervisorDaySheet(supervisor, outletsById), bom) });
  }
  appendAll(files, renderSchemaFiles());
  if (!bom) return files;
  return files.map((file) =>
    file.path.endsWith('.csv') && typeof file.content === 'string'
      ? { ...file, content: withBom(file.content) }
      : file,
  );
}

/**
 * A CSV file rendered only when it is written (and then dropped): a province's rep day sheets
 * and segments.csv are hundreds of megabytes that need not be held together. With `bom` the
 * text starts with the UTF-8 byte order mark, as the eager CSV files get it.
 */
function lazyCsv(render: () => string, bom: boolean): ArtifactContent {
  return chunked(() => [bom ? withBom(render()) : render()]);
}
