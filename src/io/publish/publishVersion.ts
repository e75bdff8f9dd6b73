import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, readlink, rename, symlink, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { checkPlanInvariants } from '../../domain/plan/checkPlanInvariants.js';
import type { MapTiles } from '../../config/mapTiles.js';
import type { ReportLocale } from '../../i18n/reportLocale.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import type { Policy } from '../../domain/policy/policySchema.js';
import type { ScenarioSpec } from '../../domain/scenario/scenarioSpec.js';
import { buildArtifacts, type Artifact } from '../artifacts/buildArtifacts.js';
import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';
import { appendAudit, auditEntry, readAudit, reviewDecisions, type AuditWho } from './auditLog.js';
import {
  fsyncDirectory,
  processAlive,
  removeTree,
  syncFiles,
  writeContentDurable,
  writeFileDurable,
} from './durableFs.js';
import { buildManifest, sha256Hex, totalBytes, type Manifest, type ManifestFile } from './manifest.js';
import { PublishGateError } from './publishGateError.js';
import { readPublishedTerritories } from './readPublishedTerritories.js';
import { validateAgainstSchema, validateArtifacts } from './validateArtifacts.js';
import { parseJsonBytes } from '../json/parseJsonBytes.js';
import {
  compressVersionFiles,
  DEFAULT_ARCHIVE_POLICY,
  isCompressed,
  readVersionFile,
  restoreVersionFiles,
  type ArchivePolicy,
} from './versionArchive.js';
import { baseVersionName, compareVersionNames, isVersionName, numberedVersionName } from './versionName.js';
import { appendAll } from '../../domain/appendAll.js';

/** Versions kept by default when pruning (about two weeks of nightly rebuilds). */
export const DEFAULT_KEEP_VERSIONS = 14;

const VERSIONS_DIR = 'versions';
const CURRENT_LINK = 'current';
const STAGING_DIR = '.staging';
const TRASH_DIR = '.trash';
/**
 * Age after which a staging folder or temporary link is abandoned whoever made it: a publish
 * writes its staging folder within seconds, but a publisher on another machine, or a worker
 * thread terminated inside a live process, cannot be checked by its process id.
 */
export const STALE_LEFTOVER_MS = 60 * 60 * 1000;

/** The job attempt that published a version (recorded in manifest.json as `publishedBy`). */
export interface PublishedBy {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/** Points of a publish, reported in order through `onStep` (progress, logging, crash tests). */
export type PublishStep =
  | 'gate-passed'
  | 'staging-created'
  | 'file-written'
  | 'files-synced'
  | 'version-renamed'
  | 'current-switched'
  | 'pruned';

export interface PublishVersionOptions {
  /** The region's output folder; versions/ and current live here. */
  regionOutDir: string;
  plan: Plan;
  /**
   * The plan's territories (buildTerritoriesGeoJson), when the caller computed them already (on
   * worker threads); default: computed by buildArtifacts. Must be exactly that function's result.
   */
  territories?: FeatureCollection<TerritoryFeature>;
  policy: Policy;
  /** The plan changes.json compares against, or null for a first plan. */
  previous: Plan | null;
  /**
   * The version `previous` was read from, when it is one of this region's versions: map.html
   * says the changes are against it and draws its published territories as "before" outlines.
   */
  previousVersion?: string | null;
  /**
   * The output folder whose versions/ holds `previousVersion` (default `regionOutDir`): a
   * scenario is published into its own folder but builds on the region's current version.
   */
  previousOutDir?: string;
  /** The deployment's tile server for map.html's basemap (MAP_TILE_URL); default none. */
  mapTiles?: MapTiles | null;
  /** Language and time zone of map.html (resolveReportLocale); default English, UTC. */
  locale?: ReportLocale;
  programVersion: string;
  /** Versions to keep when pruning (default 14); the current one is always kept. */
  keep?: number;
  /**
   * Which old versions are kept compressed after pruning (archiveOldVersions; default
   * DEFAULT_ARCHIVE_POLICY: all but the newest 2 of 100 MB or more); null: none.
   */
  archive?: ArchivePolicy | null;
  /** Publication time stamped into manifest.json (default: now). */
  now?: Date;
  /** Called (and awaited) at each step of the publish. */
  onStep?: (step: PublishStep, detail: string) => void | Promise<void>;
  /**
   * Called right before the version is renamed into versions/ and right before `current` is
   * switched; when it throws, the publish stops there and leaves `current` and versions/ as they
   * were (a queue job passes its region lock's fence, so an attempt that lost the lock never publishes).
   */
  fence?: () => Promise<void>;
  /** The job attempt publishing, recorded in manifest.json. */
  publishedBy?: PublishedBy;
  /**
   * Publish as a candidate: the complete, gated version goes into versions/ with `status:
   * "candidate"` in its manifest, and `current` is not switched (a manager approves it later).
   */
  candidate?: boolean;
  /**
   * The version `current` pointed at when the previous plan was read (null: none), recorded in
   * manifest.json as `basedOn`; approving a candidate whose `basedOn` is no longer current is refused.
   */
  basedOn?: string | null;
  /**
   * Publish as a version of a scenario (`regionOutDir` is then the scenario's folder, see
   * planRefs.ts): the same gate and files, `status: "scenario"` and this spec in the manifest,
   * and `current` is never created or switched. Not with `candidate`.
   */
  scenario?: ScenarioSpec;
}

export interface PublishVersionResult {
  version: string;
  /** Absolute path of versions/<version>. */
  dir: string;
  /** Versions removed by pruning. */
  pruned: string[];
  /** True when published as a candidate (`current` unchanged). */
  candidate: boolean;
  /** The version `current` pointed at right before the switch (for a candidate: now), or null. */
  from: string | null;
  /** Versions compressed after pruning (archiveOldVersions). */
  archived?: string[];
  /** Set when pruning or compressing failed; the publish itself succeeded. */
  pruneError?: string;
}

/**
 * Tag of this machine in temporary names: workers on several machines may share OUT_DIR, and a
 * process id means something only on the machine that owns it.
 */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const suffix = (): string => `${HOST_TAG}.${process.pid}.${randomBytes(4).toString('hex')}`;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Version folder names under versions/, oldest first. */
async function versionNames(regionOutDir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(regionOutDir, VERSIONS_DIR), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && isVersionName(e.name))
      .map((e) => e.name)
      .sort(compareVersionNames);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/** The version `current` points at, or null when nothing was published yet. */
export async function currentVersion(regionOutDir: string): Promise<string | null> {
  let target: string;
  try {
    target = await readlink(join(resolve(regionOutDir), CURRENT_LINK));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    if (errorCode(error) === 'EINVAL') {
      throw new Error(
        `${join(regionOutDir, CURRENT_LINK)} is not a symlink; move it away and publish again`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  const name = target.split('/').pop() ?? '';
  if (!isVersionName(name))
    throw new Error(`${join(regionOutDir, CURRENT_LINK)} points at ${target}, which is not a version`);
  return name;
}

/**
 * Points `current` at a version atomically: a new relative symlink is created under a temporary
 * name and renamed over `current` (rename(2) replaces it in one step), then the folder is fsynced.
 * A reader resolving `current` sees the old or the new version, never nothing.
 */
export async function switchCurrent(regionOutDir: string, version: string): Promise<void> {
  const temporary = join(regionOutDir, `.current.${suffix()}`);
  await symlink(`${VERSIONS_DIR}/${version}`, temporary);
  try {
    await rename(temporary, join(regionOutDir, CURRENT_LINK));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new Error(
      `cannot switch ${join(regionOutDir, CURRENT_LINK)} to ${version}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  await fsyncDirectory(regionOutDir);
}

/**
 * Removes what killed publishes leave behind: staging folders and temporary `current` links of
 * this machine's dead processes, any older than STALE_LEFTOVER_MS (other machines, terminated
 * worker threads), and `.trash/`. Run before every publish and by skipped plans.
 */
export async function cleanLeftovers(regionOutDir: string, nowMs = Date.now()): Promise<void> {
  const out = resolve(regionOutDir);
  // A pid is judged only on the machine that owns it; elsewhere only the age counts.
  const deadOwner = (name: string): boolean => {
    const match = /\.([0-9a-f]{8})\.(\d+)\.[0-9a-f]{8}$/.exec(name);
    const pid = Number(match?.[2]);
    return match?.[1] === HOST_TAG && Number.isInteger(pid) && pid > 0 && !processAlive(pid);
  };
  const stale = async (path: string): Promise<boolean> => {
    const info = await lstat(path).catch(() => null);
    return info !== null && nowMs - info.mtimeMs > STALE_LEFTOVER_MS;
  };
  const staging = join(out, STAGING_DIR);
  for (const name of await readdir(staging).catch(() => [] as string[])) {
    const path = join(staging, name);
    if (deadOwner(name) || (await stale(path))) await removeTree(path);
  }
  for (const name of await readdir(out).catch(() => [] as string[])) {
    const path = join(out, name);
    if (name.startsWith('.current.') && (deadOwner(name) || (await stale(path))))
      await unlink(path).catch(() => undefined);
  }
  await removeTree(join(out, TRASH_DIR));
}

/** Takes a version that never became current out of versions/ again (via .trash/). */
async function retractVersion(regionOutDir: string, version: string): Promise<void> {
  const trash = join(regionOutDir, TRASH_DIR);
  await mkdir(trash, { recursive: true });
  const parked = join(trash, `${version}.${suffix()}`);
  await rename(join(regionOutDir, VERSIONS_DIR, version), parked);
  await fsyncDirectory(join(regionOutDir, VERSIONS_DIR));
  await removeTree(parked);
}

/**
 * Writes every file into the staging folder (chunked files piece by piece), fsyncs the files
 * together (syncFiles), then each folder bottom-up. Returns each file's size and sha256 as written, for the manifest.
 */
async function writeStaging(
  stagingDir: string,
  files: readonly Artifact[],
  onStep: (step: PublishStep, detail: string) => Promise<void>,
): Promise<ManifestFile[]> {
  const written: ManifestFile[] = [];
  const paths: string[] = [];
  const folders = new Set<string>([stagingDir]);
  for (const file of files) {
    const path = join(stagingDir, file.path);
    if (!path.startsWith(`${stagingDir}/`))
      throw new Error(`artifact path ${file.path} escapes the version folder`);
    const folder = dirname(path);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    written.push({ path: file.path, ...(await writeContentDurable(path, file.content, false)) });
    paths.push(path);
    await onStep('file-written', file.path);
  }
  // Every file's bytes reach the disk before the folders, and long before the rename publishes them.
  await syncFiles(paths);
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) await fsyncDirectory(folder);
  return written;
}

/** What installVersion writes: the files of one version and its manifest. */
export interface InstallVersionInput {
  /** The output folder whose versions/ receives the version (a region's or a scenario's). */
  regionOutDir: string;
  /** Region name for PublishGateError messages. */
  region: string;
  /** The version name to take, or its next free `-N` when taken. */
  baseName: string;
  /** Every file but manifest.json. */
  files: readonly Artifact[];
  /**
   * The manifest for the name finally taken, given the files' sizes and sha256 as written
   * (validated against its schema before it is written).
   */
  manifestFor: (version: string, written: readonly ManifestFile[]) => Manifest;
  onStep?: (step: PublishStep, detail: string) => void | Promise<void>;
  /** Checked right before the rename into versions/ (see PublishVersionOptions.fence). */
  fence?: () => Promise<void>;
}

/**
 * Writes a complete version folder durably and atomically, without touching `current`: the files
 * and then manifest.json are created and fsynced in `<out>/.staging/<name>.<host>.<pid>.<random>/`
 * (leftovers of dead publishers are cleaned first), and the folder is renamed to
 * `<out>/versions/<name>` (the next free `-N` when another publisher took the name) and
 * versions/ fsynced. Returns the name taken. On any failure the staging folder is removed and
 * versions/ is as it was. publishVersion uses it for plans and `territory promote` for copies.
 */
export async function installVersion(input: InstallVersionInput): Promise<string> {
  const out = resolve(input.regionOutDir);
  const onStep = async (step: PublishStep, detail: string): Promise<void> => {
    await input.onStep?.(step, detail);
  };
  await mkdir(join(out, VERSIONS_DIR), { recursive: true });
  await mkdir(join(out, STAGING_DIR), { recursive: true });
  await cleanLeftovers(out);
  const stagingDir = join(out, STAGING_DIR, `${input.baseName}.${suffix()}`);
  await mkdir(stagingDir);
  await onStep('staging-created', stagingDir);

  let version: string;
  try {
    const written = await writeStaging(stagingDir, input.files, onStep);
    const taken = new Set(await versionNames(out));
    let n = 1;
    while (taken.has(numberedVersionName(input.baseName, n))) n += 1;
    for (;;) {
      version = numberedVersionName(input.baseName, n);
      const manifest = input.manifestFor(version, written);
      const manifestProblems = validateAgainstSchema('manifest.json', manifest);
      if (manifestProblems.length > 0) throw new PublishGateError(input.region, manifestProblems);
      const manifestPath = join(stagingDir, 'manifest.json');
      await unlink(manifestPath).catch(() => undefined);
      await writeFileDurable(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      await fsyncDirectory(stagingDir);
      await onStep('files-synced', version);
      await input.fence?.();
      try {
        await rename(stagingDir, join(out, VERSIONS_DIR, version));
        break;
      } catch (error) {
        // Another publisher took this name between listing and renaming: take the next one.
        if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error;
        n += 1;
      }
    }
  } catch (error) {
    await removeTree(stagingDir);
    throw error;
  }
  await fsyncDirectory(join(out, VERSIONS_DIR));
  await fsyncDirectory(join(out, STAGING_DIR));
  await onStep('version-renamed', version);
  return version;
}

/**
 * Publishes a plan as a new version of a region, atomically. First the gate: the plan's
 * invariants (checkPlanInvariants) and the rendered files' schemas and GeoJSON rules; any problem
 * throws PublishGateError and nothing on disk changes. Then every file plus manifest.json (sizes
 * and sha256) is written and fsynced in `<out>/.staging/`, the folder is renamed to
 * `<out>/versions/<version>` (same filesystem), `<out>/current` is switched to it by renaming a
 * new symlink over it (not for a `candidate`, which stays beside `current`, nor for a
 * `scenario` version, whose folder never has a `current`), and old versions
 * beyond `keep` are pruned (never the current one nor a pending candidate). A crash
 * at any point leaves the previous version current and intact. `fence` (a queue job's region
 * lock) is checked right before the rename and right before the switch: when it throws, the
 * staging folder, or the renamed version, is removed again and `current` is not touched.
 */
export async function publishVersion(options: PublishVersionOptions): Promise<PublishVersionResult> {
  const { plan, policy, previous, programVersion } = options;
  const keep = options.keep ?? DEFAULT_KEEP_VERSIONS;
  if (!Number.isInteger(keep) || keep < 1)
    throw new Error(`publish: keep must be a whole number >= 1, got ${keep}`);
  const onStep = async (step: PublishStep, detail: string): Promise<void> => {
    await options.onStep?.(step, detail);
  };
  const out = resolve(options.regionOutDir);

  const problems = checkPlanInvariants(plan, policy);
  const previousVersion = previous === null ? null : (options.previousVersion ?? null);
  const artifacts = buildArtifacts(plan, previous, {
    programVersion,
    csvBom: policy.csv.bom,
    mapTiles: options.mapTiles ?? null,
    ...(options.locale ? { locale: options.locale } : {}),
    previousVersion,
    ...(options.territories ? { territories: options.territories } : {}),
    previousTerritories:
      previous && previousVersion
        ? await readPublishedTerritories(resolve(options.previousOutDir ?? out), previousVersion, previous)
        : null,
  });
  appendAll(problems, validateArtifacts(plan, artifacts));
  if (problems.length > 0) throw new PublishGateError(plan.region, problems);
  await onStep('gate-passed', plan.region);

  if (options.candidate && options.scenario)
    throw new Error('publish: a version is a candidate or a scenario version, not both');
  const status = options.scenario ? 'scenario' : options.candidate ? 'candidate' : 'published';
  const publishedAt = options.now ?? new Date();
  const version = await installVersion({
    regionOutDir: out,
    region: plan.region,
    baseName: baseVersionName(plan.generatedAt, plan.inputHash),
    files: artifacts,
    manifestFor: (name, written) => {
      const manifest: Manifest & { publishedBy?: PublishedBy } = buildManifest({
        version: name,
        plan,
        files: written,
        programVersion,
        publishedAt,
        status,
        ...(options.basedOn === undefined ? {} : { basedOn: options.basedOn }),
        ...(options.scenario ? { scenario: options.scenario } : {}),
      });
      if (options.publishedBy)
        manifest.publishedBy = { jobId: options.publishedBy.jobId, attempt: options.publishedBy.attempt };
      return manifest;
    },
    onStep,
    ...(options.fence ? { fence: options.fence } : {}),
  });

  if (options.fence) {
    try {
      await options.fence();
    } catch (error) {
      // Not ours to publish any more: the version must not stay where readers and rollback see it.
      await retractVersion(out, version).catch(() => undefined);
      throw error;
    }
  }
  const from = await currentVersion(out);
  const candidate = options.candidate ?? false;
  if (status === 'published') {
    await switchCurrent(out, version);
    await onStep('current-switched', version);
  }

  const result: PublishVersionResult = {
    version,
    dir: join(out, VERSIONS_DIR, version),
    pruned: [],
    candidate,
    from,
  };
  try {
    result.pruned = await pruneVersions(out, keep);
    if (options.archive !== null)
      result.archived = await archiveOldVersions(out, options.archive ?? DEFAULT_ARCHIVE_POLICY);
  } catch (error) {
    result.pruneError = (error as Error).message;
  }
  await onStep('pruned', result.pruned.join(' '));
  return result;
}

/**
 * Removes old versions so that the newest `keep` remain, plus the current one wherever it is in
 * the order (after a rollback it may be old) and every pending candidate (neither approved nor
 * rejected: a manager has yet to decide on it). Each version is first renamed into `.trash/` so
 * that no half-deleted version is ever visible under versions/. Returns the removed names.
 */
export async function pruneVersions(regionOutDir: string, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1)
    throw new Error(`prune: keep must be a whole number >= 1, got ${keep}`);
  const out = resolve(regionOutDir);
  const names = await versionNames(out);
  const current = await currentVersion(out);
  const kept = new Set(names.slice(-keep));
  if (current) kept.add(current);
  const decisions = reviewDecisions(await readAudit(out));
  const doomed: string[] = [];
  for (const name of names) {
    if (kept.has(name)) continue;
    const status = await readManifest(join(out, VERSIONS_DIR, name))
      .then((m) => m.status)
      .catch(() => undefined);
    if (status === 'candidate' && !decisions.has(name)) continue;
    doomed.push(name);
  }
  if (doomed.length === 0) return [];
  const trash = join(out, TRASH_DIR);
  await mkdir(trash, { recursive: true });
  for (const name of doomed) await rename(join(out, VERSIONS_DIR, name), join(trash, `${name}.${suffix()}`));
  await fsyncDirectory(join(out, VERSIONS_DIR));
  await removeTree(trash);
  return doomed;
}

/**
 * Keeps old versions compressed (see ArchivePolicy): every version but the newest
 * `policy.keepPlain`, the current one and pending candidates, whose files add up to
 * `policy.minBytes` or more, has its listed files gzipped in place (manifest.json stays plain and
 * still lists the plain sizes and digests). A version with some files plain again (served by the
 * API since) is compressed again. Returns the versions compressed now.
 */
export async function archiveOldVersions(regionOutDir: string, policy: ArchivePolicy): Promise<string[]> {
  const out = resolve(regionOutDir);
  const names = await versionNames(out);
  const current = await currentVersion(out);
  const decisions = reviewDecisions(await readAudit(out));
  const archived: string[] = [];
  for (const name of names.slice(0, Math.max(0, names.length - policy.keepPlain))) {
    if (name === current) continue;
    const dir = join(out, VERSIONS_DIR, name);
    const manifest = await readManifest(dir).catch(() => null);
    if (manifest === null) continue;
    if (manifest.status === 'candidate' && !decisions.has(name)) continue;
    if ((manifest.bytes ?? totalBytes(manifest.files)) < policy.minBytes) continue;
    if (
      (await compressVersionFiles(
        dir,
        manifest.files.map((f) => f.path),
      )) > 0
    )
      archived.push(name);
  }
  return archived;
}

/** Makes a compressed version's files plain again (before it becomes current); no-op otherwise. */
export async function restoreVersion(regionOutDir: string, version: string): Promise<void> {
  const dir = join(resolve(regionOutDir), VERSIONS_DIR, version);
  const manifest = await readManifest(dir);
  await restoreVersionFiles(
    dir,
    manifest.files.map((f) => f.path),
  );
}

/** A version's status as `territory versions` shows it (see versionStatusOf). */
export type ShownStatus = 'current' | 'candidate' | 'rejected' | 'published' | 'scenario';

/** A published version as listed by `territory versions`. */
export interface VersionInfo {
  version: string;
  current: boolean;
  /** See versionStatusOf: current, candidate (pending), rejected, published, or scenario (a what-if). */
  status: ShownStatus;
  /** The version that was current when the plan was made (manifest `basedOn`), when recorded. */
  basedOn: string | null;
  generatedAt: string | null;
  publishedAt: string | null;
  inputHash: string | null;
  mode: string | null;
  programVersion: string | null;
  files: number;
  /** Disk use: the manifest's `bytes`, or the sum of its files' sizes for older manifests (0 when unreadable). */
  bytes: number;
  /** Held compressed on disk (archiveOldVersions); `bytes` is still the plain size. */
  compressed: boolean;
  /** Set when the manifest cannot be read. */
  error?: string;
}

/** The job attempt recorded as the publisher of a version, or null (published by `territory plan`, or unreadable). */
export async function readPublishedBy(regionOutDir: string, version: string): Promise<PublishedBy | null> {
  try {
    const manifest = (await readManifest(join(resolve(regionOutDir), VERSIONS_DIR, version))) as Manifest & {
      publishedBy?: Partial<PublishedBy>;
    };
    const by = manifest.publishedBy;
    return by && typeof by.jobId === 'string' && typeof by.attempt === 'number'
      ? { jobId: by.jobId, attempt: by.attempt }
      : null;
  } catch {
    return null;
  }
}

/** Reads and parses `<versionDir>/manifest.json` (not verified; see verifyVersion). */
export async function readManifest(versionDir: string): Promise<Manifest> {
  const text = await readFile(join(versionDir, 'manifest.json'), 'utf8');
  return JSON.parse(text) as Manifest;
}

/** The published versions of a region, newest first, with their manifests' provenance. */
export async function listVersions(regionOutDir: string): Promise<VersionInfo[]> {
  const out = resolve(regionOutDir);
  const current = await currentVersion(out);
  const names = (await versionNames(out)).reverse();
  const decisions = reviewDecisions(await readAudit(out));
  return Promise.all(
    names.map(async (version): Promise<VersionInfo> => {
      try {
        const manifest = await readManifest(join(out, VERSIONS_DIR, version));
        return {
          version,
          current: version === current,
          status: versionStatusOf(manifest, version === current, decisions.get(version)),
          basedOn: manifest.basedOn ?? null,
          generatedAt: manifest.generatedAt,
          publishedAt: manifest.publishedAt,
          inputHash: manifest.inputHash,
          mode: manifest.mode,
          programVersion: manifest.programVersion,
          files: manifest.files.length,
          bytes: manifest.bytes ?? totalBytes(manifest.files),
          compressed: await isCompressed(
            join(out, VERSIONS_DIR, version),
            manifest.files.map((f) => f.path),
          ),
        };
      } catch (error) {
        return {
          version,
          current: version === current,
          status: version === current ? 'current' : 'published',
          basedOn: null,
          generatedAt: null,
          publishedAt: null,
          inputHash: null,
          mode: null,
          programVersion: null,
          files: 0,
          bytes: 0,
          compressed: false,
          error: (error as Error).message,
        };
      }
    }),
  );
}

/**
 * Checks a published version against its manifest: the manifest is schema-valid and every listed
 * file exists with the listed size and sha256. Returns the problems (empty = intact).
 */
export async function verifyVersion(regionOutDir: string, version: string): Promise<string[]> {
  const dir = join(resolve(regionOutDir), VERSIONS_DIR, version);
  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    return [`${version}: cannot read manifest.json (${(error as Error).message})`];
  }
  const problems = validateAgainstSchema('manifest.json', manifest).map((p) => `${version}: ${p}`);
  if (problems.length > 0) return problems;
  for (const file of manifest.files) {
    try {
      const bytes = await readVersionFile(dir, file.path);
      if (bytes.byteLength !== file.size)
        problems.push(`${version}/${file.path}: ${bytes.byteLength} bytes, manifest says ${file.size}`);
      else if (sha256Hex(bytes) !== file.sha256)
        problems.push(`${version}/${file.path}: sha256 does not match the manifest`);
    } catch (error) {
      problems.push(`${version}/${file.path}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * The status of a version as `territory versions` shows it: `current` when `current` points at
 * it, `rejected` when a manager rejected it, `candidate` when it was published as a candidate and
 * nobody decided on it yet, `scenario` for a scenario's version (scenarios/<name>/versions/),
 * else `published` (a version that was current, or an approved candidate). Manifests written
 * before candidates existed have no `status` and are `published`.
 */
export function versionStatusOf(
  manifest: Pick<Manifest, 'status'>,
  isCurrent: boolean,
  decision: 'approved' | 'rejected' | undefined,
): ShownStatus {
  if (isCurrent) return 'current';
  if (manifest.status === 'scenario') return 'scenario';
  if (decision === 'rejected') return 'rejected';
  if (manifest.status === 'candidate' && decision === undefined) return 'candidate';
  return 'published';
}

/** The status of one version (see versionStatusOf); throws when it does not exist. */
export async function versionStatus(regionOutDir: string, version: string): Promise<ShownStatus> {
  const out = resolve(regionOutDir);
  const manifest = await readManifest(join(out, VERSIONS_DIR, version));
  const decisions = reviewDecisions(await readAudit(out));
  return versionStatusOf(manifest, (await currentVersion(out)) === version, decisions.get(version));
}

/** Steps of a switch of `current` to an existing version (rollback, approve), for crash tests. */
export type SwitchStep = 'verified' | 'current-switched';

/**
 * Checks that `version` exists and is intact against its manifest, then points `current` at it
 * atomically (switchCurrent). `label` starts error messages (`rollback`, `approve`). Returns the
 * version `current` pointed at before and after; throws with `current` unchanged otherwise.
 */
export async function switchToVerifiedVersion(
  regionOutDir: string,
  version: string,
  label: string,
  onStep?: (step: SwitchStep) => void | Promise<void>,
): Promise<{ from: string | null; to: string }> {
  const out = resolve(regionOutDir);
  await assertVersionExists(out, version, label);
  await restoreVersion(out, version);
  const problems = await verifyVersion(out, version);
  if (problems.length > 0)
    throw new VersionDamagedError(
      `${label}: version ${version} is damaged:\n  - ${problems.slice(0, 10).join('\n  - ')}`,
      version,
    );
  await onStep?.('verified');
  const from = await currentVersion(out);
  await switchCurrent(out, version);
  await onStep?.('current-switched');
  return { from, to: version };
}

/** Throws unless `version` is a version name present under versions/ (message names the newest). */
export async function assertVersionExists(
  regionOutDir: string,
  version: string,
  label: string,
): Promise<void> {
  const out = resolve(regionOutDir);
  if (!isVersionName(version))
    throw new Error(`${label}: "${version}" is not a version name (e.g. 20260302T021500Z-1a2b3c4d)`);
  const names = await versionNames(out);
  if (!names.includes(version)) {
    const known = names.slice(-5).reverse().join(', ') || 'none';
    throw new VersionNotFoundError(
      `${label}: version ${version} does not exist in ${join(out, VERSIONS_DIR)} (newest: ${known})`,
      version,
    );
  }
}

/** A version whose files do not match its manifest (the HTTP API answers 409). */
export class VersionDamagedError extends Error {
  constructor(
    message: string,
    readonly version: string,
  ) {
    super(message);
    this.name = 'VersionDamagedError';
  }
}

/** A version that is not under versions/ (the HTTP API answers 404). */
export class VersionNotFoundError extends Error {
  constructor(
    message: string,
    readonly version: string,
  ) {
    super(message);
    this.name = 'VersionNotFoundError';
  }
}

/**
 * Switches `current` back (or forward) to an existing version after verifying it against its
 * manifest, and appends a `rollback` entry to the audit log. Returns the version current pointed
 * at before and after. Throws when the version does not exist, is damaged, or is a pending or
 * rejected candidate (those go through `approve`); `current` is then unchanged.
 */
export async function rollback(
  regionOutDir: string,
  version: string,
  audit: AuditWho = {},
): Promise<{ from: string | null; to: string }> {
  const out = resolve(regionOutDir);
  await assertVersionExists(out, version, 'rollback');
  const status = await versionStatus(out, version).catch(() => 'published' as const);
  if (status === 'candidate')
    throw new Error(`rollback: version ${version} is a candidate; approve it with \`territory approve\``);
  if (status === 'rejected')
    throw new Error(`rollback: version ${version} was rejected and cannot be made current`);
  const switched = await switchToVerifiedVersion(out, version, 'rollback');
  await appendAudit(out, auditEntry({ action: 'rollback', version, ...switched, reason: 'rollback' }, audit));
  return switched;
}

/**
 * The plan `current` points at, or null when the region has no published version yet. Used as
 * the previous plan of a rebuild. Throws with the path when the file is unreadable or not a plan.
 */
export async function readCurrentPlan(regionOutDir: string): Promise<Plan | null> {
  const out = resolve(regionOutDir);
  const version = await currentVersion(out);
  if (version === null) return null;
  return readVersionPlan(out, version);
}

/** The plan.json of one version. Throws with the path when the file is unreadable or not a plan. */
export async function readVersionPlan(regionOutDir: string, version: string): Promise<Plan> {
  const dir = join(resolve(regionOutDir), VERSIONS_DIR, version);
  const path = join(dir, 'plan.json');
  let plan: Plan;
  try {
    plan = parseJsonBytes(await readVersionFile(dir, 'plan.json')) as Plan;
  } catch (error) {
    throw new Error(`cannot read the plan ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (plan?.schemaVersion !== 1 || !Array.isArray(plan.outlets)) {
    throw new Error(`${path} is not a schema version 1 plan`);
  }
  return plan;
}
