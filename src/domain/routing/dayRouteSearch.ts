import type { Random } from '../random.js';
import { windowLatestStart, type DayStop } from './daySchedule.js';
import { dayRouteCost } from './dayObjective.js';
import type { TravelMatrix } from './travelModel.js';

/** Stand-in for an open window bound; finite so that bound arithmetic never meets Infinity - Infinity. */
const OPEN = 1e9;
/**
 * Relative tolerance of cost comparisons. Costs reach 1e7 and more once windows are missed
 * (LATENESS_WEIGHT), where the same order priced through different concatenations differs by
 * rounding; an absolute 1e-9 then mistakes noise for an improvement and scans forever.
 */
const RELATIVE_EPSILON = 1e-9;
/**
 * Relative margin by which a move's lower bound must exceed the improvement threshold before the
 * move is skipped unpriced (see cannotImprove): rounding differs by ~1e-15 relative.
 */
const BOUND_MARGIN = 1e-7;
/** Layout of one segment summary in DayRouteSearch's tables. */
const DURATION = 0;
const WARP = 1;
const EARLIEST = 2;
const LATEST = 3;
const TRAVEL = 4;
const STRIDE = 5;
/** Safety bound on scans per improve() call; a scan normally stops far earlier. */
const MAX_SCANS_PER_STOP = 20;

/**
 * Iterated local search over one day's visiting order with O(1) move evaluation. Every
 * subsequence of the current order is summarised (duration, time warp, earliest and latest start:
 * the time-window segments of Vidal et al., 2013, plus travel, which simply adds up) so that a
 * 2-opt reversal, an Or-opt relocation of 1-3 stops or a swap is priced by concatenating at most
 * five summaries. The objective is dayObjective.ts with time warp for lateness: LATENESS_WEIGHT x
 * time warp + duration (travel + waiting + service, from leaving home to coming back) +
 * DRIVE_WEIGHT x travel. Leaving home is a segment with the start window [day start, day start +
 * float], so the duration is already the least over departures in that window, i.e. that of the
 * floated departure of evaluateDaySchedule. Time warp is lateness that does not delay later
 * stops; when it is zero the timetable is exactly the real one, so on days where every window can
 * be met the pricing is exact (the search itself is a heuristic), and elsewhere it is a good
 * guide that ExactDayRouteSearch then finishes.
 */
export class DayRouteSearch {
  readonly n: number;
  /** Current order as matrix indices (stop i = node i+1). */
  sequence: Int32Array;
  cost = Infinity;
  /** A move is an improvement when it costs less than this: `cost` less the tolerance. */
  private limit = Infinity;
  /**
   * Node at each extended position (0 = leave home, n+1 = back home): the sequence framed by home,
   * kept in step with it by `rebuild`, so a position's node is one read.
   */
  private readonly ext: Int32Array;
  private readonly m: number;
  private readonly size: number;
  private readonly minutes: Float64Array;
  private readonly earliest: Float64Array;
  private readonly latest: Float64Array;
  private readonly service: Float64Array;
  /** near[a * size + b] = 1 when b is among a's NEAR_COUNT nearest (or vice versa), or either is home. */
  private readonly near: Uint8Array;
  /**
   * Summaries of extended positions i..j (0 = leave home, n+1 = back home), forward and reversed:
   * record (i * m + j) holds STRIDE numbers (DURATION, WARP, EARLIEST, LATEST, TRAVEL) side by
   * side, so pricing a move reads each summary from one place.
   */
  private readonly forward: Float64Array;
  private readonly reversed: Float64Array;
  // The running concatenation while a move is priced.
  private accDuration = 0;
  private accWarp = 0;
  private accEarliest = 0;
  private accLatest = 0;
  private accTravel = 0;
  private accLast = 0;
  private readonly latestDeparture: number;
  /** Service minutes of all stops: every order's working time includes them. */
  private readonly serviceTotal: number;

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
    this.m = n + 2;
    this.latestDeparture = startMinutes + Math.max(0, departureFloatMinutes);
    this.minutes = new Float64Array(this.size * this.size);
    for (let i = 0; i < this.size; i++) {
      for (let j = 0; j < this.size; j++)
        this.minutes[i * this.size + j] = i === j ? 0 : matrix.minutes(i, j);
    }
    this.earliest = new Float64Array(this.size).fill(-OPEN);
    this.latest = new Float64Array(this.size).fill(OPEN);
    this.service = new Float64Array(this.size);
    this.near = nearPairs(this.minutes, this.size);
    stops.forEach((stop, i) => {
      this.service[i + 1] = stop.serviceMinutes;
      if (stop.window) {
        this.earliest[i + 1] = stop.window.from;
        this.latest[i + 1] = windowLatestStart(stop.window);
      }
    });
    this.serviceTotal = stops.reduce((sum, stop) => sum + stop.serviceMinutes, 0);
    this.ext = new Int32Array(this.m);
    this.forward = new Float64Array(this.m * this.m * STRIDE);
    this.reversed = new Float64Array(this.m * this.m * STRIDE);
    this.sequence = Int32Array.from(initialOrder, (index) => index + 1);
    this.rebuild();
  }

  /** The current order as indices into the stops. */
  order(): number[] {
    return Array.from(this.sequence, (node) => node - 1);
  }

  /** Replaces the current order (indices into the stops) and returns its cost. */
  setOrder(order: readonly number[]): number {
    this.sequence = Int32Array.from(order, (index) => index + 1);
    this.rebuild();
    return this.cost;
  }

  /** Replaces the sequence, rebuilding only the summaries over the positions that differ. */
  private setChanged(sequence: Int32Array): void {
    const previous = this.sequence;
    this.sequence = sequence;
    let first = 0;
    while (first < sequence.length && sequence[first] === previous[first]) first++;
    if (first === sequence.length) return;
    let last = sequence.length - 1;
    while (sequence[last] === previous[last]) last--;
    this.rebuild(first + 1, last + 1);
  }

  private node(position: number): number {
    return this.ext[position] as number;
  }

  /**
   * Recomputes the segment summaries of the current sequence that cover extended positions
   * `lo`..`hi` (by default all: O(n^2)). Only those changed after a move of the stops there:
   * a segment wholly before `lo` or wholly after `hi` keeps its stops, so its summary is still
   * exact, and the rest are recomputed by the same recurrence, so the tables come out the same
   * as from a full rebuild.
   */
  private rebuild(lo = 0, hi = this.m - 1): void {
    const m = this.m;
    const f = this.forward;
    const r = this.reversed;
    const ext = this.ext;
    for (let p = Math.max(lo, 1), last = Math.min(hi, this.n); p <= last; p++) {
      ext[p] = this.sequence[p - 1] as number;
    }
    for (let i = lo; i <= hi; i++) {
      this.loadSingle(i);
      this.storeAccumulator(f, i * m + i);
      this.storeAccumulator(r, i * m + i);
    }
    // Vidal's concatenation (concat) written out on locals: this loop is the search's hot spot.
    const { minutes, service, earliest, latest, size } = this;
    for (let i = 0; i <= hi; i++) {
      for (let j = Math.max(i + 1, lo); j < m; j++) {
        const node = ext[j] as number;
        const previous = ext[j - 1] as number;
        const at = (i * m + j) * STRIDE;
        const from = at - STRIDE;
        // Both directions join node j and node j-1 by one leg, j-1 -> j forward and j -> j-1 reversed.
        // forward i..j = forward i..j-1 then j.
        {
          const accDuration = f[from + DURATION] as number;
          const accWarp = f[from + WARP] as number;
          const accEarliest = f[from + EARLIEST] as number;
          const accLatest = f[from + LATEST] as number;
          const segEarliest = j === m - 1 ? -OPEN : (earliest[node] as number);
          const segLatest = j === m - 1 ? OPEN : (latest[node] as number);
          const leg = minutes[previous * size + node] as number;
          const delta = accDuration - accWarp + leg;
          const deltaWait = Math.max(segEarliest - delta - accLatest, 0);
          const deltaWarp = Math.max(accEarliest + delta - segLatest, 0);
          f[at + DURATION] =
            accDuration + ((service[node] as number) + (delta - accDuration + accWarp) + deltaWait);
          f[at + WARP] = accWarp + (0 + deltaWarp);
          f[at + EARLIEST] = Math.max(segEarliest - delta, accEarliest) - deltaWait;
          f[at + LATEST] = Math.min(segLatest - delta, accLatest) + deltaWarp;
          f[at + TRAVEL] = (f[from + TRAVEL] as number) + (leg + 0);
        }
        // reversed i..j (visits j down to i) = j then reversed i..j-1.
        {
          const accDuration = service[node] as number;
          const accEarliest = j === m - 1 ? -OPEN : (earliest[node] as number);
          const accLatest = j === m - 1 ? OPEN : (latest[node] as number);
          const segDuration = r[from + DURATION] as number;
          const segWarp = r[from + WARP] as number;
          const segEarliest = r[from + EARLIEST] as number;
          const segLatest = r[from + LATEST] as number;
          const leg = minutes[node * size + previous] as number;
          const delta = accDuration - 0 + leg;
          const deltaWait = Math.max(segEarliest - delta - accLatest, 0);
          const deltaWarp = Math.max(accEarliest + delta - segLatest, 0);
          r[at + DURATION] = accDuration + (segDuration + (delta - accDuration + 0) + deltaWait);
          r[at + WARP] = 0 + (segWarp + deltaWarp);
          r[at + EARLIEST] = Math.max(segEarliest - delta, accEarliest) - deltaWait;
          r[at + LATEST] = Math.min(segLatest - delta, accLatest) + deltaWarp;
          r[at + TRAVEL] = 0 + (leg + (r[from + TRAVEL] as number));
        }
      }
    }
    const whole = m - 1;
    this.cost = dayRouteCost(
      f[whole * STRIDE + WARP] as number,
      f[whole * STRIDE + DURATION] as number,
      f[whole * STRIDE + TRAVEL] as number,
    );
    this.limit = this.cost - this.tolerance();
  }

  private loadSingle(position: number): void {
    this.accWarp = 0;
    this.accTravel = 0;
    if (position === 0) {
      this.accDuration = 0;
      this.accEarliest = this.startMinutes;
      this.accLatest = this.latestDeparture;
    } else {
      const node = this.node(position);
      this.accDuration = this.service[node] as number;
      this.accEarliest = position === this.n + 1 ? -OPEN : (this.earliest[node] as number);
      this.accLatest = position === this.n + 1 ? OPEN : (this.latest[node] as number);
    }
    this.accLast = this.node(position);
  }

  private load(table: Float64Array, index: number, last: number): void {
    const at = index * STRIDE;
    this.accDuration = table[at + DURATION] as number;
    this.accWarp = table[at + WARP] as number;
    this.accEarliest = table[at + EARLIEST] as number;
    this.accLatest = table[at + LATEST] as number;
    this.accTravel = table[at + TRAVEL] as number;
    this.accLast = last;
  }

  private storeAccumulator(table: Float64Array, index: number): void {
    const at = index * STRIDE;
    table[at + DURATION] = this.accDuration;
    table[at + WARP] = this.accWarp;
    table[at + EARLIEST] = this.accEarliest;
    table[at + LATEST] = this.accLatest;
    table[at + TRAVEL] = this.accTravel;
  }

  /** Vidal's concatenation of the accumulator with a segment that starts at node `first`. */
  private concat(
    first: number,
    last: number,
    duration: number,
    warp: number,
    earliest: number,
    latest: number,
    travel: number,
  ): void {
    const leg = this.minutes[this.accLast * this.size + first] as number;
    const delta = this.accDuration - this.accWarp + leg;
    const deltaWait = Math.max(earliest - delta - this.accLatest, 0);
    const deltaWarp = Math.max(this.accEarliest + delta - latest, 0);
    this.accDuration += duration + (delta - this.accDuration + this.accWarp) + deltaWait;
    this.accWarp += warp + deltaWarp;
    this.accEarliest = Math.max(earliest - delta, this.accEarliest) - deltaWait;
    this.accLatest = Math.min(latest - delta, this.accLatest) + deltaWarp;
    this.accTravel += leg + travel;
    this.accLast = last;
  }

  private appendSingle(position: number): void {
    const node = this.node(position);
    const end = position === this.n + 1;
    this.concat(
      node,
      node,
      this.service[node] as number,
      0,
      end ? -OPEN : (this.earliest[node] as number),
      end ? OPEN : (this.latest[node] as number),
      0,
    );
  }

  /** Appends extended positions i..j (visited j..i when `backwards`); nothing when i > j. */
  private appendSegment(table: Float64Array, i: number, j: number, backwards: boolean): void {
    if (i > j) return;
    const at = (i * this.m + j) * STRIDE;
    this.concat(
      this.node(backwards ? j : i),
      this.node(backwards ? i : j),
      table[at + DURATION] as number,
      table[at + WARP] as number,
      table[at + EARLIEST] as number,
      table[at + LATEST] as number,
      table[at + TRAVEL] as number,
    );
  }

  private startWith(i: number, j: number): void {
    this.load(this.forward, i * this.m + j, this.node(j));
  }

  private tolerance(): number {
    return RELATIVE_EPSILON * Math.max(1, Math.abs(this.cost));
  }

  private accumulatedCost(): number {
    return dayRouteCost(this.accWarp, this.accDuration, this.accTravel);
  }

  /** Runs first-improvement scans (2-opt, Or-opt, swap) until a whole scan improves nothing. */
  improve(): number {
    // Each scan applies improving moves as it finds them.
    for (let scans = 0; scans < MAX_SCANS_PER_STOP * (this.n + 1) && this.scan(); scans++);
    return this.cost;
  }

  /**
   * The least travel minutes a move's order may drive and still be priced: a cheaper cost than
   * `limit` is impossible above it, since any order costs at least a day of service plus travel
   * with no waiting and nothing late (dayRouteCost grows with each term). Moves above it are
   * rejected without concatenating their segments. The margin is far above the rounding by which
   * two summations of the same legs differ, so exactly the moves the full pricing would reject are
   * skipped, and the search takes the same steps. Valid until the cost changes.
   */
  private travelCeiling(): number {
    // dayRouteCost(0, service + travel, travel) is service + (1 + DRIVE_WEIGHT) x travel.
    const unit = dayRouteCost(0, 1, 1) - dayRouteCost(0, 0, 0);
    const room =
      this.limit + BOUND_MARGIN * Math.max(1, Math.abs(this.limit)) - dayRouteCost(0, this.serviceTotal, 0);
    return room / unit;
  }

  private scan(): boolean {
    const { n, m, size, minutes, ext, near } = this;
    const f = this.forward;
    const r = this.reversed;
    let improved = false;
    let ceiling = this.travelCeiling();
    const end = n + 1;
    // Or-opt: block of extended positions [i, i+length-1] moved after position q.
    for (let length = 1; length <= Math.min(3, n - 1); length++) {
      for (let i = 1; i + length - 1 <= n; i++) {
        const j = i + length - 1;
        for (let q = 0; q <= n; q++) {
          if (q >= i - 1 && q <= j) continue;
          // As read before the flips: a move applied at the first flip leaves these stale for the
          // second one's neighbour test (the pricing below reads the order as it stands).
          const before = (ext[q] as number) * size;
          const after = (ext[q + 1] as number) * size;
          for (let flip = 0; flip < (length > 1 ? 2 : 1); flip++) {
            const backwards = flip === 1;
            // Only insertions that put the block next to a near stop are worth pricing.
            const head = ext[backwards ? j : i] as number;
            const tail = ext[backwards ? i : j] as number;
            if (!near[before + head] && !near[after + tail]) continue;
            // Travel of the new order: the untouched segments' travel plus the three new legs.
            const block = (backwards ? r : f)[(i * m + j) * STRIDE + TRAVEL] as number;
            const joined =
              (minutes[(ext[q] as number) * size + head] as number) +
              block +
              (minutes[tail * size + (ext[q + 1] as number)] as number);
            const closed = minutes[(ext[i - 1] as number) * size + (ext[j + 1] as number)] as number;
            if (q < i - 1) {
              const travel =
                (f[q * STRIDE + TRAVEL] as number) +
                joined +
                (f[((q + 1) * m + i - 1) * STRIDE + TRAVEL] as number) +
                closed +
                (f[((j + 1) * m + end) * STRIDE + TRAVEL] as number);
              if (travel > ceiling) continue;
              this.startWith(0, q);
              this.appendSegment(backwards ? r : f, i, j, backwards);
              this.appendSegment(f, q + 1, i - 1, false);
              this.appendSegment(f, j + 1, n + 1, false);
            } else {
              const travel =
                (f[(i - 1) * STRIDE + TRAVEL] as number) +
                closed +
                (f[((j + 1) * m + q) * STRIDE + TRAVEL] as number) +
                joined +
                (f[((q + 1) * m + end) * STRIDE + TRAVEL] as number);
              if (travel > ceiling) continue;
              this.startWith(0, i - 1);
              this.appendSegment(f, j + 1, q, false);
              this.appendSegment(backwards ? r : f, i, j, backwards);
              this.appendSegment(f, q + 1, n + 1, false);
            }
            if (this.accumulatedCost() < this.limit) {
              this.applyRelocation(i, j, q, backwards);
              ceiling = this.travelCeiling();
              improved = true;
            }
          }
        }
      }
    }
    // 2-opt: reverse positions i..j.
    for (let i = 1; i < n; i++) {
      const left = (ext[i - 1] as number) * size;
      // As read before the j loop: a reversal applied at some j leaves it stale for the neighbour
      // test of the later ones (the pricing below reads the order as it stands).
      const first = (ext[i] as number) * size;
      for (let j = i + 1; j <= n; j++) {
        const nj = ext[j] as number;
        const nj1 = ext[j + 1] as number;
        if (!near[left + nj] && !near[first + nj1]) continue;
        const travel =
          (f[(i - 1) * STRIDE + TRAVEL] as number) +
          (minutes[left + nj] as number) +
          (r[(i * m + j) * STRIDE + TRAVEL] as number) +
          (minutes[(ext[i] as number) * size + nj1] as number) +
          (f[((j + 1) * m + end) * STRIDE + TRAVEL] as number);
        if (travel > ceiling) continue;
        this.startWith(0, i - 1);
        this.appendSegment(r, i, j, true);
        this.appendSegment(f, j + 1, n + 1, false);
        if (this.accumulatedCost() < this.limit) {
          this.sequence.subarray(i - 1, j).reverse();
          this.rebuild(i, j);
          ceiling = this.travelCeiling();
          improved = true;
        }
      }
    }
    // Swap positions i and j (non-adjacent; adjacent swaps are reversals).
    for (let i = 1; i < n - 1; i++) {
      for (let j = i + 2; j <= n; j++) {
        const ni1 = ext[i - 1] as number;
        const ni = ext[i] as number;
        const left = ni1 * size;
        const right = (ext[i + 1] as number) * size;
        const nj = ext[j] as number;
        if (!near[left + nj] && !near[right + nj]) continue;
        const travel =
          (f[(i - 1) * STRIDE + TRAVEL] as number) +
          (minutes[left + nj] as number) +
          (minutes[nj * size + (ext[i + 1] as number)] as number) +
          (f[((i + 1) * m + j - 1) * STRIDE + TRAVEL] as number) +
          (minutes[(ext[j - 1] as number) * size + ni] as number) +
          (minutes[ni * size + (ext[j + 1] as number)] as number) +
          (f[((j + 1) * m + end) * STRIDE + TRAVEL] as number);
        if (travel > ceiling) continue;
        this.startWith(0, i - 1);
        this.appendSegment(f, j, j, false);
        this.appendSegment(f, i + 1, j - 1, false);
        this.appendSegment(f, i, i, false);
        this.appendSegment(f, j + 1, n + 1, false);
        if (this.accumulatedCost() < this.limit) {
          const a = this.sequence[i - 1] as number;
          this.sequence[i - 1] = this.sequence[j - 1] as number;
          this.sequence[j - 1] = a;
          this.rebuild(i, j);
          ceiling = this.travelCeiling();
          improved = true;
        }
      }
    }
    return improved;
  }

  /** Moves stops at extended positions i..j after position q (q outside i-1..j), maybe reversed. */
  private applyRelocation(i: number, j: number, q: number, backwards: boolean): void {
    const seq = Array.from(this.sequence);
    const block = seq.splice(i - 1, j - i + 1);
    if (backwards) block.reverse();
    const at = q < i ? q : q - block.length;
    seq.splice(at, 0, ...block);
    this.sequence = Int32Array.from(seq);
    this.rebuild(Math.min(i, q + 1), Math.max(j, q));
  }

  /**
   * Iterated local search: `kicks` times perturb the order (relocate a random block or swap two
   * adjacent random blocks), re-optimise, and keep the result unless it is worse.
   */
  iterate(kicks: number, random: Random): number {
    const n = this.n;
    this.improve();
    if (n < 4) return this.cost;
    for (let kick = 0; kick < kicks; kick++) {
      const saved = this.sequence.slice();
      const before = this.cost;
      const seq = Array.from(this.sequence);
      if (random.next() < 0.5) {
        const length = 1 + random.int(Math.min(3, n - 1));
        const block = seq.splice(random.int(n - length + 1), length);
        if (random.next() < 0.5) block.reverse();
        seq.splice(random.int(seq.length + 1), 0, ...block);
      } else {
        const first = 1 + random.int(Math.max(1, Math.floor(n / 3)));
        const second = 1 + random.int(Math.max(1, Math.floor(n / 3)));
        const start = random.int(Math.max(1, n - first - second + 1));
        const blocks = seq.splice(start, first + second);
        seq.splice(start, 0, ...blocks.slice(first), ...blocks.slice(0, first));
      }
      this.setChanged(Int32Array.from(seq));
      this.improve();
      if (this.cost > before + this.tolerance()) this.setChanged(saved);
    }
    return this.cost;
  }
}

/** Stops considered neighbours of each stop when pruning moves (all of them on short days). */
const NEAR_COUNT = 12;

/**
 * Symmetric "is near" relation over matrix indices: each point's NEAR_COUNT nearest by travel
 * minutes either way, and home with everything (the day starts and ends there).
 */
function nearPairs(minutes: Float64Array, size: number): Uint8Array {
  const near = new Uint8Array(size * size);
  const others: number[] = [];
  for (let a = 0; a < size; a++) {
    near[a] = 1;
    near[a * size] = 1;
    others.length = 0;
    for (let b = 1; b < size; b++) if (b !== a) others.push(b);
    others.sort((x, y) => (minutes[a * size + x] as number) - (minutes[a * size + y] as number) || x - y);
    for (const b of others.slice(0, NEAR_COUNT)) {
      near[a * size + b] = 1;
      near[b * size + a] = 1;
    }
  }
  return near;
}
