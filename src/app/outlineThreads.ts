import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Plan } from '../domain/plan/planTypes.js';
import type { FeatureCollection } from '../io/artifacts/geoJson.js';
import {
  buildTerritoriesGeoJson,
  territoriesFromOutlines,
  territoryPointsByPool,
  type TerritoryFeature,
} from '../io/artifacts/renderTerritoriesGeoJson.js';
import type { OwnedPoint, PolygonRings } from '../io/artifacts/territoryPartition.js';
import type { OutlineThreadReply } from './outlineThreadMessages.js';

/**
 * The outline worker's entry file: dist/src/app/outlineWorker.js next to this module when
 * compiled; from TypeScript sources (vitest, tsx) outlineWorkerTsx.js, which registers tsx in the
 * thread before loading outlineWorker.ts.
 */
export function resolveOutlineWorkerFile(): string {
  const compiled = fileURLToPath(new URL('./outlineWorker.js', import.meta.url));
  if (existsSync(compiled)) return compiled;
  const fromSource = fileURLToPath(new URL('./outlineWorkerTsx.js', import.meta.url));
  if (existsSync(fromSource)) return fromSource;
  throw new Error(
    `no outline worker entry found (looked for ${compiled} and ${fromSource}); run npm run build`,
  );
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
  const outlines = new Array<Map<string, PolygonRings[]> | undefined>(pools.length);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(new Worker(workerFile));
    await new Promise<void>((resolveAll, reject) => {
      let next = 0;
      let finished = 0;
      const inFlight = new Map<Worker, number>();
      const poolOf = (index: number | undefined): string =>
        index === undefined ? '(none)' : String(pools[index]?.pool ?? '(no pool)');
      const send = (worker: Worker): void => {
        const index = order[next++];
        if (index === undefined) return;
        inFlight.set(worker, index);
        worker.postMessage({ index, points: pools[index]?.points ?? [] });
      };
      for (const worker of workers) {
        worker.on('message', (reply: OutlineThreadReply) => {
          inFlight.delete(worker);
          if ('error' in reply) {
            const cause = new Error(reply.error.message);
            if (reply.error.stack) cause.stack = reply.error.stack;
            reject(
              new Error(
                `territory outlines of pool ${poolOf(reply.index)} failed in a worker thread: ${reply.error.message}`,
                {
                  cause,
                },
              ),
            );
            return;
          }
          outlines[reply.index] = reply.outlines;
          if (++finished === pools.length) resolveAll();
          else send(worker);
        });
        worker.on('error', (error) =>
          reject(
            new Error(
              `outline worker thread failed on pool ${poolOf(inFlight.get(worker))}: ${error.message}`,
              {
                cause: error,
              },
            ),
          ),
        );
        worker.on('exit', (code) => {
          if (finished < pools.length)
            reject(
              new Error(
                `outline worker thread exited with code ${code} on pool ${poolOf(inFlight.get(worker))}`,
              ),
            );
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  const byRep = new Map<string, PolygonRings[]>();
  for (const pool of outlines) for (const [repId, polygons] of pool ?? []) byRep.set(repId, polygons);
  return territoriesFromOutlines(plan, byRep);
}

function sizeOf(pool: { points: OwnedPoint[] } | undefined): number {
  return pool?.points.length ?? 0;
}
