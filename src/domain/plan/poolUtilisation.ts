import type { Plan } from './planTypes.js';

/** How much of a pool's working time its day routes use. */
export interface PoolUtilisation {
  poolId: string;
  reps: number;
  /** Sum over the pool's reps of working days in the cycle x daily minutes. */
  availableMinutes: number;
  /** Sum over the pool's day routes of total minutes (travel, service, waiting). */
  plannedMinutes: number;
  /** planned / available; null when the pool has no working time. */
  utilisation: number | null;
  /**
   * Reps of the pool's average working time that the planned minutes would need (rounded up);
   * compare with `reps` to see a pool that is short-staffed or has room.
   */
  repsForLoad: number | null;
}

/**
 * Measures each pool's staffing against its planned routes: the working time its reps have in the
 * cycle (every working day at the rep's daily minutes) and the minutes the day routes use. A pool
 * above 100% cannot fit its visit policy with its reps, whatever the territories: the figure tells
 * a manager how many reps (or how much longer days) the load needs. Pure; needs the cycle stage.
 */
export function poolUtilisation(plan: Pick<Plan, 'pools' | 'reps'>): PoolUtilisation[] {
  return plan.pools.map((pool) => {
    const reps = plan.reps.filter((r) => r.pool === pool.id);
    let availableMinutes = 0;
    let plannedMinutes = 0;
    for (const rep of reps) {
      const days = rep.days ?? [];
      availableMinutes += days.length * rep.dailyMinutes;
      for (const day of days) plannedMinutes += day.totalMinutes;
    }
    const perRep = reps.length > 0 ? availableMinutes / reps.length : 0;
    return {
      poolId: pool.id,
      reps: reps.length,
      availableMinutes: Math.round(availableMinutes),
      plannedMinutes: Math.round(plannedMinutes),
      utilisation: availableMinutes > 0 ? Math.round((plannedMinutes / availableMinutes) * 1e4) / 1e4 : null,
      repsForLoad: perRep > 0 ? Math.ceil(plannedMinutes / perRep - 1e-9) : null,
    };
  });
}

/**
 * A warning for every pool whose planned routes need more time than its reps have, naming how
 * many reps of the pool's average day the load needs.
 */
export function poolUtilisationWarnings(plan: Pick<Plan, 'pools' | 'reps'>): string[] {
  return poolUtilisation(plan).flatMap((u) =>
    u.utilisation !== null && u.utilisation > 1 && u.repsForLoad !== null
      ? [
          `pool ${u.poolId} needs ${u.plannedMinutes} minutes of route time but its ${u.reps} reps have ${u.availableMinutes} (${Math.round(u.utilisation * 100)}%): about ${u.repsForLoad} reps, longer days or lower visit frequencies would fit the load`,
        ]
      : [],
  );
}
