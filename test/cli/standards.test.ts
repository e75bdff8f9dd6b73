import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import type { PlanSummaryFile } from '../../src/io/artifacts/renderSummary.js';
import { territory } from './runCli.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'territory-2q-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('territory plan with 2Q standards', () => {
  it('prints the 2Q tables and writes the standards blocks of plan.json and summary.json', async () => {
    // The tiny region's C rep has one or two outlets: most of its 20 rep-days have no visit.
    const policy = join(work, 'standards.json');
    await writeFile(policy, JSON.stringify({ standards: { quantity: { C: { minVisitsPerDay: 1 } } } }));
    const out = join(work, 'out');
    const result = await territory([
      'plan',
      '--region',
      'test/fixtures/regions/tiny',
      '--policy',
      policy,
      '--out',
      out,
      '--quiet',
      '--publish',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(await readFile(join(out, 'current', 'plan.json'), 'utf8')) as Plan;
    const summary = JSON.parse(
      await readFile(join(out, 'current', 'summary.json'), 'utf8'),
    ) as PlanSummaryFile;
    const rep = plan.reps.find((r) => r.tier === 'C');
    const empty = (rep?.days ?? []).filter((d) => d.stops.length === 0).length;
    expect(empty).toBeGreaterThan(0);
    expect(plan.standards?.flags).toHaveLength(empty);
    expect(summary.standards?.quantity).toEqual([
      expect.objectContaining({ repTier: 'C', daysUnder: empty }),
    ]);
    expect(result.stdout).toContain(
      `2Q standards: ${empty} rep-day(s) under and 0 over the quantity standard`,
    );
    expect(result.stdout).toMatch(new RegExp(`rC +C +0/[0-9.]+/\\d +>= 1 +20 +${empty} +0`));
    expect(result.stdout).toContain(
      `warning: 2Q quantity: rep rC (C) has ${empty} of 20 day(s) under the minimum`,
    );
  });
});
