import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { PoolTerritories } from '../../domain/pipeline/planPool.js';
import { splitUnitKey } from '../../domain/pipeline/splitUnits.js';
import type { PlanMode } from '../../domain/plan/planTypes.js';
import { fsyncDirectory, writeFileDurable } from '../publish/durableFs.js';
import { flowPartsDir } from './poolParts.js';

/**
 * One pool's territories in a split flow, drawn once by the flow's territory job and read by
 * every cycle child of the pool. The fingerprint is the pool parts' (input and policy hashes,
 * the previous plan, mode, seed): a child refuses territories drawn from other data.
 */
export interface TerritoryPart {
  partVersion: 1;
  region: string;
  flowId: string;
  pool: string;
  inputHash: string;
  policyHash: string;
  previousGeneratedAt: string | null;
  mode: PlanMode;
  seed: number;
  /** The pool's territories; null when the pool has no reps (buildPools gave its outlets away). */
  territories: PoolTerritories | null;
}

/**
 * The part's file in the flow's parts folder: `<pool key>.territories.json`. A pool key never
 * holds a `.` (splitUnitKey replaces it), so this cannot be a pool part's name; it lives in the
 * flow's folder, so it is removed with the flow's pool parts and swept with them.
 */
export function territoryPartPath(regionOutDir: string, flowId: string, pool: string): string {
  const key = splitUnitKey({ pool, group: { index: 0, count: 1 } });
  return join(flowPartsDir(regionOutDir, flowId), `${key}.territories.json`);
}

/** Writes a territory part durably and atomically (as writePoolPart does). Returns its path. */
export async function writeTerritoryPart(regionOutDir: string, part: TerritoryPart): Promise<string> {
  const dir = flowPartsDir(regionOutDir, part.flowId);
  await mkdir(dir, { recursive: true });
  const path = territoryPartPath(regionOutDir, part.flowId, part.pool);
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFileDurable(temporary, JSON.stringify(part));
  await rename(temporary, path);
  await fsyncDirectory(dir);
  return path;
}

/**
 * Reads the territory part of `pool` in flow `flowId`. A missing or foreign part is an error
 * naming the pool and the file: a cycle child told to reuse territories must not redraw them.
 */
export async function readTerritoryPart(
  regionOutDir: string,
  flowId: string,
  pool: string,
): Promise<TerritoryPart> {
  const path = territoryPartPath(regionOutDir, flowId, pool);
  let part: TerritoryPart;
  try {
    part = JSON.parse(await readFile(path, 'utf8')) as TerritoryPart;
  } catch (error) {
    throw new Error(
      `pool ${pool} of flow ${flowId}: cannot read its territories ${path} (${(error as Error).message}); the flow's territory job has not written them`,
      { cause: error },
    );
  }
  if (part.partVersion !== 1 || part.pool !== pool || part.flowId !== flowId)
    throw new Error(`${path}: not the territories of pool ${pool} in flow ${flowId}`);
  return part;
}
