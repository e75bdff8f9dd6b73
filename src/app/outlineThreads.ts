import type { Plan } from '../domain/plan/planTypes.js';
import type { FeatureCollection } from '../io/artifacts/geoJson.js';
import {
  buildTerritoriesGeoJson,
  territoriesFromOutlines,
  territoryPointsByPool,
  type TerritoryFeature,
} from '../io/artifacts/renderTerritoriesGeoJson.js';
import type { OwnedPoint, PolygonRings } from '../io/artifacts/territoryPartition.js';
import type { OutlineThreadRequest } from './outlineThreadMessages.js';
import { runThreadBatch, workerEntryFile } from './threadBatch.js';

/**
 * The outline worker's entry file: dist/src/app/outlineWorker.js next to this module when
 * compiled; from TypeScript sources (vitest, tsx) outlineWorkerTsx.js, which registers tsx in the
 * thread before loading outlineWorker.ts.
 */
export function resolveOutlineWorkerFile(): string {
  return workerEntryFile('outlineWorker');
}

/**
 * The plan's territories.geojson collection, exactly buildTerritoriesGeoJson(plan), with each
 * pool's partition (partitionTerritories, a large part of a publish) computed on one of
 * `threads` worker threads, largest pool first. With one thread or one pool it is computed in this
 * thread and no worker starts. The first failure rejects naming the pool; every thread is
 * terminated when the batch ends, resolved or rejected.
 */
export async function threadedTerritoriesGeoJson(
  plan: Plan,
  threads: number,
  workerFile = resolveOutlineWorkerFile(),
): Promise<FeatureCollection<TerritoryFeature>> {
  const pools = territoryPointsByPool(plan);
  const count = Math.min(Math.max(1, Math.floor(threads)), pools.length);
  if (count <= 1) return buildTerritoriesGeoJson(plan);
  const order = pools.map((_, i) => i).sort((a, b) => sizeOf(pools[b]) - sizeOf(pools[a]) || a - b);
  const outlines = await runThreadBatch<PoolPoints, OutlineThreadRequest, Map<string, PolygonRings[]>>({
    workerFile,
    threads: count,
    jobs: pools,
    queue: order,
    requestOf: (pool, index) => ({ index, points: pool.points }),
    nameOf: (pool) => `pool ${String(pool?.pool ?? '(no pool)')}`,
    stage: 'territory outlines',
    onResult: () => undefined,
  });
  const byRep = new Map<string, PolygonRings[]>();
  for (const pool of outlines) for (const [repId, polygons] of pool ?? []) byRep.set(repId, polygons);
  return territoriesFromOutlines(plan, byRep);
}

type PoolPoints = ReturnType<typeof territoryPointsByPool>[number];

function sizeOf(pool: { points: OwnedPoint[] } | undefined): number {
  return pool?.points.length ?? 0;
}
