import type { TravelMatrix } from '../../routing/travelModel.js';
import type { CycleSlots } from '../cycleSlots.js';
import { SlotRoutes } from '../slotRoutes.js';
import type { PatternOption } from '../visitPatterns.js';
import type { StartWindow } from '../visitWindow.js';
import { windowLoadOfMembers, type WindowLoad, type WindowTable } from '../windowOverload.js';

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
  /** Minutes the rep may leave after the day start when that only removes waiting (default 0). */
  departureFloatMinutes?: number;
}

/** A copy of some slots' routes and sums, to undo a tentative move exactly. */
export interface SlotSnapshot {
  slots: number[];
  routes: number[][];
  travel: number[];
  /** SlotRoutes.settled of each slot. */
  settled: number[];
  /** SlotRoutes.stamp of each slot (the restored tour's cached insertions stay valid). */
  stamps: number[];
  service: number[];
  elapsed: number[];
  overload: number[];
  /** Each slot's windowed outlets (null when the rep has no windows). */
  windowMembers: number[][] | null;
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
  private readonly elapsed: Float64Array;
  private readonly overload: Float64Array;
  /**
   * Window bookkeeping: each slot's windowed outlets sorted by (latest start, index), kept as
   * outlets come and go, and a dirty mark so a slot's window bounds are computed once, when next
   * read, however many changes a tentative move makes to it.
   */
  private readonly windowMembers: number[][];
  private readonly windowDirty: Uint8Array;
  private readonly windowTable: WindowTable & { start: Float64Array; to: Float64Array };
  private readonly windowScratch: Float64Array;
  /** Room for a slot's windowed outlets with one more (windowLoadOf). */
  private readonly memberScratch: Int32Array;
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
    const n = problem.outlets.length;
    this.windowMembers = Array.from({ length: slotCount }, () => []);
    this.windowDirty = new Uint8Array(slotCount);
    this.windowTable = {
      start: Float64Array.from(problem.outlets, (o) =>
        o.window ? Math.max(o.window.from, problem.dayStartMinutes) : 0,
      ),
      to: Float64Array.from(problem.outlets, (o) => (o.window ? o.window.to : 0)),
      service: Float64Array.from(problem.outlets, (o) => o.serviceMinutes),
    };
    this.windowScratch = new Float64Array(n + 1);
    this.memberScratch = new Int32Array(n + 1);
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
    for (const s of this.optionOf(o, option).slots) this.join(s, o, outlet);
  }

  /** Takes outlet `o` off its slots. */
  unplace(o: number): void {
    const outlet = this.outlet(o);
    for (const s of this.optionOf(o).slots) this.leave(s, o, outlet);
    this.choice[o] = -1;
  }

  /**
   * Moves outlet `o` to another option: it leaves the slots only the old pattern has and is
   * inserted (cheapest insertion) on the slots only the new one has; on the slots both share it
   * keeps its place, so the change is exactly what relocationDelta priced.
   */
  move(o: number, option: number): void {
    const from = this.optionOf(o).slots;
    const to = this.optionOf(o, option).slots;
    const outlet = this.outlet(o);
    for (const s of from) if (!to.includes(s)) this.leave(s, o, outlet);
    for (const s of to) if (!from.includes(s)) this.join(s, o, outlet);
    this.choice[o] = option;
  }

  /**
   * Outlets `a` and `b` trade patterns: on each slot only one of them is on, that one leaves and
   * the other is inserted; slots both are on stay as they are (see swapDelta).
   */
  swap(a: number, b: number): void {
    const optionA = this.choice[a] as number;
    const optionB = this.choice[b] as number;
    const slotsA = this.optionOf(a).slots;
    const slotsB = this.optionOf(b).slots;
    const outletA = this.outlet(a);
    const outletB = this.outlet(b);
    for (const s of slotsA) {
      if (slotsB.includes(s)) continue;
      this.leave(s, a, outletA);
      this.join(s, b, outletB);
    }
    for (const s of slotsB) {
      if (slotsA.includes(s)) continue;
      this.leave(s, b, outletB);
      this.join(s, a, outletA);
    }
    this.choice[a] = optionB;
    this.choice[b] = optionA;
  }

  private join(s: number, o: number, outlet: DayAssignmentOutlet): void {
    this.routes.insert(s, o + 1);
    this.service[s] = (this.service[s] as number) + outlet.serviceMinutes;
    if (this.windowed[o]) {
      this.addWindowMember(this.windowMembers[s] as number[], o);
      this.windowDirty[s] = 1;
    }
  }

  private leave(s: number, o: number, outlet: DayAssignmentOutlet): void {
    this.routes.remove(s, o + 1);
    this.service[s] = (this.service[s] as number) - outlet.serviceMinutes;
    if (this.windowed[o]) {
      const members = this.windowMembers[s] as number[];
      members.splice(members.indexOf(o), 1);
      this.windowDirty[s] = 1;
    }
  }

  /** Inserts windowed outlet `o` into a member list sorted by (latest start, index). */
  private addWindowMember(members: number[], o: number): void {
    const to = this.windowTable.to;
    const key = to[o] as number;
    let k = members.length;
    while (k > 0) {
      const prev = members[k - 1] as number;
      const prevKey = to[prev] as number;
      if (prevKey < key || (prevKey === key && prev < o)) break;
      k--;
    }
    members.splice(k, 0, o);
  }

  /** addWindowMember on the first `count` entries of a scratch array; returns the new count. */
  private insertWindowMember(members: Int32Array, count: number, o: number): number {
    const to = this.windowTable.to;
    const key = to[o] as number;
    let k = count;
    while (k > 0) {
      const prev = members[k - 1] as number;
      const prevKey = to[prev] as number;
      if (prevKey < key || (prevKey === key && prev < o)) break;
      members[k] = prev;
      k--;
    }
    members[k] = o;
    return count + 1;
  }

  /**
   * The window bounds of slot `s`, optionally without one outlet and with another (-1: none). The
   * member list is copied into a scratch array (this is priced for every tentative move, so it
   * must not allocate), the added outlet where addWindowMember would put it.
   */
  windowLoadOf(s: number, without: number, withOutlet: number): WindowLoad {
    const members = this.memberScratch;
    let count = 0;
    for (const o of this.windowMembers[s] as number[]) if (o !== without) members[count++] = o;
    if (withOutlet >= 0 && this.windowed[withOutlet])
      count = this.insertWindowMember(members, count, withOutlet);
    return windowLoadOfMembers(
      members,
      count,
      this.windowTable,
      this.problem.dayStartMinutes,
      this.travelPerStop,
      this.windowScratch,
      this.problem.departureFloatMinutes ?? 0,
    );
  }

  refreshWindows(s: number): void {
    this.windowDirty[s] = 0;
    if (!this.anyWindows) return;
    const load = this.windowLoadOf(s, -1, -1);
    this.elapsed[s] = load.elapsedMinutes;
    this.overload[s] = load.overloadMinutes;
  }

  refreshAllWindows(): void {
    for (let s = 0; s < this.slotCount; s++) this.refreshWindows(s);
  }

  /** Lower bound of the slot's elapsed minutes its windows imply (see windowLoad). */
  elapsedOf(s: number): number {
    if (this.windowDirty[s]) this.refreshWindows(s);
    return this.elapsed[s] as number;
  }

  /** Window overload minutes of the slot (see windowLoad). */
  overloadOf(s: number): number {
    if (this.windowDirty[s]) this.refreshWindows(s);
    return this.overload[s] as number;
  }

  /** Estimated minutes of a slot: service plus travel, or the window bound when that is longer. */
  dayMinutes(s: number): number {
    return Math.max((this.service[s] as number) + (this.routes.travel[s] as number), this.elapsedOf(s));
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
    const snapshot: SlotSnapshot = {
      slots: [],
      routes: [],
      travel: [],
      settled: [],
      stamps: [],
      service: [],
      elapsed: [],
      overload: [],
      windowMembers: this.anyWindows ? [] : null,
      choices: outlets.map((o) => [o, this.choice[o] as number]),
    };
    this.extendSnapshot(snapshot, slots);
    return snapshot;
  }

  /**
   * Adds the given slots, as they stand now, to an existing snapshot (slots it holds already are
   * skipped): a move that only learns as it goes which slots it changes snapshots each one just
   * before its first change, which is then exactly the state before the move.
   */
  extendSnapshot(snapshot: SlotSnapshot, slots: readonly number[]): void {
    for (const s of slots) {
      if (snapshot.slots.includes(s)) continue;
      snapshot.slots.push(s);
      snapshot.routes.push((this.routes.routes[s] as number[]).slice());
      snapshot.travel.push(this.routes.travel[s] as number);
      snapshot.settled.push(this.routes.settled[s] as number);
      snapshot.stamps.push(this.routes.stamp[s] as number);
      snapshot.service.push(this.service[s] as number);
      snapshot.elapsed.push(this.elapsedOf(s));
      snapshot.overload.push(this.overloadOf(s));
      snapshot.windowMembers?.push((this.windowMembers[s] as number[]).slice());
    }
  }

  restore(snapshot: SlotSnapshot): void {
    snapshot.slots.forEach((s, k) => {
      const route = this.routes.routes[s] as number[];
      const saved = snapshot.routes[k] as number[];
      route.length = saved.length;
      for (let i = 0; i < saved.length; i++) route[i] = saved[i] as number;
      this.routes.travel[s] = snapshot.travel[k] as number;
      this.routes.settled[s] = snapshot.settled[k] as number;
      this.routes.stamp[s] = snapshot.stamps[k] as number;
      this.service[s] = snapshot.service[k] as number;
      this.elapsed[s] = snapshot.elapsed[k] as number;
      this.overload[s] = snapshot.overload[k] as number;
      this.windowDirty[s] = 0;
      if (snapshot.windowMembers) {
        const members = this.windowMembers[s] as number[];
        members.length = 0;
        members.push(...(snapshot.windowMembers[k] as number[]));
      }
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
