/**
 * Rebuild benchmark (issue 15 item 3): `npm run bench:rebuild -- --outlets 50000 [--churn 0.02]`.
 *
 * Writes a generated city (generateRegion, seed 11, reps = N / 125 as bench:scale) as CSV files
 * into a temporary region folder and runs runPlan on it, each step in its own child process (so
 * peak RSS figures do not mix), publishing to a temporary output folder:
 *   1. first plan (a rebuild without previous plan),
 *   2. forced rebuild of the same inputs (the nightly state: previous patterns settle),
 *   3. rebuild of unchanged inputs (skipped from the hashes),
 *   4. rebuild after churn (`--churn` share, half closed, half new; churnOutlets) with cycle reuse,
 *   5. the same churn rebuild with `reuseCycles: false` from the same previous version (a copy).
 * Per step it prints wall and CPU seconds of runPlan (publish included), peak RSS, and the reps
 * reused / planned. The last line is `RESULT {json}`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runPlan } from '../src/app/runPlan.js';
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
}

async function runStep(step: Step, regionDir: string, outDir: string): Promise<StepFigures> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const hour = STEPS.indexOf(step);
  const result = await runPlan({
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
  };
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
      const cycles = f.reused === null ? '' : `, reps reused ${f.reused} / planned ${f.planned}`;
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
