import { localProjection, type LocalProjection } from '../geo/distance.js';
import type { RepChange, RepChangeReason, StaffingChange, TerritorySummary } from '../plan/planTypes.js';
import { balancedAssignment } from './balancedAssignment.js';
import { repairBalance } from './balanceRepair.js';
import { improveBoundaries } from './boundaryLocalSearch.js';
import { improveRouteBoundaries } from './routeAwareBoundaries.js';
import { imbalanceWarning } from './imbalanceWarning.js';
import { poolIsolation } from './isolatedOutlets.js';
import { judgeMovedOutlets, type MovedOutletVerdict } from './movedOutlets.js';
import { cleanUpContiguity } from './contiguityCleanup.js';
import { commuteWarnings } from './commuteWarnings.js';
import { matchHomes, type MatchObjective } from './matchHomes.js';
import { localStaffingRedraw, type StaffingEvents } from './localStaffingRedraw.js';
import { symmetricNeighbourGraph } from './neighbourGraph.js';
import { poolOutletGeometry } from './outletLoads.js';
import { pairTerritoriesWithHomes } from './pairTerritoriesWithHomes.js';
import { TerritoryState, type TerritoryProblem } from './territoryState.js';
import { partitionDispersion } from './territoryMetrics.js';
import { describeStaffingChanges, repChangeReason, type StaffingEventInput } from './staffingChanges.js';
import { summariseTerritory } from './territorySummary.js';
import { weightedKMeans } from './weightedKMeans.js';
import { outAndBackMinutes, tripsPerCycle, type TravelSettings } from './workload.js';
import { appendAll } from '../appendAll.js';
import { changeText, poolLabel, warningText } from '../../i18n/warningText.js';

/** One outlet of the pool, with what its load and its history need. */
export interface TerritoryOutletInput {
  id: string;
  lon: number;
  lat: number;
  visitsPerCycle: number;
  serviceMinutes: number;
  lockedRepId: string | null;
  previousRepId: string | null;
  /** The outlet's tier differs from the previous plan's. */
  tierChanged: boolean;
  /**
   * Distance (km) the outlet moved since the previous plan, set only when that is more than the
   * policy's `territories.movedOutletKm`: it keeps its previous rep only while it still fits
   * that territory (movedOutlets.ts).
   */
  movedKm?: number;
}

/** One rep of the pool. */
export interface TerritoryRepInput {
  id: string;
  homeLon: number;
  homeLat: number;
  /** Share of a full-time rep (0.5 = half time gets half the load). */
  capacity: number;
  /** Minutes of work per day (default 480), to estimate the days a territory's load needs. */
  dailyMinutes?: number;
  /** Days the rep works in a cycle (default: cycle days x capacity), bounding its trips. */
  cycleWorkingDays?: number;
  /** The rep as the previous plan had it, when it was in it: a changed capacity or home is a staffing change. */
  previous?: { capacity: number; homeLon: number; homeLat: number };
}

/**
 * `rebuild`: keep every outlet with its previous rep unless balance needs a move (minimal
 * disruption). `redraw`: draw territories anew (re-segmentation) with the previous assignment as
 * a tie-breaker. `fresh`: ignore the previous assignment.
 */
export type TerritoryMode = 'rebuild' | 'redraw' | 'fresh';

export interface AssignTerritoriesInput {
  outlets: TerritoryOutletInput[];
  reps: TerritoryRepInput[];
  mode: TerritoryMode;
  /** Allowed relative deviation of a rep's load from its target, e.g. 0.03. */
  balanceTolerance: number;
  /** 0..1: pull of territories toward their rep's home. */
  homeWeight: number;
  travel: TravelSettings;
  /** Working days in the cycle (e.g. 20), for the out-and-back estimate. */
  cycleDays: number;
  seed: number;
  /** Pool id, used only in warning texts. */
  poolId?: string;
  /**
   * How territories are paired with reps' homes when they are drawn afresh: least total commute
   * or least longest commute (`min-max`). Default `total`.
   */
  homeMatching?: MatchObjective;
  /** Warn about reps whose home is farther than this from their territory's centre (km). Default: no warning. */
  maxCommuteKm?: number;
  /**
   * The policy's `input.outlierFactor` (default 4): a balance warning names the outlets of
   * off-target territories whose 5th-nearest pool outlet is farther than this times the pool's
   * 95th percentile of that distance (isolatedOutlets.ts).
   */
  outlierFactor?: number;
  /**
   * Rebuild after a staffing change (a rep added, removed, or with another capacity or home):
   * redraw the touched territories and their neighbours (localStaffingRedraw.ts) before the
   * balance repair. Default true; false keeps the plain rebuild (benchmarks and tests compare).
   */
  localStaffingRedraw?: boolean;
  /**
   * Fresh draws finish with border moves priced on master tours (routeAwareBoundaries.ts), not
   * only on squared distance to the centre. Default true; false for comparisons.
   */
  routeAware?: boolean;
}

export interface AssignTerritoriesResult {
  /** Rep id of every outlet (every outlet is assigned when the pool has a rep). */
  repOf: Map<string, string>;
  /** Territory summary of every rep of the pool (empty territories included). */
  territories: Map<string, TerritorySummary>;
  /** Outlets whose rep differs from their previous rep, with the reason. */
  changes: RepChange[];
  /** A verdict for every outlet with `movedKm`: whether it still fitted its territory, and why. */
  moved: MovedOutletVerdict[];
  /** Reps added to, removed from or changed in the pool against the previous plan, with the outlets they moved. */
  staffing: StaffingChange[];
  warnings: string[];
}

/** Outlier factor when the input gives none (the default policy's `input.outlierFactor`). */
const DEFAULT_OUTLIER_FACTOR = 4;
/** Day length assumed for a rep whose input gives none. */
const DEFAULT_DAY_MINUTES = 480;
/** Neighbours per outlet in the contiguity / border graph. */
const GRAPH_NEIGHBOURS = 6;
/** Lloyd rounds (price assignment, then centre update) of a fresh or redrawn plan. */
const LLOYD_ROUNDS = 12;
/** Stability bonus of the previous rep, as a share of the typical squared distance to the centre. */
const PREVIOUS_BONUS_SHARE = 0.05;
/**
 * The same bonus in a redraw with unchanged staff: a border outlet leaves its rep only when the
 * move saves more than this share of the typical squared distance (so identical input is a fixed
 * point, and a redraw still straightens borders that churn has bent).
 */
const REDRAW_STABILITY_SHARE = 0.5;

/**
 * Draws the territories of ONE tier pool: every outlet to exactly one rep of the pool, balanced
 * on workload (service + travel estimate, see workload.ts) within `balanceTolerance` of targets
 * proportional to capacity, compact (load-weighted squared distance to the territory centre),
 * contiguous, and optionally near the rep's home. Fresh and redrawn plans run Lloyd rounds of a
 * capacitated assignment solved by Lagrangian prices (balancedAssignment.ts), then exact balance
 * repair along chains of touching territories and a boundary local search of moves and swaps. A
 * rebuild keeps every outlet with its previous rep, places new ones where they cost least and
 * moves as few established outlets as balance needs, preferring border outlets. Locked outlets
 * always stay with their rep. Deterministic for a given input and seed (outlets and reps are
 * processed in id order, so input order does not matter).
 */
export function assignTerritories(input: AssignTerritoriesInput): AssignTerritoriesResult {
  const label = poolLabel(input.poolId);
  const warnings: string[] = [];
  const outlets = [...input.outlets].sort((a, b) => compareIds(a.id, b.id));
  const reps = [...input.reps].sort((a, b) => compareIds(a.id, b.id));
  const n = outlets.length;
  const k = reps.length;
  const repIndex = new Map(reps.map((r, idx) => [r.id, idx]));
  if (k === 0) {
    if (n > 0) warnings.push(warningText('warning.poolNoRep', { label, outlets: n }));
    return { repOf: new Map(), territories: new Map(), changes: [], moved: [], staffing: [], warnings };
  }

  const projection = projectionFor(outlets, reps);
  const { xs, ys, knn, load } = poolOutletGeometry(outlets, projection, input.travel, GRAPH_NEIGHBOURS);
  const graph = symmetricNeighbourGraph(n, knn);
  let capacities = reps.map((r) => (Number.isFinite(r.capacity) ? Math.max(0, r.capacity) : 0));
  if (capacities.every((c) => c === 0)) {
    warnings.push(warningText('warning.zeroCapacity', { label }));
    capacities = capacities.map(() => 1);
  }
  const homeX = new Float64Array(k);
  const homeY = new Float64Array(k);
  reps.forEach((r, idx) => {
    const [x, y] = projection.toXY(r.homeLon, r.homeLat);
    homeX[idx] = x;
    homeY[idx] = y;
  });

  const locked = new Int32Array(n).fill(-1);
  const previous = new Int32Array(n).fill(-1);
  outlets.forEach((o, i) => {
    if (o.lockedRepId !== null) {
      const idx = repIndex.get(o.lockedRepId);
      if (idx === undefined) {
        warnings.push(warningText('warning.lockIgnored', { outlet: o.id, rep: o.lockedRepId, label }));
      } else {
        locked[i] = idx;
      }
    }
    if (input.mode !== 'fresh' && o.previousRepId !== null) previous[i] = repIndex.get(o.previousRepId) ?? -1;
  });
  // Judged against the staff as it was: an outlet that moved out of its territory does not make
  // the pool's staff a new one.
  const staffUnchanged = sameStaff(previous, k, outlets);
  const staffEvents = detectStaffing(outlets, reps, repIndex, previous);
  const { moved, unfitIds } = movedOutletVerdicts(input, outlets, reps, { xs, ys, knn, previous, locked });

  const problem: TerritoryProblem = {
    n,
    k,
    xs,
    ys,
    load,
    homeX,
    homeY,
    capacity: Float64Array.from(capacities),
    workingDays: Float64Array.from(
      reps.map((r, idx) => r.cycleWorkingDays ?? (capacities[idx] as number) * Math.max(0, input.cycleDays)),
    ),
    visits: Float64Array.from(outlets.map((o) => o.visitsPerCycle)),
    maxVisits: outlets.reduce((m, o) => Math.max(m, o.visitsPerCycle), 0),
    dayMinutes: Float64Array.from(reps.map((r) => r.dailyMinutes ?? DEFAULT_DAY_MINUTES)),
    travel: input.travel,
    homeWeight: Math.min(1, Math.max(0, input.homeWeight)),
    locked,
    previous,
    graph,
    previousBonus: 0,
  };

  const homeMatching = input.homeMatching ?? 'total';
  const hasHistory = previous.some((r) => r >= 0);
  // A redraw with the same staff starts from the previous territories and moves an outlet only
  // when that pays for the change; new or departed reps call for a drawing from scratch.
  const rebuilding = input.mode === 'rebuild' && hasHistory;
  const stableRedraw = input.mode === 'redraw' && hasHistory && staffUnchanged;
  let assignment: Int32Array;
  let touchedBy = new Map<number | string, number[]>();
  if (n === 0) {
    assignment = new Int32Array(0);
  } else if (n <= k) {
    if (n < k) {
      warnings.push(warningText('warning.moreRepsThanOutlets', { label, reps: k, outlets: n, spare: k - n }));
    }
    assignment = oneOutletPerRep(problem, homeMatching);
  } else if (k === 1) {
    assignment = new Int32Array(n).fill(0);
  } else if (rebuilding || stableRedraw) {
    assignment = rebuildAssignment(problem, input.balanceTolerance);
    if (rebuilding && input.localStaffingRedraw !== false && hasEvents(staffEvents.local)) {
      const local = localStaffingRedraw(problem, assignment, staffEvents.local, {
        tolerance: input.balanceTolerance,
        seed: input.seed,
        draw: (sub, tolerance, seed) => drawAssignment(sub, tolerance, seed, homeMatching),
      });
      assignment = local.assignment;
      touchedBy = local.touchedBy;
    }
    if (stableRedraw) {
      const spread = partitionDispersion(xs, ys, load, assignment, k);
      problem.previousBonus = spread.weight > 0 ? (REDRAW_STABILITY_SHARE * spread.sse) / spread.weight : 0;
    }
  } else {
    assignment = drawAssignment(problem, input.balanceTolerance, input.seed, homeMatching);
  }

  let state = new TerritoryState(problem, assignment);
  if (n > k && k > 1) {
    if (rebuilding && touchedBy.size > 0) {
      // After a local staffing redraw: settle the pool's balance (the targets of every rep moved
      // with the staff), then polish borders as a same-staff redraw does, so the chains of the
      // repair do not leave strings of outlets through other territories.
      const spread = partitionDispersion(xs, ys, load, state.repOf, k);
      problem.previousBonus = spread.weight > 0 ? (REDRAW_STABILITY_SHARE * spread.sse) / spread.weight : 0;
      const redrawn = Int32Array.from(state.repOf);
      repairBalance(state, { tolerance: input.balanceTolerance * 0.95, style: 'minimal' });
      // Polish only the touched territories and those the repair changed: every other territory
      // stays exactly as it was (its outlets are held for the polish).
      const polished = new Uint8Array(k);
      for (const list of touchedBy.values()) for (const r of list) polished[r] = 1;
      for (let i = 0; i < n; i++) {
        if (state.repOf[i] === redrawn[i]) continue;
        polished[state.repOf[i] as number] = 1;
        polished[redrawn[i] as number] = 1;
      }
      const lockedBefore = problem.locked;
      problem.locked = Int32Array.from(lockedBefore, (l, i) =>
        l >= 0 || polished[state.repOf[i] as number] ? l : (state.repOf[i] as number),
      );
      improveBoundaries(state, { band: input.balanceTolerance * 0.9, seed: input.seed + 1 });
      cleanUpContiguity(state, knn, { band: input.balanceTolerance * 0.9 });
      problem.locked = lockedBefore;
      repairBalance(state, { tolerance: input.balanceTolerance * 0.95, style: 'minimal' });
    } else if (rebuilding) {
      repairBalance(state, { tolerance: input.balanceTolerance * 0.95, style: 'minimal' });
    } else if (stableRedraw) {
      repairBalance(state, { tolerance: input.balanceTolerance * 0.95, style: 'minimal' });
      improveBoundaries(state, { band: input.balanceTolerance * 0.9, seed: input.seed + 1 });
      cleanUpContiguity(state, knn, { band: input.balanceTolerance * 0.9 });
      repairBalance(state, { tolerance: input.balanceTolerance * 0.95, style: 'minimal' });
    } else {
      repairBalance(state, { tolerance: input.balanceTolerance * 0.5, style: 'tight' });
      improveBoundaries(state, { band: input.balanceTolerance * 0.8, seed: input.seed + 1 });
      if (input.routeAware ?? true)
        improveRouteBoundaries(state, { band: input.balanceTolerance * 0.8, seed: input.seed + 2 });
      repairBalance(state, { tolerance: input.balanceTolerance * 0.9, style: 'tight' });
      cleanUpContiguity(state, knn, { band: input.balanceTolerance * 0.9 });
      // Out-and-back shifts with every move; settle any rep the last passes nudged past the band.
      repairBalance(state, { tolerance: input.balanceTolerance * 0.95, style: 'tight' });
      // Lloyd rounds and repairs move the centres away from where they were paired with homes:
      // pair again on the finished territories (pairing earlier and repairing after it cost 0.3
      // points of contiguity and 40% more time on bench:territories for a slightly lower mean
      // commute). Only without history: with it, a territory's rep is who served it before, and
      // relabelling would move whole territories.
      if (!hasHistory) state = repairedHomePairing(state, homeMatching, input.balanceTolerance);
    }
    const worst = state.maxDeviation();
    if (worst > input.balanceTolerance + 1e-9) {
      warnings.push(
        imbalanceWarning(
          state,
          reps.map((r) => r.id),
          input.balanceTolerance,
          label,
          {
            outletIds: outlets.map((o) => o.id),
            isolation: poolIsolation(knn, n, input.outlierFactor ?? DEFAULT_OUTLIER_FACTOR),
          },
        ),
      );
    }
  }

  const repOf = new Map<string, string>();
  const changes: RepChange[] = [];
  const touched = new Set<number>();
  for (const list of touchedBy.values()) for (const r of list) touched.add(r);
  const addedIds = new Set(staffEvents.local.added.map((r) => (reps[r] as TerritoryRepInput).id));
  outlets.forEach((o, i) => {
    const rep = reps[state.repOf[i] as number] as TerritoryRepInput;
    repOf.set(o.id, rep.id);
    if (o.previousRepId === rep.id) return;
    changes.push({
      outletId: o.id,
      from: o.previousRepId,
      to: rep.id,
      reason: changeReason(o, rep.id, input, repIndex, unfitIds, { addedIds, touched }),
    });
  });
  const staffing = describeStaffingChanges(
    staffEvents.events.map((e) => {
      const key = e.event === 'rep-removed' ? e.repId : (repIndex.get(e.repId) as number);
      const list = touchedBy.get(key) ?? [];
      return {
        ...e,
        pool: input.poolId ?? null,
        touchedReps: list.map((r) => (reps[r] as TerritoryRepInput).id),
      };
    }),
    outlets.map((o) => ({ id: o.id, previousRepId: o.previousRepId, repId: repOf.get(o.id) ?? null })),
  );
  const territories = new Map<string, TerritorySummary>();
  reps.forEach((r, idx) => territories.set(r.id, summariseTerritory(state, idx, projection)));
  if (input.maxCommuteKm !== undefined)
    appendAll(warnings, commuteWarnings(territories, input.maxCommuteKm, label));
  return { repOf, territories, changes, moved, staffing, warnings };
}

/**
 * The pool's staffing events against the previous plan. Added: a rep that served none of the
 * pool's outlets before (capacity above 0 for the local redraw). Removed: a previous rep of
 * outlets of unchanged tier that is not a rep of the pool any more. Changed: a rep whose capacity
 * or home differs from the previous plan's beyond the thresholds of staffingChanges.ts. Read from
 * the outlets' previous rep ids, so a fresh draw reports the events too; `local` holds the index
 * form the rebuild's local redraw needs (none without history).
 */
function detectStaffing(
  outlets: readonly TerritoryOutletInput[],
  reps: readonly TerritoryRepInput[],
  repIndex: ReadonlyMap<string, number>,
  previous: Int32Array,
): { events: Array<Omit<StaffingEventInput, 'pool'>>; local: StaffingEvents } {
  const local: StaffingEvents = { added: [], changed: [], orphans: new Map() };
  const events: Array<Omit<StaffingEventInput, 'pool'>> = [];
  const servedBefore = new Set<string>();
  for (const o of outlets) if (o.previousRepId !== null) servedBefore.add(o.previousRepId);
  if (servedBefore.size === 0) return { events, local };
  outlets.forEach((o, i) => {
    if (o.previousRepId === null || o.tierChanged || repIndex.has(o.previousRepId)) return;
    const list = local.orphans.get(o.previousRepId) ?? [];
    list.push(i);
    local.orphans.set(o.previousRepId, list);
  });
  for (const repId of local.orphans.keys())
    events.push({ event: 'rep-removed', repId, reason: 'rep left the pool' });
  const hadPrevious = new Uint8Array(reps.length);
  for (const r of previous) if (r >= 0) hadPrevious[r] = 1;
  reps.forEach((r, idx) => {
    if (!servedBefore.has(r.id)) {
      events.push({ event: 'rep-added', repId: r.id, reason: 'new rep in the pool' });
      if (r.capacity > 0 && !hadPrevious[idx]) local.added.push(idx);
      return;
    }
    if (r.previous === undefined) return;
    const why = repChangeReason(
      { capacity: r.previous.capacity, home: [r.previous.homeLon, r.previous.homeLat] },
      { capacity: r.capacity, home: [r.homeLon, r.homeLat] },
    );
    if (why === null) return;
    events.push({ event: 'rep-changed', repId: r.id, reason: why });
    local.changed.push(idx);
  });
  return { events, local };
}

function hasEvents(events: StaffingEvents): boolean {
  return events.added.length > 0 || events.changed.length > 0 || events.orphans.size > 0;
}

/**
 * Verdicts on the outlets that moved beyond the policy distance (judgeMovedOutlets); those that
 * no longer fit their territory lose their previous rep in `geometry.previous`, so every mode
 * places them like new outlets. In `fresh` mode nothing is judged: everything is drawn anew.
 */
function movedOutletVerdicts(
  input: AssignTerritoriesInput,
  outlets: readonly TerritoryOutletInput[],
  reps: readonly TerritoryRepInput[],
  geometry: {
    xs: Float64Array;
    ys: Float64Array;
    knn: { k: number; distances: Float64Array };
    previous: Int32Array;
    locked: Int32Array;
  },
): { moved: MovedOutletVerdict[]; unfitIds: Set<string> } {
  const movedAt = new Map<number, number>();
  outlets.forEach((o, i) => {
    if (o.movedKm !== undefined) movedAt.set(i, o.movedKm);
  });
  if (movedAt.size === 0) return { moved: [], unfitIds: new Set() };
  if (input.mode === 'fresh') {
    const moved = [...movedAt].map(([i, km]) => ({
      outletId: (outlets[i] as TerritoryOutletInput).id,
      fit: 'not-checked' as const,
      reason: changeText('change.moved.fresh', { km: km < 10 ? km.toFixed(2) : km.toFixed(1) }),
    }));
    return { moved, unfitIds: new Set() };
  }
  const { xs, ys, knn, previous, locked } = geometry;
  const nearestKm = new Float64Array(outlets.length);
  for (let i = 0; i < outlets.length; i++) nearestKm[i] = knn.distances[i * knn.k] as number;
  const { verdicts, unfit } = judgeMovedOutlets({
    ids: outlets.map((o) => o.id),
    xs,
    ys,
    previous,
    locked,
    nearestKm,
    repIds: reps.map((r) => r.id),
    moved: movedAt,
  });
  for (const i of unfit) previous[i] = -1;
  return { moved: verdicts, unfitIds: new Set(unfit.map((i) => (outlets[i] as TerritoryOutletInput).id)) };
}

/**
 * The state with its territories relabelled to their optimal reps (pairTerritoriesWithHomes), or
 * unchanged. The out-and-back follows the new commutes, so the relabelled state is kept only
 * when its worst balance deviation stays within `tolerance` or no worse than before (up to 0.01
 * points, what an out-and-back of a few metres shifts).
 */
function repairedHomePairing(
  state: TerritoryState,
  objective: MatchObjective,
  tolerance: number,
): TerritoryState {
  const repOfTerritory = pairTerritoriesWithHomes(state, objective);
  if (repOfTerritory === null) return state;
  const relabelled = new TerritoryState(
    state.problem,
    state.repOf.map((t) => repOfTerritory[t] as number),
  );
  const worst = relabelled.maxDeviation();
  return worst <= tolerance + 1e-9 || worst <= state.maxDeviation() + 1e-4 ? relabelled : state;
}

function changeReason(
  outlet: TerritoryOutletInput,
  to: string,
  input: AssignTerritoriesInput,
  repIndex: ReadonlyMap<string, number>,
  unfitMoved: ReadonlySet<string>,
  staffing: { addedIds: ReadonlySet<string>; touched: ReadonlySet<number> },
): RepChangeReason {
  if (outlet.lockedRepId === to) return 'locked';
  if (outlet.previousRepId === null) return 'new';
  if (outlet.tierChanged) return 'tier-changed';
  if (!repIndex.has(outlet.previousRepId)) return 'rep-removed';
  if (unfitMoved.has(outlet.id)) return 'moved';
  if (input.mode !== 'rebuild') return 'redrawn';
  if (staffing.addedIds.has(to)) return 'rep-added';
  // Moved between two territories the local staffing redraw drew again.
  const from = repIndex.get(outlet.previousRepId) as number;
  const now = repIndex.get(to) as number;
  return staffing.touched.has(from) && staffing.touched.has(now) ? 'redrawn' : 'rebalanced';
}

/**
 * Fresh or redrawn territories: centres from weighted k-means (or, when redrawing, the previous
 * territories' centres), matched to reps by home distance; then Lloyd rounds alternating the
 * price-based capacitated assignment with centre updates.
 */
function drawAssignment(
  problem: TerritoryProblem,
  tolerance: number,
  seed: number,
  homeMatching: MatchObjective,
): Int32Array {
  const { n, k, xs, ys, load } = problem;
  const kmeans = weightedKMeans(xs, ys, load, k, { seed, maxIterations: 30 });
  let weight = 0;
  for (let i = 0; i < n; i++) weight += load[i] as number;
  problem.previousBonus = weight > 0 ? (PREVIOUS_BONUS_SHARE * kmeans.sse) / weight : 0;
  const { centresX, centresY } = initialCentres(problem, kmeans.centresX, kmeans.centresY, homeMatching);

  const prices = new Float64Array(k);
  let assignment: Int32Array = new Int32Array(n);
  for (let round = 0; round < LLOYD_ROUNDS; round++) {
    const outletTargets = outletTargetsFor(problem, centresX, centresY);
    const next = balancedAssignment({ problem, centresX, centresY, outletTargets, tolerance, prices });
    let changed = 0;
    for (let i = 0; i < n; i++) if (next[i] !== assignment[i]) changed++;
    assignment = next;
    updateCentres(problem, assignment, centresX, centresY);
    changed += reviveEmptyCentres(problem, assignment, centresX, centresY, prices);
    if (round > 0 && changed <= n * 0.002) break;
  }
  return assignment;
}

/**
 * Starting centre per rep. Reps with previous outlets in the pool start at their previous
 * territory's centre (stability when redrawing); the others take the k-means centres left,
 * matched to homes optimally (matchHomes, by straight-line distance) so the out-and-back starts short.
 */
function initialCentres(
  problem: TerritoryProblem,
  kmX: Float64Array,
  kmY: Float64Array,
  homeMatching: MatchObjective,
): { centresX: Float64Array; centresY: Float64Array } {
  const { n, k, xs, ys, load, previous, homeX, homeY } = problem;
  const centresX = new Float64Array(k);
  const centresY = new Float64Array(k);
  const sumW = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const r = previous[i] as number;
    if (r < 0) continue;
    const w = Math.max(load[i] as number, 1e-9);
    sumW[r] = (sumW[r] as number) + w;
    centresX[r] = (centresX[r] as number) + w * (xs[i] as number);
    centresY[r] = (centresY[r] as number) + w * (ys[i] as number);
  }
  const placed: number[] = [];
  const open: number[] = [];
  for (let r = 0; r < k; r++) {
    const w = sumW[r] as number;
    if (w > 0) {
      centresX[r] = (centresX[r] as number) / w;
      centresY[r] = (centresY[r] as number) / w;
      placed.push(r);
    } else {
      open.push(r);
    }
  }
  if (open.length === 0) return { centresX, centresY };
  // Keep the k-means centres farthest from the centres already placed, one per open rep.
  const m = kmX.length;
  const available = Array.from({ length: m }, (_, c) => c);
  const gap = (c: number): number => {
    let best = Infinity;
    for (const r of placed) {
      const dx = (kmX[c] as number) - (centresX[r] as number);
      const dy = (kmY[c] as number) - (centresY[r] as number);
      best = Math.min(best, dx * dx + dy * dy);
    }
    return best;
  };
  available.sort((a, b) => gap(b) - gap(a) || a - b);
  const chosen = available.slice(0, open.length);
  const costs = new Float64Array(open.length * chosen.length);
  open.forEach((r, row) => {
    chosen.forEach((c, col) => {
      costs[row * chosen.length + col] = Math.hypot(
        (kmX[c] as number) - (homeX[r] as number),
        (kmY[c] as number) - (homeY[r] as number),
      );
    });
  });
  const match = chosen.length > 0 ? matchHomes(costs, homeMatching, chosen.length) : null;
  const repDone = new Set<number>();
  open.forEach((r, row) => {
    const col = match === null ? -1 : (match.colOfRow[row] as number);
    if (col < 0) return;
    const c = chosen[col] as number;
    repDone.add(r);
    centresX[r] = kmX[c] as number;
    centresY[r] = kmY[c] as number;
  });
  for (const r of open) {
    if (repDone.has(r)) continue;
    // Fewer k-means centres than reps (duplicate points): start at home.
    centresX[r] = homeX[r] as number;
    centresY[r] = homeY[r] as number;
  }
  return { centresX, centresY };
}

/** Outlet load each rep should receive: its capacity share of the total load minus its out-and-back. */
function outletTargetsFor(
  problem: TerritoryProblem,
  centresX: Float64Array,
  centresY: Float64Array,
): Float64Array {
  const { n, k, load, capacity, workingDays, homeX, homeY, travel, visits, maxVisits, dayMinutes } = problem;
  const overhead = new Float64Array(k);
  let outletTotal = 0;
  let visitTotal = 0;
  for (let i = 0; i < n; i++) {
    outletTotal += load[i] as number;
    visitTotal += visits[i] as number;
  }
  let capacityTotal = 0;
  for (let r = 0; r < k; r++) capacityTotal += capacity[r] as number;
  let total = outletTotal;
  for (let r = 0; r < k; r++) {
    // Trips as a territory of this rep's capacity share would need them (see tripsPerCycle).
    const share = capacityTotal > 0 ? (capacity[r] as number) / capacityTotal : 0;
    const trips = tripsPerCycle(
      workingDays[r] as number,
      share * outletTotal,
      share * visitTotal,
      maxVisits,
      dayMinutes[r] as number,
    );
    const dx = (centresX[r] as number) - (homeX[r] as number);
    const dy = (centresY[r] as number) - (homeY[r] as number);
    overhead[r] = outAndBackMinutes(Math.sqrt(dx * dx + dy * dy), trips, travel);
    total += overhead[r] as number;
  }
  const targets = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const share = capacityTotal > 0 ? (capacity[r] as number) / capacityTotal : 0;
    targets[r] = Math.max(0, share * total - (overhead[r] as number));
  }
  return targets;
}

function updateCentres(
  problem: TerritoryProblem,
  assignment: Int32Array,
  centresX: Float64Array,
  centresY: Float64Array,
): void {
  const { n, k, xs, ys, load } = problem;
  const sumW = new Float64Array(k);
  const sumX = new Float64Array(k);
  const sumY = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const r = assignment[i] as number;
    const w = load[i] as number;
    sumW[r] = (sumW[r] as number) + w;
    sumX[r] = (sumX[r] as number) + w * (xs[i] as number);
    sumY[r] = (sumY[r] as number) + w * (ys[i] as number);
  }
  for (let r = 0; r < k; r++) {
    const w = sumW[r] as number;
    if (w > 0) {
      centresX[r] = (sumX[r] as number) / w;
      centresY[r] = (sumY[r] as number) / w;
    }
  }
}

/**
 * Lloyd's empty-cluster fix: a rep that no outlet chose (its centre fell where no outlet lists it
 * among its nearest candidates) restarts at the outlet farthest from the centre of the rep with
 * the largest outlet load, at the mean price, so the next round gives it a territory. Returns the number of revived reps.
 */
function reviveEmptyCentres(
  problem: TerritoryProblem,
  assignment: Int32Array,
  centresX: Float64Array,
  centresY: Float64Array,
  prices: Float64Array,
): number {
  const { n, k, xs, ys, load, capacity } = problem;
  let meanPrice = 0;
  for (const p of prices) meanPrice += p / k;
  const loads = new Float64Array(k);
  for (let i = 0; i < n; i++)
    loads[assignment[i] as number] = (loads[assignment[i] as number] as number) + (load[i] as number);
  let revived = 0;
  for (let r = 0; r < k; r++) {
    if ((loads[r] as number) > 0 || (capacity[r] as number) <= 0) continue;
    let biggest = 0;
    for (let s = 1; s < k; s++) if ((loads[s] as number) > (loads[biggest] as number)) biggest = s;
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      if (assignment[i] !== biggest) continue;
      const dx = (xs[i] as number) - (centresX[biggest] as number);
      const dy = (ys[i] as number) - (centresY[biggest] as number);
      const d = dx * dx + dy * dy;
      if (d > farD) {
        farD = d;
        far = i;
      }
    }
    if (far < 0) continue;
    centresX[r] = xs[far] as number;
    centresY[r] = ys[far] as number;
    prices[r] = meanPrice;
    // Count the revived rep as holding half of the donor's load so a second empty rep picks another donor.
    loads[r] = (loads[biggest] as number) / 2;
    loads[biggest] = (loads[biggest] as number) / 2;
    revived++;
  }
  return revived;
}

/**
 * Rebuild start: locked outlets to their rep, known outlets to their previous rep, then every
 * other outlet (new, tier changed, rep gone) to the touching territory where it costs least and
 * that still has room (load below target x (1 + tolerance)); when none has room, the cheapest.
 * A rep with no outlet at all (a new rep) is seeded with the free outlet nearest its home, so the
 * balance repair can grow its territory from there.
 */
function rebuildAssignment(problem: TerritoryProblem, tolerance: number): Int32Array {
  const { n, k, xs, ys, load, locked, previous, graph, capacity, homeX, homeY } = problem;
  const assignment = new Int32Array(n).fill(-1);
  const outletLoad = new Float64Array(k);
  const sumX = new Float64Array(k);
  const sumY = new Float64Array(k);
  const place = (i: number, r: number): void => {
    const w = load[i] as number;
    assignment[i] = r;
    outletLoad[r] = (outletLoad[r] as number) + w;
    sumX[r] = (sumX[r] as number) + w * (xs[i] as number);
    sumY[r] = (sumY[r] as number) + w * (ys[i] as number);
  };
  for (let i = 0; i < n; i++) {
    const r = (locked[i] as number) >= 0 ? (locked[i] as number) : (previous[i] as number);
    if (r >= 0) place(i, r);
  }
  let total = 0;
  let capacityTotal = 0;
  for (let i = 0; i < n; i++) total += load[i] as number;
  for (let r = 0; r < k; r++) capacityTotal += capacity[r] as number;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const r = assignment[i] as number;
    if (r >= 0) counts[r] = (counts[r] as number) + 1;
  }
  for (let r = 0; r < k; r++) {
    if ((counts[r] as number) > 0 || (capacity[r] as number) <= 0) continue;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < n; i++) {
      const current = assignment[i] as number;
      if (current !== -1 && (locked[i] as number) >= 0) continue;
      if (current !== -1 && (counts[current] as number) <= 1) continue;
      const dx = (xs[i] as number) - (homeX[r] as number);
      const dy = (ys[i] as number) - (homeY[r] as number);
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0) continue;
    const old = assignment[best] as number;
    if (old >= 0) {
      counts[old] = (counts[old] as number) - 1;
      const w = load[best] as number;
      outletLoad[old] = (outletLoad[old] as number) - w;
      sumX[old] = (sumX[old] as number) - w * (xs[best] as number);
      sumY[old] = (sumY[old] as number) - w * (ys[best] as number);
    }
    place(best, r);
    counts[r] = (counts[r] as number) + 1;
  }

  const centre = (r: number): [number, number] => {
    const w = outletLoad[r] as number;
    return w > 0
      ? [(sumX[r] as number) / w, (sumY[r] as number) / w]
      : [homeX[r] as number, homeY[r] as number];
  };
  const room = (r: number, w: number): boolean =>
    capacityTotal > 0 &&
    (outletLoad[r] as number) + w <= ((capacity[r] as number) / capacityTotal) * total * (1 + tolerance);
  let pending: number[] = [];
  for (let i = 0; i < n; i++) if (assignment[i] === -1) pending.push(i);
  // Outlets next to placed ones first, so clusters of new outlets grow from their known side.
  for (let pass = 0; pending.length > 0 && pass < n + 1; pass++) {
    const waiting: number[] = [];
    for (const i of pending) {
      const options = new Set<number>();
      for (let e = graph.offsets[i] as number; e < (graph.offsets[i + 1] as number); e++) {
        const r = assignment[graph.targets[e] as number] as number;
        if (r >= 0) options.add(r);
      }
      if (options.size === 0 && pass === 0) {
        waiting.push(i);
        continue;
      }
      if (options.size === 0) for (let r = 0; r < k; r++) options.add(r);
      let best = -1;
      let bestCost = Infinity;
      let bestAny = -1;
      let bestAnyCost = Infinity;
      for (const r of [...options].sort((a, b) => a - b)) {
        const [cx, cy] = centre(r);
        const dx = (xs[i] as number) - cx;
        const dy = (ys[i] as number) - cy;
        const cost = dx * dx + dy * dy;
        if (cost < bestAnyCost) {
          bestAnyCost = cost;
          bestAny = r;
        }
        if (cost < bestCost && room(r, load[i] as number)) {
          bestCost = cost;
          best = r;
        }
      }
      place(i, best >= 0 ? best : bestAny);
    }
    if (waiting.length === pending.length) {
      // No pending outlet touches a placed one on the first pass: the next pass takes any rep.
      pending = waiting;
      continue;
    }
    pending = waiting;
  }
  return assignment;
}

/**
 * Pools with no more outlets than reps: locked outlets to their rep, the others one per free rep,
 * paired for the least total (or least longest) home distance by matchHomes. A zero-capacity rep
 * takes an outlet only when no other rep is free.
 */
function oneOutletPerRep(problem: TerritoryProblem, homeMatching: MatchObjective): Int32Array {
  const { n, k, xs, ys, locked, homeX, homeY, capacity } = problem;
  const assignment = new Int32Array(n).fill(-1);
  const taken = new Uint8Array(k);
  for (let i = 0; i < n; i++) {
    const r = locked[i] as number;
    if (r >= 0) {
      assignment[i] = r;
      taken[r] = 1;
    }
  }
  const freeOutlets: number[] = [];
  for (let i = 0; i < n; i++) if (assignment[i] === -1) freeOutlets.push(i);
  const freeReps: number[] = [];
  for (let r = 0; r < k; r++) if (!taken[r]) freeReps.push(r);
  // Far beyond any real distance, so zero-capacity reps are used last without being forbidden.
  const ZERO_CAPACITY_PENALTY_KM = 1e7;
  const costs = new Float64Array(freeOutlets.length * freeReps.length);
  freeOutlets.forEach((i, row) => {
    freeReps.forEach((r, col) => {
      const d = Math.hypot(
        (xs[i] as number) - (homeX[r] as number),
        (ys[i] as number) - (homeY[r] as number),
      );
      costs[row * freeReps.length + col] = d + ((capacity[r] as number) > 0 ? 0 : ZERO_CAPACITY_PENALTY_KM);
    });
  });
  const match =
    freeOutlets.length > 0 && freeReps.length > 0 ? matchHomes(costs, homeMatching, freeReps.length) : null;
  freeOutlets.forEach((i, row) => {
    const col = match === null ? -1 : (match.colOfRow[row] as number);
    // More free outlets than free reps happens only when locks take reps: share the first rep.
    assignment[i] = col >= 0 ? (freeReps[col] as number) : 0;
  });
  return assignment;
}

function projectionFor(
  outlets: readonly TerritoryOutletInput[],
  reps: readonly TerritoryRepInput[],
): LocalProjection {
  const points: Array<readonly [number, number]> =
    outlets.length > 0
      ? outlets.map((o) => [o.lon, o.lat] as const)
      : reps.map((r) => [r.homeLon, r.homeLat] as const);
  let lon = 0;
  let lat = 0;
  for (const [x, y] of points) {
    lon += x;
    lat += y;
  }
  return localProjection(lon / Math.max(points.length, 1), lat / Math.max(points.length, 1));
}

/**
 * Whether the pool's staff is the one of the previous plan: every rep served some outlet before,
 * and every outlet that had a rep had one of these (no departed rep).
 */
function sameStaff(previous: Int32Array, k: number, outlets: readonly TerritoryOutletInput[]): boolean {
  const served = new Uint8Array(k);
  for (const r of previous) if (r >= 0) served[r] = 1;
  if (served.some((s) => s === 0)) return false;
  // An outlet of unchanged tier whose previous rep is not in the pool lost its rep (outlets whose
  // tier changed may come from another pool's rep).
  return outlets.every((o, i) => o.previousRepId === null || o.tierChanged || (previous[i] as number) >= 0);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
