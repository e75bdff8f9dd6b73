import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CentreGrid, CheapestList, cheapestNear } from '../../src/domain/territories/centreGrid.js';
import { weightedKMeans } from '../../src/domain/territories/weightedKMeans.js';

/** The c cheapest by (cost, index) of a scan over every point: what the grid search must return. */
function scan(m: number, c: number, cost: (p: number) => number): Array<[number, number]> {
  return Array.from({ length: m }, (_, p) => [p, cost(p)] as [number, number])
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .slice(0, c);
}

function listed(list: CheapestList): Array<[number, number]> {
  return Array.from({ length: list.found }, (_, a) => [list.index[a] as number, list.cost[a] as number]);
}

const coordinate = fc.integer({ min: -2000, max: 2000 }).map((v) => v / 100);

describe('CentreGrid / cheapestNear', () => {
  it('finds the nearest points of a hand-checked layout, ties to the lower index', () => {
    // Points 0..3 on a unit square, 4 on top of 0, 5 far away.
    const xs = [0, 1, 0, 1, 0, 50];
    const ys = [0, 0, 1, 1, 0, 50];
    const grid = new CentreGrid(xs, ys);
    const list = new CheapestList(3);
    const d2 = (p: number): number => ((xs[p] as number) - 0.2) ** 2 + ((ys[p] as number) - 0.1) ** 2;
    cheapestNear(grid, 0.2, 0.1, list, d2);
    // 0 and 4 tie at 0.05; 0 first. Then 1 at 0.65.
    expect(listed(list).map(([p]) => p)).toEqual([0, 4, 1]);
    expect(list.cost[0]).toBeCloseTo(0.05, 12);
    // A query far outside the points' box still finds the right ones.
    const far = (p: number): number => ((xs[p] as number) - 60) ** 2 + ((ys[p] as number) + 5) ** 2;
    cheapestNear(grid, 60, -5, list, far);
    expect(listed(list)).toEqual(scan(xs.length, 3, far));
    expect(list.index[0]).toBe(5);
  });

  it('keeps fewer than the capacity when there are fewer points', () => {
    const grid = new CentreGrid([3, 4], [0, 0]);
    const list = cheapestNear(grid, 0, 0, new CheapestList(5), (p) => [9, 16][p] as number);
    expect(listed(list)).toEqual([
      [0, 9],
      [1, 16],
    ]);
  });

  it('returns exactly what a scan of every point returns, for costs the bound allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate, fc.nat(30)), { minLength: 1, maxLength: 150 }),
        fc.array(fc.tuple(fc.integer({ min: -4000, max: 4000 }), fc.integer({ min: -4000, max: 4000 })), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(20),
        fc.boolean(),
        (points, queries, c, discount, line) => {
          // `line`: every point on one horizontal line (a degenerate, very flat grid).
          const xs = points.map(([x]) => x);
          const ys = points.map(([, y]) => (line ? 0 : y));
          const grid = new CentreGrid(xs, ys);
          const list = new CheapestList(c);
          for (const [qx100, qy100] of queries) {
            const qx = qx100 / 100;
            const qy = qy100 / 100;
            // Squared distance plus a non-negative extra per point, minus `discount` for one point.
            const cost = (p: number): number =>
              ((xs[p] as number) - qx) ** 2 +
              ((ys[p] as number) - qy) ** 2 +
              (points[p] as [number, number, number])[2] -
              (p === 0 ? discount : 0);
            cheapestNear(grid, qx, qy, list, cost, discount);
            expect(listed(list)).toEqual(scan(xs.length, c, cost));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Lloyd iterations scanning every centre: the reference the grid version must reproduce exactly. */
function referenceKMeans(
  xs: Float64Array,
  ys: Float64Array,
  ws: Float64Array,
  centresX: Float64Array,
  centresY: Float64Array,
  iterations: number,
): Int32Array {
  const n = xs.length;
  const m = centresX.length;
  const assignment = new Int32Array(n).fill(-1);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < m; c++) {
        const d =
          ((xs[i] as number) - (centresX[c] as number)) ** 2 +
          ((ys[i] as number) - (centresY[c] as number)) ** 2;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assignment[i] !== best) changed++;
      assignment[i] = best;
    }
    if (changed === 0) break;
    const sw = new Float64Array(m);
    const sx = new Float64Array(m);
    const sy = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const c = assignment[i] as number;
      sw[c] = (sw[c] as number) + (ws[i] as number);
      sx[c] = (sx[c] as number) + (ws[i] as number) * (xs[i] as number);
      sy[c] = (sy[c] as number) + (ws[i] as number) * (ys[i] as number);
    }
    for (let c = 0; c < m; c++) {
      if ((sw[c] as number) > 0) {
        centresX[c] = (sx[c] as number) / (sw[c] as number);
        centresY[c] = (sy[c] as number) / (sw[c] as number);
      }
    }
  }
  return assignment;
}

describe('weightedKMeans with many centres (grid search)', () => {
  it('assigns exactly as a scan of every centre does', () => {
    // 3,000 points in clusters, 60 centres: above the size where the grid replaces the scan.
    const n = 3000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    const ws = new Float64Array(n);
    let state = 12345;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let i = 0; i < n; i++) {
      const cluster = i % 7;
      xs[i] = cluster * 4 + next() * 6;
      ys[i] = (cluster % 3) * 5 + next() * 6;
      ws[i] = 1 + Math.floor(next() * 5);
    }
    const k = 60;
    const result = weightedKMeans(xs, ys, ws, k, { seed: 3, maxIterations: 25 });
    // Same seeding, then the reference Lloyd iterations.
    const seeded = weightedKMeans(xs, ys, ws, k, { seed: 3, maxIterations: 0 });
    const reference = referenceKMeans(
      xs,
      ys,
      ws,
      Float64Array.from(seeded.centresX),
      Float64Array.from(seeded.centresY),
      25,
    );
    expect(Array.from(result.assignment)).toEqual(Array.from(reference));
  });
});
