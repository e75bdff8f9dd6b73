/**
 * Visit-cycle benchmark (issue #4): `npm run bench:cycle [-- --quick] [-- --policy '<json>']`.
 *
 * Plans the sample region (1,399 outlets / 12 reps, generator seed 42) and a generated city of
 * 50,000 outlets / 400 reps with DEFAULT_POLICY (plus an optional JSON policy override layered on
 * top) through planRegion, and prints per scenario: total km, km per visit, day balance (max/mean
 * day minutes per rep: worst rep and mean over reps), over-budget days and minutes, window
 * violations, wall time of the whole plan and of the cycle stage, and peak RSS (each scenario in
 * its own child process).
 * The sample scenario is followed by a 2% churn rebuild (1% new outlets, 1% closed) that reports
 * the share of unchanged outlets whose visit weekdays changed.
 * The last line is `RESULT {json}`.
 */
import { churnOutlets } from '../src/domain/generate/churnOutlets.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summarizeRepDays } from '../src/domain/cycle/summarizeRepDays.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { planRegion } from '../src/domain/pipeline/planRegion.js';
import type { Plan, PlanMode } from '../src/domain/plan/planTypes.js';
import type { Policy } from '../src/domain/policy/policySchema.js';
import { resolvePolicy } from '../src/domain/policy/resolvePolicy.js';
import type { Outlet, RegionInput } from '../src/domain/types.js';

interface Scenario {
  name: string;
  outlets: number;
  reps: number;
  seed: number;
  churn: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'sample-1399x12', outlets: 1399, reps: 12, seed: 42, churn: true },
  { name: 'city-50000x400', outlets: 50_000, reps: 400, seed: 11, churn: false },
];

interface ScenarioFigures {
  scenario: string;
  reps: number;
  visits: number;
  totalKm: number;
  kmPerVisit: number;
  worstDayBalance: number;
  worstDayBalanceRep: string;
  meanDayBalance: number;
  repsAboveBalance110: number;
  overBudgetDays: number;
  overBudgetMinutes: number;
  repsOverBudget: string[];
  windowViolations: number;
  windowViolationMinutes: number;
  planSeconds: number;
  cycleSeconds: number;
  peakRssMb: number;
  churn: {
    unchangedOutlets: number;
    weekdayChanged: number;
    share: number;
    reasons: Record<string, number>;
  } | null;
}

function regionInput(name: string, outlets: Outlet[], reps: RegionInput['reps']): RegionInput {
  return { name, outlets, reps, quarantine: [], policyOverrides: null, inputHash: `bench-${name}` };
}

/** planRegion with the wall time of its cycle stage (from the stage's first progress call to summary). */
function plan(
  region: RegionInput,
  policy: Policy,
  previous: Plan | null,
  mode: PlanMode,
): { plan: Plan; cycleMs: number } {
  let cycleStart = 0;
  let cycleMs = 0;
  const result = planRegion({
    region,
    policy,
    previous,
    mode,
    now: new Date(0),
    seed: 1,
    onProgress: (stage) => {
      if (stage === 'cycle' && cycleStart === 0) cycleStart = performance.now();
      if (stage === 'summary' && cycleStart > 0 && cycleMs === 0) cycleMs = performance.now() - cycleStart;
    },
  });
  return { plan: result, cycleMs };
}

/** The 2% churn every benchmark uses (churnOutlets.ts). */
function churned(outlets: readonly Outlet[], seed: number): Outlet[] {
  return churnOutlets(outlets, 0.02, seed);
}

function runScenario(scenario: Scenario, policy: Policy): ScenarioFigures {
  const generated = generateRegion({ outlets: scenario.outlets, reps: scenario.reps, seed: scenario.seed });
  const region = regionInput(scenario.name, generated.outlets, generated.reps);
  const start = performance.now();
  const { plan: result, cycleMs } = plan(region, policy, null, 'fresh');
  const planSeconds = (performance.now() - start) / 1000;
  let visits = 0;
  let totalKm = 0;
  let worst = 0;
  let worstRep = '';
  let balanceSum = 0;
  let balanced = 0;
  let above = 0;
  let overDays = 0;
  let overMinutes = 0;
  let late = 0;
  let lateMinutes = 0;
  const repsOver: string[] = [];
  for (const rep of result.reps) {
    const s = summarizeRepDays(rep.days ?? []);
    visits += s.visits;
    totalKm += s.totalKm;
    if (s.workingDays > 0) {
      balanceSum += s.dayBalance;
      balanced++;
      if (s.dayBalance > 1.1) above++;
      if (s.dayBalance > worst) {
        worst = s.dayBalance;
        worstRep = `${rep.id} (${rep.tier})`;
      }
    }
    overDays += s.overBudgetDays;
    overMinutes += s.overBudgetMinutes;
    if (s.overBudgetDays > 0)
      repsOver.push(`${rep.id} (${rep.tier}): ${s.overBudgetDays} d / ${s.overBudgetMinutes} min`);
    late += s.windowViolations;
    lateMinutes += s.windowViolationMinutes;
  }
  let churn: ScenarioFigures['churn'] = null;
  if (scenario.churn) {
    const changedRegion = regionInput(
      scenario.name,
      churned(generated.outlets, scenario.seed + 1),
      generated.reps,
    );
    const rebuild = plan(changedRegion, policy, result, 'rebuild').plan;
    const before = new Map(result.outlets.map((o) => [o.id, o.pattern?.weekdays.join('/') ?? '']));
    let unchanged = 0;
    let changed = 0;
    const reasons: Record<string, number> = {};
    const changeReason = new Map(rebuild.dayChanges.map((c) => [c.outletId, c.reason]));
    for (const outlet of rebuild.outlets) {
      const was = before.get(outlet.id);
      if (was === undefined) continue;
      unchanged++;
      if (was !== (outlet.pattern?.weekdays.join('/') ?? '')) {
        changed++;
        const reason = changeReason.get(outlet.id) ?? 'unreported';
        reasons[reason] = (reasons[reason] ?? 0) + 1;
      }
    }
    churn = {
      unchangedOutlets: unchanged,
      weekdayChanged: changed,
      share: changed / Math.max(1, unchanged),
      reasons,
    };
  }
  return {
    scenario: scenario.name,
    reps: result.reps.length,
    visits,
    totalKm: Math.round(totalKm),
    kmPerVisit: totalKm / Math.max(1, visits),
    worstDayBalance: worst,
    worstDayBalanceRep: worstRep,
    meanDayBalance: balanceSum / Math.max(1, balanced),
    repsAboveBalance110: above,
    overBudgetDays: overDays,
    overBudgetMinutes: overMinutes,
    repsOverBudget: repsOver,
    windowViolations: late,
    windowViolationMinutes: lateMinutes,
    planSeconds,
    cycleSeconds: cycleMs / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    churn,
  };
}

const fmt = (value: number, digits = 3): string => value.toFixed(digits);

function main(): void {
  const args = process.argv.slice(2);
  const policyAt = args.indexOf('--policy');
  const policyJson = policyAt >= 0 ? (args[policyAt + 1] ?? 'null') : 'null';
  const policy = resolvePolicy([{ source: '--policy', overrides: JSON.parse(policyJson) as unknown }]);
  const only = args.indexOf('--scenario');
  if (only >= 0) {
    const scenario = SCENARIOS.find((s) => s.name === args[only + 1]);
    if (!scenario) throw new Error(`unknown scenario ${args[only + 1]}`);
    console.log(`SCENARIO ${JSON.stringify(runScenario(scenario, policy))}`);
    return;
  }
  const scenarios = args.includes('--quick') ? SCENARIOS.slice(0, 1) : SCENARIOS;
  const figures: ScenarioFigures[] = [];
  for (const scenario of scenarios) {
    process.stderr.write(`running ${scenario.name} ...\n`);
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--scenario',
        scenario.name,
        '--policy',
        policyJson,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = child.stdout.split('\n').find((l) => l.startsWith('SCENARIO '));
    if (child.status !== 0 || !line)
      throw new Error(`scenario ${scenario.name} failed (exit ${child.status})`);
    figures.push(JSON.parse(line.slice('SCENARIO '.length)) as ScenarioFigures);
  }

  console.log(
    `\nVisit cycle: fresh plan, policy = DEFAULT_POLICY${policyAt >= 0 ? ` + ${policyJson}` : ''}\n`,
  );
  const headers = [
    'scenario',
    'visits',
    'total km',
    'km/visit',
    'balance worst',
    'balance mean',
    'reps >1.10',
    'over-budget days (min)',
    'window viol. (min)',
    'plan s',
    'cycle s',
    'peak RSS MB',
  ];
  const rows = figures.map((f) => [
    f.scenario,
    String(f.visits),
    String(f.totalKm),
    fmt(f.kmPerVisit, 2),
    `${fmt(f.worstDayBalance)} ${f.worstDayBalanceRep}`,
    fmt(f.meanDayBalance),
    String(f.repsAboveBalance110),
    `${f.overBudgetDays} (${f.overBudgetMinutes})`,
    `${f.windowViolations} (${f.windowViolationMinutes})`,
    fmt(f.planSeconds, 2),
    fmt(f.cycleSeconds, 2),
    fmt(f.peakRssMb, 0),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const f of figures) {
    if (f.repsOverBudget.length > 0) {
      console.log(`${f.scenario}: reps over budget: ${f.repsOverBudget.slice(0, 10).join('; ')}`);
    }
    if (f.churn) {
      console.log(
        `${f.scenario}: 2% churn rebuild: ${f.churn.weekdayChanged} of ${f.churn.unchangedOutlets} unchanged outlets changed weekday (${fmt(f.churn.share * 100, 2)}%); reasons ${JSON.stringify(f.churn.reasons)}`,
      );
    }
  }
  console.log(
    `RESULT ${JSON.stringify({ bench: 'cycle', policy: JSON.parse(policyJson) as unknown, scenarios: figures })}`,
  );
}

main();
