/**
 * Escort stage benchmark (issue 12): `npm run bench:escorts -- [--runs R] [--city N]`.
 *
 * Plans the bundled sample region (data/regions/kuiwen-sample, seed 1, its own policy and
 * supervisors.csv) and a generated city of N outlets (default 50,000; generateRegion seed 11 and
 * N / 125 reps as bench/scale.ts) once each without supervisors, then times the escort stage alone
 * (planEscorts, which assemblePlan runs last when the region has supervisors) R times (default 3)
 * on that plan and prints the median wall seconds: the time supervisors add to a plan. The city
 * gets the sample's escort policy (large outlets: market manager every 2 weeks, department head
 * every 4 weeks) and synthetic supervisors: one market manager per 4 reps of pool A and one
 * department head per 50 reps, homes at their first rep's. Prints joint visits, unmet escorts and
 * the longest field day too. The last line is `RESULT {json}`.
 */
import { performance } from 'node:perf_hooks';
import { planEscorts } from '../src/domain/escorts/planEscorts.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { planRegion } from '../src/domain/pipeline/planRegion.js';
import type { Plan } from '../src/domain/plan/planTypes.js';
import type { Policy } from '../src/domain/policy/policySchema.js';
import { resolvePolicy } from '../src/domain/policy/resolvePolicy.js';
import type { RegionInput, Supervisor } from '../src/domain/types.js';
import { loadRegion } from '../src/io/region/loadRegion.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option('--runs', 3);
const cityOutlets = option('--city', 50_000);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(name: string, region: RegionInput, policy: Policy, supervisors: Supervisor[]) {
  const started = performance.now();
  const plan: Plan = planRegion({
    region: { ...region, supervisors: undefined },
    policy,
    previous: null,
    mode: 'fresh',
    now: new Date(0),
    seed: 1,
  });
  const planSeconds = (performance.now() - started) / 1000;
  const seconds: number[] = [];
  let result: Plan = plan;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    result = planEscorts({ plan, supervisors, policy, previous: null });
    seconds.push((performance.now() - t) / 1000);
  }
  const escorts = result.outlets.flatMap((o) => o.escorts ?? []);
  const figures = {
    name,
    outlets: plan.outlets.length,
    reps: plan.reps.length,
    supervisors: supervisors.length,
    planSeconds: Math.round(planSeconds * 100) / 100,
    escortSecondsMedian: Math.round(median(seconds) * 1000) / 1000,
    escortSeconds: seconds.map((s) => Math.round(s * 1000) / 1000),
    escorts: escorts.length,
    unmet: escorts.filter((e) => e.supervisorId === null).length,
    jointVisits: (result.supervisors ?? []).reduce(
      (n, s) => n + s.days.reduce((m, d) => m + d.stops.length, 0),
      0,
    ),
    maxFieldMinutes: Math.max(
      0,
      ...(result.supervisors ?? []).flatMap((s) => s.days.map((d) => d.fieldMinutes)),
    ),
  };
  console.log(JSON.stringify(figures));
  return figures;
}

const sample = await loadRegion('data/regions/kuiwen-sample');
const results = [measure('kuiwen-sample', sample.region, sample.policy, sample.region.supervisors ?? [])];

const city = generateRegion({
  outlets: cityOutlets,
  reps: Math.max(4, Math.round(cityOutlets / 125)),
  seed: 11,
});
const cityPolicy = resolvePolicy([{ source: 'bench', overrides: sample.region.policyOverrides }]);
const aReps = city.reps.filter((r) => r.tier === 'A');
const supervisors: Supervisor[] = [];
const supervisor = (
  id: string,
  role: string,
  reps: string[],
  home: { homeLon: number; homeLat: number },
): Supervisor => ({
  id,
  name: id,
  role,
  homeLon: home.homeLon,
  homeLat: home.homeLat,
  workingDays: null,
  dailyMinutes: null,
  dayStart: 420,
  reps,
  line: supervisors.length + 2,
});
for (let i = 0; i < aReps.length; i += 4) {
  const group = aReps.slice(i, i + 4);
  supervisors.push(
    supervisor(
      `M${i / 4 + 1}`,
      'market-manager',
      group.map((r) => r.id),
      group[0]!,
    ),
  );
}
for (let i = 0; i < city.reps.length; i += 50) {
  const group = city.reps.slice(i, i + 50);
  supervisors.push(
    supervisor(
      `H${i / 50 + 1}`,
      'department-head',
      group.map((r) => r.id),
      group[0]!,
    ),
  );
}
const cityRegion: RegionInput = {
  name: 'city',
  outlets: city.outlets,
  reps: city.reps,
  quarantine: [],
  policyOverrides: null,
  inputHash: 'city',
};
results.push(measure(`city-${cityOutlets}`, cityRegion, cityPolicy, supervisors));
console.log(`RESULT ${JSON.stringify(results)}`);
