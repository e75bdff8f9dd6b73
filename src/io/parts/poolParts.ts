import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PoolPlan } from '../../domain/pipeline/planPool.js';
import { splitUnitKey, type RepGroup, type SplitUnit } from '../../domain/pipeline/splitUnits.js';
import type { PlanMode } from '../../domain/plan/planTypes.js';
import { fsyncDirectory, removeTree, writeFileDurable } from '../publish/durableFs.js';

/** Where the pools of split flows leave their plans, inside the region's output folder. */
const PARTS_DIR = '.parts';

/**
 * One pool's result in a split flow, as the child job wrote it. The fingerprint (input and
 * policy hashes, the previous plan it built on, mode and seed) lets the parent refuse to
 * assemble pools that were planned from different data.
 */
export interface PoolPart {
  partVersion: 1;
  region: string;
  flowId: string;
  pool: string;
  /** Which group of the pool's reps this part planned (`count` 1: the whole pool). */
  group: RepGroup;
  inputHash: string;
  policyHash: string;
  /** `generatedAt` of the plan the pool built on, or null for a first plan. */
  previousGeneratedAt: string | null;
  mode: PlanMode;
  seed: number;
  /** True when the inputs were unchanged and the rebuild is skipped (no plan). */
  skipped: boolean;
  /** The pool's plan; null when skipped or when the pool has no reps (its outlets went elsewhere). */
  plan: PoolPlan | null;
  /**
   * How long the child ran (load to part, ms) and the outlet-visits it planned (optional: parts
   * of older workers, and skipped parts, have none). The parent keeps them per pool to order the
   * next flow's children.
   */
  runMs?: number;
  outletVisits?: number;
}

/** The folder holding the part files of one split flow. */
export function flowPartsDir(regionOutDir: string, flowId: string): string {
  return join(regionOutDir, PARTS_DIR, flowId);
}

function partFileName(unit: SplitUnit): string {
  return `${splitUnitKey(unit)}.json`;
}

function unitName(unit: SplitUnit): string {
  return unit.group.count === 1
    ? `pool ${unit.pool}`
    : `pool ${unit.pool} rep group ${unit.group.index + 1} of ${unit.group.count}`;
}

/**
 * Writes a pool's part durably and atomically (temporary file, fsync, rename, fsync folder), so a
 * child killed mid-write leaves no part and its retry writes a whole one. Returns the file path.
 */
export async function writePoolPart(regionOutDir: string, part: PoolPart): Promise<string> {
  const dir = flowPartsDir(regionOutDir, part.flowId);
  await mkdir(dir, { recursive: true });
  const path = join(dir, partFileName(part));
  // Unique per write: a retry in the same process must not collide with a killed write's leftover.
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFileDurable(temporary, JSON.stringify(part));
  await rename(temporary, path);
  await fsyncDirectory(dir);
  return path;
}

/**
 * Reads the part of every unit (pool, or group of a pool's reps) of a flow. A missing or
 * unreadable part is an error naming the unit and the file: the parent must not publish a plan
 * with part of the region left out.
 */
export async function readPoolParts(
  regionOutDir: string,
  flowId: string,
  units: readonly SplitUnit[],
): Promise<PoolPart[]> {
  const dir = flowPartsDir(regionOutDir, flowId);
  return Promise.all(
    units.map(async (unit) => {
      const path = join(dir, partFileName(unit));
      let part: PoolPart;
      try {
        part = JSON.parse(await readFile(path, 'utf8')) as PoolPart;
      } catch (error) {
        throw new Error(
          `${unitName(unit)} of flow ${flowId}: cannot read its part ${path} (${(error as Error).message})`,
          { cause: error },
        );
      }
      const sameGroup = part.group?.index === unit.group.index && part.group.count === unit.group.count;
      if (part.partVersion !== 1 || part.pool !== unit.pool || !sameGroup || part.flowId !== flowId)
        throw new Error(`${path}: not the part of ${unitName(unit)} in flow ${flowId}`);
      return part;
    }),
  );
}

/** Removes a flow's parts once its plan is published (or skipped). */
export async function removePoolParts(regionOutDir: string, flowId: string): Promise<void> {
  await removeTree(flowPartsDir(regionOutDir, flowId));
}

/** How long the parts of a flow that never published are kept for a retry. */
export const STALE_PARTS_MS = 7 * 24 * 3600 * 1000;

/**
 * Removes the parts of flows last written more than `olderThanMs` before `nowMs` (flows whose
 * parent failed for good keep their parts for a retry, but not forever). Returns the flow ids.
 */
export async function sweepStaleParts(
  regionOutDir: string,
  nowMs: number,
  olderThanMs = STALE_PARTS_MS,
): Promise<string[]> {
  const root = join(regionOutDir, PARTS_DIR);
  const swept: string[] = [];
  for (const flowId of await readdir(root).catch(() => [] as string[])) {
    const info = await stat(join(root, flowId)).catch(() => null);
    if (info && nowMs - info.mtimeMs > olderThanMs) {
      await removeTree(join(root, flowId));
      swept.push(flowId);
    }
  }
  return swept;
}
