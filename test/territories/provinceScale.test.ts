import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { planPoolTerritories } from '../../src/domain/pipeline/planPool.js';
import { preparePlan } from '../../src/domain/pipeline/planRegion.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';

/**
 * Issue 15: the territories stage of a generated 500,000-outlet / 4,000-rep province (seed 11),
 * alone, as planRegion runs it per pool. It died on an outlet-sized spread push before; it also
 * serialises every pool's territories as the split flow stores them, so a whole-pool string that
 * grew past V8's limit would fail here too. Minutes of CPU and about 1 GB (222 s on 2 shared
 * cores), so it runs only with TERRITORY_PROVINCE_TEST=1 (an integration test, vitest.config.ts
 * INTEGRATION_FILES, with a generous time bound instead of a timing assert); every run of the
 * suite guards the same code paths with test/territories/stackSafety.test.ts (a 200,000-outlet
 * pool, seconds).
 */
describe.runIf(process.env.TERRITORY_PROVINCE_TEST === '1')('territories stage at province scale', () => {
  it(
    'assigns every outlet of a 500,000-outlet region within balance',
    () => {
      const outlets = 500_000;
      const generated = generateRegion({ outlets, reps: 4000, seed: 11 });
      const region = {
        name: 'province',
        outlets: generated.outlets,
        reps: generated.reps,
        quarantine: [],
        policyOverrides: null,
        inputHash: 'province',
      };
      const context = { region, policy: DEFAULT_POLICY, previous: null, mode: 'fresh' as const, seed: 1 };
      const prepared = preparePlan(context);
      let assigned = 0;
      let worst = 0;
      for (const pool of prepared.pools) {
        const territories = planPoolTerritories(prepared, pool.id, context);
        const poolOutlets = prepared.outlets.filter((o) => o.pool === pool.id).length;
        expect(territories.repOf).toHaveLength(poolOutlets);
        expect(territories.repChanges).toHaveLength(poolOutlets);
        expect(JSON.stringify(territories).length).toBeGreaterThan(poolOutlets * 20);
        for (const [, t] of territories.territories)
          if (t.targetMinutes > 0) worst = Math.max(worst, Math.abs(t.loadMinutes / t.targetMinutes - 1));
        assigned += poolOutlets;
      }
      expect(assigned).toBe(prepared.outlets.length);
      expect(prepared.outlets.length).toBeGreaterThan(0.99 * outlets);
      expect(worst).toBeLessThanOrEqual(DEFAULT_POLICY.territories.balanceTolerance + 1e-3);
    },
    20 * 60_000,
  );
});
