import { ISOLATION_FLOOR_KM, type PoolIsolation } from './isolatedOutlets.js';
import type { TerritoryState } from './territoryState.js';
import { warningText } from '../../i18n/warningText.js';

/** A territory whose home trip takes at least this share of its rep's load is called remote. */
const REMOTE_SHARE = 0.15;
/** Isolated outlets named by id in a warning; the rest are counted. */
const NAMED_ISOLATED = 3;

/** The pool's outlet ids in state order and how isolated each is, to name kept outliers. */
export interface IsolationContext {
  outletIds: readonly string[];
  isolation: PoolIsolation;
}

/**
 * The warning for a pool whose balance could not reach `tolerance`: names the rep farthest from
 * its target, its load against the target, and the causes the state shows, with figures: outlets
 * locked to it, the pool's most remote territory (its out-and-back share of its rep's load), the
 * largest single outlet load against the band (outlets too coarse to balance finely), and a
 * capacity of 0. With `isolated`, the outlets that are isolated within the pool (kept by the
 * loader's outlier rule, but outliers of the pool, see isolatedOutlets.ts) and sit in the
 * territory of a rep outside the band are named with that rep, its deviation, their distance
 * to the k-th nearest pool outlet and their load: they distort the balance. `repIds` are the pool's reps in state order; `label` prefixes the text.
 */
export function imbalanceWarning(
  state: TerritoryState,
  repIds: readonly string[],
  tolerance: number,
  label: string,
  isolated?: IsolationContext,
): string {
  const { k, n, locked, load, capacity } = state.problem;
  let worst = 0;
  for (let r = 1; r < k; r++) if (Math.abs(state.deviation(r)) > Math.abs(state.deviation(worst))) worst = r;
  const causes: string[] = [];
  let lockedCount = 0;
  let lockedLoad = 0;
  let biggest = 0;
  for (let i = 0; i < n; i++) {
    if (locked[i] === worst) {
      lockedCount++;
      lockedLoad += load[i] as number;
    }
    if (state.repOf[i] === worst) biggest = Math.max(biggest, load[i] as number);
  }
  const target = state.target(worst);
  const repLoad = state.load(worst);
  if (lockedCount > 0) {
    causes.push(
      warningText('warning.imbalanceCause.locked', { count: lockedCount, minutes: minutes(lockedLoad) }),
    );
  }
  // The remote territory may be another rep's: its trip inflates the pool's targets.
  let remote = -1;
  let remoteShare = REMOTE_SHARE;
  for (let r = 0; r < k; r++) {
    const share = state.load(r) > 0 ? state.overhead(r) / state.load(r) : 0;
    if (share >= remoteShare) {
      remote = r;
      remoteShare = share;
    }
  }
  if (remote >= 0) {
    causes.push(
      warningText('warning.imbalanceCause.remote', {
        rep: repIds[remote] ?? '',
        share: pct(remoteShare),
        minutes: minutes(state.overhead(remote)),
      }),
    );
  }
  if (target > 0 && biggest > tolerance * target) {
    causes.push(
      warningText('warning.imbalanceCause.coarse', {
        minutes: minutes(biggest),
        tolerance: pct(tolerance),
        band: minutes(tolerance * target),
      }),
    );
  }
  if ((capacity[worst] as number) <= 0) causes.push(warningText('warning.imbalanceCause.zeroCapacity'));
  const far = farHomeCause(state, worst);
  if (far !== null) causes.push(far);
  if (isolated) {
    const text = isolatedCause(state, worst, tolerance, repIds, isolated);
    if (text !== null) causes.push(text);
  }
  const why =
    causes.length > 0
      ? causes.join(warningText('warning.label.causeSeparator'))
      : warningText('warning.imbalanceCause.none');
  return warningText('warning.imbalance', {
    label,
    tolerance: pct(tolerance),
    rep: repIds[worst] ?? '',
    load: minutes(repLoad),
    target: minutes(target),
    deviation: signedPct(state.deviation(worst)),
    causes: why,
  });
}

/**
 * "isolated outlets in off-target territories: o7 (rep r2, +12.0%; 5th-nearest pool outlet
 * 31.2 km away; 231 min), ...": the isolated outlets of every rep outside the balance band (the
 * worst rep's first, then by load), or null when none has any. An isolated outlet distorts the
 * balance also from another territory: its trip makes that territory remote and raises every
 * target of the pool.
 */
function isolatedCause(
  state: TerritoryState,
  worst: number,
  tolerance: number,
  repIds: readonly string[],
  context: IsolationContext,
): string | null {
  const { isolation, outletIds } = context;
  const { load, n } = state.problem;
  const found: number[] = [];
  for (let i = 0; i < n; i++) {
    const rep = state.repOf[i] as number;
    if ((isolation.kthKm[i] as number) <= isolation.limitKm) continue;
    if (rep === worst || Math.abs(state.deviation(rep)) > tolerance + 1e-9) found.push(i);
  }
  if (found.length === 0) return null;
  const first = (i: number): number => (state.repOf[i] === worst ? 0 : 1);
  found.sort((a, b) => first(a) - first(b) || (load[b] as number) - (load[a] as number) || a - b);
  const nth = ordinal(isolation.k);
  const named = found.slice(0, NAMED_ISOLATED).map((i) => {
    const rep = state.repOf[i] as number;
    return warningText('warning.imbalanceIsolated', {
      outlet: outletIds[i] ?? '',
      rep: repIds[rep] ?? '',
      deviation: signedPct(state.deviation(rep)),
      nth,
      km: km(isolation.kthKm[i] as number),
      minutes: minutes(load[i] as number),
    });
  });
  const band = {
    isolated: named.join(warningText('warning.label.itemSeparator')),
    limitKm: km(isolation.limitKm),
    floorKm: ISOLATION_FLOOR_KM,
    p95Km: km(isolation.p95Km),
  };
  return found.length > NAMED_ISOLATED
    ? warningText('warning.imbalanceCause.isolatedMore', { ...band, more: found.length - NAMED_ISOLATED })
    : warningText('warning.imbalanceCause.isolated', band);
}

/** A rep's home this many times farther from the pool's outlets than any other rep's is called far. */
const FAR_HOME_FACTOR = 3;

/**
 * "its home is 1312.4 km from the nearest pool outlet (other reps: at most 2.6 km)" when the rep's
 * home lies far from every outlet of the pool (a typo in its coordinates, or a rep of another
 * region): farther than ISOLATION_FLOOR_KM and FAR_HOME_FACTOR times the farthest any other
 * rep's home is from its nearest pool outlet. Null otherwise.
 */
function farHomeCause(state: TerritoryState, rep: number): string | null {
  const { k, n, xs, ys, homeX, homeY } = state.problem;
  if (n === 0 || k < 2) return null;
  const nearest = (r: number): number => {
    let best = Infinity;
    for (let i = 0; i < n; i++)
      best = Math.min(
        best,
        Math.hypot((xs[i] as number) - (homeX[r] as number), (ys[i] as number) - (homeY[r] as number)),
      );
    return best;
  };
  let others = 0;
  for (let r = 0; r < k; r++) if (r !== rep) others = Math.max(others, nearest(r));
  const own = nearest(rep);
  if (own <= ISOLATION_FLOOR_KM || own <= FAR_HOME_FACTOR * others) return null;
  return warningText('warning.imbalanceCause.farHome', { km: km(own), othersKm: km(others) });
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

function km(value: number): string {
  return value.toFixed(1);
}

function minutes(value: number): string {
  return Math.round(value).toString();
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function signedPct(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}
