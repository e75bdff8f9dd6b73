/**
 * Scale benchmark (issue 15): `npm run bench:scale -- --sizes 1399,10000,50000 [--territories-only]
 * [--runs R]`.
 *
 * For every size N it generates a city (generateRegion, seed 11, reps = max(4, round(N / 125)),
 * as `territory generate --outlets N --reps N/125 --seed 11` does) and plans it fresh in memory in
 * its own child process, so peak RSS figures do not mix. Per run it prints:
 *   - wall and CPU (user + system) seconds of the plan, and of the whole child process,
 *   - peak RSS of the child process (generation included),
 *   - per-stage wall seconds of planRegion, measured from its onProgress marks as bench/cycle.ts
 *     does: `segment` is preparePlan (segment and pool stages together, so `pool` is about 0),
 *     `territories` is every pool's territory draw (multi-start included), `cycle` every rep's
 *     visit cycle, `summary` assemblePlan.
 * `--territories-only` stops after the territories stage (preparePlan, then choosePoolTerritories
 * per pool exactly as planRegion calls it) and prints each pool's outlets, reps, seconds and
 * balance (smallest and largest load / target over its reps): the figure of issue 15 item 0 at
 * sizes where a full plan is too slow. No artifacts are rendered or published (that is
 * `territory plan`'s work, not planRegion's) unless `--publish` is given: then the plan is also
 * published with publishVersion (gate, every artifact, manifest) into a throwaway folder, and the
 * run prints the publish wall seconds and the version's bytes per file kind (peak RSS then covers
 * the publish too). With `--runs R` each size runs R times (R child processes) and the table shows
 * medians. The last line is `RESULT {json}`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { choosePoolTerritories } from '../src/domain/pipeline/planPool.js';
import { planRegion, preparePlan, type PlanStage } from '../src/domain/pipeline/planRegion.js';
import { DEFAULT_POLICY } from '../src/domain/policy/defaultPolicy.js';
import type { RegionInput } from '../src/domain/types.js';
import type { Plan } from '../src/domain/plan/planTypes.js';
import type { Manifest } from '../src/io/publish/manifest.js';
import { publishVersion } from '../src/io/publish/publishVersion.js';

const GENERATOR_SEED = 11;

interface PoolFigures {
  pool: string;
  outlets: number;
  reps: number;
  seconds: number;
  /** Largest and smallest load / target over the pool's reps. */
  balanceMax: number;
  balanceMin: number;
}

interface RunFigures {
  outlets: number;
  reps: number;
  mode: 'full' | 'territories-only';
  generateSeconds: number;
  planWallSeconds: number;
  planCpuSeconds: number;
  processWallSeconds: number;
  processCpuSeconds: number;
  peakRssMb: number;
  /** Wall seconds per planRegion stage (territories only: segment and territories). */
  stages: Partial<Record<PlanStage, number>>;
  pools: PoolFigures[];
  /** With --publish: publish wall seconds and the version's bytes per file kind. */
  publish?: PublishFigures;
}

interface PublishFigures {
  seconds: number;
  /** Bytes per file kind (plan.json, routes.geojson, map html, rep sheets, other) and total. */
  bytes: Record<string, number>;
}

/** The file kind a version's file is counted under in the publish figures. */
function fileKind(path: string): string {
  if (path.startsWith('reps/')) return 'reps/*.csv';
  if (path.endsWith('.html')) return 'map html';
  if (path === 'plan.json' || path.startsWith('plan/')) return 'plan';
  if (path === 'routes.geojson') return 'routes.geojson';
  return 'other';
}

/** Publishes the plan into a throwaway folder and returns its time and bytes per file kind. */
async function publishFigures(plan: Plan): Promise<PublishFigures> {
  const out = await mkdtemp(join(tmpdir(), 'bench-scale-'));
  try {
    const start = performance.now();
    const published = await publishVersion({
      regionOutDir: out,
      plan,
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 'bench-scale',
    });
    const seconds = (performance.now() - start) / 1000;
    const manifest = JSON.parse(await readFile(join(published.dir, 'manifest.json'), 'utf8')) as Manifest;
    const bytes: Record<string, number> = { total: 0 };
    for (const file of manifest.files) {
      const kind = fileKind(file.path);
      bytes[kind] = (bytes[kind] ?? 0) + file.size;
      bytes.total = (bytes.total ?? 0) + file.size;
    }
    return { seconds, bytes };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** reps = N / 125 as in issue 15's measurements, at least one per tier. */
export function repsFor(outlets: number): number {
  return Math.max(4, Math.round(outlets / 125));
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

/** Stage durations from the times each stage was first reported, the last one ending at `end`. */
function stageDurations(
  marks: ReadonlyArray<[PlanStage, number]>,
  end: number,
): Partial<Record<PlanStage, number>> {
  const stages: Partial<Record<PlanStage, number>> = {};
  marks.forEach(([stage, at], idx) => {
    const next = idx + 1 < marks.length ? (marks[idx + 1] as [PlanStage, number])[1] : end;
    stages[stage] = (next - at) / 1000;
  });
  return stages;
}

async function runChild(outlets: number, territoriesOnly: boolean, publish: boolean): Promise<RunFigures> {
  const processStart = performance.now();
  const reps = repsFor(outlets);
  const generated = generateRegion({ outlets, reps, seed: GENERATOR_SEED });
  const generateSeconds = (performance.now() - processStart) / 1000;
  const region: RegionInput = {
    name: `scale-${outlets}`,
    outlets: generated.outlets,
    reps: generated.reps,
    quarantine: [],
    policyOverrides: null,
    // A sha256 as a real input hash is, so the published files pass the gate's schemas.
    inputHash: createHash('sha256').update(`bench-scale-${outlets}`).digest('hex'),
  };
  const context = { region, policy: DEFAULT_POLICY, previous: null, mode: 'fresh' as const, seed: 1 };
  const cpuStart = process.cpuUsage();
  const planStart = performance.now();
  const marks: Array<[PlanStage, number]> = [];
  const pools: PoolFigures[] = [];
  if (territoriesOnly) {
    marks.push(['segment', performance.now()]);
    const prepared = preparePlan(context);
    marks.push(['territories', performance.now()]);
    for (const pool of prepared.pools) {
      const start = performance.now();
      const { territories } = choosePoolTerritories(prepared, pool.id, context);
      const seconds = (performance.now() - start) / 1000;
      const poolOutlets = prepared.outlets.filter((o) => o.pool === pool.id).length;
      let balanceMax = 0;
      let balanceMin = Infinity;
      for (const [, t] of territories.territories) {
        if (t.targetMinutes <= 0) continue;
        balanceMax = Math.max(balanceMax, t.loadMinutes / t.targetMinutes);
        balanceMin = Math.min(balanceMin, t.loadMinutes / t.targetMinutes);
      }
      pools.push({
        pool: pool.id,
        outlets: poolOutlets,
        reps: pool.repIds.length,
        seconds,
        balanceMax,
        balanceMin,
      });
    }
  }
  const plan = territoriesOnly
    ? null
    : planRegion({
        ...context,
        now: new Date(0),
        onProgress: (stage) => {
          if (!marks.some(([s]) => s === stage)) marks.push([stage, performance.now()]);
        },
      });
  const end = performance.now();
  const planCpuSeconds = cpuSeconds(process.cpuUsage(cpuStart));
  const published = plan && publish ? await publishFigures(plan) : undefined;
  const usage = process.resourceUsage();
  return {
    outlets,
    reps,
    mode: territoriesOnly ? 'territories-only' : 'full',
    generateSeconds,
    planWallSeconds: (end - planStart) / 1000,
    planCpuSeconds,
    processWallSeconds: (performance.now() - processStart) / 1000,
    processCpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMb: usage.maxRSS / 1024,
    stages: stageDurations(marks, end),
    pools,
    ...(published ? { publish: published } : {}),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function parseSizes(args: readonly string[]): number[] {
  const at = args.indexOf('--sizes');
  const text = at >= 0 ? args[at + 1] : '1399,10000,50000';
  const sizes = (text ?? '').split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 4))
    throw new Error(`--sizes wants a comma-separated list of outlet counts >= 4, got ${text}`);
  return sizes;
}

function printTable(runs: RunFigures[][]): void {
  const stageNames: PlanStage[] = ['segment', 'territories', 'cycle', 'summary'];
  const headers = [
    'outlets',
    'reps',
    'runs',
    'plan wall s',
    'plan CPU s',
    ...stageNames.map((s) => `${s} s`),
  ];
  headers.push('process wall s', 'peak RSS MiB');
  const fmt = (v: number | undefined, digits = 2): string => (v === undefined ? '-' : v.toFixed(digits));
  const med = (group: RunFigures[], pick: (r: RunFigures) => number | undefined): number | undefined => {
    const values = group.map(pick).filter((v): v is number => v !== undefined);
    return values.length === 0 ? undefined : median(values);
  };
  const rows = runs.map((group) => {
    const first = group[0] as RunFigures;
    return [
      String(first.outlets),
      String(first.reps),
      String(group.length),
      fmt(med(group, (r) => r.planWallSeconds)),
      fmt(med(group, (r) => r.planCpuSeconds)),
      ...stageNames.map((s) => fmt(med(group, (r) => r.stages[s]))),
      fmt(med(group, (r) => r.processWallSeconds)),
      fmt(
        med(group, (r) => r.peakRssMb),
        0,
      ),
    ];
  });
  const widths = headers.map((h, c) => rows.reduce((w, row) => Math.max(w, (row[c] ?? '').length), h.length));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const group of runs) {
    const first = group[0] as RunFigures;
    if (!first.publish) continue;
    const kinds = Object.keys(first.publish.bytes);
    const mib = (kind: string): string =>
      (median(group.map((r) => r.publish?.bytes[kind] ?? 0)) / 2 ** 20).toFixed(1);
    console.log(
      `${first.outlets}: publish ${median(group.map((r) => r.publish?.seconds ?? 0)).toFixed(2)} s; MiB ${kinds.map((k) => `${k} ${mib(k)}`).join(', ')}`,
    );
  }
  for (const group of runs) {
    const first = group[0] as RunFigures;
    if (first.pools.length === 0) continue;
    const pools = first.pools.map((p) => {
      const seconds = median(group.map((r) => r.pools.find((q) => q.pool === p.pool)?.seconds ?? 0));
      return `${p.pool} ${p.outlets}/${p.reps} ${seconds.toFixed(2)} s (balance ${p.balanceMin.toFixed(3)}-${p.balanceMax.toFixed(3)})`;
    });
    console.log(
      `${first.outlets}: territories per pool (outlets/reps, median s, load/target range): ${pools.join('; ')}`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const territoriesOnly = args.includes('--territories-only');
  const publish = args.includes('--publish');
  const childAt = args.indexOf('--child');
  if (childAt >= 0) {
    const figures = await runChild(Number(args[childAt + 1]), territoriesOnly, publish);
    console.log(`CHILD ${JSON.stringify(figures)}`);
    return;
  }
  const runsAt = args.indexOf('--runs');
  const runCount = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1])) : 1;
  const all: RunFigures[][] = [];
  for (const size of parseSizes(args)) {
    const group: RunFigures[] = [];
    for (let run = 0; run < runCount; run++) {
      process.stderr.write(`${size} outlets / ${repsFor(size)} reps, run ${run + 1} of ${runCount} ...\n`);
      const child = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          fileURLToPath(import.meta.url),
          '--child',
          String(size),
          ...(territoriesOnly ? ['--territories-only'] : []),
          ...(publish ? ['--publish'] : []),
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const line = child.stdout.split('\n').find((l) => l.startsWith('CHILD '));
      if (child.status !== 0 || !line) throw new Error(`size ${size} failed (exit ${child.status})`);
      const figures = JSON.parse(line.slice('CHILD '.length)) as RunFigures;
      process.stderr.write(
        `  plan ${figures.planWallSeconds.toFixed(2)} s wall, stages ${JSON.stringify(figures.stages)}, ${figures.peakRssMb.toFixed(0)} MiB\n`,
      );
      group.push(figures);
    }
    all.push(group);
  }
  console.log(
    `\nScale: generated cities (seed ${GENERATOR_SEED}, reps = N/125), fresh plan, DEFAULT_POLICY${territoriesOnly ? ', territories stage only' : ''}\n`,
  );
  printTable(all);
  console.log(`RESULT ${JSON.stringify({ bench: 'scale', territoriesOnly, runs: all })}`);
}

await main();
