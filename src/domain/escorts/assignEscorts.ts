import { warningText } from '../../i18n/warningText.js';
import type { DayRoute, PlanOutlet, Visit, VisitPattern } from '../plan/planTypes.js';
import { clockToMinutes } from '../policy/resolvePolicy.js';
import type { EscortCadence } from '../policy/escortPolicy.js';
import type { LonLat, Weekday } from '../types.js';
import {
  supervisorDayFigures,
  type JointStopTiming,
  type SupervisorDayFigures,
  type SupervisorTravel,
} from './supervisorDay.js';

/** A supervisor as the assignment sees it. */
export interface SupervisorSlotView {
  id: string;
  home: LonLat;
  workingDays: readonly Weekday[];
  dayStartMinutes: number;
  dailyMinutes: number;
  /** Joint visits per day at most (the role's `maxJointVisitsPerDay`; Infinity without one). */
  maxJointVisits: number;
  /** Days in the cycle the supervisor works (weeks x working days). */
  cycleDays: number;
}

/** One way to meet a demand: a supervisor joining the rep on a sub-pattern of the rep's visits. */
export interface EscortOption {
  supervisorId: string;
  pattern: VisitPattern;
  visits: Visit[];
}

/** One role's cadence at one outlet, with the ways it can be met (the previous plan's first, if kept). */
export interface EscortDemand {
  outlet: PlanOutlet;
  repId: string;
  cadence: EscortCadence;
  options: EscortOption[];
  /** True when options[0] is the previous plan's choice, still valid (tried first, kept when it fits). */
  keepsPrevious: boolean;
}

/** The rep facts the assignment checks: day routes by `week-weekday` and the daily budget. */
export interface RepDayIndex {
  days: Map<string, DayRoute>;
  dailyMinutes: number;
}

/** A supervisor's day during the assignment. */
export interface AssignedDay {
  week: number;
  weekday: Weekday;
  repId: string;
  stops: JointStopTiming[];
  figures: SupervisorDayFigures;
}

/** What the assignment decided for one demand: an option, or why none fitted. */
export type DemandOutcome = { option: EscortOption; unmet: null } | { option: null; unmet: string };

export interface AssignEscortsInput {
  demands: readonly EscortDemand[];
  supervisors: readonly SupervisorSlotView[];
  reps: ReadonlyMap<string, RepDayIndex>;
  travel: SupervisorTravel;
}

export interface AssignEscortsResult {
  outcomes: DemandOutcome[];
  /** Supervisor id -> day key (`week-weekday`) -> the day. */
  days: Map<string, Map<string, AssignedDay>>;
}

export const dayKey = (week: number, weekday: Weekday): string => `${week}-${weekday}`;

interface Evaluation {
  spread: number;
  travelMinutes: number;
  updates: Array<{ key: string; day: AssignedDay }>;
}

/** Greedy state: supervisors' days, reps' claimed days per supervisor, and extra minutes per rep day. */
class AssignmentState {
  readonly days = new Map<string, Map<string, AssignedDay>>();
  private readonly repDaysHeld = new Map<string, number>();
  private readonly repExtra = new Map<string, number>();

  constructor(
    private readonly input: AssignEscortsInput,
    private readonly supervisors: ReadonlyMap<string, SupervisorSlotView>,
    private readonly repsDemanding: ReadonlyMap<string, number>,
  ) {}

  /** The cost of an option, or the reason it does not fit. */
  evaluate(demand: EscortDemand, option: EscortOption): Evaluation | string {
    const supervisor = this.supervisors.get(option.supervisorId) as SupervisorSlotView;
    const rep = this.input.reps.get(demand.repId);
    const days = this.daysOf(supervisor.id);
    const held = this.repDaysHeld.get(`${supervisor.id}|${demand.repId}`) ?? 0;
    const claimPenalty =
      1 + (held * (this.repsDemanding.get(supervisor.id) ?? 1)) / Math.max(1, supervisor.cycleDays);
    const evaluation: Evaluation = { spread: 0, travelMinutes: 0, updates: [] };
    for (const visit of option.visits) {
      const key = dayKey(visit.week, visit.weekday);
      if (!supervisor.workingDays.includes(visit.weekday))
        return warningText('warning.escortDay.notWorking', {
          supervisor: supervisor.id,
          weekday: visit.weekday,
        });
      const repDay = rep?.days.get(key);
      const stop = repDay?.stops.find((s) => s.outletId === demand.outlet.id);
      if (!rep || !repDay || !stop)
        return warningText('warning.escortDay.noStop', { week: visit.week, weekday: visit.weekday });
      const day = days.get(key);
      if (day && day.repId !== demand.repId)
        return warningText('warning.escortDay.withOtherRep', { supervisor: supervisor.id, rep: day.repId });
      const count = day?.stops.length ?? 0;
      if (count >= supervisor.maxJointVisits)
        return warningText('warning.escortDay.maxJoint', { supervisor: supervisor.id, count });
      const extra = demand.cadence.extraMinutes;
      if (
        extra > 0 &&
        repDay.totalMinutes + (this.repExtra.get(`${demand.repId}|${key}`) ?? 0) + extra > rep.dailyMinutes
      )
        return warningText('warning.escortDay.repOverBudget', { extra });
      const timing: JointStopTiming = {
        outletId: demand.outlet.id,
        point: [demand.outlet.lon, demand.outlet.lat],
        repSeq: stop.seq,
        arrivalMinutes: clockToMinutes(stop.arrival),
        departureMinutes: clockToMinutes(stop.departure) + extra,
      };
      const stops = [...(day?.stops ?? []), timing];
      const figures = supervisorDayFigures(supervisor.home, stops, this.input.travel);
      if (figures.fieldMinutes > supervisor.dailyMinutes)
        return warningText('warning.escortDay.overBudget', {
          supervisor: supervisor.id,
          minutes: supervisor.dailyMinutes,
        });
      if (figures.leaveMinutes < supervisor.dayStartMinutes)
        return warningText('warning.escortDay.tooEarly', { supervisor: supervisor.id });
      evaluation.spread += day ? count : claimPenalty;
      evaluation.travelMinutes += figures.travelMinutes - (day?.figures.travelMinutes ?? 0);
      evaluation.updates.push({
        key,
        day: { week: visit.week, weekday: visit.weekday, repId: demand.repId, stops, figures },
      });
    }
    return evaluation;
  }

  apply(demand: EscortDemand, option: EscortOption, evaluation: Evaluation): void {
    const days = this.daysOf(option.supervisorId);
    for (const { key, day } of evaluation.updates) {
      if (!days.has(key)) {
        const heldKey = `${option.supervisorId}|${demand.repId}`;
        this.repDaysHeld.set(heldKey, (this.repDaysHeld.get(heldKey) ?? 0) + 1);
      }
      days.set(key, day);
      const extraKey = `${demand.repId}|${key}`;
      this.repExtra.set(extraKey, (this.repExtra.get(extraKey) ?? 0) + demand.cadence.extraMinutes);
    }
  }

  private daysOf(supervisorId: string): Map<string, AssignedDay> {
    let days = this.days.get(supervisorId);
    if (!days) this.days.set(supervisorId, (days = new Map<string, AssignedDay>()));
    return days;
  }
}

const better = (a: Evaluation, b: Evaluation): boolean =>
  a.spread !== b.spread ? a.spread < b.spread : a.travelMinutes < b.travelMinutes - 1e-9;

/**
 * Places each escort demand on one of its options, greedily: demands that keep the previous
 * plan's choice first (kept whenever it still fits, for stability), then the rest with the fewest
 * options first. A fitting option puts the supervisor on a day with no other rep, below the
 * role's joint visits per day, within the supervisor's daily field budget (supervisorDay.ts) and
 * start, and keeps the rep's day within its budget once the escort's extra minutes are added
 * (estimated on the day's total). Among fitting options the one that spreads the supervisor's
 * joint visits most evenly over days wins (an unclaimed day costs more the more days this rep
 * already holds, which spreads a supervisor's days over their reps), then the one adding the
 * least supervisor travel. A heuristic, not an optimum: a demand no option fits is returned with
 * the reasons the options failed.
 */
export function assignEscorts(input: AssignEscortsInput): AssignEscortsResult {
  const supervisors = new Map(input.supervisors.map((s) => [s.id, s]));
  const repsDemanding = new Map<string, Set<string>>();
  for (const demand of input.demands) {
    for (const option of demand.options) {
      const set = repsDemanding.get(option.supervisorId) ?? new Set<string>();
      set.add(demand.repId);
      repsDemanding.set(option.supervisorId, set);
    }
  }
  const state = new AssignmentState(
    input,
    supervisors,
    new Map([...repsDemanding].map(([id, reps]) => [id, reps.size])),
  );
  const order = input.demands
    .map((demand, index) => ({ demand, index }))
    .sort(
      (a, b) =>
        Number(b.demand.keepsPrevious) - Number(a.demand.keepsPrevious) ||
        a.demand.options.length - b.demand.options.length ||
        a.index - b.index,
    );
  const outcomes: DemandOutcome[] = new Array<DemandOutcome>(input.demands.length);
  for (const { demand, index } of order) outcomes[index] = assignOne(state, demand);
  return { outcomes, days: state.days };
}

function assignOne(state: AssignmentState, demand: EscortDemand): DemandOutcome {
  const reasons = new Set<string>();
  let best: { option: EscortOption; evaluation: Evaluation } | null = null;
  for (const [i, option] of demand.options.entries()) {
    const evaluation = state.evaluate(demand, option);
    if (typeof evaluation === 'string') {
      reasons.add(evaluation);
      continue;
    }
    if (i === 0 && demand.keepsPrevious) {
      best = { option, evaluation };
      break;
    }
    if (!best || better(evaluation, best.evaluation)) best = { option, evaluation };
  }
  if (!best) {
    const listed = [...reasons].slice(0, 3).join('; ');
    const unmet =
      reasons.size > 3
        ? warningText('warning.escortReason.noDayFitsMore', { reasons: listed })
        : warningText('warning.escortReason.noDayFits', { reasons: listed });
    return { option: null, unmet };
  }
  state.apply(demand, best.option, best.evaluation);
  return { option: best.option, unmet: null };
}
