import { createRandom } from '../random.js';
import type { TravelMatrix } from '../routing/travelModel.js';
import type { CycleSlots } from './cycleSlots.js';
import { annealDayAssignment } from './days/annealDayAssignment.js';
import { constructDayAssignment } from './days/constructDayAssignment.js';
import { DayAssignmentObjective } from './days/dayAssignmentObjective.js';
import { DayAssignmentState, type DayAssignmentOutlet } from './days/dayAssignmentState.js';
import { descendDayAssignment } from './days/descendDayAssignment.js';
import type { VisitCountGoal } from './days/visitCountPenalty.js';

export type { DayAssignmentOutlet } from './days/dayAssignmentState.js';

export interface AssignVisitDaysInput {
  slots: CycleSlots;
  /** Travel between the rep's base (index 0) and the outlets (index i + 1 = outlets[i]). */
  matrix: TravelMatrix;
  /** The base in the same km projection as the outlets. */
  baseX: number;
  baseY: number;
  outlets: DayAssignmentOutlet[];
  dayStartMinutes: number;
  /** Minutes the rep may leave after the day start when that only removes waiting (default 0). */
  departureFloatMinutes?: number;
  dailyMinutes: number;
  seed: number;
  /** Upper bound on descent passes after the annealing search (default 40). */
  maxPasses?: number;
  /** Annealing moves tried per outlet that has a choice (default DAY_SEARCH_MOVES_PER_OUTLET; 0 = descent only). */
  movesPerOutlet?: number;
  /** Weight of the day-balance penalty (default 1; 0 lets days differ freely within the budget). */
  balanceWeight?: number;
  /** The rep tier's 2Q quantity standard as a soft goal per day (visitCountPenalty.ts); default none. */
  visitGoal?: VisitCountGoal | null;
}

export interface AssignVisitDaysResult {
  /** Chosen option index per outlet. */
  choice: number[];
  /** Estimated visiting order per slot (outlet indexes); final routes are sequenced separately. */
  routes: number[][];
  /** Estimated minutes (travel + service) per slot. */
  slotMinutes: number[];
}

/** Default annealing effort of the day assignment, in moves per outlet with a choice. */
export const DAY_SEARCH_MOVES_PER_OUTLET = 60;

/**
 * Chooses each outlet's visit pattern for one rep so that every day's stops are close together,
 * days carry similar minutes (as much as `balanceWeight` asks), no day exceeds the budget and
 * windowed outlets land on days where their windows can be met (and, with a visit goal, days
 * keep within the quantity standard where the visits allow it). Starts from a sweep of the
 * territory around the rep's base into day sectors (or from the patterns to keep), improves it
 * by simulated annealing over whole-pattern relocations and swaps scored on real insertion costs
 * (annealDayAssignment.ts), then descends to a local optimum (descendDayAssignment.ts). The
 * objective is dayAssignmentObjective.ts. Deterministic for a given seed; the effort is a move
 * count, never the clock.
 */
export function assignVisitDays(input: AssignVisitDaysInput): AssignVisitDaysResult {
  const { slots, outlets } = input;
  const state = new DayAssignmentState({
    slots,
    matrix: input.matrix,
    outlets,
    dayStartMinutes: input.dayStartMinutes,
    departureFloatMinutes: input.departureFloatMinutes,
  });

  const kept: number[] = [];
  const fresh: number[] = [];
  outlets.forEach((o, i) => (o.keepOption !== null ? kept : fresh).push(i));
  for (const o of kept) state.place(o, outlets[o]?.keepOption as number);
  constructDayAssignment(input, fresh, state.service, kept.length > 0 ? state.routes : null, (o, option) =>
    state.place(o, option),
  );
  state.polishAll();

  const objective = new DayAssignmentObjective(
    state,
    input.dailyMinutes,
    input.balanceWeight ?? 1,
    input.visitGoal ?? null,
  );
  const random = createRandom(input.seed);
  annealDayAssignment(state, objective, random, {
    movesPerOutlet: input.movesPerOutlet ?? DAY_SEARCH_MOVES_PER_OUTLET,
  });
  descendDayAssignment(state, objective, random, input.maxPasses ?? 40);

  return {
    choice: Array.from(state.choice),
    routes: state.routes.routes.map((r) => r.map((node) => node - 1)),
    slotMinutes: Array.from({ length: slots.count }, (_, s) => state.service[s]! + state.routes.travel[s]!),
  };
}
