/**
 * A tour stored as an array of cities plus each city's position, the representation that makes
 * 2-opt cheap: `next`/`prev` are O(1) and a reversal touches only the shorter side of the cycle.
 * Every reversal can be journalled so that an iterated local search can undo a rejected attempt
 * in time proportional to the work done rather than to n.
 */
export class ArrayTour {
  readonly n: number;
  readonly order: Int32Array;
  readonly pos: Int32Array;
  /** Pairs of positions (i, j) reversed since the journal was last cleared; null = not journalling. */
  private journal: number[] | null = null;

  constructor(cities: ArrayLike<number>) {
    this.n = cities.length;
    this.order = Int32Array.from(cities);
    this.pos = new Int32Array(this.n);
    for (let p = 0; p < this.n; p++) this.pos[this.order[p] as number] = p;
  }

  next(city: number): number {
    const p = (this.pos[city] as number) + 1;
    return this.order[p === this.n ? 0 : p] as number;
  }

  prev(city: number): number {
    const p = this.pos[city] as number;
    return this.order[p === 0 ? this.n - 1 : p - 1] as number;
  }

  /** The neighbour of `city` in direction `forward` (true = next). */
  step(city: number, forward: boolean): number {
    return forward ? this.next(city) : this.prev(city);
  }

  startJournal(): void {
    this.journal = [];
  }

  clearJournal(): void {
    if (this.journal) this.journal.length = 0;
  }

  /** Reverts every reversal recorded since the journal was last cleared. */
  undoJournal(): void {
    const journal = this.journal;
    if (!journal) return;
    for (let k = journal.length - 2; k >= 0; k -= 2) {
      this.reversePositionsRaw(journal[k] as number, journal[k + 1] as number);
    }
    journal.length = 0;
  }

  /** Reverses positions i..j inclusive, walking forward and wrapping around the array end. */
  reversePositions(i: number, j: number): void {
    if (this.journal) this.journal.push(i, j);
    this.reversePositionsRaw(i, j);
  }

  private reversePositionsRaw(i: number, j: number): void {
    const n = this.n;
    const order = this.order;
    const pos = this.pos;
    const length = ((j - i + n) % n) + 1;
    for (let k = length >> 1; k > 0; k--) {
      const a = order[i] as number;
      const b = order[j] as number;
      order[i] = b;
      pos[b] = i;
      order[j] = a;
      pos[a] = j;
      i = i + 1 === n ? 0 : i + 1;
      j = j === 0 ? n - 1 : j - 1;
    }
  }

  /**
   * Reverses the forward path from city `from` to city `to`, or the complementary path when that
   * one is shorter (the resulting cycle is the same, only read the other way round).
   */
  reversePath(from: number, to: number): void {
    const n = this.n;
    const i = this.pos[from] as number;
    const j = this.pos[to] as number;
    const length = ((j - i + n) % n) + 1;
    if (2 * length <= n) this.reversePositions(i, j);
    else this.reversePositions(j + 1 === n ? 0 : j + 1, i === 0 ? n - 1 : i - 1);
  }

  /**
   * The 2-opt exchange that removes edges (a,b) and (c,d) and adds (a,c) and (b,d). The two removed
   * edges must run the same way round the tour: either b = next(a) and d = next(c), or
   * b = prev(a) and d = prev(c). Orientation-agnostic so that composite moves can chain it.
   */
  twoOptMove(a: number, b: number, c: number, d: number): void {
    if (b === this.next(a)) this.reversePath(b, c);
    else this.reversePath(a, d);
  }

  /**
   * Moves the path s1..s2 (p sits before s1 and nx after s2, in some direction) between the
   * adjacent cities c and e (e follows c in that same direction) and closes the gap with p-nx.
   * Built from at most three 2-opt exchanges so it inherits their shorter-side reversal.
   *
   * @param linkCToFirst false: new edges c-s2, s1-e; true: new edges c-s1, s2-e.
   */
  orMove(s1: number, s2: number, p: number, nx: number, c: number, e: number, linkCToFirst: boolean): void {
    if (e === p) {
      // Inserting right before p: read the same move in the other direction, where it becomes an
      // insertion right after nx; the pair semantics of linkCToFirst are preserved by the swap.
      [s1, s2] = [s2, s1];
      [p, nx] = [nx, p];
      [c, e] = [e, c];
    }
    this.twoOptMove(p, s1, c, e); // p-c, s1-e
    if (c !== nx) this.twoOptMove(p, c, nx, s2); // p-nx, c-s2
    if (linkCToFirst && s1 !== s2) this.twoOptMove(c, s2, s1, e); // c-s1, s2-e
  }

  /** Cities in tour order starting from `start`. */
  toArray(start = this.order[0] as number): number[] {
    const result = new Array<number>(this.n);
    let p = this.pos[start] as number;
    for (let k = 0; k < this.n; k++) {
      result[k] = this.order[p] as number;
      p = p + 1 === this.n ? 0 : p + 1;
    }
    return result;
  }
}
