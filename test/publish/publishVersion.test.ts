import { lstat, mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { sha256Hex, type Manifest } from '../../src/io/publish/manifest.js';
import { PublishGateError } from '../../src/io/publish/publishGateError.js';
import {
  currentVersion,
  listVersions,
  pruneVersions,
  publishVersion,
  readCurrentPlan,
  rollback,
  verifyVersion,
} from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'publish-test-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const at = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T02:15:00.000Z`;

async function publishDay(day: number, keep?: number) {
  return publishVersion({
    regionOutDir: out,
    plan: buildFixturePlan({ generatedAt: at(day) }),
    policy: DEFAULT_POLICY,
    previous: null,
    programVersion: '9.9.9',
    keep,
    now: new Date('2026-03-31T00:00:00Z'),
  });
}

describe('publishVersion', () => {
  it('writes a complete version, a manifest that matches every file, and points current at it', async () => {
    const result = await publishDay(2);
    expect(result.version).toBe('20260302T021500Z-a1b2c3d4');
    expect(result.dir).toBe(join(out, 'versions', result.version));
    expect(await readlink(join(out, 'current'))).toBe(`versions/${result.version}`);
    expect((await lstat(join(out, 'current'))).isSymbolicLink()).toBe(true);

    const manifest = JSON.parse(await readFile(join(result.dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({
      schemaVersion: 1,
      version: result.version,
      region: 'fixture-town',
      programVersion: '9.9.9',
      publishedAt: '2026-03-31T00:00:00.000Z',
    });
    const paths = manifest.files.map((f) => f.path);
    for (const expected of [
      'plan.json',
      'summary.json',
      'changes.json',
      'territories.geojson',
      'routes.geojson',
      'segments.csv',
      'quarantine.csv',
      'map.html',
      'reps/A1.csv',
      'reps/D1.csv',
      'schemas/plan.schema.json',
      'schemas/summary.schema.json',
      'schemas/manifest.schema.json',
    ]) {
      expect(paths).toContain(expected);
    }
    for (const file of manifest.files) {
      const bytes = await readFile(join(result.dir, file.path));
      expect(bytes.byteLength).toBe(file.size);
      expect(sha256Hex(bytes)).toBe(file.sha256);
    }
    expect(await verifyVersion(out, result.version)).toEqual([]);
    expect(await readdir(join(out, '.staging'))).toEqual([]);
  });

  it('gives plans of the same second and input distinct, ordered versions', async () => {
    const first = await publishDay(2);
    const second = await publishDay(2);
    const third = await publishDay(2);
    expect([first.version, second.version, third.version]).toEqual([
      '20260302T021500Z-a1b2c3d4',
      '20260302T021500Z-a1b2c3d4-2',
      '20260302T021500Z-a1b2c3d4-3',
    ]);
    expect(await currentVersion(out)).toBe(third.version);
    expect((await listVersions(out)).map((v) => v.version)).toEqual([
      third.version,
      second.version,
      first.version,
    ]);
  });

  it('refuses a plan that fails the gate, lists the reasons and leaves current untouched', async () => {
    const good = await publishDay(2);
    const bad = buildFixturePlan({ generatedAt: at(3) });
    const m1 = bad.outlets.find((o) => o.id === 'M1');
    if (!m1) throw new Error('fixture has no M1');
    m1.repId = 'D1';
    const attempt = publishVersion({
      regionOutDir: out,
      plan: bad,
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 't',
    });
    await expect(attempt).rejects.toBeInstanceOf(PublishGateError);
    await expect(attempt).rejects.toThrow(/outlet M1 \(pool C\) is assigned to rep D1 of pool D/);
    expect(await currentVersion(out)).toBe(good.version);
    expect((await listVersions(out)).map((v) => v.version)).toEqual([good.version]);
  });

  it('refuses files that break their schema (gate on rendered files, not only on invariants)', async () => {
    const bad = buildFixturePlan({ generatedAt: at(3) });
    (bad as { generatedAt: string }).generatedAt = '2026-03-03 02:15';
    await expect(
      publishVersion({
        regionOutDir: out,
        plan: bad,
        policy: DEFAULT_POLICY,
        previous: null,
        programVersion: 't',
      }),
    ).rejects.toThrow(/plan\.json: \/generatedAt must match pattern/);
    expect(await currentVersion(out)).toBeNull();
  });

  it('prunes to the newest N and never removes the current version', async () => {
    for (let day = 1; day <= 5; day++) await publishDay(day, 3);
    const names = (await listVersions(out)).map((v) => v.version);
    expect(names).toEqual([
      '20260305T021500Z-a1b2c3d4',
      '20260304T021500Z-a1b2c3d4',
      '20260303T021500Z-a1b2c3d4',
    ]);

    // After a rollback to the oldest kept version, pruning to 1 keeps the newest and the current one.
    await rollback(out, '20260303T021500Z-a1b2c3d4');
    expect(await pruneVersions(out, 1)).toEqual(['20260304T021500Z-a1b2c3d4']);
    expect(await currentVersion(out)).toBe('20260303T021500Z-a1b2c3d4');
    expect((await listVersions(out)).map((v) => [v.version, v.current])).toEqual([
      ['20260305T021500Z-a1b2c3d4', false],
      ['20260303T021500Z-a1b2c3d4', true],
    ]);
    await expect(pruneVersions(out, 0)).rejects.toThrow(/keep must be a whole number >= 1/);
  });

  it('keeps 14 versions by default', async () => {
    for (let day = 1; day <= 16; day++) await publishDay(day);
    const names = (await listVersions(out)).map((v) => v.version);
    expect(names).toHaveLength(14);
    expect(names.at(-1)).toBe('20260303T021500Z-a1b2c3d4');
  });

  it('rolls back to an existing intact version and refuses unknown or damaged ones', async () => {
    const first = await publishDay(1);
    const second = await publishDay(2);
    expect(await rollback(out, first.version)).toEqual({ from: second.version, to: first.version });
    expect((await readCurrentPlan(out))?.generatedAt).toBe(at(1));

    await expect(rollback(out, '20990101T000000Z-00000000')).rejects.toThrow(/does not exist/);
    await expect(rollback(out, '../etc')).rejects.toThrow(/not a version name/);
    await writeFile(join(second.dir, 'reps', 'C1.csv'), 'tampered\r\n');
    await expect(rollback(out, second.version)).rejects.toThrow(/reps\/C1\.csv: .*manifest/);
    expect(await currentVersion(out)).toBe(first.version);
  });

  it('reads no current plan for a region never published', async () => {
    expect(await readCurrentPlan(out)).toBeNull();
    expect(await listVersions(out)).toEqual([]);
  });

  it('round-trips the plan through plan.json as the previous plan of the next rebuild', async () => {
    await publishDay(2);
    expect(await readCurrentPlan(out)).toEqual(buildFixturePlan({ generatedAt: at(2) }));
  });
});
