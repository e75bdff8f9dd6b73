import type { MapTiles } from '../../config/mapTiles.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { FeatureCollection } from './geoJson.js';
import { renderMapReport } from '../report/renderMapReport.js';
import { withBom } from './csv.js';
import { renderFeatureCollection } from './geoJson.js';
import { computeChanges } from './renderChanges.js';
import { renderQuarantineCsv } from './renderQuarantineCsv.js';
import { renderRepDaySheet, repDaySheetPath } from './renderRepDaySheet.js';
import { renderRoutesGeoJson } from './renderRoutesGeoJson.js';
import { renderSupervisorDaySheet, supervisorDaySheetPath } from './renderSupervisorDaySheet.js';
import { renderSegmentsCsv } from './renderSegmentsCsv.js';
import { summarizePlan } from './renderSummary.js';
import { buildTerritoriesGeoJson, type TerritoryFeature } from './renderTerritoriesGeoJson.js';
import { renderSchemaFiles } from './schemas.js';

/** One file of a version: a relative '/'-separated path and its content. */
export interface Artifact {
  path: string;
  content: string | Uint8Array;
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
  /** The version name of `previous`, when it is a published version (map.html names it). */
  previousVersion?: string | null;
  /**
   * The previous plan's territory outlines as published with it (its territories.geojson), for
   * map.html's "before" outlines; when absent they are rebuilt from `previous` (about 3 s at
   * 50,000 outlets).
   */
  previousTerritories?: FeatureCollection<TerritoryFeature> | null;
}

/**
 * Renders every file of a published version except manifest.json (which hashes these): plan.json,
 * summary.json, changes.json (against `previous`), territories.geojson, routes.geojson,
 * reps/<repId>.csv for every rep, supervisors/<id>.csv for every supervisor, segments.csv, quarantine.csv, map.html and the JSON Schemas
 * under schemas/; the CSV files start with a UTF-8 BOM unless `csvBom` is false. Pure and
 * deterministic: the same plan, previous plan and options give byte-identical files.
 */
export function buildArtifacts(
  plan: Plan,
  previous: Plan | null,
  options: BuildArtifactsOptions,
): Artifact[] {
  const summary = summarizePlan(plan);
  const changes = computeChanges(plan, previous);
  const territories = buildTerritoriesGeoJson(plan);
  const previousTerritories =
    previous === null ? null : (options.previousTerritories ?? buildTerritoriesGeoJson(previous));
  const files: Artifact[] = [
    { path: 'plan.json', content: `${JSON.stringify(plan, null, 2)}\n` },
    { path: 'summary.json', content: `${JSON.stringify(summary, null, 2)}\n` },
    { path: 'changes.json', content: `${JSON.stringify(changes, null, 2)}\n` },
    { path: 'territories.geojson', content: renderFeatureCollection(territories) },
    { path: 'routes.geojson', content: renderRoutesGeoJson(plan) },
    { path: 'segments.csv', content: renderSegmentsCsv(plan) },
    { path: 'quarantine.csv', content: renderQuarantineCsv(plan) },
    {
      path: 'map.html',
      content: renderMapReport({
        plan,
        summary,
        changes,
        territories,
        previous,
        previousTerritories,
        previousVersion: options.previousVersion ?? null,
        basemap: options.mapTiles ?? null,
      }),
    },
  ];
  const outletsById = new Map(plan.outlets.map((o) => [o.id, o]));
  const sheetPaths = new Set<string>();
  for (const rep of plan.reps) {
    const path = repDaySheetPath(rep.id);
    if (sheetPaths.has(path))
      throw new Error(`artifacts: two reps map to the same day sheet ${path} (rep ${rep.id})`);
    sheetPaths.add(path);
    files.push({ path, content: renderRepDaySheet(plan, rep, outletsById) });
  }
  for (const supervisor of plan.supervisors ?? []) {
    const path = supervisorDaySheetPath(supervisor.id);
    if (sheetPaths.has(path))
      throw new Error(`artifacts: two supervisors map to the same day sheet ${path} (${supervisor.id})`);
    sheetPaths.add(path);
    files.push({ path, content: renderSupervisorDaySheet(supervisor, outletsById) });
  }
  files.push(...renderSchemaFiles());
  if (options.csvBom === false) return files;
  return files.map((file) =>
    file.path.endsWith('.csv') && typeof file.content === 'string'
      ? { ...file, content: withBom(file.content) }
      : file,
  );
}
