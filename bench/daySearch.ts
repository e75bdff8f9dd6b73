/**
 * Visit-day search effort benchmark (issue 9 item 13): `npm run bench:daysearch [-- --moves
 * 30,60,100] [-- --seeds 1,2,3,4]`.
 *
 * Plans the sample region (generator seed 42: 1,399 outlets / 12 reps) fresh with
 * DEFAULT_POLICY and `cycle.daySearchMoves` set to each effort, for each plan seed, and prints
 * per effort the cycle km of every seed, their mean, and the mean wall and CPU seconds per plan
 * (planRegion only, no publish). The km are deterministic for a seed; only times vary. It shows
 * what the day search leaves at the default effort against longer searches of the same code.
 * The last line is `RESULT {json}`.
 */
import { summarizeRepDays } from '../src/domain/cycle/summarizeRepDays.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { planRegion } from '../src/domain/pipeline/planRegion.js';
import { resolvePolicy } from '../src/domain/policy/resolvePolicy.js';
import type { RegionInput } from '../src/domain/types.js';

function listArgument(name: string, fallback: number[]): number[] {
  const at = process.argv.indexOf(`--${name}`);
  const text = at >= 0 ? process.argv[at + 1] : undefined;
  if (text === undefined) return fallback;
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 0))
    throw new Error(`--${name}: whole numbers, got "${text}"`);
  return values;
}

const efforts = listArgument('moves', [30, 60, 100, 300]);
const seeds = listArgument('seeds', [1, 2, 3, 4]);
const generated = generateRegion({ outlets: 1399, reps: 12, seed: 42 });
const region: RegionInput = {
  name: 'sample-1399x12',
  outlets: generated.outlets,
  reps: generated.reps,
  quarantine: [],
  policyOverrides: null,
  inputHash: 'bench-day-search',
};

const rows = efforts.map((moves) => {
  const policy = resolvePolicy([{ source: '--moves', overrides: { cycle: { daySearchMoves: moves } } }]);
  const km: number[] = [];
  let wall = 0;
  const cpuStart = process.cpuUsage();
  for (const seed of seeds) {
    const start = performance.now();
    const plan = planRegion({ region, policy, previous: null, mode: 'fresh', now: new Date(0), seed });
    wall += performance.now() - start;
    km.push(plan.reps.reduce((sum, rep) => sum + summarizeRepDays(rep.days ?? []).totalKm, 0));
  }
  const cpu = process.cpuUsage(cpuStart);
  const mean = km.reduce((a, b) => a + b, 0) / km.length;
  return {
    moves,
    km,
    meanKm: mean,
    wallSeconds: wall / seeds.length / 1000,
    cpuSeconds: (cpu.user + cpu.system) / seeds.length / 1e6,
  };
});

const best = Math.min(...rows.map((r) => r.meanKm));
console.log('moves/outlet  km per seed                          mean km   vs best  wall s/plan  cpu s/plan');
for (const r of rows) {
  console.log(
    `${String(r.moves).padEnd(12)}  ${r.km
      .map((k) => k.toFixed(1))
      .join(' / ')
      .padEnd(
        35,
      )}  ${r.meanKm.toFixed(1).padStart(7)}  ${`+${((r.meanKm / best - 1) * 100).toFixed(2)}%`.padStart(7)}  ${r.wallSeconds.toFixed(2).padStart(11)}  ${r.cpuSeconds.toFixed(2).padStart(10)}`,
  );
}
console.log(`RESULT ${JSON.stringify({ bench: 'daySearch', seeds, rows })}`);
