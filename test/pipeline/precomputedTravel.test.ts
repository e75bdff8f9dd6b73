import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { planRegion, preparePlan } from '../../src/domain/pipeline/planRegion.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import {
  precomputedTravelModel,
  type PointTravelTable,
} from '../../src/domain/routing/precomputedTravelModel.js';
import { greatCircleTravelModel } from '../../src/domain/routing/travelModel.js';
import type { LonLat, RegionInput } from '../../src/domain/types.js';

const generated = generateRegion({ outlets: 240, reps: 6, seed: 11 });
const region: RegionInput = {
  name: 'precomputed-travel',
  outlets: generated.outlets,
  reps: generated.reps,
  quarantine: [],
  policyOverrides: null,
  inputHash: 'test',
};
const context = { region, policy: DEFAULT_POLICY, previous: null, mode: 'fresh' as const, seed: 3 };

/** One table per pool over its rep homes and outlets, filled from `fill` (what the app layer does). */
function poolTables(fill: (points: LonLat[]) => PointTravelTable): PointTravelTable[] {
  const prepared = preparePlan(context);
  return prepared.pools.map((pool) =>
    fill([
      ...prepared.reps.filter((r) => r.pool === pool.id).map((r) => r.home),
      ...prepared.outlets.filter((o) => o.pool === pool.id).map((o): LonLat => [o.lon, o.lat]),
    ]),
  );
}

function greatCircleTable(points: LonLat[]): PointTravelTable {
  const matrix = greatCircleTravelModel(DEFAULT_POLICY.travel).matrix(points);
  const n = points.length;
  const km = new Float64Array(n * n);
  const minutes = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      km[i * n + j] = matrix.km(i, j);
      minutes[i * n + j] = matrix.minutes(i, j);
    }
  return { points, km, minutes };
}

describe('the planner on precomputed travel tables', () => {
  it('plans exactly the default plan when the tables hold the great-circle figures', () => {
    const now = new Date(0);
    const byDefault = planRegion({ ...context, now });
    const precomputed = planRegion({
      ...context,
      now,
      travel: {
        model: precomputedTravelModel(poolTables(greatCircleTable)),
        territorySettings: DEFAULT_POLICY.travel,
      },
    });
    expect(JSON.stringify(precomputed)).toBe(JSON.stringify(byDefault));
  });

  it('times day routes on the tables, not on straight lines', () => {
    const doubled = (points: LonLat[]): PointTravelTable => {
      const t = greatCircleTable(points);
      return { points, km: t.km.map((v) => v * 2), minutes: t.minutes.map((v) => v * 2) };
    };
    const now = new Date(0);
    const travelOf = (plan: ReturnType<typeof planRegion>): number =>
      plan.reps.reduce((sum, r) => sum + (r.days ?? []).reduce((s, d) => s + d.travelMinutes, 0), 0);
    const base = travelOf(planRegion({ ...context, now }));
    const slow = travelOf(
      planRegion({
        ...context,
        now,
        travel: {
          model: precomputedTravelModel(poolTables(doubled)),
          territorySettings: DEFAULT_POLICY.travel,
        },
      }),
    );
    expect(slow).toBeGreaterThan(1.6 * base);
  });

  it('refuses points that no table holds together', () => {
    const model = precomputedTravelModel([
      greatCircleTable([
        [10, 50],
        [10.01, 50],
      ]),
    ]);
    expect(model.matrix([[10, 50]]).size).toBe(1);
    expect(
      model
        .matrix([
          [10.01, 50],
          [10, 50],
        ])
        .km(0, 1),
    ).toBeGreaterThan(0);
    expect(() =>
      model.matrix([
        [10, 50],
        [11, 51],
      ]),
    ).toThrow(/11,51/);
  });
});
