import type { Random } from '../random.js';
import { windowLatestStart, type DayStop } from './daySchedule.js';
import { dayRouteCost } from './dayObjective.js';
import type { TravelMatrix } from './travelModel.js';

export { LATENESS_WEIGHT } from './dayObjective.js';

/**
 * The running timetable of a partial day from a fixed departure at the day start: the time the
 * rep leaves the last stop, minutes late and travel minutes so far, and what bounds the floating
 * departure (daySchedule.ts): `wait` = waiting so far, `cap` = min(float, over the windowed stops
 * so far: waiting up to and including the stop + its slack to the latest start). The departure
 * of the finished day floats by min(cap, wait).
 */
export interface DayProgress {
  time: number;
  late: number;
  travel: number;
  wait: number;
  cap: number;
}

/**
 * Local search over the visiting order of one day with the exact timetable as objective
 * (dayObjective.ts): LATENESS_WEIGHT x minutes late + working minutes + DRIVE_WEIGHT x travel,
 * where a late rep serves anyway and stays late for the rest of the day, and the working minutes
 * run from the floated departure (evaluateDaySchedule) to the return. Moves are 2-opt reversals,
 * Or-opt relocations of 1-3 consecutive stops (either way round) and swaps; every candidate is
 * re-timed from the first position it changes, using the unchanged prefix: O(n) per move. Used
 * to finish days that cannot meet every window (where the faster time-warp search of
 * DayRouteSearch only approximates lateness) and, via `advance`, by the exact dynamic programme
 * (windowedHeldKarp.ts).
 */
export class ExactDayRouteSearch {
  readonly n: number;
  /** Current order as matrix indices (stop i = node i+1). */
  readonly sequence: Int32Array;
  private readonly candidate: Int32Array;
  /** The timetable after each position of `sequence` (see DayProgress). */
  private readonly departureAfter: Float64Array;
  private readonly lateAfter: Float64Array;
  private readonly travelAfter: Float64Array;
  private readonly waitAfter: Float64Array;
  private readonly capAfter: Float64Array;
  private readonly windowFrom: Float64Array;
  private readonly windowTo: Float64Array;
  private readonly service: Float64Array;
  private readonly minutes: Float64Array;
  private readonly size: number;
  private readonly float: number;
  /** Progress of the candidate being priced, reused so that pricing allocates nothing. */
  private readonly scratch: DayProgress = { time: 0, late: 0, travel: 0, wait: 0, cap: 0 };
  cost = Infinity;

  constructor(
    matrix: TravelMatrix,
    stops: readonly DayStop[],
    private readonly startMinutes: number,
    initialOrder: readonly number[],
    departureFloatMinutes = 0,
  ) {
    const n = stops.length;
    this.n = n;
    this.size = n + 1;
    this.float = Math.max(0, departureFloatMinutes);
    this.minutes = new Float64Array(this.size * this.size);
    for (let i = 0; i < this.size; i++) {
      for (let j = 0; j < this.size; j++)
        this.minutes[i * this.size + j] = i === j ? 0 : matrix.minutes(i, j);
    }
    this.windowFrom = new Float64Array(this.size).fill(-Infinity);
    this.windowTo = new Float64Array(this.size).fill(Infinity);
    this.service = new Float64Array(this.size);
    stops.forEach((stop, i) => {
      this.service[i + 1] = stop.serviceMinutes;
      if (stop.window) {
        this.windowFrom[i + 1] = stop.window.from;
        this.windowTo[i + 1] = windowLatestStart(stop.window);
      }
    });
    this.sequence = Int32Array.from(initialOrder, (index) => index + 1);
    this.candidate = new Int32Array(n);
    this.departureAfter = new Float64Array(n);
    this.lateAfter = new Float64Array(n);
    this.travelAfter = new Float64Array(n);
    this.waitAfter = new Float64Array(n);
    this.capAfter = new Float64Array(n);
    this.refresh();
  }

  /** The current order as indices into the stops. */
  order(): number[] {
    return Array.from(this.sequence, (node) => node - 1);
  }

  /** Cost of `orderNodes` (matrix indices) without changing the search state. */
  costOf(orderNodes: ArrayLike<number>): number {
    this.candidate.set(orderNodes);
    return this.costOfCandidateFrom(0);
  }

  get startTime(): number {
    return this.startMinutes;
  }

  /** Travel minutes between two matrix indices. */
  minutesBetween(from: number, to: number): number {
    return this.minutes[from * this.size + to] as number;
  }

  /** Service minutes at a matrix index (0 at home). */
  serviceAt(node: number): number {
    return this.service[node] as number;
  }

  /** Earliest start (opening) of a matrix index's window; -Infinity without a window. */
  opening(node: number): number {
    return this.windowFrom[node] as number;
  }

  /** The progress before the first stop: at home at the day start, the whole float available. */
  departure(): DayProgress {
    return { time: this.startMinutes, late: 0, travel: 0, wait: 0, cap: this.float };
  }

  /**
   * Writes into `into` (which may be `from`) the progress after driving from `at` to `node` and
   * serving it.
   */
  advance(from: DayProgress, at: number, node: number, into: DayProgress): void {
    const leg = this.minutes[at * this.size + node] as number;
    const travel = from.travel + leg;
    let time = from.time + leg;
    let late = from.late;
    let wait = from.wait;
    let cap = from.cap;
    const open = this.windowFrom[node] as number;
    const close = this.windowTo[node] as number;
    if (close !== Infinity) {
      if (time < open) {
        wait += open - time;
        time = open;
      } else if (time > close) late += time - close;
      cap = Math.min(cap, wait + Math.max(0, close - time));
    }
    into.time = time + (this.service[node] as number);
    into.late = late;
    into.travel = travel;
    into.wait = wait;
    into.cap = cap;
  }

  /** The objective of a day whose last stop is `at` with progress `p`, once the rep drives home. */
  finish(p: DayProgress, at: number): number {
    const back = this.minutes[at * this.size] as number;
    const float = Math.max(0, Math.min(p.cap, p.wait));
    return dayRouteCost(p.late, p.time + back - this.startMinutes - float, p.travel + back);
  }

  /** Exact cost of visiting only the given nodes (matrix indices), in that order. */
  costOfPartial(nodes: readonly number[]): number {
    const p = this.departure();
    let at = 0;
    for (const node of nodes) {
      this.advance(p, at, node, p);
      at = node;
    }
    return this.finish(p, at);
  }

  /** Recomputes the prefix timetable and cost of `sequence`. */
  private refresh(): void {
    const p = this.departure();
    let at = 0;
    for (let k = 0; k < this.n; k++) {
      const node = this.sequence[k] as number;
      this.advance(p, at, node, p);
      this.departureAfter[k] = p.time;
      this.lateAfter[k] = p.late;
      this.travelAfter[k] = p.travel;
      this.waitAfter[k] = p.wait;
      this.capAfter[k] = p.cap;
      at = node;
    }
    this.cost = this.finish(p, at);
  }

  /** Cost of the candidate order whose positions before `from` equal the current sequence. */
  private costOfCandidateFrom(from: number): number {
    const p = this.scratch;
    if (from === 0) {
      p.time = this.startMinutes;
      p.late = 0;
      p.travel = 0;
      p.wait = 0;
      p.cap = this.float;
    } else {
      p.time = this.departureAfter[from - 1] as number;
      p.late = this.lateAfter[from - 1] as number;
      p.travel = this.travelAfter[from - 1] as number;
      p.wait = this.waitAfter[from - 1] as number;
      p.cap = this.capAfter[from - 1] as number;
    }
    let at = from === 0 ? 0 : (this.sequence[from - 1] as number);
    for (let k = from; k < this.n; k++) {
      const node = this.candidate[k] as number;
      this.advance(p, at, node, p);
      at = node;
    }
    return this.finish(p, at);
  }

  /** Adopts the candidate (positions from `from` on) when it beats the current cost. */
  private acceptIfBetter(from: number): boolean {
    const cost = this.costOfCandidateFrom(from);
    if (cost < this.cost - 1e-9 * Math.max(1, Math.abs(this.cost))) {
      this.sequence.set(this.candidate.subarray(from), from);
      this.refresh();
      return true;
    }
    return false;
  }

  /**
   * Runs first-improvement passes over all moves until none improves or `maxMoves` moves were
   * applied (a bound for pathological days); returns the final cost.
   */
  improve(maxMoves = Infinity): number {
    for (let moves = 0; moves < maxMoves; moves++) {
      if (!(this.tryRelocations() || this.tryReversals() || this.trySwaps())) break;
    }
    return this.cost;
  }

  private tryReversals(): boolean {
    const n = this.n;
    const seq = this.sequence;
    const cand = this.candidate;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        for (let k = 0; k <= j - i; k++) cand[i + k] = seq[j - k] as number;
        for (let k = j + 1; k < n; k++) cand[k] = seq[k] as number;
        if (this.acceptIfBetter(i)) return true;
      }
    }
    return false;
  }

  private tryRelocations(): boolean {
    const n = this.n;
    for (let length = 1; length <= Math.min(3, n - 1); length++) {
      for (let i = 0; i + length <= n; i++) {
        // Insert the block at index q of the order that remains once the block is taken out.
        for (let q = 0; q <= n - length; q++) {
          if (q === i) {
            if (length > 1 && this.relocate(i, length, q, true)) return true;
            continue;
          }
          if (this.relocate(i, length, q, false)) return true;
          if (length > 1 && this.relocate(i, length, q, true)) return true;
        }
      }
    }
    return false;
  }

  /** Candidate = sequence with the block [i, i+length) moved to index q of the rest, maybe reversed. */
  private relocate(i: number, length: number, q: number, reversed: boolean): boolean {
    this.fillRelocation(i, length, q, reversed);
    return this.acceptIfBetter(Math.min(i, q));
  }

  private fillRelocation(i: number, length: number, q: number, reversed: boolean): void {
    const n = this.n;
    const seq = this.sequence;
    const cand = this.candidate;
    let write = 0;
    for (let read = 0; read <= n; read++) {
      if (write === q) {
        for (let k = 0; k < length; k++) cand[write++] = seq[reversed ? i + length - 1 - k : i + k] as number;
      }
      if (read === n) break;
      if (read >= i && read < i + length) continue;
      cand[write++] = seq[read] as number;
    }
  }

  private trySwaps(): boolean {
    const n = this.n;
    const seq = this.sequence;
    const cand = this.candidate;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 2; j < n; j++) {
        for (let k = i; k < n; k++) cand[k] = seq[k] as number;
        cand[i] = seq[j] as number;
        cand[j] = seq[i] as number;
        if (this.acceptIfBetter(i)) return true;
      }
    }
    return false;
  }

  /**
   * Iterated local search on the exact timetable: `kicks` times relocate a random block of 1-3
   * stops, re-optimise (at most `maxMoves` moves) and keep the result unless it is worse.
   */
  iterate(kicks: number, random: Random, maxMoves = Infinity): number {
    const n = this.n;
    this.improve(maxMoves);
    if (n < 4) return this.cost;
    const saved = new Int32Array(n);
    for (let kick = 0; kick < kicks; kick++) {
      saved.set(this.sequence);
      const before = this.cost;
      const length = 1 + random.int(Math.min(3, n - 1));
      this.fillRelocation(
        random.int(n - length + 1),
        length,
        random.int(n - length + 1),
        random.next() < 0.5,
      );
      this.sequence.set(this.candidate);
      this.refresh();
      this.improve(maxMoves);
      if (this.cost > before + 1e-9 * Math.max(1, Math.abs(before))) {
        this.sequence.set(saved);
        this.refresh();
      }
    }
    return this.cost;
  }
}
