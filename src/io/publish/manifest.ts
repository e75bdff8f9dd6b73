import { createHash } from 'node:crypto';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { ScenarioSpec } from '../../domain/scenario/scenarioSpec.js';
import type { Artifact } from '../artifacts/buildArtifacts.js';

/** One file of a version as listed in manifest.json. */
export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * How a version was published: `published` (made current when it was published), `candidate`
 * (published beside `current`, waiting for a manager's approval) or `scenario` (a what-if under
 * `scenarios/<name>/versions/`, never current; see planRefs.ts). Manifests written before
 * candidates existed have no status and mean `published`.
 */
export type VersionStatus = 'published' | 'candidate' | 'scenario';

/** The scenario version a candidate was promoted from (`territory promote`). */
export interface PromotedFrom {
  scenario: string;
  version: string;
}

/** manifest.json, schema version 1 (schemas/manifest.schema.json). */
export interface Manifest {
  schemaVersion: 1;
  version: string;
  region: string;
  generatedAt: string;
  publishedAt: string;
  inputHash: string;
  policyHash: string;
  programVersion: string;
  mode: Plan['mode'];
  /** Absent in manifests written before candidates existed: `published`. */
  status?: VersionStatus;
  /** The version that was current when this plan read its previous plan (null: none); absent in older manifests. */
  basedOn?: string | null;
  /** What a scenario tried: in a scenario's versions and in candidates promoted from one. */
  scenario?: ScenarioSpec;
  /** In a candidate promoted from a scenario: the scenario version it is a copy of. */
  promotedFrom?: PromotedFrom;
  files: ManifestFile[];
}

/** Hex sha256 of a file's bytes (strings are hashed as UTF-8, as they are written). */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Size in bytes of a file's content as written (UTF-8 for strings). */
export function byteSize(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}

/** Builds the manifest of a version from its files (sorted by path) and the plan's provenance. */
export function buildManifest(input: {
  version: string;
  plan: Plan;
  files: readonly Artifact[];
  programVersion: string;
  publishedAt: Date;
  status?: VersionStatus;
  basedOn?: string | null;
  scenario?: ScenarioSpec;
  promotedFrom?: PromotedFrom;
}): Manifest {
  const { plan } = input;
  return {
    schemaVersion: 1,
    version: input.version,
    region: plan.region,
    generatedAt: plan.generatedAt,
    publishedAt: input.publishedAt.toISOString(),
    inputHash: plan.inputHash,
    policyHash: plan.policyHash,
    programVersion: input.programVersion,
    mode: plan.mode,
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.basedOn === undefined ? {} : { basedOn: input.basedOn }),
    ...(input.scenario === undefined ? {} : { scenario: input.scenario }),
    ...(input.promotedFrom === undefined ? {} : { promotedFrom: input.promotedFrom }),
    files: manifestFiles(input.files),
  };
}

/** The manifest's `files` list of a version's files: path, size and sha256, sorted by path. */
export function manifestFiles(files: readonly Artifact[]): ManifestFile[] {
  return [...files]
    .map((f) => ({ path: f.path, size: byteSize(f.content), sha256: sha256Hex(f.content) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
