/**
 * Re-segmentation stability benchmark: `npm run bench:stability [-- --outlets 1399 --reps 12]`.
 *
 * On a generated region (default: the sample's 1,399 outlets / 12 reps, seed 42) it makes a fresh
 * plan, then re-segments (1) on identical input, (2) once more on identical input, and (3) after
 * a 2% churn (1% closed, 1% new), and reports for each: outlets that changed rep and outlets whose
 * weekdays changed (both as shares of the outlets present in both plans), and the change in total
 * km and minutes per cycle. Re-segmenting identical input should change (almost) nothing.
 * The last line is `RESULT {json}`.
 */
import { churnOutlets } from '../src/domain/generate/churnOutlets.js';
import { parseArgs } from 'node:util';
import { summarizeRepDays } from '../src/domain/cycle/summarizeRepDays.js';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { planRegion } from '../src/domain/pipeline/planRegion.js';
import type { Plan, PlanMode } from '../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../src/domain/policy/defaultPolicy.js';
import type { Outlet, RegionInput } from '../src/domain/types.js';

function plan(region: RegionInput, previous: Plan | null, mode: PlanMode): Plan {
  return planRegion({ region, policy: DEFAULT_POLICY, previous, mode, now: new Date(0), seed: 1 });
}

/** The 2% churn every benchmark uses (churnOutlets.ts). */
function churned(outlets: readonly Outlet[], seed: number): Outlet[] {
  return churnOutlets(outlets, 0.02, seed);
}

function totals(p: Plan): { km: number; minutes: number } {
  let km = 0;
  let minutes = 0;
  for (const rep of p.reps) {
    const s = summarizeRepDays(rep.days ?? []);
    km += s.totalKm;
    for (const day of rep.days ?? []) minutes += day.totalMinutes;
  }
  return { km, minutes };
}

function compare(before: Plan, after: Plan): Record<string, number> {
  const old = new Map(before.outlets.map((o) => [o.id, o]));
  let common = 0;
  let repChanged = 0;
  let weekdayChanged = 0;
  for (const o of after.outlets) {
    const b = old.get(o.id);
    if (!b) continue;
    common++;
    if (b.repId !== o.repId) repChanged++;
    const days = (p: typeof o): string => [...(p.pattern?.weekdays ?? [])].sort().join(',');
    if (days(b) !== days(o)) weekdayChanged++;
  }
  const t0 = totals(before);
  const t1 = totals(after);
  return {
    common,
    repChanged,
    repChangedShare: repChanged / Math.max(1, common),
    weekdayChanged,
    weekdayChangedShare: weekdayChanged / Math.max(1, common),
    kmDelta: t1.km - t0.km,
    minutesDelta: t1.minutes - t0.minutes,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: { outlets: { type: 'string', default: '1399' }, reps: { type: 'string', default: '12' } },
  });
  const generated = generateRegion({ outlets: Number(values.outlets), reps: Number(values.reps), seed: 42 });
  const region: RegionInput = {
    name: 'stability',
    outlets: generated.outlets,
    reps: generated.reps,
    quarantine: [],
    policyOverrides: null,
    inputHash: 'bench-stability',
  };
  const fresh = plan(region, null, 'fresh');
  const once = plan(region, fresh, 'resegment');
  const twice = plan(region, once, 'resegment');
  const churn = plan({ ...region, outlets: churned(region.outlets, 7) }, fresh, 'resegment');
  const rows = {
    'resegment identical input': compare(fresh, once),
    'resegment identical input again': compare(once, twice),
    'resegment after 2% churn': compare(fresh, churn),
  };
  console.log(
    '| scenario | outlets in both | rep changes | weekday changes | km per cycle (new - old) | minutes per cycle (new - old) |',
  );
  console.log('| --- | --: | --: | --: | --: | --: |');
  for (const [name, r] of Object.entries(rows)) {
    const pct = (v: number | undefined): string => `${((v ?? 0) * 100).toFixed(2)}%`;
    console.log(
      `| ${name} | ${r.common} | ${r.repChanged} (${pct(r.repChangedShare)}) | ${r.weekdayChanged} (${pct(r.weekdayChangedShare)}) | ${(r.kmDelta ?? 0).toFixed(1)} | ${(r.minutesDelta ?? 0).toFixed(0)} |`,
    );
  }
  console.log(`RESULT ${JSON.stringify(rows)}`);
}

main();
