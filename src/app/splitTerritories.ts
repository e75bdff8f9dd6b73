import { resolve } from 'node:path';
import { planPoolTerritories, type PoolTerritories } from '../domain/pipeline/planPool.js';
import {
  estimateUnits,
  longestFirst,
  withPoolRates,
  type EstimatedUnit,
} from '../domain/pipeline/splitOrder.js';
import { splitUnits } from '../domain/pipeline/splitUnits.js';
import type { PlanMode } from '../domain/plan/planTypes.js';
import { writePoolPart } from '../io/parts/poolParts.js';
import { readPoolRates } from '../io/parts/splitTimes.js';
import { writeTerritoryPart } from '../io/parts/territoryParts.js';
import { loadSplitInputs, prepareSplitContext } from './splitInputs.js';

/** Options of a split flow's territory step (the plan-region-territories job). */
export interface RunTerritoryStepOptions {
  regionDir: string;
  /** Region output folder; the territory parts go to `.parts/<flowId>/` in it. */
  outDir: string;
  mode: Extract<PlanMode, 'rebuild' | 'resegment'>;
  force?: boolean;
  seed?: number;
  flowId: string;
  /** The pools of the flow, and how many groups of reps each is split into. */
  pools: readonly string[];
  groups?: number;
  onProgress?: (stage: 'load' | 'prepare' | 'territories', percent: number) => void;
  log?: (message: string) => void;
}

export interface RunTerritoryStepResult {
  status: 'planned' | 'skipped';
  region: string;
  /**
   * The cycle children to add, longest (most outlet-visits) first; empty when skipped (the step
   * then wrote every unit's skipped part itself, so the parent has nothing to wait for).
   */
  units: EstimatedUnit[];
  /** Pools whose territories this step drew (pools without reps are absent). */
  drawnPools: string[];
}

/**
 * The territory step of a split flow: loads the region exactly as runPlan does, draws every
 * pool's territories once (planPoolTerritories, the same draw a whole-region run makes; with
 * `startsEvaluation: plan` the plans it makes while choosing are dropped and the children plan
 * the cycles again) and writes one territory part per pool, for the cycle children to read
 * instead of redrawing. Returns the children's units ordered longest first: by outlet-visits
 * times each pool's ms per outlet-visit in the last published flow (.split-times.json), or by
 * outlet-visits alone before any flow has published. An unchanged rebuild
 * writes a skipped pool part for every unit and no territories.
 */
export async function runTerritoryStep(options: RunTerritoryStepOptions): Promise<RunTerritoryStepResult> {
  const progress = options.onProgress ?? (() => undefined);
  progress('load', 0);
  const outDir = resolve(options.outDir);
  const inputs = await loadSplitInputs(
    options.regionDir,
    outDir,
    options.mode,
    options.force ?? false,
    options.seed,
  );
  const units = splitUnits(options.pools, options.groups ?? 1);
  const base = { partVersion: 1 as const, region: inputs.region.name, flowId: options.flowId };
  if (inputs.unchanged) {
    for (const unit of units)
      await writePoolPart(outDir, { ...base, ...unit, ...inputs.fingerprint, skipped: true, plan: null });
    options.log?.(`territories: inputs unchanged, ${units.length} skipped parts written`);
    return { status: 'skipped', region: inputs.region.name, units: [], drawnPools: [] };
  }
  progress('prepare', 0);
  const { context, prepared } = await prepareSplitContext(inputs, outDir);
  const drawn = new Map<string, PoolTerritories>();
  const pools = [...new Set(options.pools)];
  for (const [index, pool] of pools.entries()) {
    progress('territories', Math.floor((100 * index) / pools.length));
    // A pool without reps: buildPools handed its outlets to a fallback pool.
    const territories = prepared.pools.some((p) => p.id === pool)
      ? planPoolTerritories(prepared, pool, context)
      : null;
    if (territories) drawn.set(pool, territories);
    await writeTerritoryPart(outDir, { ...base, pool, ...inputs.fingerprint, territories });
  }
  const { rates, problem } = await readPoolRates(outDir);
  if (problem) options.log?.(`previous child times ignored (children ordered by outlet-visits): ${problem}`);
  const ordered = longestFirst(withPoolRates(estimateUnits(prepared, drawn, units, context.policy), rates));
  options.log?.(
    `territories of ${drawn.size} pool(s) drawn once; children longest first: ${ordered
      .map(
        (u) =>
          `${u.pool}${u.group.count > 1 ? `#${u.group.index}` : ''} ${u.outletVisits} visits${u.estimatedMs === null ? '' : ` ~${Math.round(u.estimatedMs)} ms`}`,
      )
      .join(', ')}`,
  );
  return { status: 'planned', region: inputs.region.name, units: ordered, drawnPools: [...drawn.keys()] };
}
