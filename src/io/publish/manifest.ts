import { createHash } from 'node:crypto';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { ScenarioSpec } from '../../domain/scenario/scenarioSpec.js';
import { contentPieces, type ArtifactContent } from '../artifacts/artifactContent.js';
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
  /** Sum of the listed files' sizes in bytes (disk per version); absent in older manifests. */
  bytes?: number;
  files: ManifestFile[];
}

/** Hex sha256 of a file's bytes (strings are hashed as UTF-8, as they are written). */
export function sha256Hex(content: ArtifactContent): string {
  const hash = createHash('sha256');
  for (const piece of contentPieces(content)) hash.update(piece);
  return hash.digest('hex');
}

/** Size in bytes of a file's content as written (UTF-8 for strings). */
export function byteSize(content: ArtifactContent): number {
  let size = 0;
  for (const piece of contentPieces(content))
    size += typeof piece === 'string' ? Buffer.byteLength(piece, 'utf8') : piece.byteLength;
  return size;
}

/** Sum of the sizes of a version's files (manifest.json itself not included): its disk use. */
export function totalBytes(files: readonly ManifestFile[]): number {
  return files.reduce((sum, f) => sum + f.size, 0);
}

/**
 * Builds the manifest of a version from its files' sizes and digests (as written; sorted here by
 * path) and the plan's provenance, with their total size as `bytes`.
 */
export function buildManifest(input: {
  version: string;
  plan: Plan;
  files: readonly ManifestFile[];
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
    bytes: totalBytes(input.files),
    files: sortedByPath(input.files),
  };
}

/** The manifest's `files` list of a version's files: path, size and sha256, sorted by path. */
export function manifestFiles(files: readonly Artifact[]): ManifestFile[] {
  return sortedByPath(
    files.map((f) => ({ path: f.path, size: byteSize(f.content), sha256: sha256Hex(f.content) })),
  );
}

function sortedByPath(files: readonly ManifestFile[]): ManifestFile[] {
  return [...files]
    .map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
