/**
 * TSP benchmark: the day-route sequencer on TSPLIB EUC_2D instances against their proven optima,
 * generated clustered instances against a strong reference (the best tour solveTsp finds over
 * --reference-seeds seeds at --reference-effort: a reference, not an optimum), a generated
 * 1,000-city uniform instance (time only) and generated day routes with windows.
 *
 *   npm run bench:tsp -- [--dir ../shared/data/tsplib/instances] [--runs 3] [--effort 1]
 *                        [--solver sequencer|core] [--reference-seeds 4] [--reference-effort 3]
 *
 * `--solver sequencer` (default) runs sequenceDayRoute exactly as the cycle stage and
 * `territory sequence` do, as a pure TSP: city 1 is the rep's base, the others are stops with no
 * service time and no window, and the matrix holds TSPLIB's rounded distances. `--solver core`
 * runs the TSP core (solveTsp) alone at the given effort.
 *
 * optimal_values.csv (columns name, ..., optimal_length) is looked up in --dir, then its parent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRandom } from '../src/domain/random.js';
import { sequenceDayRoute } from '../src/domain/routing/sequenceDayRoute.js';
import { solveTsp, tourLength } from '../src/domain/routing/solveTsp.js';
import { DenseTravelMatrix, greatCircleTravelModel } from '../src/domain/routing/travelModel.js';

interface Instance {
  name: string;
  xs: Float64Array;
  ys: Float64Array;
}

function parseTsplib(file: string): Instance {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  let name = basename(file, '.tsp');
  let dimension = 0;
  let edgeWeightType = '';
  let inCoordinates = false;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line === 'EOF') continue;
    if (inCoordinates) {
      const [, x, y] = line.split(/\s+/);
      if (x === undefined || y === undefined) break;
      xs.push(Number(x));
      ys.push(Number(y));
      continue;
    }
    const header = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (header) {
      const [, key, value] = header;
      if (key === 'NAME') name = (value ?? name).trim();
      if (key === 'DIMENSION') dimension = Number(value);
      if (key === 'EDGE_WEIGHT_TYPE') edgeWeightType = (value ?? '').trim();
    } else if (line.startsWith('NODE_COORD_SECTION')) {
      inCoordinates = true;
    }
  }
  if (edgeWeightType !== 'EUC_2D')
    throw new Error(`${file}: EDGE_WEIGHT_TYPE ${edgeWeightType} is not supported (EUC_2D only)`);
  if (xs.length !== dimension)
    throw new Error(`${file}: DIMENSION ${dimension} but ${xs.length} coordinates`);
  return { name, xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

function readOptima(dir: string): Map<string, number> {
  const candidates = [join(dir, 'optimal_values.csv'), join(dirname(dir), 'optimal_values.csv')];
  const file = candidates.find((f) => existsSync(f));
  const optima = new Map<string, number>();
  if (!file) return optima;
  const [headerLine, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = (headerLine ?? '').split(',').map((h) => h.trim());
  const nameColumn = header.indexOf('name');
  const optimumColumn = header.indexOf('optimal_length');
  if (nameColumn < 0 || optimumColumn < 0)
    throw new Error(`${file}: needs columns name and optimal_length, found ${header.join(',')}`);
  for (const row of rows) {
    const cells = row.split(',');
    const value = Number(cells[optimumColumn]);
    if (cells[nameColumn] && Number.isFinite(value)) optima.set(cells[nameColumn].trim(), value);
  }
  return optima;
}

/** TSPLIB EUC_2D distance: Euclidean rounded to the nearest integer. */
function tsplibDistance(instance: Instance): (i: number, j: number) => number {
  const { xs, ys } = instance;
  return (i, j) =>
    Math.round(Math.hypot((xs[i] as number) - (xs[j] as number), (ys[i] as number) - (ys[j] as number)));
}

/**
 * `cities` points on a 10000 x 10000 map in `clusters` Gaussian towns of varied size (weights
 * 1..3) and spread (60-500), plus, when `coreShare` > 0, that share of them in one dense centre.
 * Box-Muller normals from the seeded generator, so the instance is fixed by its seed.
 */
function clusteredInstance(
  name: string,
  cities: number,
  clusters: number,
  seed: number,
  coreShare: number,
): Instance {
  const random = createRandom(seed);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const centres = Array.from({ length: clusters }, () => ({
    x: random.range(500, 9500),
    y: random.range(500, 9500),
    spread: random.range(60, 500),
    weight: 1 + random.int(3),
  }));
  const totalWeight = centres.reduce((sum, c) => sum + c.weight, 0);
  const xs = new Float64Array(cities);
  const ys = new Float64Array(cities);
  for (let i = 0; i < cities; i++) {
    let pick = random.next() * totalWeight;
    let centre = centres[0]!;
    for (const c of centres) {
      centre = c;
      pick -= c.weight;
      if (pick < 0) break;
    }
    if (i < coreShare * cities) centre = { x: 5000, y: 5000, spread: 250, weight: 0 };
    xs[i] = Math.round(centre.x + centre.spread * normal());
    ys[i] = Math.round(centre.y + centre.spread * normal());
  }
  return { name, xs, ys };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

type Solver = 'sequencer' | 'core';

/** One tour of `instance` by the chosen solver, as a closed tour over all cities. */
function solveOnce(instance: Instance, solver: Solver, seed: number, effort: number): number[] {
  const distance = tsplibDistance(instance);
  const n = instance.xs.length;
  if (solver === 'core') return solveTsp(n, distance, { seed, effort }).tour;
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = distance(i, j);
  const matrix = new DenseTravelMatrix(n, values, values);
  const stops = Array.from({ length: n - 1 }, (_, i) => ({
    id: `c${i + 2}`,
    serviceMinutes: 0,
    window: null,
  }));
  const route = sequenceDayRoute({ matrix, stops, startMinutes: 0, seed, effort });
  return [0, ...route.order.map((stop) => stop + 1)];
}

function run(
  instance: Instance,
  runs: number,
  effort: number,
  solver: Solver,
): { length: number; lengths: number[]; ms: number } {
  const distance = tsplibDistance(instance);
  const n = instance.xs.length;
  const lengths: number[] = [];
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const tour = solveOnce(instance, solver, 1 + r, effort);
    times.push(performance.now() - started);
    if (tour.length !== n || new Set(tour).size !== n) {
      throw new Error(`${instance.name}: the ${solver} returned an invalid tour`);
    }
    lengths.push(tourLength(tour, distance));
  }
  return { length: median(lengths), lengths, ms: median(times) };
}

const { values } = parseArgs({
  options: {
    dir: {
      type: 'string',
      default: resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/tsplib/instances'),
    },
    solver: { type: 'string', default: 'sequencer' },
    runs: { type: 'string', default: '3' },
    effort: { type: 'string', default: '1' },
    'reference-seeds': { type: 'string', default: '4' },
    'reference-effort': { type: 'string', default: '3' },
  },
});
const dir = values.dir;
const runs = Number(values.runs);
const effort = Number(values.effort);
if (values.solver !== 'sequencer' && values.solver !== 'core')
  throw new Error(`--solver must be sequencer or core, not ${values.solver}`);
const solver: Solver = values.solver;
const optima = readOptima(dir);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.tsp'))
  .map((f) => join(dir, f));
const instances = files
  .map(parseTsplib)
  .sort((a, b) => a.xs.length - b.xs.length || a.name.localeCompare(b.name));

const rows: Array<{
  name: string;
  cities: number;
  length: number;
  optimum: number | null;
  gapPercent: number | null;
  maxGapPercent: number | null;
  ms: number;
}> = [];
console.log(
  `${solver === 'sequencer' ? 'sequenceDayRoute (pure TSP)' : 'solveTsp'} on ${instances.length} TSPLIB instances from ${dir}; median of ${runs} runs (seeds 1..${runs}), effort ${effort}`,
);
console.log(
  `${'instance'.padEnd(10)} ${'cities'.padStart(6)} ${'length'.padStart(9)} ${'optimum'.padStart(9)} ${'gap %'.padStart(7)} ${'worst %'.padStart(7)} ${'ms'.padStart(8)}`,
);
for (const instance of instances) {
  const { length, lengths, ms } = run(instance, runs, effort, solver);
  const optimum = optima.get(instance.name) ?? null;
  const gapPercent = optimum ? (100 * (length - optimum)) / optimum : null;
  const maxGapPercent = optimum ? (100 * (Math.max(...lengths) - optimum)) / optimum : null;
  rows.push({
    name: instance.name,
    cities: instance.xs.length,
    length,
    optimum,
    gapPercent,
    maxGapPercent,
    ms,
  });
  console.log(
    `${instance.name.padEnd(10)} ${String(instance.xs.length).padStart(6)} ${String(length).padStart(9)} ${String(optimum ?? '-').padStart(9)} ${(gapPercent?.toFixed(2) ?? '-').padStart(7)} ${(maxGapPercent?.toFixed(2) ?? '-').padStart(7)} ${ms.toFixed(0).padStart(8)}`,
  );
}
const tsplibMs = rows.reduce((sum, r) => sum + r.ms, 0);
console.log(`total of the per-instance median times: ${tsplibMs.toFixed(0)} ms`);
const gaps = rows.flatMap((r) => (r.gapPercent === null ? [] : [r.gapPercent]));
const meanGap = gaps.reduce((s, g) => s + g, 0) / (gaps.length || 1);
const maxGap = Math.max(...gaps);
console.log(`mean gap ${meanGap.toFixed(2)}%, max gap ${maxGap.toFixed(2)}% (of the per-instance medians)`);

// Generated clustered instances, shaped like towns: Gaussian clusters of varied size and spread
// around a few centres, with real cities' gaps between them. No optimum is known, so the gap is to
// a strong reference: the best tour of solveTsp over seeds 101.. at a high effort.
const referenceSeeds = Number(values['reference-seeds']);
const referenceEffort = Number(values['reference-effort']);
const clusteredCases = [
  { name: 'clust300x6', cities: 300, clusters: 6, seed: 301 },
  { name: 'clust500x12', cities: 500, clusters: 12, seed: 502 },
  { name: 'town400', cities: 400, clusters: 4, seed: 403, core: 0.5 },
];
const clusteredRows: Array<{
  name: string;
  cities: number;
  length: number;
  reference: number;
  gapPercent: number;
  maxGapPercent: number;
  ms: number;
}> = [];
console.log(
  `\ngenerated clustered instances vs a reference = best of solveTsp seeds 101..${100 + referenceSeeds} at effort ${referenceEffort} (not an optimum)`,
);
console.log(
  `${'instance'.padEnd(12)} ${'cities'.padStart(6)} ${'length'.padStart(9)} ${'reference'.padStart(9)} ${'gap %'.padStart(7)} ${'worst %'.padStart(7)} ${'ms'.padStart(8)}`,
);
for (const c of clusteredCases) {
  const instance = clusteredInstance(c.name, c.cities, c.clusters, c.seed, c.core ?? 0);
  const distance = tsplibDistance(instance);
  let reference = Infinity;
  for (let s = 0; s < referenceSeeds; s++) {
    reference = Math.min(
      reference,
      solveTsp(c.cities, distance, { seed: 101 + s, effort: referenceEffort }).length,
    );
  }
  const { length, lengths, ms } = run(instance, runs, effort, solver);
  const row = {
    name: c.name,
    cities: c.cities,
    length,
    reference,
    gapPercent: (100 * (length - reference)) / reference,
    maxGapPercent: (100 * (Math.max(...lengths) - reference)) / reference,
    ms,
  };
  clusteredRows.push(row);
  console.log(
    `${row.name.padEnd(12)} ${String(row.cities).padStart(6)} ${String(length).padStart(9)} ${String(reference).padStart(9)} ${row.gapPercent.toFixed(2).padStart(7)} ${row.maxGapPercent.toFixed(2).padStart(7)} ${ms.toFixed(0).padStart(8)}`,
  );
}
const clusteredGaps = clusteredRows.map((r) => r.gapPercent);
console.log(
  `mean gap ${(clusteredGaps.reduce((a, g) => a + g, 0) / clusteredGaps.length).toFixed(2)}%, max gap ${Math.max(...clusteredGaps).toFixed(2)}% to the reference (of the per-instance medians)`,
);

// A generated uniform instance: no optimum known, so time and length only.
const random = createRandom(1000);
const generated: Instance = {
  name: 'uniform1000',
  xs: Float64Array.from({ length: 1000 }, () => random.range(0, 10_000)),
  ys: Float64Array.from({ length: 1000 }, () => random.range(0, 10_000)),
};
const big = run(generated, runs, effort, solver);
console.log(
  `generated uniform 1000 cities in a 10000x10000 square: length ${big.length}, ${big.ms.toFixed(0)} ms`,
);

// Day routes as the cycle stage sequences them: a city area of ~8 x 9 km, 25 km/h, circuity 1.35.
const travelModel = greatCircleTravelModel({ speedKmh: 25, circuity: 1.35 });
const dayCases = [
  { name: '25 stops, no windows', stops: 25, windowShare: 0, start: 510 },
  { name: '25 stops, all 14:00-22:00, start 13:30', stops: 25, windowShare: 1, start: 810 },
  { name: '40 stops, 30% mixed windows', stops: 40, windowShare: 0.3, start: 510 },
];
const dayWindows = [
  { from: 840, to: 1320 },
  { from: 600, to: 720 },
  { from: 540, to: 900 },
];
const dayRows: Array<{
  name: string;
  msPerRoute: number;
  meanMinutes: number;
  meanViolationMinutes: number;
}> = [];
console.log(`\nsequenceDayRoute, 10 generated days per case (effort 1)`);
for (const dayCase of dayCases) {
  let ms = 0;
  let minutes = 0;
  let violation = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const r = createRandom(seed);
    const points: Array<[number, number]> = [[116.4, 39.9]];
    for (let i = 0; i < dayCase.stops; i++)
      points.push([116.4 + r.range(-0.05, 0.05), 39.9 + r.range(-0.04, 0.04)]);
    const stops = points.slice(1).map((_, i) => ({
      id: `s${i}`,
      serviceMinutes: 12,
      window:
        r.next() < dayCase.windowShare
          ? dayCase.windowShare === 1
            ? dayWindows[0]!
            : dayWindows[r.int(3)]!
          : null,
    }));
    const matrix = travelModel.matrix(points);
    const started = performance.now();
    const route = sequenceDayRoute({ matrix, stops, startMinutes: dayCase.start, seed });
    ms += performance.now() - started;
    minutes += route.endMinutes - dayCase.start;
    violation += route.windowViolationMinutes;
  }
  const row = {
    name: dayCase.name,
    msPerRoute: ms / 10,
    meanMinutes: minutes / 10,
    meanViolationMinutes: violation / 10,
  };
  dayRows.push(row);
  console.log(
    `${row.name.padEnd(42)} ${row.msPerRoute.toFixed(1).padStart(7)} ms/route, day ${row.meanMinutes.toFixed(1)} min, late ${row.meanViolationMinutes.toFixed(1)} min`,
  );
}

console.log(
  `RESULT ${JSON.stringify({
    bench: 'tsp',
    solver,
    runs,
    effort,
    instances: rows.map((r) => ({
      ...r,
      gapPercent: r.gapPercent === null ? null : Number(r.gapPercent.toFixed(3)),
      ms: Math.round(r.ms),
    })),
    meanGapPercent: Number(meanGap.toFixed(3)),
    maxGapPercent: Number(maxGap.toFixed(3)),
    clustered: clusteredRows.map((r) => ({
      ...r,
      gapPercent: Number(r.gapPercent.toFixed(3)),
      maxGapPercent: Number(r.maxGapPercent.toFixed(3)),
      ms: Math.round(r.ms),
    })),
    generated1000: { length: big.length, ms: Math.round(big.ms) },
    dayRoutes: dayRows.map((r) => ({
      ...r,
      msPerRoute: Number(r.msPerRoute.toFixed(1)),
      meanMinutes: Number(r.meanMinutes.toFixed(1)),
      meanViolationMinutes: Number(r.meanViolationMinutes.toFixed(1)),
    })),
  })}`,
);
