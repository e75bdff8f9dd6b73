import { haversineKm } from '../geo/distance.js';
import { PlanarIndex } from '../geo/planarIndex.js';
import type { MovedOutletFit, Plan, PlanOutlet, PositionChange } from '../plan/planTypes.js';
import { changeText } from '../../i18n/warningText.js';

/**
 * How far an outlet moved since the previous plan, km (great circle), when that is more than
 * `thresholdKm` (the policy's `territories.movedOutletKm`); null for smaller moves (geocoding
 * noise) and for outlets the previous plan did not have.
 */
export function movedKm(
  before: { lon: number; lat: number } | undefined,
  now: { lon: number; lat: number },
  thresholdKm: number,
): number | null {
  if (!before) return null;
  const km = haversineKm(before.lon, before.lat, now.lon, now.lat);
  return km > thresholdKm ? km : null;
}

/** The territories stage's verdict on one moved outlet. */
export interface MovedOutletVerdict {
  outletId: string;
  fit: MovedOutletFit;
  /** How the fit was judged, with figures (km, rep ids). */
  reason: string;
}

/** What judgeMovedOutlets needs of a pool: projected positions, previous reps, locks, typical spacing. */
export interface MovedOutletProblem {
  ids: readonly string[];
  xs: Float64Array;
  ys: Float64Array;
  /** Previous rep index per outlet, -1 when none in this pool. */
  previous: Int32Array;
  /** Locked rep index per outlet, -1 when none. */
  locked: Int32Array;
  /** Distance of every outlet to its nearest pool outlet (projected km). */
  nearestKm: Float64Array;
  repIds: readonly string[];
  /** Distance moved (km) per moved outlet index. */
  moved: ReadonlyMap<number, number>;
}

/**
 * Judges every moved outlet of a pool against its previous rep's territory, as that territory
 * stands without the moved outlets (outlets that moved together do not vouch for each other):
 *
 * - `own`: distance from the new position to the nearest unmoved outlet of its previous rep;
 * - `other`: to the nearest unmoved outlet of any other rep of the pool;
 * - `spacing`: the territory's typical outlet spacing, the median distance from its unmoved
 *   outlets to their nearest pool outlet.
 *
 * It **no longer fits** when `own - other > spacing`: its new position is nearer another
 * territory's outlets than its own by more than one typical spacing, i.e. it now lies inside
 * another rep's outline (outlines are the outlets' Voronoi cells) and not merely on the border.
 * It also no longer fits when its rep has no unmoved outlet left. Such an outlet is placed again
 * as if it were new (the caller forgets its previous rep); it may still land with the same rep.
 * A locked outlet stays (`locked`); an outlet whose previous rep is not in the pool is placed as
 * new anyway (`not-checked`). Returns one verdict per moved outlet, and the indices that no
 * longer fit. Pure and deterministic (index queries in id order; ties to the lower index).
 */
export function judgeMovedOutlets(problem: MovedOutletProblem): {
  verdicts: MovedOutletVerdict[];
  unfit: number[];
} {
  const { ids, xs, ys, previous, locked, nearestKm, repIds, moved } = problem;
  const k = repIds.length;
  const n = ids.length;
  const verdicts: MovedOutletVerdict[] = [];
  const unfit: number[] = [];
  const movedIdx = [...moved.keys()].sort((a, b) => a - b);
  if (movedIdx.length === 0) return { verdicts, unfit };

  const membersOf: number[][] = Array.from({ length: k }, () => []);
  const allMembers: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = previous[i] as number;
    if (r < 0 || moved.has(i)) continue;
    (membersOf[r] as number[]).push(i);
    allMembers.push(i);
  }
  const indexOf: Array<PlanarIndex | null> = membersOf.map((m) =>
    m.length > 0 ? new PlanarIndex(xs, ys, m) : null,
  );
  const all = new PlanarIndex(xs, ys, allMembers);
  const spacingOf = membersOf.map((m) => median(m.map((i) => nearestKm[i] as number)));

  for (const i of movedIdx) {
    const km = moved.get(i) as number;
    const r = previous[i] as number;
    if ((locked[i] as number) >= 0) {
      verdicts.push({
        outletId: ids[i] as string,
        fit: 'locked',
        reason: changeText('change.moved.locked', { km: fmt(km), rep: repIds[locked[i] as number] ?? '' }),
      });
      continue;
    }
    if (r < 0) {
      verdicts.push({
        outletId: ids[i] as string,
        fit: 'not-checked',
        reason: changeText('change.moved.notChecked', { km: fmt(km) }),
      });
      continue;
    }
    const x = xs[i] as number;
    const y = ys[i] as number;
    const own = indexOf[r]?.nearest(x, y) ?? { index: -1, distance: Infinity };
    const other = all.nearest(x, y, (j) => previous[j] !== r);
    const rep = repIds[r] as string;
    if (other.index < 0) {
      verdicts.push({
        outletId: ids[i] as string,
        fit: 'fits',
        reason: changeText('change.moved.alone', { km: fmt(km), rep }),
      });
      continue;
    }
    const otherRep = repIds[previous[other.index] as number] as string;
    if (own.index < 0) {
      unfit.push(i);
      verdicts.push({
        outletId: ids[i] as string,
        fit: 'no-longer-fits',
        reason: changeText('change.moved.noOutletLeft', {
          km: fmt(km),
          rep,
          otherRep,
          otherKm: fmt(other.distance),
        }),
      });
      continue;
    }
    const spacing = spacingOf[r] as number;
    const figures = {
      km: fmt(km),
      rep,
      otherRep,
      ownKm: fmt(own.distance),
      otherKm: fmt(other.distance),
      spacingKm: fmt(spacing),
    };
    if (own.distance - other.distance > spacing) {
      unfit.push(i);
      verdicts.push({
        outletId: ids[i] as string,
        fit: 'no-longer-fits',
        reason: changeText('change.moved.noLongerFits', figures),
      });
    } else {
      verdicts.push({
        outletId: ids[i] as string,
        fit: 'fits',
        reason: changeText('change.moved.stillFits', figures),
      });
    }
  }
  return { verdicts, unfit };
}

/**
 * The plan's `positionChanges`: every outlet of `outlets` (the plan's, reps assigned) that moved
 * more than `thresholdKm` since `previous`, in outlet id order, with both positions, the
 * distance, both reps and the territories stage's verdict (an outlet no pool with reps took up
 * gets `not-checked`).
 */
export function positionChanges(
  outlets: readonly PlanOutlet[],
  previous: Plan | null,
  thresholdKm: number,
  verdicts: readonly MovedOutletVerdict[],
): PositionChange[] {
  if (!previous) return [];
  const before = new Map(previous.outlets.map((o) => [o.id, o]));
  const verdictOf = new Map(verdicts.map((v) => [v.outletId, v]));
  const changes: PositionChange[] = [];
  for (const outlet of outlets) {
    const old = before.get(outlet.id);
    const km = movedKm(old, outlet, thresholdKm);
    if (old === undefined || km === null) continue;
    const verdict = verdictOf.get(outlet.id);
    changes.push({
      outletId: outlet.id,
      from: [old.lon, old.lat],
      to: [outlet.lon, outlet.lat],
      km: Math.round(km * 1000) / 1000,
      fromRep: old.repId,
      toRep: outlet.repId,
      reassigned: old.repId !== outlet.repId,
      fit: verdict?.fit ?? 'not-checked',
      reason: verdict?.reason ?? changeText('change.moved.noRep', { km: fmt(km) }),
    });
  }
  return changes.sort((a, b) => (a.outletId < b.outletId ? -1 : a.outletId > b.outletId ? 1 : 0));
}

function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return 0;
  const mid = finite.length >> 1;
  return finite.length % 2
    ? (finite[mid] as number)
    : ((finite[mid - 1] as number) + (finite[mid] as number)) / 2;
}

function fmt(km: number): string {
  return km < 10 ? km.toFixed(2) : km.toFixed(1);
}
