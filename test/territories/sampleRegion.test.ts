import { describe, expect, it } from 'vitest';
import { localProjection } from '../../src/domain/geo/distance.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import {
  assignPoolTerritories,
  poolTerritoryInput,
} from '../../src/domain/territories/assignPoolTerritories.js';
import { poolOutletGeometry } from '../../src/domain/territories/outletLoads.js';
import { contiguityBreaks } from '../../src/domain/territories/territoryMetrics.js';
import { generatedPlanInputs } from '../fixtures/generatedPlanInputs.js';

/** The reference district (1,399 outlets, 12 reps, seed 42), shaped as the pipeline shapes it. */
const sampleRegion = () => generatedPlanInputs(1399, 12, 42);

describe('territories of the reference district', () => {
  const { outlets, reps, pools } = sampleRegion();
  const base = { outlets, reps, pools, policy: DEFAULT_POLICY, seed: 42 };
  const fresh = assignPoolTerritories({ ...base, previous: null, mode: 'fresh' });

  it('serves every outlet by a rep of its pool, every rep within ±3% of target', () => {
    const poolOfRep = new Map(reps.map((r) => [r.id, r.pool]));
    for (const o of outlets) expect(poolOfRep.get(fresh.repOf.get(o.id) ?? '')).toBe(o.pool);
    for (const r of reps) {
      const t = fresh.territories.get(r.id);
      expect(t).toBeDefined();
      expect(Math.abs((t?.loadMinutes ?? 0) / (t?.targetMinutes ?? 1) - 1)).toBeLessThanOrEqual(0.03);
    }
    expect(fresh.warnings).toEqual([]);
  });

  it('draws contiguous territories: at most 2% of outlets sit among another rep’s outlets', () => {
    let breaks = 0;
    for (const pool of pools) {
      const input = poolTerritoryInput({ ...base, previous: null, mode: 'fresh' }, pool);
      const geometry = poolOutletGeometry(input.outlets, localProjection(119.13, 36.71), input.travel, 5);
      const repIds = input.reps.map((r) => r.id);
      const labels = Int32Array.from(input.outlets.map((o) => repIds.indexOf(fresh.repOf.get(o.id) ?? '')));
      breaks += contiguityBreaks(geometry.xs, geometry.ys, labels, 5);
    }
    expect(breaks / outlets.length).toBeLessThanOrEqual(0.02);
  });

  it('rebuilds an unchanged district without a single rep change', () => {
    const previous = {
      outlets: outlets.map((o) => ({ ...o, repId: fresh.repOf.get(o.id) ?? null })),
    } as unknown as Plan;
    const rebuilt = assignPoolTerritories({ ...base, previous, mode: 'rebuild' });
    expect(rebuilt.repChanges).toEqual([]);
    expect(rebuilt.repOf).toEqual(fresh.repOf);
  });
});
