/**
 * Home-matching benchmark (issue #9 item 2): `npm run bench:match [-- --runs 5] [--jslp-400]`.
 *
 * Random pools of k = 12, 80 and 400 reps (the sizes of real pools): homes and territory centres
 * uniform in a 40 x 40 km city, cost = straight-line distance in whole metres (integers, so the
 * three solvers' optimal totals can be compared exactly). For each k it times
 *   - ours: matchHomes.ts `minTotalAssignment` (shortest augmenting path Hungarian) and
 *     `bottleneckAssignment` (min-max, then min total),
 *   - HiGHS (npm `highs`, wasm) on the assignment LP (integral at its optimum: the constraint
 *     matrix is totally unimodular), timing only `solve()` on the prepared LP text,
 *   - javascript-lp-solver on the same LP (dense tableau; k = 400 only with --jslp-400),
 * and checks that all give the same optimal total. The min-max bottleneck b is checked with HiGHS
 * too: the LP restricted to costs <= b must be feasible and the one restricted to costs < b not.
 * Each solver is timed on its first call for the instance ("first ms": in a planning run each pool
 * is matched once, before the JIT has optimised the code) and then over `--runs` more calls, whose
 * median and minimum are shown; javascript-lp-solver at k = 400 runs once. The last line is
 * `RESULT {json}`.
 */
import { createRandom } from '../src/domain/random.js';
import { bottleneckAssignment, minTotalAssignment } from '../src/domain/territories/matchHomes.js';

interface HighsSolution {
  Status: string;
  ObjectiveValue: number;
}
interface Highs {
  solve: (lp: string, options?: Record<string, unknown>) => HighsSolution;
}
interface JsLpSolver {
  Solve: (model: unknown) => { feasible: boolean; result: number };
}

interface Row {
  k: number;
  solver: string;
  runs: number;
  /** The first call of the solver in this process (k = 12 runs first, so it is the coldest). */
  firstMs: number;
  medianMs: number;
  minMs: number;
  total: number | null;
  note: string;
}

function instance(k: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const homes = Array.from({ length: k }, () => [rng.range(0, 40), rng.range(0, 40)] as const);
  const centres = Array.from({ length: k }, () => [rng.range(0, 40), rng.range(0, 40)] as const);
  const costs = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    const [hx, hy] = homes[r] as readonly [number, number];
    for (let c = 0; c < k; c++) {
      const [cx, cy] = centres[c] as readonly [number, number];
      costs[r * k + c] = Math.round(1000 * Math.hypot(hx - cx, hy - cy));
    }
  }
  return costs;
}

/** The assignment LP in CPLEX LP format, optionally keeping only the pairs that `keep` accepts. */
function assignmentLp(costs: Float64Array, k: number, keep: (c: number) => boolean = () => true): string {
  const objective: string[] = [];
  const rows: string[][] = Array.from({ length: k }, () => []);
  const cols: string[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const cost = costs[r * k + c] as number;
      if (!keep(cost)) continue;
      const name = `x${r}_${c}`;
      objective.push(` + ${cost} ${name}`);
      (rows[r] as string[]).push(name);
      (cols[c] as string[]).push(name);
    }
  }
  const lines = ['Minimize', ' obj:', ...objective, 'Subject To'];
  rows.forEach((vars, r) => lines.push(` r${r}: ${vars.length > 0 ? vars.join(' + ') : '0 x_none'} = 1`));
  cols.forEach((vars, c) => lines.push(` c${c}: ${vars.length > 0 ? vars.join(' + ') : '0 x_none'} = 1`));
  lines.push('Bounds', ' x_none = 0', 'End');
  return lines.join('\n');
}

function jsLpModel(costs: Float64Array, k: number): unknown {
  const constraints: Record<string, { equal: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  for (let i = 0; i < k; i++) {
    constraints[`r${i}`] = { equal: 1 };
    constraints[`c${i}`] = { equal: 1 };
  }
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++)
      variables[`x${r}_${c}`] = { cost: costs[r * k + c] as number, [`r${r}`]: 1, [`c${c}`]: 1 };
  return { optimize: 'cost', opType: 'min', constraints, variables };
}

/** Times one first (cold, not yet JIT-optimised) call, then `runs` more; medians are of the later runs. */
function timeRuns<T>(
  runs: number,
  fn: () => T,
): { value: T; firstMs: number; medianMs: number; minMs: number } {
  let start = performance.now();
  let value = fn();
  const firstMs = performance.now() - start;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    value,
    firstMs,
    medianMs: times.length > 0 ? (times[Math.floor(times.length / 2)] as number) : NaN,
    minMs: times.length > 0 ? (times[0] as number) : NaN,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1])) : 5;
  const jsLp400 = args.includes('--jslp-400');
  const highs = await ((await import('highs')) as unknown as { default: () => Promise<Highs> }).default();
  const jsLp = ((await import('javascript-lp-solver')) as unknown as { default: JsLpSolver }).default;
  const rows: Row[] = [];
  let allAgree = true;
  for (const [k, seed] of [
    [12, 1],
    [80, 2],
    [400, 3],
  ] as const) {
    process.stderr.write(`k = ${k} ...\n`);
    const costs = instance(k, seed);
    const total = timeRuns(runs, () => minTotalAssignment(costs));
    const minMax = timeRuns(runs, () => bottleneckAssignment(costs));
    const optimum = total.value?.total ?? NaN;
    rows.push({
      k,
      solver: 'ours: minTotalAssignment',
      runs,
      ...pick(total),
      total: optimum,
      note: `max ${total.value?.max} m`,
    });
    const bottleneck = minMax.value?.max ?? NaN;
    const lp = assignmentLp(costs, k);
    const solved = timeRuns(runs, () => highs.solve(lp));
    const highsTotal = Math.round(solved.value.ObjectiveValue);
    const agree = (value: number): boolean => value === optimum;
    allAgree &&= agree(highsTotal);
    rows.push({
      k,
      solver: 'HiGHS LP',
      runs,
      ...pick(solved),
      total: highsTotal,
      note: `${solved.value.Status}, ${agree(highsTotal) ? 'same optimum' : 'DIFFERENT optimum'}; ${k * k} vars`,
    });
    if (k < 400 || jsLp400) {
      const model = jsLpModel(costs, k);
      const jsRuns = k >= 400 ? 0 : runs;
      const solvedJs = timeRuns(jsRuns, () => jsLp.Solve(model));
      const jsTotal = Math.round(solvedJs.value.result);
      allAgree &&= agree(jsTotal);
      rows.push({
        k,
        solver: 'javascript-lp-solver LP',
        runs: jsRuns,
        ...pick(solvedJs),
        total: jsTotal,
        note: `${solvedJs.value.feasible ? 'feasible' : 'NOT feasible'}, ${agree(jsTotal) ? 'same optimum' : 'DIFFERENT optimum'}`,
      });
    } else {
      rows.push({
        k,
        solver: 'javascript-lp-solver LP',
        runs: 0,
        firstMs: NaN,
        medianMs: NaN,
        minMs: NaN,
        total: null,
        note: 'not run (--jslp-400)',
      });
    }
    // Bottleneck check: feasible with every cost <= b, infeasible with every cost < b.
    const atB = highs.solve(assignmentLp(costs, k, (c) => c <= bottleneck));
    const belowB = highs.solve(assignmentLp(costs, k, (c) => c < bottleneck));
    const bottleneckOk = atB.Status === 'Optimal' && belowB.Status === 'Infeasible';
    const restrictedOk = Math.round(atB.ObjectiveValue) === minMax.value?.total;
    allAgree &&= bottleneckOk && restrictedOk;
    rows.push({
      k,
      solver: 'ours: bottleneckAssignment',
      runs,
      ...pick(minMax),
      total: minMax.value?.total ?? null,
      note: `max ${bottleneck} m (HiGHS: <= b ${atB.Status}, < b ${belowB.Status}; min total at b ${restrictedOk ? 'agrees' : 'DIFFERS'})`,
    });
  }
  printTable(rows);
  console.log(allAgree ? 'all solvers agree' : 'MISMATCH between solvers');
  console.log(`RESULT ${JSON.stringify({ runs, rows, allAgree })}`);
  if (!allAgree) process.exitCode = 1;
}

function pick(t: { firstMs: number; medianMs: number; minMs: number }): {
  firstMs: number;
  medianMs: number;
  minMs: number;
} {
  return { firstMs: t.firstMs, medianMs: t.medianMs, minMs: t.minMs };
}

function printTable(rows: Row[]): void {
  const headers = ['k', 'solver', 'first ms', 'runs', 'median ms', 'min ms', 'total m', 'note'];
  const cells = rows.map((r) => [
    String(r.k),
    r.solver,
    Number.isFinite(r.firstMs) ? r.firstMs.toFixed(2) : '-',
    String(r.runs),
    Number.isFinite(r.medianMs) ? r.medianMs.toFixed(2) : '-',
    Number.isFinite(r.minMs) ? r.minMs.toFixed(2) : '-',
    r.total === null ? '-' : String(r.total),
    r.note,
  ]);
  const widths = headers.map((h, c) => Math.max(h.length, ...cells.map((r) => (r[c] ?? '').length)));
  const line = (values: string[]): string => values.map((v, c) => v.padEnd(widths[c] ?? 0)).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) console.log(line(r));
}

await main();
