import type { Random } from '../random.js';
import { windowLatestStart, type DayStop } from './daySchedule.js';
import type { TravelMatrix } from './travelModel.js';

/**
 * Weight of one minute of window violation against one minute of day duration. Large enough that
 * the objective is lexicographic in practice (violation first, then duration) while staying a
 * single number that local search can compare.
 */
export const LATENESS_WEIGHT = 1e6;

/**
 * Local search over the visiting order of one day with the exact timetable as objective:
 * LATENESS_WEIGHT x minutes late + time back home (i.e. travel + waiting, service being fixed),
 * where a late rep serves anyway and stays late for the rest of the day. Moves are 2-opt
 * reversals, Or-opt relocations of 1-3 consecutive stops (either way round) and swaps; every
 * candidate is re-timed from the first position it changes, using the unchanged prefix: O(n) per
 * move. Used to finish days that cannot meet every window (where the faster time-warp search of
 * DayRouteSearch only approximates lateness) and, via `advance`, by the exact dynamic programme (windowedHeldKarp.ts).
 */
export class ExactDayRouteSearch {
  readonly n: number;
  /** Current order as matrix indices (stop i = node i+1). */
  readonly sequence: Int32Array;
  private readonly candidate: Int32Array;
  /** Departure time and accumulated lateness after each position of `sequence`. */
  private readonly departureAfter: Float64Array;
  private readonly lateAfter: Float64Array;
  private readonly windowFrom: Float64Array;
  private readonly windowTo: Float64Array;
  private readonly service: Float64Array;
  private readonly minutes: Float64Array;
  private readonly size: number;
  cost = Infinity;

  constructor(
    matrix: TravelMatrix,
    stops: readonly DayStop[],
    private readonly startMinutes: number,
    initialOrder: readonly number[],
  ) {
    const n = stops.length;
    this.n = n;
    this.size = n + 1;
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

  /** Time and lateness after driving from `at` to `node` at `time` and serving it. */
  advance(time: number, late: number, at: number, node: number): { time: number; late: number } {
    let arrival = time + (this.minutes[at * this.size + node] as number);
    const open = this.windowFrom[node] as number;
    const close = this.windowTo[node] as number;
    if (arrival < open) arrival = open;
    else if (arrival > close) late += arrival - close;
    return { time: arrival + (this.service[node] as number), late };
  }

  /** Exact cost of visiting only the given nodes (matrix indices), in that order. */
  costOfPartial(nodes: readonly number[]): number {
    let time = this.startMinutes;
    let late = 0;
    let at = 0;
    for (const node of nodes) {
      const step = this.advance(time, late, at, node);
      time = step.time;
      late = step.late;
      at = node;
    }
    return LATENESS_WEIGHT * late + time + (this.minutes[at * this.size] as number);
  }

  /** Recomputes the prefix timetable and cost of `sequence`. */
  private refresh(): void {
    let time = this.startMinutes;
    let late = 0;
    let at = 0;
    for (let k = 0; k < this.n; k++) {
      const node = this.sequence[k] as number;
      time += this.minutes[at * this.size + node] as number;
      if (time < (this.windowFrom[node] as number)) time = this.windowFrom[node] as number;
      else if (time > (this.windowTo[node] as number)) late += time - (this.windowTo[node] as number);
      time += this.service[node] as number;
      this.departureAfter[k] = time;
      this.lateAfter[k] = late;
      at = node;
    }
    this.cost = LATENESS_WEIGHT * late + time + (this.minutes[at * this.size] as number);
  }

  /** Cost of the candidate order whose positions before `from` equal the current sequence. */
  private costOfCandidateFrom(from: number): number {
    let time = from === 0 ? this.startMinutes : (this.departureAfter[from - 1] as number);
    let late = from === 0 ? 0 : (this.lateAfter[from - 1] as number);
    let at = from === 0 ? 0 : (this.sequence[from - 1] as number);
    const size = this.size;
    for (let k = from; k < this.n; k++) {
      const node = this.candidate[k] as number;
      time += this.minutes[at * size + node] as number;
      const open = this.windowFrom[node] as number;
      const close = this.windowTo[node] as number;
      if (time < open) time = open;
      else if (time > close) late += time - close;
      time += this.service[node] as number;
      at = node;
    }
    return LATENESS_WEIGHT * late + time + (this.minutes[at * size] as number);
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
