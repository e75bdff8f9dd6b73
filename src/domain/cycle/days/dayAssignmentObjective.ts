import type { DayAssignmentState } from './dayAssignmentState.js';
import { visitCountPenalty, type VisitCountGoal } from './visitCountPenalty.js';

/** Weights of the day-assignment objective, in travel-minute equivalents. */
export const OVER_BUDGET_WEIGHT = 12;
export const OVER_BALANCE_WEIGHT = 4;
/** Days may run this much over the mean before the linear balance penalty starts. */
export const BALANCE_SLACK = 0.05;
export const WINDOW_WEIGHT = 12;
/** The quadratic balance term is (deviation)^2 / (BALANCE_SCALE x mean) at balance weight 1. */
export const BALANCE_SCALE = 0.08;
/**
 * Share of the day budget kept free in the estimate (4%: 2.5% left the sample's night-venue rep
 * 10 minutes over on 4 days with the exact-delta descent): sequenced routes with real times (waits
 * for windows) come out a little longer than the insertion estimate.
 */
export const BUDGET_MARGIN = 0.04;

/**
 * The objective one rep's day assignment minimises: estimated travel minutes of every slot's tour,
 * plus penalties per slot for deviating from the mean day (quadratic, and linear beyond
 * BALANCE_SLACK above it, both scaled by `balanceWeight` so a policy can trade balance for
 * driving), for minutes over the day budget (kept hard by its weight), and for window overload;
 * plus each outlet's cost of leaving the pattern it should keep; with a quantity goal (2Q
 * standard), also per slot for visits under its minimum or over its maximum (visitCountPenalty.ts).
 * The mean day is fixed between
 * `recentre` calls so that move deltas within a phase are exact differences of one function.
 */
export class DayAssignmentObjective {
  private mean = 0;
  private quadratic = 0;
  private readonly budget: number;

  constructor(
    private readonly state: DayAssignmentState,
    dailyMinutes: number,
    private readonly balanceWeight = 1,
    /** The rep tier's quantity standard, or null (no visit-count term). */
    private readonly visitGoal: VisitCountGoal | null = null,
  ) {
    this.budget = dailyMinutes * (1 - BUDGET_MARGIN);
    this.recentre();
  }

  /** Re-measures the mean day (and the travel per stop that window bounds use). */
  recentre(): void {
    const { state } = this;
    state.travelPerStop = state.meanTravelPerStop();
    state.refreshAllWindows();
    let total = 0;
    for (let s = 0; s < state.slotCount; s++) total += state.dayMinutes(s);
    this.mean = state.slotCount > 0 ? total / state.slotCount : 0;
    this.quadratic = this.mean > 0 ? this.balanceWeight / (BALANCE_SCALE * this.mean) : 0;
  }

  /**
   * Penalty of a day of `minutes` estimated minutes, `windowOverload` minutes of overload and
   * `stops` visits (only read with a visit goal).
   */
  penalty(minutes: number, windowOverload: number, stops = 0): number {
    const dev = minutes - this.mean;
    const days =
      this.quadratic * dev * dev +
      this.balanceWeight * OVER_BALANCE_WEIGHT * Math.max(0, minutes - (1 + BALANCE_SLACK) * this.mean) +
      OVER_BUDGET_WEIGHT * Math.max(0, minutes - this.budget) +
      WINDOW_WEIGHT * windowOverload;
    return this.visitGoal ? days + visitCountPenalty(stops, this.visitGoal) : days;
  }

  /** Visits on slot `s` as it stands. */
  stopsOf(s: number): number {
    return (this.state.routes.routes[s] as number[]).length;
  }

  /** Penalty of slot `s` as it stands. */
  slotPenalty(s: number): number {
    return this.penalty(this.state.dayMinutes(s), this.state.overloadOf(s), this.stopsOf(s));
  }

  /** Travel plus penalty of slot `s`. */
  slotCost(s: number): number {
    return (this.state.routes.travel[s] as number) + this.slotPenalty(s);
  }

  /**
   * Travel plus penalty slot `s` would have with `serviceDelta` more service minutes,
   * `travelDelta` more travel minutes, windowed outlet `without` gone and windowed outlet
   * `withOutlet` added (-1: none) and `stopDelta` more visits: the slot's cost after a move,
   * priced without applying it.
   */
  slotCostIf(
    s: number,
    serviceDelta: number,
    travelDelta: number,
    without: number,
    withOutlet: number,
    stopDelta = 0,
  ): number {
    const { state } = this;
    const travel = (state.routes.travel[s] as number) + travelDelta;
    const minutes = (state.service[s] as number) + serviceDelta + travel;
    const stops = this.stopsOf(s) + stopDelta;
    if (without < 0 && withOutlet < 0)
      return travel + this.penalty(Math.max(minutes, state.elapsedOf(s)), state.overloadOf(s), stops);
    const windows = state.windowLoadOf(s, without, withOutlet);
    return travel + this.penalty(Math.max(minutes, windows.elapsedMinutes), windows.overloadMinutes, stops);
  }

  /** Cost of outlet `o` following `option` instead of the pattern it should keep. */
  changeCost(o: number, option = this.state.choice[o] as number): number {
    return this.state.outlet(o).changeCost?.[option] ?? 0;
  }

  /** Cost of the given slots and outlets' change costs: what a move touching them changes. */
  localCost(slots: readonly number[], outlets: readonly number[]): number {
    let total = 0;
    for (const s of slots) total += this.slotCost(s);
    for (const o of outlets) total += this.changeCost(o);
    return total;
  }

  /** The whole objective. */
  total(): number {
    let total = 0;
    for (let s = 0; s < this.state.slotCount; s++) total += this.slotCost(s);
    for (let o = 0; o < this.state.choice.length; o++) total += this.changeCost(o);
    return total;
  }
}
