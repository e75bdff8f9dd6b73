import type { Random } from '../../random.js';
import type { DayAssignmentObjective } from './dayAssignmentObjective.js';
import type { DayAssignmentState } from './dayAssignmentState.js';
import { granularRelocation, OptionsBySlot } from './granularRelocation.js';
import { cheapestRelocation, relocationDelta } from './relocatePattern.js';
import { nearestOutlets, tryRuinAndRecreate } from './ruinAndRecreate.js';
import { swapDelta, swapPartner } from './swapPatterns.js';

/** How hard the annealing search works; every figure is a move count, never a time. */
export interface AnnealOptions {
  /** Moves tried per movable outlet (0 turns the search off). */
  movesPerOutlet: number;
  /** Start and end temperature as shares of the mean travel minutes per stop. */
  startTemperature?: number;
  endTemperature?: number;
  /** Share of moves that are swaps (the rest are relocations). */
  swapShare?: number;
  /** Share of relocations that take the cheapest alternative rather than a random one. */
  guidedShare?: number;
  /**
   * Share of relocations proposed granularly: onto a day one of the outlet's nearest outlets is
   * visited on (granularRelocation.ts); the rest are guided or random as above.
   */
  granularShare?: number;
  /** How many nearest outlets a granular relocation draws from. */
  granularNeighbours?: number;
  /** Share of moves that ruin and recreate a neighbourhood (each counts as its size in moves). */
  ruinShare?: number;
  /** Most outlets one ruin removes. */
  maxRuinSize?: number;
  /**
   * Whether outlets with time windows move too (default true). Off, they keep their constructed
   * days until the descent, as when their window bounds were too slow to evaluate at annealing
   * move counts.
   */
  moveWindowed?: boolean;
}

/**
 * Granular relocations and a ruin share of one half (2026-12-07): a granular relocation prices
 * only the patterns through one day instead of all of them, and ruin-and-recreate is the move
 * whose absence costs the sample region most km. At the same CPU per plan this mix left the
 * sample region 0.2% less km and the PVRP set a lower mean gap than the older one (ruin 0.15,
 * guided and random relocations; BENCHMARKS.md, issue 9, 2026-12-07); at equal move counts on
 * the small single-frequency cities of the unit tests the older mix scores a little better.
 */
const DEFAULTS = {
  startTemperature: 1,
  endTemperature: 0.005,
  swapShare: 0.35,
  guidedShare: 0.5,
  granularShare: 1,
  granularNeighbours: 8,
  ruinShare: 0.5,
  maxRuinSize: 12,
  moveWindowed: true,
};

/**
 * Simulated annealing over whole visit patterns: relocations (an outlet follows another pattern,
 * by default proposed granularly onto a day one of its nearest outlets is on), swaps (two
 * outlets of a frequency trade patterns) and ruin-and-recreate of a neighbourhood,
 * each applied tentatively and scored
 * exactly on the objective, accepted when it improves or with probability exp(-delta / T), T
 * cooling geometrically. Accepting worse moves lets the assignment leave the local optima a pure
 * descent stops in. The mean day is re-measured and the tours polished once per epoch (one move
 * per movable outlet), and the best assignment seen at an epoch end is restored at the end.
 * Outlets with time windows move like the others (their day's window bounds are kept
 * incrementally, see DayAssignmentState), so night-venue reps are annealed too.
 * Deterministic for the random source; bounded by `movesPerOutlet`. Returns the moves accepted.
 */
export function annealDayAssignment(
  state: DayAssignmentState,
  objective: DayAssignmentObjective,
  random: Random,
  options: AnnealOptions,
): number {
  const settings = { ...DEFAULTS, ...options };
  const movable: number[] = [];
  for (let o = 0; o < state.choice.length; o++) {
    if (state.outlet(o).options.length > 1 && (settings.moveWindowed || !state.windowed[o])) movable.push(o);
  }
  const iterations = Math.round(settings.movesPerOutlet * movable.length);
  if (iterations === 0) return 0;
  const epoch = Math.max(25, movable.length);
  const scale = Math.max(state.meanTravelPerStop(), 1e-3);
  const t0 = settings.startTemperature * scale;
  const t1 = settings.endTemperature * scale;
  let best = Int32Array.from(state.choice);
  let bestCost = objective.total();
  let accepted = 0;
  const ruinSizeLimit = Math.min(settings.maxRuinSize, Math.floor(movable.length / 3));
  const ruins = settings.ruinShare > 0 && ruinSizeLimit >= 2;
  const granular = settings.granularShare > 0 && settings.granularNeighbours > 0;
  const nearest =
    ruins || granular
      ? nearestOutlets(
          state,
          Math.max(ruins ? 2 * ruinSizeLimit : 0, granular ? settings.granularNeighbours : 0),
        )
      : null;
  const neighbours = ruins ? nearest : null;
  const proposer: Proposer = {
    settings,
    nearest: granular ? nearest : null,
    optionsBySlot: new OptionsBySlot(state.slotCount),
  };
  let nextEpoch = epoch;
  for (let it = 0; it < iterations; it++) {
    if (it >= nextEpoch) {
      nextEpoch += epoch;
      state.polishAll();
      objective.recentre();
      const cost = objective.total();
      if (cost < bestCost) {
        bestCost = cost;
        best = Int32Array.from(state.choice);
      }
    }
    const temperature = t0 * Math.pow(t1 / t0, it / iterations);
    const o = movable[random.int(movable.length)] as number;
    const accept = (delta: number): boolean => delta <= 0 || random.next() < Math.exp(-delta / temperature);
    if (neighbours && random.next() < settings.ruinShare) {
      const size = 2 + random.int(ruinSizeLimit - 1);
      it += size - 1;
      const move = tryRuinAndRecreate(
        state,
        objective,
        random,
        o,
        neighbours[o] as Int32Array,
        size,
        settings.moveWindowed,
      );
      if (accept(move.delta)) accepted++;
      else state.restore(move.undo);
      continue;
    }
    // Relocations and swaps are priced before they are applied: most are rejected.
    const move = proposeMove(state, random, o, proposer);
    if (!move) continue;
    const delta =
      move.partner >= 0
        ? swapDelta(state, objective, o, move.partner)
        : relocationDelta(state, objective, o, move.option);
    if (!accept(delta)) continue;
    accepted++;
    if (move.partner >= 0) state.swap(o, move.partner);
    else state.move(o, move.option);
  }
  state.polishAll();
  objective.recentre();
  if (objective.total() > bestCost) {
    state.load(best);
    objective.recentre();
  }
  return accepted;
}

/** A proposed relocation of an outlet to `option`, or (partner >= 0) a swap with `partner`. */
interface ProposedMove {
  option: number;
  partner: number;
}

/** What proposeMove needs besides the state: the settings and, for granular moves, the neighbours. */
interface Proposer {
  settings: typeof DEFAULTS;
  nearest: Int32Array[] | null;
  optionsBySlot: OptionsBySlot;
}

function proposeMove(
  state: DayAssignmentState,
  random: Random,
  o: number,
  proposer: Proposer,
): ProposedMove | null {
  const { settings, nearest } = proposer;
  const outlet = state.outlet(o);
  const current = state.choice[o] as number;
  let option: number;
  if (nearest && random.next() < settings.granularShare) {
    const list = (nearest[o] as Int32Array).subarray(0, settings.granularNeighbours);
    option = granularRelocation(state, proposer.optionsBySlot, random, o, list);
  } else if (random.next() < settings.guidedShare) option = cheapestRelocation(state, o);
  else {
    option = random.int(outlet.options.length - 1);
    if (option >= current) option++;
  }
  if (option < 0) return null;
  if (random.next() < settings.swapShare) {
    const partner = swapPartner(state, o, option);
    if (partner >= 0) return { option, partner };
  }
  return { option, partner: -1 };
}
