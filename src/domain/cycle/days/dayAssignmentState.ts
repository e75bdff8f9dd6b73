import type { TravelMatrix } from '../../routing/travelModel.js';
import type { CycleSlots } from '../cycleSlots.js';
import { SlotRoutes } from '../slotRoutes.js';
import type { PatternOption } from '../visitPatterns.js';
import type { StartWindow } from '../visitWindow.js';
import { windowLoad, type WindowedStop, type WindowLoad } from '../windowOverload.js';

/** One outlet as the day assignment sees it. */
export interface DayAssignmentOutlet {
  /** Position in a local km projection (only used to seed geographic day sectors). */
  x: number;
  y: number;
  serviceMinutes: number;
  window: StartWindow | null;
  /** The patterns it may follow (non-empty). */
  options: PatternOption[];
  /** Index into `options` of the pattern to keep, or null (new outlet, or stability not wanted). */
  keepOption: number | null;
  /** Cost, in travel-minute equivalents, of choosing each option instead of `keepOption` (same length as options). */
  changeCost: number[] | null;
}

/** What the state needs to know about the rep's cycle. */
export interface DayAssignmentProblem {
  slots: CycleSlots;
  /** Travel between the rep's base (index 0) and the outlets (index i + 1 = outlets[i]). */
  matrix: TravelMatrix;
  outlets: readonly DayAssignmentOutlet[];
  dayStartMinutes: number;
}

/** A copy of some slots' routes and sums, to undo a tentative move exactly. */
export interface SlotSnapshot {
  slots: number[];
  routes: number[][];
  travel: number[];
  service: number[];
  elapsed: number[];
  overload: number[];
  choices: Array<[outlet: number, option: number]>;
}

/**
 * The working state of one rep's day assignment: each outlet's chosen pattern, an estimated tour
 * per cycle slot (cheapest insertion, see SlotRoutes), the service minutes per slot and, for days
 * with time windows, the elapsed-time bound and window overload those windows imply. Moves change
 * it through `place`/`unplace`; `snapshot`/`restore` undo a tentative move exactly (reinserting
 * would not restore the previous stop order).
 */
export class DayAssignmentState {
  readonly routes: SlotRoutes;
  readonly service: Float64Array;
  readonly elapsed: Float64Array;
  readonly overload: Float64Array;
  /** Chosen option per outlet (-1 while unplaced). */
  readonly choice: Int32Array;
  readonly windowed: boolean[];
  readonly anyWindows: boolean;
  /** Travel minutes that stand in for the legs between windowed stops (see windowLoad). */
  travelPerStop = 0;

  constructor(readonly problem: DayAssignmentProblem) {
    const slotCount = problem.slots.count;
    this.routes = new SlotRoutes(problem.matrix, slotCount);
    this.service = new Float64Array(slotCount);
    this.elapsed = new Float64Array(slotCount);
    this.overload = new Float64Array(slotCount);
    this.choice = new Int32Array(problem.outlets.length).fill(-1);
    this.windowed = problem.outlets.map((o) => o.window !== null);
    this.anyWindows = this.windowed.some(Boolean);
  }

  get slotCount(): number {
    return this.problem.slots.count;
  }

  outlet(o: number): DayAssignmentOutlet {
    return this.problem.outlets[o] as DayAssignmentOutlet;
  }

  optionOf(o: number, option = this.choice[o] as number): PatternOption {
    return this.outlet(o).options[option] as PatternOption;
  }

  /** Puts outlet `o` on `option`'s slots (cheapest insertion); window sums follow. */
  place(o: number, option: number): void {
    this.choice[o] = option;
    const outlet = this.outlet(o);
    for (const s of this.optionOf(o, option).slots) {
      this.routes.insert(s, o + 1);
      this.service[s] = (this.service[s] as number) + outlet.serviceMinutes;
      if (this.windowed[o]) this.refreshWindows(s);
    }
  }

  /** Takes outlet `o` off its slots. */
  unplace(o: number): void {
    const outlet = this.outlet(o);
    for (const s of this.optionOf(o).slots) {
      this.routes.remove(s, o + 1);
      this.service[s] = (this.service[s] as number) - outlet.serviceMinutes;
      if (this.windowed[o]) this.refreshWindows(s);
    }
    this.choice[o] = -1;
  }

  /** Moves outlet `o` to another option. */
  move(o: number, option: number): void {
    this.unplace(o);
    this.place(o, option);
  }

  /** The windowed stops of a slot, optionally without one outlet and with another, by `to`. */
  windowStops(s: number, without: number, withOutlet: number): WindowedStop[] {
    const list: WindowedStop[] = [];
    for (const node of this.routes.routes[s] as number[]) {
      const o = node - 1;
      if (o === without || !this.windowed[o]) continue;
      const outlet = this.outlet(o);
      list.push({ ...(outlet.window as StartWindow), serviceMinutes: outlet.serviceMinutes });
    }
    if (withOutlet >= 0) {
      const outlet = this.outlet(withOutlet);
      list.push({ ...(outlet.window as StartWindow), serviceMinutes: outlet.serviceMinutes });
    }
    return list.sort((a, b) => a.to - b.to);
  }

  windowLoadOf(s: number, without: number, withOutlet: number): WindowLoad {
    return windowLoad(
      this.windowStops(s, without, withOutlet),
      this.problem.dayStartMinutes,
      this.travelPerStop,
    );
  }

  refreshWindows(s: number): void {
    if (!this.anyWindows) return;
    const load = this.windowLoadOf(s, -1, -1);
    this.elapsed[s] = load.elapsedMinutes;
    this.overload[s] = load.overloadMinutes;
  }

  refreshAllWindows(): void {
    for (let s = 0; s < this.slotCount; s++) this.refreshWindows(s);
  }

  /** Estimated minutes of a slot: service plus travel, or the window bound when that is longer. */
  dayMinutes(s: number): number {
    return Math.max(
      (this.service[s] as number) + (this.routes.travel[s] as number),
      this.elapsed[s] as number,
    );
  }

  totalTravel(): number {
    let total = 0;
    for (const t of this.routes.travel) total += t;
    return total;
  }

  /** Average travel minutes per planned stop (0 with no stops). */
  meanTravelPerStop(): number {
    let stops = 0;
    for (const route of this.routes.routes) stops += route.length;
    return stops > 0 ? this.totalTravel() / stops : 0;
  }

  /** Re-optimises every slot's tour (2-opt, or-opt) and recomputes its travel from scratch. */
  polishAll(): void {
    for (let s = 0; s < this.slotCount; s++) this.routes.polish(s);
  }

  snapshot(slots: readonly number[], outlets: readonly number[]): SlotSnapshot {
    const unique = [...new Set(slots)];
    return {
      slots: unique,
      routes: unique.map((s) => [...(this.routes.routes[s] as number[])]),
      travel: unique.map((s) => this.routes.travel[s] as number),
      service: unique.map((s) => this.service[s] as number),
      elapsed: unique.map((s) => this.elapsed[s] as number),
      overload: unique.map((s) => this.overload[s] as number),
      choices: outlets.map((o) => [o, this.choice[o] as number]),
    };
  }

  restore(snapshot: SlotSnapshot): void {
    snapshot.slots.forEach((s, k) => {
      const route = this.routes.routes[s] as number[];
      route.length = 0;
      route.push(...(snapshot.routes[k] as number[]));
      this.routes.travel[s] = snapshot.travel[k] as number;
      this.service[s] = snapshot.service[k] as number;
      this.elapsed[s] = snapshot.elapsed[k] as number;
      this.overload[s] = snapshot.overload[k] as number;
    });
    for (const [o, option] of snapshot.choices) this.choice[o] = option;
  }

  /** Replaces the whole assignment by `choice` (routes rebuilt by insertion, then polished). */
  load(choice: ArrayLike<number>): void {
    for (let o = 0; o < this.choice.length; o++) if ((this.choice[o] as number) >= 0) this.unplace(o);
    for (let o = 0; o < this.choice.length; o++) this.place(o, choice[o] as number);
    this.polishAll();
    this.refreshAllWindows();
  }
}
