import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { Artifact } from '../artifacts/buildArtifacts.js';
import type { SchemaTarget } from '../artifacts/schemas.js';
import { schemaValidator } from './schemaValidators.js';
import { contentText } from '../artifacts/artifactContent.js';
import { routeFeatures, type RouteFeature, type StopFeature } from '../artifacts/renderRoutesGeoJson.js';
import { checkGeoJson, checkGeoJsonFeatures } from './checkGeoJson.js';
import type { SupervisorDayFeature } from '../artifacts/supervisorDayFeatures.js';
import { appendAll } from '../../domain/appendAll.js';

function describeErrors(file: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .slice(0, 20)
    .map((e) => `${file}: ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}

/** Validates one JSON value against the schema of a version file; returns readable problems. */
export function validateAgainstSchema(target: SchemaTarget, value: unknown): string[] {
  const validate = schemaValidator(target);
  return validate(value) ? [] : describeErrors(target, validate.errors);
}

/**
 * Route stops must sit exactly on their outlets (which also catches swapped coordinates): passes
 * every feature on unchanged and records a problem for each stop that does not.
 */
function* checkedStops(
  plan: Plan,
  features: Iterable<RouteFeature | StopFeature | SupervisorDayFeature>,
  problems: string[],
): Generator<RouteFeature | StopFeature | SupervisorDayFeature> {
  const outlets = new Map(plan.outlets.map((o) => [o.id, o]));
  for (const feature of features) {
    yield feature;
    if (feature.geometry.type !== 'Point') continue;
    const id = (feature.properties as StopFeature['properties']).outletId;
    const at = feature.geometry.coordinates;
    const outlet = outlets.get(id);
    if (
      !outlet ||
      Math.abs((at[0] ?? NaN) - outlet.lon) > 1e-6 ||
      Math.abs((at[1] ?? NaN) - outlet.lat) > 1e-6
    ) {
      problems.push(
        `routes.geojson: stop of outlet ${id} at ${JSON.stringify(at)} is not at the outlet's [lon, lat]`,
      );
    }
  }
}

/**
 * The file half of the publish gate: plan.json, summary.json and changes.json must satisfy their
 * JSON Schemas; territories.geojson and routes.geojson must be valid RFC 7946 as checked by
 * checkGeoJson, and route stops must sit exactly on their outlets (which also catches swapped
 * coordinates). The two large files are checked from what they are serialised from instead of
 * being parsed back: plan.json is the plan object written by jsonChunks (byte-identical to
 * JSON.stringify, so the schema sees what a reader parses; a non-finite number, which the file
 * would hold as null, is refused as not a number), and routes.geojson is checked feature by
 * feature as routeFeatures renders them (featureCollectionChunks writes exactly those). The
 * small files are parsed from their text. Returns the problems found; empty means the files may
 * be published.
 */
export function validateArtifacts(plan: Plan, artifacts: readonly Artifact[]): string[] {
  const problems: string[] = [];
  const byPath = new Map(artifacts.map((a) => [a.path, a]));
  const present = (path: string): boolean => {
    if (byPath.has(path)) return true;
    problems.push(`${path}: missing`);
    return false;
  };
  const parse = (path: string): unknown => {
    const artifact = byPath.get(path);
    if (!present(path) || !artifact) return undefined;
    try {
      return JSON.parse(contentText(artifact.content)) as unknown;
    } catch (error) {
      problems.push(`${path}: not valid JSON (${(error as Error).message})`);
      return undefined;
    }
  };
  if (present('plan.json')) appendAll(problems, validateAgainstSchema('plan.json', plan));
  for (const target of ['summary.json', 'changes.json'] as const) {
    const value = parse(target);
    if (value !== undefined) appendAll(problems, validateAgainstSchema(target, value));
  }
  const territories = parse('territories.geojson');
  if (territories !== undefined) appendAll(problems, checkGeoJson(territories, 'territories.geojson'));
  if (present('routes.geojson')) {
    const stopProblems: string[] = [];
    appendAll(
      problems,
      checkGeoJsonFeatures(checkedStops(plan, routeFeatures(plan), stopProblems), 'routes.geojson'),
    );
    appendAll(problems, stopProblems);
  }
  return problems;
}
