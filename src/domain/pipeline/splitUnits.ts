/** Most groups of reps one pool may be split into. */
export const MAX_REP_GROUPS = 16;

/**
 * One of `count` groups of a pool's reps, for splitting the cycle stage of a large pool across
 * jobs: contiguous runs of the pool's reps in input order, as even as possible.
 */
export interface RepGroup {
  index: number;
  count: number;
}

/** The reps of `group` among `reps` (contiguous, in order; empty when there are fewer reps than groups). */
export function repsOfGroup<T>(reps: readonly T[], group: RepGroup): T[] {
  const from = Math.floor((group.index * reps.length) / group.count);
  const to = Math.floor(((group.index + 1) * reps.length) / group.count);
  return reps.slice(from, to);
}

/** One child job's share of a split region: a pool, or one group of a pool's reps. */
export interface SplitUnit {
  pool: string;
  group: RepGroup;
}

/** The units of a split: every pool, each in `groups` groups of its reps, pool by pool. */
export function splitUnits(pools: readonly string[], groups = 1): SplitUnit[] {
  return pools.flatMap((pool) =>
    Array.from({ length: groups }, (_, index) => ({ pool, group: { index, count: groups } })),
  );
}

/**
 * A unit's name in job ids and part file names: the pool id with anything but letters, digits,
 * `_` and `-` replaced by `_`, plus `-g<index>of<count>` when the pool is split into rep groups.
 */
export function splitUnitKey(unit: SplitUnit): string {
  const pool = unit.pool.replace(/[^a-z0-9_-]/gi, '_');
  return unit.group.count === 1 ? pool : `${pool}-g${unit.group.index}of${unit.group.count}`;
}
