import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import {
  archiveOldVersions,
  currentVersion,
  listVersions,
  publishVersion,
  readVersionPlan,
  rollback,
  verifyVersion,
} from '../../src/io/publish/publishVersion.js';
import type { ArchivePolicy } from '../../src/io/publish/versionArchive.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'archive-test-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const at = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T02:15:00.000Z`;
const everyOld: ArchivePolicy = { keepPlain: 1, minBytes: 0 };

async function publishDay(day: number, archive: ArchivePolicy | null) {
  return publishVersion({
    regionOutDir: out,
    plan: buildFixturePlan({ generatedAt: at(day) }),
    policy: DEFAULT_POLICY,
    previous: null,
    programVersion: '9.9.9',
    archive,
    now: new Date('2026-03-31T00:00:00Z'),
  });
}

async function filesOf(version: string): Promise<string[]> {
  return (await readdir(join(out, 'versions', version), { recursive: true })).map(String).sort();
}

describe('old versions kept compressed', () => {
  it('compresses all but the newest, stays verifiable and readable, and restores on rollback', async () => {
    const first = await publishDay(2, everyOld);
    expect(first.archived).toEqual([]);
    const second = await publishDay(3, everyOld);
    expect(second.archived).toEqual([first.version]);
    const files = await filesOf(first.version);
    expect(files).toContain('plan.json.gz');
    expect(files).toContain('manifest.json');
    expect(files).not.toContain('plan.json');
    expect(await filesOf(second.version)).toContain('plan.json');

    expect(await verifyVersion(out, first.version)).toEqual([]);
    expect((await readVersionPlan(out, first.version)).generatedAt).toBe(at(2));
    const listed = await listVersions(out);
    expect(listed.map((v) => [v.version, v.compressed])).toEqual([
      [second.version, false],
      [first.version, true],
    ]);

    await rollback(out, first.version);
    expect(await currentVersion(out)).toBe(first.version);
    expect(await filesOf(first.version)).toContain('plan.json');
    expect((await filesOf(first.version)).some((f) => f.endsWith('.gz'))).toBe(false);
    expect(await verifyVersion(out, first.version)).toEqual([]);
    // The current version is never compressed, even when it is not the newest.
    expect(await archiveOldVersions(out, { keepPlain: 0, minBytes: 0 })).toEqual([second.version]);
    expect(await filesOf(first.version)).toContain('plan.json');
  });

  it('leaves versions below the size threshold and with archiving off plain', async () => {
    const first = await publishDay(2, { keepPlain: 1, minBytes: 1024 ** 3 });
    await publishDay(3, { keepPlain: 1, minBytes: 1024 ** 3 });
    await publishDay(4, null);
    expect((await filesOf(first.version)).some((f) => f.endsWith('.gz'))).toBe(false);
    await expect(stat(join(out, 'versions', first.version, 'plan.json'))).resolves.toBeTruthy();
  });

  it('reports a damaged compressed file against the manifest', async () => {
    const first = await publishDay(2, everyOld);
    await publishDay(3, everyOld);
    await rm(join(out, 'versions', first.version, 'summary.json.gz'));
    const problems = await verifyVersion(out, first.version);
    expect(problems.join('\n')).toMatch(/summary\.json/);
    await expect(rollback(out, first.version)).rejects.toThrow(/damaged/);
  });
});
