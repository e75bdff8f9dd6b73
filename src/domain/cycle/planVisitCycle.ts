import { localProjection } from '../geo/distance.js';
import type { DayChange, DayRoute, Visit, VisitPattern } from '../plan/planTypes.js';
import type { VisitFrequency } from '../policy/policySchema.js';
import type { TravelMatrix, TravelModel } from '../routing/travelModel.js';
import type { LonLat, Weekday } from '../types.js';
import { assignVisitDays, type DayAssignmentOutlet } from './assignVisitDays.js';
import { buildDayRoutes, type BuildDayRoutesInput, type BuiltDay } from './buildDayRoutes.js';
import type { VisitCountGoal } from './days/visitCountPenalty.js';
import { createCycleSlots, type CycleSlots } from './cycleSlots.js';
import {
  enumeratePatterns,
  patternSlots,
  samePattern,
  visitsOfPattern,
  type PatternOptions,
} from './visitPatterns.js';
import type { StartWindow } from './visitWindow.js';

export interface CycleRep {
  id: string;
  home: LonLat;
  workingDays: Weekday[];
  dayStartMinutes: number;
  /** Minutes the rep may leave after the day start when that only removes waiting (default 0). */
  departureFloatMinutes?: number;
  dailyMinutes: number;
}

export interface CycleOutlet {
  id: string;
  lon: number;
  lat: number;
  frequency: VisitFrequency;
  serviceMinutes: number;
  /** Window in which the visit must start (tier policy window intersected with opening hours). */
  window: StartWindow | null;
  previousPattern: VisitPattern | null;
}

export interface PlanVisitCycleInput {
  rep: CycleRep;
  outlets: CycleOutlet[];
  weeks: number;
  travel: TravelModel;
  seed: number;
  /** Keep each outlet's previous pattern unless its day must change (a normal rebuild). */
  keepPreviousPatterns: boolean;
  /**
   * Cost, in travel minutes per cycle, of moving a kept outlet to other weekdays (default
   * WEEKDAY_CHANGE_COST) or only to other weeks (default WEEK_CHANGE_COST): a pattern changes
   * only when the plan saves more than this.
   */
  patternChangeCost?: { weekday: number; week: number };
  /** Route sequencer effort (default CYCLE_SEQUENCER_EFFORT). */
  effort?: number;
  /** Visit-day search settings (defaults: see assignVisitDays). */
  daySearch?: { movesPerOutlet?: number; balanceWeight?: number; visitGoal?: VisitCountGoal | null };
  /**
   * Stop after choosing the visit days and return only `totals` from the day search's own route
   * estimates (no day routes, no flags): a cheap score for comparing territory draws.
   */
  estimateOnly?: boolean;
}

/**
 * Default sequencer effort for cycle days: a third of the sequencer's default costs about 1% more
 * km on the sample region and runs about 3x faster, which the 50,000-outlet target needs.
 */
export const CYCLE_SEQUENCER_EFFORT = 0.3;

/**
 * Unrounded sums over a cycle's days (the day routes round their figures), for comparing plans
 * that differ by less than the rounding, as plans of tiny benchmark instances do.
 */
export interface CycleTotals {
  travelMinutes: number;
  overBudgetMinutes: number;
  windowViolationMinutes: number;
}

export interface PlanVisitCycleResult {
  patterns: Map<string, VisitPattern>;
  visits: Map<string, Visit[]>;
  days: DayRoute[];
  /** Sum over days of the minutes beyond the rep's daily budget (0 when every day fits). */
  overBudgetMinutes: number;
  flags: string[];
  dayChanges: DayChange[];
  totals: CycleTotals;
}

/** Cost, in travel minutes, of moving a kept outlet to other weekdays / only to other weeks. */
export const WEEKDAY_CHANGE_COST = 25;
export const WEEK_CHANGE_COST = 10;

/**
 * Plans one rep's visit cycle: gives every outlet a regular visit pattern at its frequency
 * (see visitPatterns.ts), chosen so that each day's stops are concentrated, days are balanced
 * and within the daily budget and time windows can be met (assignVisitDays.ts); then sequences
 * each day from the rep's base and back with times (buildDayRoutes.ts). In a rebuild
 * (`keepPreviousPatterns`) an outlet keeps its previous pattern unless it is no longer valid or
 * moving it clearly pays off; every weekday change is reported with its reason. A load that
 * cannot fit is planned anyway and flagged, never dropped.
 */
export function planVisitCycle(input: PlanVisitCycleInput): PlanVisitCycleResult {
  const problem = cycleProblem(input);
  const assignment = assignVisitDays({
    slots: problem.slots,
    matrix: problem.matrix,
    baseX: 0,
    baseY: 0,
    outlets: problem.assignmentOutlets,
    dayStartMinutes: input.rep.dayStartMinutes,
    departureFloatMinutes: input.rep.departureFloatMinutes,
    dailyMinutes: input.rep.dailyMinutes,
    seed: input.seed,
    movesPerOutlet: input.daySearch?.movesPerOutlet,
    balanceWeight: input.daySearch?.balanceWeight,
    visitGoal: input.daySearch?.visitGoal,
  });
  const chosen = chosenPatterns(input, problem, assignment.choice);
  if (input.estimateOnly === true) {
    return {
      patterns: chosen.patterns,
      visits: chosen.visits,
      days: [],
      overBudgetMinutes: 0,
      flags: [],
      dayChanges: chosen.dayChanges,
      totals: estimatedTotals(assignment, input.outlets, input.rep.dailyMinutes),
    };
  }
  const built = buildDayRoutes(dayRoutesInput(input, problem, chosen.slotOutlets));
  return cycleResultOfDays(input, problem, chosen, built);
}

/** One rep's cycle as the day assignment sees it: slots, travel matrix, pattern options per outlet. */
export interface CycleProblem {
  slots: CycleSlots;
  /** Base (index 0) and outlets (index i + 1 = outlets[i]). */
  matrix: TravelMatrix;
  assignmentOutlets: DayAssignmentOutlet[];
  /** Flags of relaxed pattern rules (in the order the frequencies were first met). */
  flags: string[];
}

/**
 * The day-assignment problem of a cycle input: the slots of the rep's working days, the matrix
 * over base and outlets, each outlet's pattern options (in the local km projection around the
 * base), the option to keep (its previous pattern, when `keepPreviousPatterns` and still valid)
 * and the cost of every other option. Throws for a rep with outlets and no working days.
 */
export function cycleProblem(input: PlanVisitCycleInput): CycleProblem {
  const { rep, outlets, weeks } = input;
  if (outlets.length > 0 && rep.workingDays.length === 0) {
    throw new Error(`rep ${rep.id} has ${outlets.length} outlets but no working days`);
  }
  const slots = createCycleSlots(weeks, rep.workingDays.length > 0 ? rep.workingDays : ['Mon']);
  const flags: string[] = [];
  const optionsByFrequency = new Map<VisitFrequency, PatternOptions>();
  const optionsOf = (frequency: VisitFrequency): PatternOptions => {
    let options = optionsByFrequency.get(frequency);
    if (!options) {
      options = enumeratePatterns(frequency, slots);
      optionsByFrequency.set(frequency, options);
      if (options.relaxed) flags.push(`${frequency}: ${options.relaxed}`);
    }
    return options;
  };

  const changeCosts = input.patternChangeCost ?? { weekday: WEEKDAY_CHANGE_COST, week: WEEK_CHANGE_COST };
  const projection = localProjection(rep.home[0], rep.home[1]);
  const matrix = input.travel.matrix([rep.home, ...outlets.map((o): LonLat => [o.lon, o.lat])]);
  const assignmentOutlets: DayAssignmentOutlet[] = outlets.map((outlet) => {
    const { options } = optionsOf(outlet.frequency);
    const [x, y] = projection.toXY(outlet.lon, outlet.lat);
    const previous = outlet.previousPattern;
    const previousIndex = previous ? options.findIndex((o) => samePattern(o.pattern, previous)) : -1;
    const keepOption = input.keepPreviousPatterns && previousIndex >= 0 ? previousIndex : null;
    const changeCost =
      keepOption !== null && previous
        ? options.map((o, k) =>
            k === keepOption ? 0 : sameWeekdays(o.pattern, previous) ? changeCosts.week : changeCosts.weekday,
          )
        : null;
    return {
      x,
      y,
      serviceMinutes: outlet.serviceMinutes,
      window: outlet.window,
      options,
      keepOption,
      changeCost,
    };
  });
  return { slots, matrix, assignmentOutlets, flags };
}

/** The patterns chosen for a cycle's outlets, with their visits, stops per slot and weekday changes. */
export interface ChosenPatterns {
  patterns: Map<string, VisitPattern>;
  visits: Map<string, Visit[]>;
  /** Outlet indexes per slot, in outlet order. */
  slotOutlets: number[][];
  dayChanges: DayChange[];
}

/**
 * Turns chosen option indexes (one per outlet) into patterns, visits and the outlets of every
 * slot, and lists each outlet whose weekdays differ from its previous pattern with the reason.
 * Throws when an outlet has no valid choice (an outlet is never dropped silently).
 */
export function chosenPatterns(
  input: PlanVisitCycleInput,
  problem: CycleProblem,
  choice: ArrayLike<number>,
): ChosenPatterns {
  const { rep, outlets, weeks } = input;
  const { slots, assignmentOutlets } = problem;
  const patterns = new Map<string, VisitPattern>();
  const visits = new Map<string, Visit[]>();
  const slotOutlets: number[][] = Array.from({ length: slots.count }, () => []);
  const dayChanges: DayChange[] = [];
  outlets.forEach((outlet, i) => {
    const option = assignmentOutlets[i]?.options[choice[i] as number];
    if (!option) throw new Error(`internal: outlet ${outlet.id} of rep ${rep.id} got no visit pattern`);
    patterns.set(outlet.id, option.pattern);
    visits.set(outlet.id, visitsOfPattern(option.pattern, weeks));
    for (const s of option.slots) slotOutlets[s]?.push(i);
    const previous = outlet.previousPattern;
    if (previous && !sameWeekdays(previous, option.pattern)) {
      dayChanges.push({
        outletId: outlet.id,
        from: [...previous.weekdays],
        to: [...option.pattern.weekdays],
        reason: changeReason(previous, outlet.frequency, slots, input.keepPreviousPatterns),
      });
    }
  });
  return { patterns, visits, slotOutlets, dayChanges };
}

/** buildDayRoutes' input for a cycle's chosen stops per slot. */
export function dayRoutesInput(
  input: PlanVisitCycleInput,
  problem: CycleProblem,
  slotOutlets: number[][],
): BuildDayRoutesInput {
  return {
    slots: problem.slots,
    matrix: problem.matrix,
    outlets: input.outlets,
    slotOutlets,
    dayStartMinutes: input.rep.dayStartMinutes,
    departureFloatMinutes: input.rep.departureFloatMinutes,
    dailyMinutes: input.rep.dailyMinutes,
    seed: input.seed,
    effort: input.effort ?? CYCLE_SEQUENCER_EFFORT,
  };
}

/**
 * The cycle result of built days: the day routes, over-budget minutes, the flags (relaxed pattern
 * rules, over-budget days, a load beyond the cycle budget, missed windows) and unrounded totals.
 */
export function cycleResultOfDays(
  input: PlanVisitCycleInput,
  problem: CycleProblem,
  chosen: ChosenPatterns,
  built: readonly BuiltDay[],
): PlanVisitCycleResult {
  const { rep } = input;
  const flags = [...problem.flags];
  const overDays = built.filter((d) => d.route.overBudgetMinutes > 0);
  const overBudgetMinutes = overDays.reduce((sum, d) => sum + d.route.overBudgetMinutes, 0);
  if (overDays.length > 0) {
    flags.push(
      `${overDays.length} day(s) over the ${rep.dailyMinutes}-minute budget, ${overBudgetMinutes} min in total`,
    );
  }
  const totalMinutes = built.reduce((sum, d) => sum + d.totalMinutes, 0);
  const cycleBudget = problem.slots.count * rep.dailyMinutes;
  if (totalMinutes > cycleBudget) {
    flags.push(
      `territory load ${Math.round(totalMinutes)} min exceeds the cycle budget of ${cycleBudget} min by ${Math.round(totalMinutes - cycleBudget)} min`,
    );
  }
  const lateStops = built.reduce(
    (sum, d) => sum + d.route.stops.filter((s) => s.windowViolationMinutes).length,
    0,
  );
  if (lateStops > 0) {
    const late = built.reduce((sum, d) => sum + (d.route.windowViolationMinutes ?? 0), 0);
    flags.push(`${lateStops} visit(s) miss their time window, ${late} min in total`);
  }
  const totals: CycleTotals = {
    travelMinutes: built.reduce((sum, d) => sum + d.travelMinutes, 0),
    overBudgetMinutes: built.reduce((sum, d) => sum + d.overBudgetMinutes, 0),
    windowViolationMinutes: built.reduce((sum, d) => sum + d.windowViolationMinutes, 0),
  };
  const { patterns, visits, dayChanges } = chosen;
  return { patterns, visits, days: built.map((d) => d.route), overBudgetMinutes, flags, dayChanges, totals };
}

/**
 * Totals from the day search's estimates: per day its estimated minutes minus the service of its
 * stops is its travel, and what exceeds the daily budget is over budget. Windows are not timed.
 */
function estimatedTotals(
  assignment: { routes: number[][]; slotMinutes: number[] },
  outlets: readonly CycleOutlet[],
  dailyMinutes: number,
): CycleTotals {
  const totals: CycleTotals = { travelMinutes: 0, overBudgetMinutes: 0, windowViolationMinutes: 0 };
  assignment.slotMinutes.forEach((minutes, slot) => {
    let service = 0;
    for (const i of assignment.routes[slot] ?? []) service += outlets[i]?.serviceMinutes ?? 0;
    totals.travelMinutes += Math.max(0, minutes - service);
    totals.overBudgetMinutes += Math.max(0, minutes - dailyMinutes);
  });
  return totals;
}

export function sameWeekdays(a: VisitPattern, b: VisitPattern): boolean {
  return a.weekdays.length === b.weekdays.length && a.weekdays.every((d) => b.weekdays.includes(d));
}

/** Why an outlet's weekdays changed against its previous pattern. */
function changeReason(
  previous: VisitPattern,
  frequency: VisitFrequency,
  slots: CycleSlots,
  kept: boolean,
): string {
  if (previous.weekdays.some((d) => !slots.weekdays.includes(d))) return 'working-days-changed';
  if (patternSlots(previous, slots) === null) return 'cycle-changed';
  if (!enumeratePatterns(frequency, slots).options.some((o) => samePattern(o.pattern, previous))) {
    return 'frequency-changed';
  }
  return kept ? 'rebalanced' : 'replanned';
}
