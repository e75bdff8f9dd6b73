import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { loadRegion, loadRegionPolicy } from '../../../src/io/region/loadRegion.js';
import { validateRegion } from '../../../src/io/region/validateRegion.js';

const tiny = fileURLToPath(new URL('../../fixtures/regions/tiny', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'territory-loader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function policyFile(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function fatalOf(promise: Promise<unknown>): Promise<FatalInputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FatalInputError);
  return error as FatalInputError;
}

describe('loadRegion', () => {
  it('loads a valid region with its policy.json layered over the defaults', async () => {
    const { region, policy, stats } = await loadRegion(tiny);
    expect(region.name).toBe('tiny');
    expect(region.outlets.map((o) => o.id)).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    expect(region.reps.map((r) => [r.id, r.tier, r.capacity])).toEqual([
      ['rA', 'A', 1],
      ['rB', 'B', 0.5],
      ['rC', 'C', 1],
      ['rD', 'D', 1],
    ]);
    expect(region.outlets[0]).toMatchObject({ lockedRepId: 'rA', district: 'Xicheng', line: 2 });
    expect(region.outlets[1]).toMatchObject({ businessType: 'ktv', openFrom: 1080, openTo: 1560 });
    expect(region.outlets[4]?.status).toBe('closed');
    expect(region.reps[1]).toMatchObject({ dailyMinutes: 360, workingDays: ['Tue', 'Thu', 'Sat'] });
    expect(region.quarantine).toEqual([]);
    expect(region.policyOverrides).toEqual({ travel: { speedKmh: 30 }, input: { outlierMinKm: 50 } });
    expect(policy.travel).toEqual({ speedKmh: 30, circuity: 1.35 });
    expect(stats.outlets).toEqual({ rows: 6, loaded: 6, rejected: 0, withIgnoredFields: 0 });
    expect(region.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadRegion(tiny)).region.inputHash).toBe(region.inputHash);
  });

  it('layers a --policy file over policy.json, and its bytes change the input hash', async () => {
    const base = await loadRegion(tiny);
    const extra = policyFile(
      'tight.json',
      '{ "travel": { "speedKmh": 20 }, "input": { "outlierMinKm": 10, "outlierFactor": 1 } }',
    );
    const { region, policy } = await loadRegion(tiny, { policyFile: extra });
    expect(policy.travel.speedKmh).toBe(20);
    expect(region.inputHash).not.toBe(base.region.inputHash);
    // 6 outlets (the closed one counts too), so the 2nd-nearest outlet is measured (k is at most
    // half the others). Its p95 (~32 km) is dominated by the far shop itself, so only a factor of
    // 1 flags the shop ~42 km east of the others; big regions do not have this problem.
    expect(region.outlets.map((o) => o.id)).not.toContain('o6');
    expect(region.quarantine).toMatchObject([
      { file: 'outlets.csv', line: 7, id: 'o6', field: 'lon,lat', action: 'row-rejected' },
    ]);
    expect(region.quarantine[0]?.reason).toMatch(
      /^42\.\d km to its 2nd-nearest outlet, isolated beyond the 3\d\.\d km limit/,
    );
  });

  it('turns policy problems into fatal errors naming the file and key', async () => {
    const badKey = policyFile('bad-key.json', '{ "cycle": { "weeks": 0 } }');
    const error = await fatalOf(loadRegion(tiny, { policyFile: badKey }));
    expect(error.message).toContain(badKey);
    expect(error.message).toContain('cycle.weeks');
    expect(error.column).toBe('cycle.weeks');

    const notJson = policyFile('not-json.json', 'weeks: 4');
    expect((await fatalOf(loadRegion(tiny, { policyFile: notJson }))).message).toContain(
      `${notJson}: invalid JSON`,
    );

    const missing = join(scratch, 'nope.json');
    expect((await fatalOf(loadRegion(tiny, { policyFile: missing }))).message).toBe(
      `${missing}: file not found`,
    );

    const badPools = policyFile(
      'pools.json',
      '{ "pools": [{ "id": "A", "repTiers": ["A"], "outletTiers": ["large"] }] }',
    );
    const poolError = await fatalOf(loadRegion(tiny, { policyFile: badPools }));
    expect(poolError.message).toContain(badPools);
    expect(poolError.message).toContain('no pool serves outlet tier');
  });

  it('is fatal for a missing folder or a file in its place', async () => {
    const missing = join(scratch, 'no-such-region');
    expect((await fatalOf(loadRegion(missing))).message).toBe(`region folder ${missing} does not exist`);
    const file = policyFile('plain-file', 'x');
    expect((await fatalOf(loadRegion(file))).message).toContain('is not a folder');
  });
});

describe('loadRegionPolicy', () => {
  it('resolves the policy of a region whose rows are unusable', async () => {
    const broken = fileURLToPath(new URL('../../fixtures/bad-inputs/binary-garbage', import.meta.url));
    expect((await loadRegionPolicy(broken)).travel.speedKmh).toBe(25);
    expect((await loadRegionPolicy(tiny)).travel.speedKmh).toBe(30);
    const extra = policyFile('slow.json', '{ "travel": { "speedKmh": 12 } }');
    expect((await loadRegionPolicy(tiny, { policyFile: extra })).travel.speedKmh).toBe(12);
  });
});

describe('validateRegion', () => {
  it('summarises a loadable region', async () => {
    const validation = await validateRegion(tiny);
    expect(validation).toMatchObject({
      region: 'tiny',
      ok: true,
      fatal: null,
      outlets: { rows: 6, loaded: 6, active: 5, closed: 1 },
      reps: { rows: 4, loaded: 4 },
      problemsByAction: {},
    });
  });

  it('reports a fatal problem instead of throwing', async () => {
    const corpus = fileURLToPath(
      new URL('../../fixtures/bad-inputs/missing-required-column', import.meta.url),
    );
    const validation = await validateRegion(corpus);
    expect(validation.ok).toBe(false);
    expect(validation.fatal).toMatchObject({ column: 'lat' });
    expect(validation.fatal?.message).toContain('required column "lat"');
  });

  it('counts problems by action', async () => {
    const corpus = fileURLToPath(new URL('../../fixtures/bad-inputs/malformed-times', import.meta.url));
    const validation = await validateRegion(corpus);
    expect(validation.problemsByAction).toEqual({ 'field-ignored': 5 });
    expect(validation.outlets).toMatchObject({ rows: 26, loaded: 26, rejected: 0, withIgnoredFields: 4 });
  });
});
