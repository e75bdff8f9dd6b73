import { describe, expect, it } from 'vitest';
import { buildArtifacts } from '../../src/io/artifacts/buildArtifacts.js';
import { validateArtifacts } from '../../src/io/publish/validateArtifacts.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

/**
 * plan.json and routes.geojson are no longer parsed back by the gate: it checks the plan object
 * and the route features they are serialised from. These corruptions must still be refused.
 */
describe('the publish gate on streamed files', () => {
  it('accepts the fixture plan', () => {
    const plan = buildFixturePlan();
    expect(validateArtifacts(plan, buildArtifacts(plan, null, { programVersion: 't' }))).toEqual([]);
  });

  it('refuses a plan whose plan.json would break its schema (an unknown tier, a non-finite number)', () => {
    const plan = buildFixturePlan();
    const [first, second] = plan.outlets;
    if (!first || !second) throw new Error('fixture has too few outlets');
    (first as { tier: string }).tier = 'huge';
    second.monthlyVolume = Number.NaN;
    const problems = validateArtifacts(plan, buildArtifacts(plan, null, { programVersion: 't' }));
    expect(problems.some((p) => p.startsWith('plan.json: /outlets/0/tier'))).toBe(true);
    expect(problems.some((p) => p.startsWith('plan.json: /outlets/1/monthlyVolume'))).toBe(true);
  });

  it('refuses route stops outside WGS84 (swapped coordinates), feature by feature', () => {
    const plan = buildFixturePlan();
    const visited = plan.reps.flatMap((r) => r.days ?? []).flatMap((d) => d.stops)[0];
    const outlet = plan.outlets.find((o) => o.id === visited?.outletId);
    if (!outlet) throw new Error('fixture has no visited outlet');
    [outlet.lon, outlet.lat] = [outlet.lat, 116.4];
    const problems = validateArtifacts(plan, buildArtifacts(plan, null, { programVersion: 't' }));
    expect(
      problems.some((p) => /^routes\.geojson: feature \d+.*not \[lon, lat\] in WGS84 range/.test(p)),
    ).toBe(true);
  });

  it('reports a missing plan.json or routes.geojson', () => {
    const plan = buildFixturePlan();
    const files = buildArtifacts(plan, null, { programVersion: 't' }).filter(
      (f) => f.path !== 'plan.json' && f.path !== 'routes.geojson',
    );
    expect(validateArtifacts(plan, files)).toEqual(['plan.json: missing', 'routes.geojson: missing']);
  });
});
