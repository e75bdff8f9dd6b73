import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderPlanSummary } from '../../src/cli/format/planSummary.js';
import { summarizePlan } from '../../src/io/artifacts/renderSummary.js';
import { SCHEMAS } from '../../src/io/artifacts/schemas.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

describe('commute reporting: summary.json, CLI table, schemas', () => {
  const plan = buildFixturePlan();

  it('copies each rep’s territory commute into summary.json (null without a territory)', () => {
    const summary = summarizePlan(plan);
    for (const rep of plan.reps) {
      const row = summary.reps.find((r) => r.repId === rep.id);
      expect(row?.commuteKm).toBe(rep.territory ? rep.territory.commuteKm : null);
    }
    const bare = summarizePlan({ ...plan, reps: plan.reps.map(({ territory: _t, ...r }) => r) });
    expect(bare.reps.every((r) => r.commuteKm === null)).toBe(true);
  });

  it('shows a commute km column in the CLI rep table', () => {
    const text = renderPlanSummary(plan);
    const header = text.split('\n').find((line) => line.startsWith('rep '));
    expect(header).toMatch(/balance %\s+commute km\s+visits\/day/);
    const rep = plan.reps.find((r) => r.territory !== undefined);
    const line = text.split('\n').find((l) => l.startsWith(`${rep?.id} `));
    const km = rep?.territory?.commuteKm as number;
    expect(line).toContain(km.toFixed(Math.abs(km) >= 10 ? 1 : 2));
  });

  it('is described in the plan and summary schemas, and optional there (added within version 1)', () => {
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
    const validatePlan = ajv.compile(SCHEMAS['plan.json']);
    const validateSummary = ajv.compile(SCHEMAS['summary.json']);
    const withNegative = structuredClone(plan);
    const first = withNegative.reps.find((r) => r.territory !== undefined);
    if (first?.territory) first.territory.commuteKm = -1;
    expect(validatePlan(JSON.parse(JSON.stringify(withNegative)))).toBe(false);
    const older = structuredClone(plan);
    for (const r of older.reps) if (r.territory) delete (r.territory as { commuteKm?: number }).commuteKm;
    expect(validatePlan(JSON.parse(JSON.stringify(older))), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(validateSummary(JSON.parse(JSON.stringify(summarizePlan(plan))))).toBe(true);
  });
});
