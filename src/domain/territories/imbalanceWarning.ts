import type { TerritoryState } from './territoryState.js';

/** A territory whose home trip takes at least this share of its rep's load is called remote. */
const REMOTE_SHARE = 0.15;

/**
 * The warning for a pool whose balance could not reach `tolerance`: names the rep farthest from
 * its target, its load against the target, and the causes the state shows, with figures: outlets
 * locked to it, the pool's most remote territory (its out-and-back share of its rep's load), the
 * largest single outlet load against the band (outlets too coarse to balance finely), and a
 * capacity of 0. `repIds` are the pool's reps in state order; `label` prefixes the text.
 */
export function imbalanceWarning(
  state: TerritoryState,
  repIds: readonly string[],
  tolerance: number,
  label: string,
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
    causes.push(`${lockedCount} outlets locked to it (${minutes(lockedLoad)} min)`);
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
      `rep ${repIds[remote]}'s territory is remote: the trip from home takes ${pct(remoteShare)} of its load (${minutes(state.overhead(remote))} min)`,
    );
  }
  if (target > 0 && biggest > tolerance * target) {
    causes.push(
      `single outlets of up to ${minutes(biggest)} min, more than the ±${pct(tolerance)} band of ${minutes(tolerance * target)} min`,
    );
  }
  if ((capacity[worst] as number) <= 0) causes.push('capacity 0');
  const why = causes.length > 0 ? causes.join('; ') : 'no lock, remote trip or coarse outlet explains it';
  return `${label}: balance within ±${pct(tolerance)} could not be reached: rep ${repIds[worst]} has ${minutes(repLoad)} of ${minutes(target)} target minutes (${signedPct(state.deviation(worst))}); ${why}`;
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
