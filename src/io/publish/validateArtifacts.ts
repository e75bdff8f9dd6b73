import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { Artifact } from '../artifacts/buildArtifacts.js';
import { SCHEMAS, type SchemaTarget } from '../artifacts/schemas.js';
import { checkGeoJson } from './checkGeoJson.js';
import { appendAll } from '../../domain/appendAll.js';

let validators: Map<SchemaTarget, ValidateFunction> | null = null;

/**
 * Compiled validators, built once per process. Formats are annotations here (the schemas also
 * carry patterns for dates), so the runtime needs no ajv-formats; tests validate formats too.
 */
function schemaValidators(): Map<SchemaTarget, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, validateFormats: false });
  validators = new Map(
    (Object.keys(SCHEMAS) as SchemaTarget[]).map((target) => [target, ajv.compile(SCHEMAS[target])]),
  );
  return validators;
}

function describeErrors(file: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .slice(0, 20)
    .map((e) => `${file}: ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}

/** Validates one JSON value against the schema of a version file; returns readable problems. */
export function validateAgainstSchema(target: SchemaTarget, value: unknown): string[] {
  const validate = schemaValidators().get(target);
  if (!validate) return [`${target}: no schema`];
  return validate(value) ? [] : describeErrors(target, validate.errors);
}

function textOf(artifact: Artifact): string {
  return typeof artifact.content === 'string'
    ? artifact.content
    : Buffer.from(artifact.content).toString('utf8');
}

/**
 * The file half of the publish gate: plan.json, summary.json and changes.json must satisfy their
 * JSON Schemas; territories.geojson and routes.geojson must be valid RFC 7946 as checked by
 * checkGeoJson, and route stops must sit exactly on their outlets (which also catches swapped
 * coordinates). Returns the problems found; empty means the files may be published.
 */
export function validateArtifacts(plan: Plan, artifacts: readonly Artifact[]): string[] {
  const problems: string[] = [];
  const byPath = new Map(artifacts.map((a) => [a.path, a]));
  const parse = (path: string): unknown => {
    const artifact = byPath.get(path);
    if (!artifact) {
      problems.push(`${path}: missing`);
      return undefined;
    }
    try {
      return JSON.parse(textOf(artifact)) as unknown;
    } catch (error) {
      problems.push(`${path}: not valid JSON (${(error as Error).message})`);
      return undefined;
    }
  };
  for (const target of ['plan.json', 'summary.json', 'changes.json'] as const) {
    const value = parse(target);
    if (value !== undefined) appendAll(problems, validateAgainstSchema(target, value));
  }
  for (const path of ['territories.geojson', 'routes.geojson']) {
    const value = parse(path);
    if (value !== undefined) appendAll(problems, checkGeoJson(value, path));
  }
  const routes = parse('routes.geojson') as
    | {
        features?: Array<{
          geometry?: { type?: string; coordinates?: number[] };
          properties?: { outletId?: string };
        }>;
      }
    | undefined;
  const outlets = new Map(plan.outlets.map((o) => [o.id, o]));
  for (const feature of routes?.features ?? []) {
    const id = feature.properties?.outletId;
    const at = feature.geometry?.coordinates;
    if (feature.geometry?.type !== 'Point' || id === undefined || !at) continue;
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
  return problems;
}
