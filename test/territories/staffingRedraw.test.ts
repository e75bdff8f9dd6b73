import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { localProjection } from '../../src/domain/geo/distance.js';
import { preparePlan } from '../../src/domain/pipeline/preparePlan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Plan, PlanRep } from '../../src/domain/plan/planTypes.js';
import { poolTerritoryInput } from '../../src/domain/territories/assignPoolTerritories.js';
import {
  assignTerritories,
  type AssignTerritoriesInput,
  type TerritoryOutletInput,
} from '../../src/domain/territories/assignTerritories.js';
import { hullOverlapShare } from '../../src/domain/territories/territoryMetrics.js';
import { baseInput, outletAt, repAt } from './fixtures.js';

/**
 * A strip of 6-outlet columns 0.25 km apart; `blocks[b]` columns form block b. Previous reps
 * serve whole blocks (rep `p<b>`, home at the block's centre).
 */
function strip(widths: readonly number[]): {
  outlets: TerritoryOutletInput[];
  reps: ReturnType<typeof repAt>[];
  blockOf: Map<string, number>;
} {
  const outlets: TerritoryOutletInput[] = [];
  const reps: ReturnType<typeof repAt>[] = [];
  const blockOf = new Map<string, number>();
  let col = 0;
  widths.forEach((width, b) => {
    const rep = `p${String(b).padStart(2, '0')}`;
    reps.push(repAt(rep, (col + (width - 1) / 2) * 0.25, 0.625));
    for (let c = col; c < col + width; c++) {
      for (let row = 0; row < 6; row++) {
        const id = `O${String(c).padStart(3, '0')}-${row}`;
        outlets.push(outletAt(id, c * 0.25, row * 0.25, { previousRepId: rep }));
        blockOf.set(id, b);
      }
    }
    col += width;
  });
  return { outlets, reps, blockOf };
}

describe('staffing changes: local redraw (hand-checked)', () => {
  // Ten blocks: eight of 8 columns and two overloaded ones of 12 (blocks 4 and 5) in the middle.
  const widths = [8, 8, 8, 8, 12, 12, 8, 8, 8, 8];
  const { outlets, reps } = strip(widths);
  // The new rep lives on the border of the two overloaded territories (column 44).
  const added = repAt('new', 44 * 0.25, 0.625);
  const input = baseInput(outlets, [...reps, added], { mode: 'rebuild' });

  it('gives a rep added next to two overloaded territories outlets from them only', () => {
    const result = assignTerritories(input);
    const event = result.staffing.find((e) => e.repId === 'new');
    expect(event?.event).toBe('rep-added');
    expect(event?.fromReps.map((f) => f.repId).sort()).toEqual(['p04', 'p05']);
    // About 8 columns of 6 outlets, roughly half from each.
    expect(event?.outletsTaken).toBeGreaterThanOrEqual(40);
    expect(event?.outletsTaken).toBeLessThanOrEqual(56);
    for (const f of event?.fromReps ?? []) expect(f.outlets).toBeGreaterThanOrEqual(16);
    expect(event?.touchedReps).toEqual(['new', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07']);
    // Every change is to or from a touched territory, with the reasons of a local redraw.
    const touched = new Set(event?.touchedReps);
    for (const c of result.changes) {
      expect(touched.has(c.to as string) && touched.has(c.from as string)).toBe(true);
      expect(c.reason).toBe(c.to === 'new' ? 'rep-added' : 'redrawn');
    }
    expect(result.changes.filter((c) => c.to === 'new')).toHaveLength(event?.outletsTaken ?? -1);
    for (const r of result.territories.values())
      expect(Math.abs(r.loadMinutes / r.targetMinutes - 1)).toBeLessThanOrEqual(0.03);
  });

  it('leaves far-away territories exactly as they were (no whole-pool redraw)', () => {
    const result = assignTerritories(input);
    for (const o of outlets) {
      if (['p00', 'p01', 'p08', 'p09'].includes(o.previousRepId as string))
        expect(result.repOf.get(o.id)).toBe(o.previousRepId);
    }
    expect(result.changes.length).toBeLessThanOrEqual(7 * 6 * 8);
  });

  it("hands a removed rep's outlets to its neighbours and leaves far territories alone", () => {
    const even = strip([8, 8, 8, 8, 8, 8, 8, 8, 8, 8]);
    const gone = 'p05';
    // A tolerance the far territories still meet after the pool lost a rep (targets +11%).
    const result = assignTerritories(
      baseInput(
        even.outlets,
        even.reps.filter((r) => r.id !== gone),
        { mode: 'rebuild', balanceTolerance: 0.15 },
      ),
    );
    const orphans = even.outlets.filter((o) => o.previousRepId === gone);
    for (const o of orphans) expect(['p04', 'p06']).toContain(result.repOf.get(o.id));
    for (const o of orphans)
      expect(result.changes.find((c) => c.outletId === o.id)?.reason).toBe('rep-removed');
    const event = result.staffing.find((e) => e.repId === gone);
    expect(event).toMatchObject({ event: 'rep-removed', pool: 'T', outletsTaken: 0, outletsHandedOver: 48 });
    expect(event?.toReps.map((t) => t.repId).sort()).toEqual(['p04', 'p06']);
    expect(event?.touchedReps).toEqual(['p03', 'p04', 'p06', 'p07']);
    for (const o of even.outlets) {
      if (['p00', 'p01', 'p02', 'p08', 'p09'].includes(o.previousRepId as string))
        expect(result.repOf.get(o.id)).toBe(o.previousRepId);
    }
  });

  it('redraws around a rep whose capacity halved; reports rep-changed', () => {
    const even = strip([8, 8, 8, 8, 8, 8, 8, 8, 8, 8]);
    const changed = even.reps.map((r) =>
      r.id === 'p05'
        ? { ...r, capacity: 0.5, previous: { capacity: 1, homeLon: r.homeLon, homeLat: r.homeLat } }
        : { ...r, previous: { capacity: r.capacity, homeLon: r.homeLon, homeLat: r.homeLat } },
    );
    const result = assignTerritories(
      baseInput(even.outlets, changed, { mode: 'rebuild', balanceTolerance: 0.1 }),
    );
    const event = result.staffing.find((e) => e.repId === 'p05');
    expect(event?.event).toBe('rep-changed');
    expect(event?.reason).toBe('capacity 1 -> 0.5');
    expect(event?.outletsHandedOver).toBeGreaterThanOrEqual(16);
    expect(result.territories.get('p05')?.outletCount).toBeLessThanOrEqual(32);
    expect(result.staffing.filter((e) => e.repId !== 'p05')).toEqual([]);
  });
});

// ---------------------------------------------------------------- the sample region

/** The sample region (1,399 outlets / 12 reps, seed 42) shaped by the pipeline, drawn fresh. */
function sample(): {
  prepared: ReturnType<typeof preparePlan>;
  repOf: Map<string, string>;
} {
  const generated = generateRegion({ outlets: 1399, reps: 12, seed: 42 });
  const region = {
    name: 'sample',
    outlets: generated.outlets,
    reps: generated.reps,
    quarantine: [],
    policyOverrides: null,
    inputHash: 'x',
  };
  const prepared = preparePlan({ region, policy: DEFAULT_POLICY, previous: null, mode: 'fresh', seed: 1 });
  const repOf = new Map<string, string>();
  for (const pool of prepared.pools) {
    const input = poolTerritoryInput(
      { ...prepared, policy: DEFAULT_POLICY, previous: null, mode: 'fresh', seed: 42 },
      pool,
    );
    for (const [o, r] of assignTerritories(input).repOf) repOf.set(o, r);
  }
  return { prepared, repOf };
}

describe('staffing changes on the sample region: overlap within 1 point of a fresh draw', () => {
  const { prepared, repOf } = sample();
  const pool = prepared.pools.find((p) => p.id === 'C');
  if (pool === undefined) throw new Error('no pool C');
  const poolReps = prepared.reps.filter((r) => r.pool === 'C').sort((a, b) => (a.id < b.id ? -1 : 1));
  const previous = {
    outlets: prepared.outlets.map((o) => ({ ...o, repId: repOf.get(o.id) ?? null })),
    reps: prepared.reps,
  } as unknown as Plan;
  const poolOutlets = prepared.outlets.filter((o) => o.pool === 'C');
  const projection = localProjection(poolOutlets[0]?.lon ?? 0, poolOutlets[0]?.lat ?? 0);
  const xy = poolOutlets.map((o) => projection.toXY(o.lon, o.lat));
  const xs = Float64Array.from(xy, (p) => p[0]);
  const ys = Float64Array.from(xy, (p) => p[1]);

  function overlap(result: ReturnType<typeof assignTerritories>, reps: readonly PlanRep[]): number {
    const ids = reps.filter((r) => r.pool === 'C').map((r) => r.id);
    const idx = new Map(ids.map((id, i) => [id, i]));
    const labels = Int32Array.from(poolOutlets, (o) => idx.get(result.repOf.get(o.id) ?? '') ?? -1);
    return hullOverlapShare(xs, ys, labels, ids.length);
  }
  function inputs(reps: PlanRep[]): { rebuild: AssignTerritoriesInput; fresh: AssignTerritoriesInput } {
    const base = { ...prepared, reps, policy: DEFAULT_POLICY, seed: 42 };
    return {
      rebuild: poolTerritoryInput({ ...base, previous, mode: 'rebuild' }, pool as NonNullable<typeof pool>),
      fresh: poolTerritoryInput({ ...base, previous: null, mode: 'fresh' }, pool as NonNullable<typeof pool>),
    };
  }
  const removed = poolReps[Math.floor(poolReps.length / 2)] as PlanRep;
  const home = poolOutlets[Math.floor(poolOutlets.length / 3)];
  const cases: Array<[string, PlanRep[], string]> = [
    ['removing a rep', prepared.reps.filter((r) => r.id !== removed.id), removed.id],
    [
      'adding a rep',
      [
        ...prepared.reps,
        { ...(poolReps[0] as PlanRep), id: 'R-NEW', home: [home?.lon ?? 0, home?.lat ?? 0] },
      ],
      'R-NEW',
    ],
  ];

  for (const [name, reps, repId] of cases) {
    it(`${name}: the rebuild's overlap is within 1 point of a fresh draw (the plain rebuild is not)`, () => {
      const { rebuild, fresh } = inputs(reps);
      const local = assignTerritories(rebuild);
      const plain = assignTerritories({ ...rebuild, localStaffingRedraw: false });
      const drawn = assignTerritories(fresh);
      const [o, p, f] = [overlap(local, reps), overlap(plain, reps), overlap(drawn, reps)];
      expect(o).toBeLessThanOrEqual(f + 0.01);
      expect(p).toBeGreaterThan(f + 0.01);
      expect(local.staffing.map((e) => e.repId)).toContain(repId);
      // Fewer outlets change rep than in the fresh draw.
      const freshMoved = poolOutlets.filter((x) => drawn.repOf.get(x.id) !== repOf.get(x.id)).length;
      expect(local.changes.length).toBeLessThan(freshMoved);
    });
  }
});
