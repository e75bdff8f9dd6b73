import type { VersionInfo } from '../io/publish/publishVersion.js';
import { versionHref } from './servedVersion.js';

/** A version's status in the API: a region's (see versionStatusOf), or `scenario` for a scenario's. */
export type ApiVersionStatus = VersionInfo['status'] | 'scenario';

/** A version as the API lists it (GET /regions/:region/versions, candidates, scenarios). */
export interface VersionView {
  version: string;
  status: ApiVersionStatus;
  /** True when `current` points at it. */
  current: boolean;
  basedOn: string | null;
  mode: string | null;
  generatedAt: string | null;
  publishedAt: string | null;
  programVersion: string | null;
  inputHash: string | null;
  /** How many files its manifest lists. */
  fileCount: number;
  /** URL path of the version (GET it for its manifest and files). */
  href: string;
  /** Set when the manifest cannot be read (without the server's paths). */
  error?: string;
}

/**
 * The API's view of a listed version: listVersions' provenance and status (every version of a
 * scenario has status `scenario`, whatever its manifest says, since scenarios never reach
 * downstream apps), its URL, and instead of the read error (which holds a path) a fixed note.
 */
export function versionView(region: string, scenario: string | null, info: VersionInfo): VersionView {
  return {
    version: info.version,
    status: scenario === null ? info.status : 'scenario',
    current: info.current,
    basedOn: info.basedOn,
    mode: info.mode,
    generatedAt: info.generatedAt,
    publishedAt: info.publishedAt,
    programVersion: info.programVersion,
    inputHash: info.inputHash,
    fileCount: info.files,
    href: versionHref(region, scenario, info.version),
    ...(info.error === undefined ? {} : { error: 'manifest.json cannot be read' }),
  };
}
