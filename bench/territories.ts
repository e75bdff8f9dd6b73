/**
 * Territory benchmark (issue #3): `npm run bench:territories [-- --quick] [-- --no-route-aware]`.
 *
 * For the sample region (1,399 outlets / 12 reps, seed 42) and generated cities of 10,000 / 80
 * and 50,000 / 400 it draws fresh territories for every tier pool and prints, for our plan and
 * for the status quo (one group per `district` within each pool):
 *   - balance: max and min of load / target over reps,
 *   - compactness: load-weighted mean distance to the territory centroid, as a ratio to an
 *     unconstrained weighted k-means with the same k (best of 2 seeds); also the SSE ratio,
 *   - contiguity breaks: share of outlets whose 5 nearest same-pool neighbours mostly belong to
 *     another rep,
 *   - commute: straight-line km from each rep's home to its territory's centroid (max, mean),
 *   - wall time of the territory stage and the peak RSS of the process (each scenario runs in
 *     its own child process so RSS figures do not mix).
 * A churn scenario follows each fresh plan: 1% new outlets, 0.5% closed, 0.5% moved 1-3 km, then a
 * normal rebuild; it prints the share of unchanged outlets that changed rep and the balance after.
 * A staffing scenario follows (issue 9 item 7): in the pool with the most reps, one rep removed
 * (the middle one by id) and one rep added (home at the pool's outlet nearest the pool's centre
 * of gravity shifted by a quarter of its extent), each rebuilt with the plain rebuild of before
 * (`localStaffingRedraw: false`), with the local staffing redraw (now) and drawn fresh with the
 * same staff. It prints the pool's territory overlap (share of outlets strictly inside the
 * convex hull of another territory of the pool, territoryMetrics.hullOverlapShare), balance,
 * outlets that changed rep among those kept, and the territories the redraw touched.
 * Finally a solver comparison on a representative transportation subproblem: javascript-lp-solver
 * vs HiGHS vs our price-based assignment (balancedAssignment) + exact repair.
 * The last line is `RESULT {json}`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { localProjection, type LocalProjection } from '../src/domain/geo/distance.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { DEFAULT_POLICY } from '../src/domain/policy/defaultPolicy.js';
import type { PlanOutlet, PlanPool, PlanRep } from '../src/domain/plan/planTypes.js';
import { createRandom } from '../src/domain/random.js';
import { preparePlan } from '../src/domain/pipeline/preparePlan.js';
import {
  assignTerritories,
  type AssignTerritoriesInput,
  type AssignTerritoriesResult,
} from '../src/domain/territories/assignTerritories.js';
import { poolTerritoryInput } from '../src/domain/territories/assignPoolTerritories.js';
import { balancedAssignment } from '../src/domain/territories/balancedAssignment.js';
import { repairBalance } from '../src/domain/territories/balanceRepair.js';
import { symmetricNeighbourGraph } from '../src/domain/territories/neighbourGraph.js';
import { poolOutletGeometry } from '../src/domain/territories/outletLoads.js';
import {
  contiguityBreaks,
  hullOverlapShare,
  partitionDispersion,
} from '../src/domain/territories/territoryMetrics.js';
import { TerritoryState, type TerritoryProblem } from '../src/domain/territories/territoryState.js';
import { weightedKMeans } from '../src/domain/territories/weightedKMeans.js';
import type { Outlet } from '../src/domain/types.js';

interface Scenario {
  name: string;
  outlets: number;
  reps: number;
  seed: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'sample-1399x12', outlets: 1399, reps: 12, seed: 42 },
  { name: 'city-10000x80', outlets: 10_000, reps: 80, seed: 7 },
  { name: 'city-50000x400', outlets: 50_000, reps: 400, seed: 11 },
];

interface PartitionFigures {
  balanceMax: number;
  balanceMin: number;
  compactnessRatio: number;
  sseRatio: number;
  meanKm: number;
  contiguityBreakShare: number;
}

interface ScenarioFigures {
  scenario: string;
  outlets: number;
  reps: number;
  pools: string;
  ours: PartitionFigures;
  district: PartitionFigures;
  /** Straight-line km from each rep's home to its territory's centroid (non-empty territories). */
  commuteKm: { max: number; mean: number };
  territoryStageMs: number;
  peakRssMb: number;
  churn: {
    unchangedMovedShare: number;
    balanceMax: number;
    balanceMin: number;
    rebuildMs: number;
    changes: string;
  };
  staffing: StaffingFigures[];
  warnings: string[];
}

interface StaffingRow {
  /** Share of the pool's outlets strictly inside another territory's convex hull. */
  overlap: number;
  balanceMax: number;
  balanceMin: number;
  meanKm: number;
  /** Outlets of the previous plan that changed rep. */
  moved: number;
  ms: number;
}

interface StaffingFigures {
  scenario: string;
  change: 'remove-rep' | 'add-rep';
  pool: string;
  repId: string;
  outlets: number;
  repsAfter: number;
  previousOverlap: number;
  before: StaffingRow;
  after: StaffingRow;
  fresh: StaffingRow;
  touched: number;
  event: string;
}

// ---------------------------------------------------------------- pipeline-shaped input

interface PreparedRegion {
  outlets: PlanOutlet[];
  reps: PlanRep[];
  pools: PlanPool[];
}

/** The segment and pool stages exactly as the pipeline runs them (preparePlan), on a fresh region. */
function prepare(outlets: Outlet[], reps: ReturnType<typeof generateRegion>['reps']): PreparedRegion {
  const region = { name: 'bench', outlets, reps, quarantine: [], policyOverrides: null, inputHash: 'bench' };
  const {
    outlets: planOutlets,
    reps: planReps,
    pools,
  } = preparePlan({
    region,
    policy: DEFAULT_POLICY,
    previous: null,
    mode: 'fresh',
    seed: 1,
  });
  return { outlets: planOutlets, reps: planReps, pools };
}

function poolInputs(
  region: PreparedRegion,
  mode: 'fresh' | 'rebuild',
  seed: number,
): AssignTerritoriesInput[] {
  const base = {
    outlets: region.outlets,
    reps: region.reps,
    pools: region.pools,
    policy: DEFAULT_POLICY,
    seed,
  };
  return region.pools.map((pool) => ({
    ...poolTerritoryInput({ ...base, previous: null, mode }, pool),
    ...(ROUTE_AWARE ? {} : { routeAware: false }),
  }));
}

/** `--no-route-aware`: fresh draws without the master-tour border moves, for comparison. */
const ROUTE_AWARE = !process.argv.includes('--no-route-aware');

// ---------------------------------------------------------------- metrics

interface PoolMetrics {
  oursMean: number;
  oursSse: number;
  refMean: number;
  refSse: number;
  districtMean: number;
  districtSse: number;
  districtRefMean: number;
  districtRefSse: number;
  weight: number;
  oursBreaks: number;
  districtBreaks: number;
  districtBalance: number[];
  n: number;
}

function measurePool(
  input: AssignTerritoriesInput,
  result: AssignTerritoriesResult,
  districtOf: ReadonlyMap<string, string | null>,
  projection: LocalProjection,
): PoolMetrics {
  const geometry = poolOutletGeometry(input.outlets, projection, input.travel, 5);
  const { xs, ys, load } = geometry;
  const n = input.outlets.length;
  const repIds = [...new Set(input.reps.map((r) => r.id))].sort();
  const repIdx = new Map(repIds.map((id, i) => [id, i]));
  const ours = Int32Array.from(input.outlets.map((o) => repIdx.get(result.repOf.get(o.id) ?? '') ?? -1));
  const districts = [...new Set(input.outlets.map((o) => districtOf.get(o.id) ?? '?'))].sort();
  const districtIdx = new Map(districts.map((d, i) => [d, i]));
  const byDistrict = Int32Array.from(
    input.outlets.map((o) => districtIdx.get(districtOf.get(o.id) ?? '?') ?? 0),
  );
  const best = (k: number): { mean: number; sse: number } => {
    let chosen = { mean: Infinity, sse: Infinity };
    for (const seed of [1, 2]) {
      const km = weightedKMeans(xs, ys, load, k, { seed, maxIterations: 100 });
      const d = partitionDispersion(xs, ys, load, km.assignment, k);
      if (d.sse < chosen.sse) chosen = { mean: d.meanKm, sse: d.sse };
    }
    return chosen;
  };
  const oursD = partitionDispersion(xs, ys, load, ours, repIds.length);
  const ref = best(repIds.length);
  const distD = partitionDispersion(xs, ys, load, byDistrict, districts.length);
  const distRef = best(districts.length);
  const districtLoad = new Float64Array(districts.length);
  let total = 0;
  for (let i = 0; i < n; i++) {
    districtLoad[byDistrict[i] as number] =
      (districtLoad[byDistrict[i] as number] as number) + (load[i] as number);
    total += load[i] as number;
  }
  const share = total / districts.length;
  return {
    oursMean: oursD.meanKm,
    oursSse: oursD.sse,
    refMean: ref.mean,
    refSse: ref.sse,
    districtMean: distD.meanKm,
    districtSse: distD.sse,
    districtRefMean: distRef.mean,
    districtRefSse: distRef.sse,
    weight: oursD.weight,
    oursBreaks: contiguityBreaks(xs, ys, ours, 5),
    districtBreaks: contiguityBreaks(xs, ys, byDistrict, 5),
    districtBalance: [...districtLoad].map((l) => l / share),
    n,
  };
}

function commuteOf(results: AssignTerritoriesResult[]): { max: number; mean: number } {
  const km = results.flatMap((r) =>
    [...r.territories.values()].filter((t) => t.outletCount > 0).map((t) => t.commuteKm),
  );
  return { max: Math.max(0, ...km), mean: km.reduce((s, c) => s + c, 0) / Math.max(1, km.length) };
}

function balanceOf(results: AssignTerritoriesResult[]): { max: number; min: number } {
  let max = 0;
  let min = Infinity;
  for (const result of results) {
    for (const t of result.territories.values()) {
      if (t.targetMinutes <= 0) continue;
      max = Math.max(max, t.loadMinutes / t.targetMinutes);
      min = Math.min(min, t.loadMinutes / t.targetMinutes);
    }
  }
  return { max, min };
}

// ---------------------------------------------------------------- churn

interface Churned {
  region: PreparedRegion;
  unchanged: Set<string>;
}

/** 1% new outlets (near existing ones, same tier), 0.5% closed, 0.5% moved 1-3 km. */
function churn(region: PreparedRegion, repOf: ReadonlyMap<string, string>, seed: number): Churned {
  const random = createRandom(seed);
  const n = region.outlets.length;
  const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
  const closedCount = Math.round(n * 0.005);
  const movedCount = Math.round(n * 0.005);
  const newCount = Math.round(n * 0.01);
  const closed = new Set(order.slice(0, closedCount));
  const moved = new Set(order.slice(closedCount, closedCount + movedCount));
  const unchanged = new Set<string>();
  const outlets: PlanOutlet[] = [];
  region.outlets.forEach((o, i) => {
    if (closed.has(i)) return;
    let { lon, lat } = o;
    if (moved.has(i)) {
      const km = random.range(1, 3);
      const angle = random.range(0, 2 * Math.PI);
      const p = localProjection(o.lon, o.lat);
      [lon, lat] = p.toLonLat(km * Math.cos(angle), km * Math.sin(angle));
    } else {
      unchanged.add(o.id);
    }
    outlets.push({ ...o, lon, lat, repId: repOf.get(o.id) ?? null });
  });
  for (let c = 0; c < newCount; c++) {
    const source = region.outlets[random.int(n)] as PlanOutlet;
    const km = random.range(0.05, 1.5);
    const angle = random.range(0, 2 * Math.PI);
    const p = localProjection(source.lon, source.lat);
    const [lon, lat] = p.toLonLat(km * Math.cos(angle), km * Math.sin(angle));
    outlets.push({
      ...source,
      id: `NEW${String(c).padStart(6, '0')}`,
      lon,
      lat,
      repId: null,
      lockedRepId: null,
    });
  }
  return { region: { ...region, outlets }, unchanged };
}

// ---------------------------------------------------------------- staffing change

/** Remove one rep and add one rep in the pool with the most reps; rebuild before / after / fresh. */
function staffingScenario(
  scenario: Scenario,
  region: PreparedRegion,
  repOf: ReadonlyMap<string, string>,
): StaffingFigures[] {
  const pool = [...region.pools].sort(
    (a, b) => b.repIds.length - a.repIds.length || (a.id < b.id ? -1 : 1),
  )[0];
  if (pool === undefined) return [];
  const poolReps = region.reps.filter((r) => r.pool === pool.id).sort((a, b) => (a.id < b.id ? -1 : 1));
  const poolOutlets = region.outlets.filter((o) => o.pool === pool.id);
  const previousOutlets = region.outlets.map((o) => ({ ...o, repId: repOf.get(o.id) ?? null }));
  const previous = { outlets: previousOutlets, reps: region.reps } as unknown as Parameters<
    typeof poolTerritoryInput
  >[0]['previous'];
  const projection = localProjection(
    poolOutlets.reduce((s, o) => s + o.lon, 0) / poolOutlets.length,
    poolOutlets.reduce((s, o) => s + o.lat, 0) / poolOutlets.length,
  );
  const xy = poolOutlets.map((o) => projection.toXY(o.lon, o.lat));
  const xs = Float64Array.from(xy, (p) => p[0]);
  const ys = Float64Array.from(xy, (p) => p[1]);
  const overlapOf = (assigned: ReadonlyMap<string, string>, repIds: readonly string[]): number => {
    const idx = new Map(repIds.map((id, i) => [id, i]));
    const labels = Int32Array.from(poolOutlets, (o) => idx.get(assigned.get(o.id) ?? '') ?? -1);
    return hullOverlapShare(xs, ys, labels, repIds.length);
  };
  const previousOverlap = overlapOf(
    repOf,
    poolReps.map((r) => r.id),
  );
  const removed = poolReps[Math.floor(poolReps.length / 2)] as PlanRep;
  // The new rep's home: a quarter of the pool's extent east of its centre, snapped to an outlet.
  let minX = Infinity;
  let maxX = -Infinity;
  for (const x of xs) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
  }
  const [hx, hy] = [(maxX - minX) / 4, 0];
  let homeAt = 0;
  for (let i = 1; i < poolOutlets.length; i++) {
    const d = Math.hypot((xs[i] as number) - hx, (ys[i] as number) - hy);
    if (d < Math.hypot((xs[homeAt] as number) - hx, (ys[homeAt] as number) - hy)) homeAt = i;
  }
  const home = poolOutlets[homeAt] as PlanOutlet;
  const added: PlanRep = {
    ...(poolReps[0] as PlanRep),
    id: 'R-NEW',
    name: 'new rep',
    home: [home.lon, home.lat],
  };
  const variants: Array<{ change: StaffingFigures['change']; repId: string; reps: PlanRep[] }> = [
    { change: 'remove-rep', repId: removed.id, reps: region.reps.filter((r) => r.id !== removed.id) },
    { change: 'add-rep', repId: added.id, reps: [...region.reps, added] },
  ];
  return variants.map((v) => {
    const base = { outlets: region.outlets, reps: v.reps, pools: region.pools, policy: DEFAULT_POLICY };
    const repIds = v.reps.filter((r) => r.pool === pool.id).map((r) => r.id);
    const run = (
      mode: 'rebuild' | 'fresh',
      local: boolean,
    ): { row: StaffingRow; result: AssignTerritoriesResult } => {
      const input = poolTerritoryInput(
        { ...base, previous: mode === 'fresh' ? null : previous, mode, seed: scenario.seed },
        pool,
      );
      const started = performance.now();
      const result = assignTerritories({ ...input, localStaffingRedraw: local });
      const ms = performance.now() - started;
      const balance = balanceOf([result]);
      const idx = new Map(repIds.map((id, i) => [id, i]));
      const geometry = poolOutletGeometry(input.outlets, projection, input.travel, 5);
      const labels = Int32Array.from(input.outlets, (o) => idx.get(result.repOf.get(o.id) ?? '') ?? -1);
      let moved = 0;
      for (const o of input.outlets) {
        const before = repOf.get(o.id);
        if (before !== undefined && result.repOf.get(o.id) !== before) moved++;
      }
      return {
        result,
        row: {
          overlap: overlapOf(result.repOf, repIds),
          balanceMax: balance.max,
          balanceMin: balance.min,
          meanKm: partitionDispersion(geometry.xs, geometry.ys, geometry.load, labels, repIds.length).meanKm,
          moved,
          ms,
        },
      };
    };
    const before = run('rebuild', false);
    const after = run('rebuild', true);
    const fresh = run('fresh', true);
    const event = after.result.staffing.find((e) => e.repId === v.repId);
    return {
      scenario: scenario.name,
      change: v.change,
      pool: pool.id,
      repId: v.repId,
      outlets: poolOutlets.length,
      repsAfter: repIds.length,
      previousOverlap,
      before: before.row,
      after: after.row,
      fresh: fresh.row,
      touched: event?.touchedReps.length ?? 0,
      event:
        event === undefined
          ? ''
          : `${event.event} ${event.repId}: took ${event.outletsTaken} (${event.fromReps
              .map((f) => `${f.repId ?? 'none'} ${f.outlets}`)
              .join(', ')}), handed over ${event.outletsHandedOver} (${event.toReps
              .map((t) => `${t.repId ?? 'none'} ${t.outlets}`)
              .join(', ')})`,
    };
  });
}

function printStaffing(rows: StaffingFigures[]): void {
  console.log(
    '\nStaffing change (pool with most reps; overlap = outlets inside another territory hull; moved = outlets that changed rep)\n',
  );
  const pct = (v: number): string => `${fmt(v * 100, 2)}%`;
  printTable(
    [
      'scenario',
      'change',
      'pool out/reps',
      'overlap prev',
      'overlap before/after/fresh',
      'max/target before/after/fresh',
      'min/target before/after/fresh',
      'mean km before/after/fresh',
      'moved before/after/fresh',
      'touched',
      'ms before/after/fresh',
    ],
    rows.map((r) => [
      r.scenario,
      `${r.change} ${r.repId}`,
      `${r.pool} ${r.outlets}/${r.repsAfter}`,
      pct(r.previousOverlap),
      `${pct(r.before.overlap)} / ${pct(r.after.overlap)} / ${pct(r.fresh.overlap)}`,
      `${fmt(r.before.balanceMax)} / ${fmt(r.after.balanceMax)} / ${fmt(r.fresh.balanceMax)}`,
      `${fmt(r.before.balanceMin)} / ${fmt(r.after.balanceMin)} / ${fmt(r.fresh.balanceMin)}`,
      `${fmt(r.before.meanKm, 2)} / ${fmt(r.after.meanKm, 2)} / ${fmt(r.fresh.meanKm, 2)}`,
      `${r.before.moved} / ${r.after.moved} / ${r.fresh.moved}`,
      String(r.touched),
      `${fmt(r.before.ms, 0)} / ${fmt(r.after.ms, 0)} / ${fmt(r.fresh.ms, 0)}`,
    ]),
  );
  for (const r of rows) console.log(`  ${r.scenario}: ${r.event}`);
}

// ---------------------------------------------------------------- one scenario

function runScenario(scenario: Scenario): ScenarioFigures {
  const generated = generateRegion({ outlets: scenario.outlets, reps: scenario.reps, seed: scenario.seed });
  const region = prepare(generated.outlets, generated.reps);
  const districtOf = new Map(generated.outlets.map((o) => [o.id, o.district]));
  const projection = localProjection(
    generated.outlets.reduce((s, o) => s + o.lon, 0) / generated.outlets.length,
    generated.outlets.reduce((s, o) => s + o.lat, 0) / generated.outlets.length,
  );
  const inputs = poolInputs(region, 'fresh', scenario.seed);
  const started = performance.now();
  const results = inputs.map((input) => assignTerritories(input));
  const territoryStageMs = performance.now() - started;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const metrics = inputs.map((input, p) =>
    measurePool(input, results[p] as AssignTerritoriesResult, districtOf, projection),
  );
  const sum = (f: (m: PoolMetrics) => number): number => metrics.reduce((s, m) => s + f(m), 0);
  const outletsTotal = sum((m) => m.n);
  const balance = balanceOf(results);
  const districtBalances = metrics.flatMap((m) => m.districtBalance);
  const ours: PartitionFigures = {
    balanceMax: balance.max,
    balanceMin: balance.min,
    compactnessRatio: sum((m) => m.oursMean * m.weight) / sum((m) => m.refMean * m.weight),
    sseRatio: sum((m) => m.oursSse) / sum((m) => m.refSse),
    meanKm: sum((m) => m.oursMean * m.weight) / sum((m) => m.weight),
    contiguityBreakShare: sum((m) => m.oursBreaks) / outletsTotal,
  };
  const district: PartitionFigures = {
    balanceMax: Math.max(...districtBalances),
    balanceMin: Math.min(...districtBalances),
    compactnessRatio: sum((m) => m.districtMean * m.weight) / sum((m) => m.districtRefMean * m.weight),
    sseRatio: sum((m) => m.districtSse) / sum((m) => m.districtRefSse),
    meanKm: sum((m) => m.districtMean * m.weight) / sum((m) => m.weight),
    contiguityBreakShare: sum((m) => m.districtBreaks) / outletsTotal,
  };

  const repOf = new Map<string, string>();
  for (const r of results) for (const [o, rep] of r.repOf) repOf.set(o, rep);
  const churned = churn(region, repOf, scenario.seed + 99);
  const previous = {
    outlets: region.outlets.map((o) => ({ ...o, repId: repOf.get(o.id) ?? null })),
  };
  const rebuildInputs = churned.region.pools.map((pool) =>
    poolTerritoryInput(
      {
        outlets: churned.region.outlets,
        reps: churned.region.reps,
        pools: churned.region.pools,
        policy: DEFAULT_POLICY,
        // Only `outlets` of the previous plan is read by poolTerritoryInput.
        previous: previous as unknown as Parameters<typeof poolTerritoryInput>[0]['previous'],
        mode: 'rebuild',
        seed: scenario.seed,
      },
      pool,
    ),
  );
  const rebuildStart = performance.now();
  const rebuilt = rebuildInputs.map((input) => assignTerritories(input));
  const rebuildMs = performance.now() - rebuildStart;
  let changedUnchanged = 0;
  const reasons = new Map<string, number>();
  for (const r of rebuilt) {
    for (const change of r.changes) {
      reasons.set(change.reason, (reasons.get(change.reason) ?? 0) + 1);
      if (churned.unchanged.has(change.outletId)) changedUnchanged++;
    }
  }
  const after = balanceOf(rebuilt);
  const staffing = staffingScenario(scenario, region, repOf);
  return {
    scenario: scenario.name,
    outlets: scenario.outlets,
    reps: scenario.reps,
    pools: inputs.map((i) => `${i.poolId}:${i.outlets.length}/${i.reps.length}`).join(' '),
    ours,
    district,
    commuteKm: commuteOf(results),
    territoryStageMs,
    peakRssMb,
    churn: {
      unchangedMovedShare: changedUnchanged / churned.unchanged.size,
      balanceMax: after.max,
      balanceMin: after.min,
      rebuildMs,
      changes: [...reasons].map(([k, v]) => `${k}=${v}`).join(' '),
    },
    staffing,
    warnings: [...results, ...rebuilt].flatMap((r) => r.warnings),
  };
}

// ---------------------------------------------------------------- solver comparison

interface SolverRow {
  subproblem: string;
  solver: string;
  variables: number;
  ms: number;
  objective: number;
  maxDeviation: number;
  note: string;
}

async function compareSolvers(): Promise<SolverRow[]> {
  const rows: SolverRow[] = [];
  const cases = [
    { name: 'sample pool C (6 reps)', outlets: 1399, reps: 12, seed: 42, pool: 'C', jsLp: true },
    { name: 'city-10000 pool D (27 reps)', outlets: 10_000, reps: 80, seed: 7, pool: 'D', jsLp: false },
  ];
  const highsModule = (await import('highs')) as unknown as {
    default: () => Promise<{ solve: (lp: string) => HighsResult }>;
  };
  const highs = await highsModule.default();
  const jsLp = (
    (await import('javascript-lp-solver')) as unknown as { default: { Solve: (m: unknown) => JsLpResult } }
  ).default;
  for (const c of cases) {
    const generated = generateRegion({ outlets: c.outlets, reps: c.reps, seed: c.seed });
    const region = prepare(generated.outlets, generated.reps);
    const input = poolInputs(region, 'fresh', c.seed).find((i) => i.poolId === c.pool);
    if (!input) continue;
    const projection = localProjection(input.outlets[0]?.lon ?? 0, input.outlets[0]?.lat ?? 0);
    const geometry = poolOutletGeometry(input.outlets, projection, input.travel, 6);
    const { xs, ys, load } = geometry;
    const n = xs.length;
    const k = input.reps.length;
    const km = weightedKMeans(xs, ys, load, k, { seed: 3, maxIterations: 50 });
    let total = 0;
    for (const w of load) total += w;
    const target = total / k;
    const tol = 0.03;
    const candidates = Math.min(k, 10);
    // Candidate pairs: each outlet's nearest `candidates` centres, as in balancedAssignment.
    const pairs: Array<{ i: number; r: number; cost: number }> = [];
    for (let i = 0; i < n; i++) {
      const list: Array<{ r: number; d: number }> = [];
      for (let r = 0; r < k; r++) {
        const dx = (xs[i] as number) - (km.centresX[r] as number);
        const dy = (ys[i] as number) - (km.centresY[r] as number);
        list.push({ r, d: dx * dx + dy * dy });
      }
      list.sort((a, b) => a.d - b.d);
      for (const { r, d } of list.slice(0, candidates)) pairs.push({ i, r, cost: (load[i] as number) * d });
    }
    const deviationOf = (loads: Float64Array): number =>
      Math.max(...[...loads].map((l) => Math.abs(l / target - 1)));

    // HiGHS (CPLEX LP text).
    {
      const lines: string[] = ['Minimize', ' obj:'];
      for (const p of pairs) lines.push(` + ${p.cost.toFixed(6)} x${p.i}_${p.r}`);
      lines.push('Subject To');
      const byOutlet = new Map<number, string[]>();
      const byRep = new Map<number, string[]>();
      for (const p of pairs) {
        byOutlet.set(p.i, [...(byOutlet.get(p.i) ?? []), `x${p.i}_${p.r}`]);
        byRep.set(p.r, [...(byRep.get(p.r) ?? []), `${(load[p.i] as number).toFixed(6)} x${p.i}_${p.r}`]);
      }
      for (const [i, vars] of byOutlet) lines.push(` a${i}: ${vars.join(' + ')} = 1`);
      for (const [r, terms] of byRep) {
        lines.push(` u${r}: ${terms.join('\n + ')} <= ${(target * (1 + tol)).toFixed(6)}`);
        lines.push(` l${r}: ${terms.join('\n + ')} >= ${(target * (1 - tol)).toFixed(6)}`);
      }
      lines.push('Bounds');
      for (const p of pairs) lines.push(` 0 <= x${p.i}_${p.r} <= 1`);
      lines.push('End');
      const lp = lines.join('\n');
      const start = performance.now();
      const solution = highs.solve(lp);
      const ms = performance.now() - start;
      let fractional = 0;
      for (const col of Object.values(solution.Columns))
        if (col.Primal > 1e-6 && col.Primal < 1 - 1e-6) fractional++;
      rows.push({
        subproblem: c.name,
        solver: 'HiGHS (wasm) LP',
        variables: pairs.length,
        ms,
        objective: solution.ObjectiveValue,
        maxDeviation: tol,
        note: `${solution.Status}; ${fractional} fractional vars (LP optimum = lower bound)`,
      });
    }

    // javascript-lp-solver (only on the small case: it is dense-tableau and slow).
    if (c.jsLp) {
      const constraints: Record<string, { equal?: number; max?: number; min?: number }> = {};
      const variables: Record<string, Record<string, number>> = {};
      for (let i = 0; i < n; i++) constraints[`a${i}`] = { equal: 1 };
      for (let r = 0; r < k; r++) constraints[`u${r}`] = { max: target * (1 + tol), min: target * (1 - tol) };
      for (const p of pairs)
        variables[`x${p.i}_${p.r}`] = { cost: p.cost, [`a${p.i}`]: 1, [`u${p.r}`]: load[p.i] as number };
      const start = performance.now();
      const solution = jsLp.Solve({ optimize: 'cost', opType: 'min', constraints, variables });
      const ms = performance.now() - start;
      rows.push({
        subproblem: c.name,
        solver: 'javascript-lp-solver LP',
        variables: pairs.length,
        ms,
        objective: solution.result,
        maxDeviation: tol,
        note: solution.feasible ? 'feasible' : 'NOT feasible',
      });
    }

    // Ours: price assignment with the same centres and candidate count, then exact repair.
    {
      const knnGraph = symmetricNeighbourGraph(n, geometry.knn);
      const problem: TerritoryProblem = {
        n,
        k,
        xs,
        ys,
        load,
        homeX: Float64Array.from(km.centresX),
        homeY: Float64Array.from(km.centresY),
        capacity: new Float64Array(k).fill(1),
        workingDays: new Float64Array(k),
        visits: new Float64Array(n),
        maxVisits: 0,
        dayMinutes: new Float64Array(k).fill(480),
        travel: input.travel,
        homeWeight: 0,
        locked: new Int32Array(n).fill(-1),
        previous: new Int32Array(n).fill(-1),
        graph: knnGraph,
        previousBonus: 0,
      };
      const start = performance.now();
      const assignment = balancedAssignment({
        problem,
        centresX: km.centresX,
        centresY: km.centresY,
        outletTargets: new Float64Array(k).fill(target),
        tolerance: tol,
        prices: new Float64Array(k),
      });
      const priceMs = performance.now() - start;
      const objectiveOf = (labels: Int32Array): { objective: number; loads: Float64Array } => {
        const loads = new Float64Array(k);
        let objective = 0;
        for (let i = 0; i < n; i++) {
          const r = labels[i] as number;
          const dx = (xs[i] as number) - (km.centresX[r] as number);
          const dy = (ys[i] as number) - (km.centresY[r] as number);
          objective += (load[i] as number) * (dx * dx + dy * dy);
          loads[r] = (loads[r] as number) + (load[i] as number);
        }
        return { objective, loads };
      };
      const raw = objectiveOf(assignment);
      rows.push({
        subproblem: c.name,
        solver: 'ours: Lagrangian prices',
        variables: pairs.length,
        ms: priceMs,
        objective: raw.objective,
        maxDeviation: deviationOf(raw.loads),
        note: 'integral',
      });
      const repairStart = performance.now();
      const state = new TerritoryState(problem, assignment);
      repairBalance(state, { tolerance: tol * 0.9, style: 'tight' });
      const repairMs = performance.now() - repairStart;
      const repaired = objectiveOf(state.repOf);
      rows.push({
        subproblem: c.name,
        solver: 'ours: prices + exact repair',
        variables: pairs.length,
        ms: priceMs + repairMs,
        objective: repaired.objective,
        maxDeviation: deviationOf(repaired.loads),
        note: 'integral, within tolerance',
      });
    }
  }
  return rows;
}

interface HighsResult {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal: number }>;
}

interface JsLpResult {
  feasible: boolean;
  result: number;
}

// ---------------------------------------------------------------- output

function fmt(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.indexOf('--scenario');
  if (only >= 0) {
    const name = args[only + 1];
    const scenario = SCENARIOS.find((s) => s.name === name);
    if (!scenario) throw new Error(`unknown scenario ${name}`);
    const figures = runScenario(scenario);
    if (args.includes('--print-staffing')) printStaffing(figures.staffing);
    console.log(`SCENARIO ${JSON.stringify(figures)}`);
    return;
  }
  const quick = args.includes('--quick');
  const scenarios = quick ? SCENARIOS.slice(0, 2) : SCENARIOS;
  const figures: ScenarioFigures[] = [];
  for (const scenario of scenarios) {
    process.stderr.write(`running ${scenario.name} ...\n`);
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--scenario',
        scenario.name,
        ...(ROUTE_AWARE ? [] : ['--no-route-aware']),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = child.stdout.split('\n').find((l) => l.startsWith('SCENARIO '));
    if (child.status !== 0 || !line)
      throw new Error(`scenario ${scenario.name} failed (exit ${child.status})`);
    figures.push(JSON.parse(line.slice('SCENARIO '.length)) as ScenarioFigures);
  }

  console.log('\nTerritories: fresh plan per pool (DEFAULT_POLICY, balance tolerance ±3%)\n');
  printTable(
    [
      'scenario',
      'method',
      'max/target',
      'min/target',
      'compact(mean)',
      'compact(SSE)',
      'mean km',
      'contig.breaks',
      'commute max/mean km',
      'time s',
      'peak RSS MB',
    ],
    figures.flatMap((f) => [
      [
        f.scenario,
        'ours',
        fmt(f.ours.balanceMax),
        fmt(f.ours.balanceMin),
        fmt(f.ours.compactnessRatio),
        fmt(f.ours.sseRatio),
        fmt(f.ours.meanKm, 2),
        `${fmt(f.ours.contiguityBreakShare * 100, 2)}%`,
        `${fmt(f.commuteKm.max, 1)} / ${fmt(f.commuteKm.mean, 1)}`,
        fmt(f.territoryStageMs / 1000, 2),
        fmt(f.peakRssMb, 0),
      ],
      [
        '',
        'district',
        fmt(f.district.balanceMax),
        fmt(f.district.balanceMin),
        fmt(f.district.compactnessRatio),
        fmt(f.district.sseRatio),
        fmt(f.district.meanKm, 2),
        `${fmt(f.district.contiguityBreakShare * 100, 2)}%`,
        '',
        '',
        '',
      ],
    ]),
  );
  console.log('\nPools (outlets/reps): ' + figures.map((f) => `${f.scenario}: ${f.pools}`).join('; '));
  console.log('\nChurn: 1% new, 0.5% closed, 0.5% moved 1-3 km, then a normal rebuild\n');
  printTable(
    ['scenario', 'unchanged that changed rep', 'max/target', 'min/target', 'rebuild s', 'changes by reason'],
    figures.map((f) => [
      f.scenario,
      `${fmt(f.churn.unchangedMovedShare * 100, 2)}%`,
      fmt(f.churn.balanceMax),
      fmt(f.churn.balanceMin),
      fmt(f.churn.rebuildMs / 1000, 2),
      f.churn.changes,
    ]),
  );
  printStaffing(figures.flatMap((f) => f.staffing));
  const warnings = figures.flatMap((f) => f.warnings.map((w) => `${f.scenario}: ${w}`));
  if (warnings.length > 0) console.log(`\nWarnings:\n  ${warnings.join('\n  ')}`);

  let solvers: SolverRow[] = [];
  if (!args.includes('--no-solvers')) {
    process.stderr.write('comparing solvers ...\n');
    solvers = await compareSolvers();
    console.log('\nTransportation subproblem (fixed k-means centres, 10 candidate reps per outlet, ±3%)\n');
    printTable(
      ['subproblem', 'solver', 'vars', 'ms', 'objective', 'max dev', 'note'],
      solvers.map((s) => [
        s.subproblem,
        s.solver,
        String(s.variables),
        fmt(s.ms, 0),
        fmt(s.objective, 1),
        fmt(s.maxDeviation, 4),
        s.note,
      ]),
    );
  }
  console.log(`RESULT ${JSON.stringify({ scenarios: figures, solvers })}`);
}

await main();
