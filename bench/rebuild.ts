/**
 * Rebuild benchmark (issue 15 item 3): `npm run bench:rebuild -- --outlets 50000 [--churn 0.02]
 * [--steps first,forced,skipped,churn,churn-replan-all]` (default all; the first must be `first`).
 *
 * Writes a generated city (generateRegion, seed 11, reps = N / 125 as bench:scale) as CSV files
 * into a temporary region folder and runs runPlan on it, each step in its own child process (so
 * peak RSS figures do not mix), publishing to a temporary output folder:
 *   1. first plan (a rebuild without previous plan),
 *   2. forced rebuild of the same inputs (the nightly state: previous patterns settle),
 *   3. rebuild of unchanged inputs (skipped from the hashes),
 *   4. rebuild after churn (`--churn` share, half closed, half new; churnOutlets) with cycle reuse,
 *   5. the same churn rebuild with `reuseCycles: false` from the same previous version (a copy).
 * Per step it prints wall and CPU seconds of runPlan (publish included), user CPU of the whole
 * step and of its cycle stage, peak RSS, the reps reused / planned / planned incrementally, and
 * the published plan's travel minutes, over-budget minutes, late visits and weekday changes. The
 * last line is `RESULT {json}`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runPlan } from '../src/app/runPlan.js';
import type { Plan } from '../src/domain/plan/planTypes.js';
import { churnOutlets } from '../src/domain/generate/churnOutlets.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../src/domain/generate/renderRegionCsv.js';

const STEPS = ['first', 'forced', 'skipped', 'churn', 'churn-replan-all'] as const;
type Step = (typeof STEPS)[number];

interface StepFigures {
  step: Step;
  status: string;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  reused: number | null;
  planned: number | null;
  incremental: number | null;
  userCpuSeconds: number;
  /** User CPU from the start of the cycle stage to the start of the summary stage. */
  cycleUserCpuSeconds: number | null;
  travelMinutes: number | null;
  overBudgetMinutes: number | null;
  lateVisits: number | null;
  lateMinutes: number | null;
  dayChanges: number | null;
}

async function runStep(step: Step, regionDir: string, outDir: string): Promise<StepFigures> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const hour = STEPS.indexOf(step);
  let cycleStart: number | null = null;
  let cycleEnd: number | null = null;
  const result = await runPlan({
    onProgress: (stage) => {
      if (stage === 'cycle' && cycleStart === null) cycleStart = process.cpuUsage().user;
      if (stage === 'summary' && cycleEnd === null) cycleEnd = process.cpuUsage().user;
    },
    regionDir,
    outDir,
    mode: 'rebuild',
    force: step === 'forced',
    publish: true,
    now: new Date(Date.UTC(2026, 11, 7, step === 'churn-replan-all' ? STEPS.indexOf('churn') : hour)),
    reuseCycles: step !== 'churn-replan-all',
  });
  const usage = process.cpuUsage(cpu);
  return {
    step,
    status: result.status,
    wallSeconds: (performance.now() - start) / 1000,
    cpuSeconds: (usage.user + usage.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    reused: result.cycles?.reused ?? null,
    planned: result.cycles?.planned ?? null,
    incremental: result.cycles?.incremental ?? null,
    userCpuSeconds: usage.user / 1e6,
    cycleUserCpuSeconds: cycleStart !== null && cycleEnd !== null ? (cycleEnd - cycleStart) / 1e6 : null,
    ...planQuality(result.plan),
  };
}

/** Travel, over-budget and late minutes, late visits and weekday changes of a plan (null: skipped). */
function planQuality(
  plan: Plan | undefined,
): Pick<StepFigures, 'travelMinutes' | 'overBudgetMinutes' | 'lateVisits' | 'lateMinutes' | 'dayChanges'> {
  if (!plan)
    return {
      travelMinutes: null,
      overBudgetMinutes: null,
      lateVisits: null,
      lateMinutes: null,
      dayChanges: null,
    };
  let travelMinutes = 0;
  let overBudgetMinutes = 0;
  let lateVisits = 0;
  let lateMinutes = 0;
  for (const rep of plan.reps) {
    for (const day of rep.days ?? []) {
      travelMinutes += day.travelMinutes;
      overBudgetMinutes += day.overBudgetMinutes;
      for (const stop of day.stops) {
        if ((stop.windowViolationMinutes ?? 0) > 0) lateVisits++;
        lateMinutes += stop.windowViolationMinutes ?? 0;
      }
    }
  }
  return { travelMinutes, overBudgetMinutes, lateVisits, lateMinutes, dayChanges: plan.dayChanges.length };
}

function child(step: Step, regionDir: string, outDir: string): StepFigures {
  const run = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--child',
      step,
      '--region',
      regionDir,
      '--out',
      outDir,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('CHILD '));
  if (run.status !== 0 || !line) throw new Error(`step ${step} failed (exit ${run.status})`);
  return JSON.parse(line.slice('CHILD '.length)) as StepFigures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      outlets: { type: 'string', default: '50000' },
      churn: { type: 'string', default: '0.02' },
      steps: { type: 'string', default: STEPS.join(',') },
      child: { type: 'string' },
      region: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.child) {
    const figures = await runStep(values.child as Step, values.region ?? '', values.out ?? '');
    console.log(`CHILD ${JSON.stringify(figures)}`);
    return;
  }
  const outlets = Number(values.outlets);
  const churn = Number(values.churn);
  const steps = values.steps.split(',').map((step) => step.trim());
  for (const step of steps)
    if (!(STEPS as readonly string[]).includes(step))
      throw new Error(`--steps: unknown step ${step} (${STEPS.join(', ')})`);
  if (steps[0] !== 'first') throw new Error('--steps: the first step must be first');
  const reps = Math.max(4, Math.round(outlets / 125));
  const root = mkdtempSync(join(tmpdir(), 'tw-bench-rebuild-'));
  try {
    const regionDir = join(root, `rebuild-${outlets}`);
    mkdirSync(regionDir);
    const generated = generateRegion({ outlets, reps, seed: 11, name: `rebuild-${outlets}` });
    writeFileSync(join(regionDir, 'outlets.csv'), renderOutletsCsv(generated.outlets));
    writeFileSync(join(regionDir, 'reps.csv'), renderRepsCsv(generated.reps));
    const outDir = join(root, 'out');
    const figures: StepFigures[] = [];
    for (const step of STEPS) {
      if (!steps.includes(step)) continue;
      if (step === 'churn') {
        writeFileSync(
          join(regionDir, 'outlets.csv'),
          renderOutletsCsv(churnOutlets(generated.outlets, churn, 7)),
        );
        cpSync(outDir, join(root, 'out-replan'), { recursive: true });
      }
      process.stderr.write(`${outlets} outlets / ${reps} reps: ${step} ...\n`);
      const done = child(step, regionDir, step === 'churn-replan-all' ? join(root, 'out-replan') : outDir);
      process.stderr.write(`  ${JSON.stringify(done)}\n`);
      figures.push(done);
    }
    const first = figures[0] as StepFigures;
    console.log(
      `\nRebuild: ${outlets} outlets / ${reps} reps, churn ${churn * 100}%, DEFAULT_POLICY, runPlan with publish`,
    );
    for (const f of figures) {
      const share = ((100 * f.wallSeconds) / first.wallSeconds).toFixed(0);
      const cycles =
        f.reused === null
          ? ''
          : `, reps reused ${f.reused} / planned ${f.planned} (incrementally ${f.incremental}); user CPU ${f.userCpuSeconds.toFixed(2)} s, cycle stage ${f.cycleUserCpuSeconds?.toFixed(2)} s; travel ${f.travelMinutes} min, over budget ${f.overBudgetMinutes} min, late ${f.lateVisits} visits / ${f.lateMinutes} min, weekday changes ${f.dayChanges}`;
      console.log(
        `${f.step.padEnd(17)} ${f.status.padEnd(9)} wall ${f.wallSeconds.toFixed(2)} s (${share}% of first) CPU ${f.cpuSeconds.toFixed(2)} s, peak RSS ${f.peakRssMb.toFixed(0)} MiB${cycles}`,
      );
    }
    console.log(`RESULT ${JSON.stringify({ bench: 'rebuild', outlets, reps, churn, steps: figures })}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
