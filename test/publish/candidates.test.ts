import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { appendAudit, readAudit, type AuditEntry } from '../../src/io/publish/auditLog.js';
import {
  currentVersion,
  listVersions,
  pruneVersions,
  publishVersion,
  readCurrentPlan,
  rollback,
  verifyVersion,
} from '../../src/io/publish/publishVersion.js';
import { approveVersion, rejectVersion } from '../../src/io/publish/review.js';
import { validateAgainstSchema } from '../../src/io/publish/validateArtifacts.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { openCurrentVersion } from './consumeCurrent.js';

const child = fileURLToPath(new URL('./approveChild.ts', import.meta.url));

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'candidates-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** Publishes the fixture plan of 2026-03-<day>, directly or as a candidate planned on `basedOn`. */
async function publishDay(day: number, candidate = false, basedOn?: string | null): Promise<string> {
  const result = await publishVersion({
    regionOutDir: out,
    plan: buildFixturePlan({ generatedAt: `2026-03-${String(day).padStart(2, '0')}T02:15:00.000Z` }),
    policy: DEFAULT_POLICY,
    previous: null,
    programVersion: 'test',
    candidate,
    ...(basedOn === undefined ? {} : { basedOn }),
  });
  return result.version;
}

/** Runs an approve in a child that SIGKILLs itself at `step`. */
function approveAndDie(dir: string, version: string, step: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, version, step], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise();
      else reject(new Error(`child was not killed at ${step} (exit ${code}): ${stderr}`));
    });
  });
}

describe('candidate versions', () => {
  it('publishes a complete, gated candidate beside current, which readers do not see', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    expect(await currentVersion(out)).toBe(first);
    expect((await openCurrentVersion(out)).version).toBe(first);
    expect((await readCurrentPlan(out))?.generatedAt).toBe('2026-03-01T02:15:00.000Z');
    expect(await verifyVersion(out, candidate)).toEqual([]);
    const manifest = JSON.parse(
      await readFile(join(out, 'versions', candidate, 'manifest.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({ status: 'candidate', basedOn: first });
    expect(validateAgainstSchema('manifest.json', manifest)).toEqual([]);
    // A manifest from before candidates (no status, no basedOn) is still valid and means published.
    const { status: _s, basedOn: _b, ...old } = manifest;
    expect(validateAgainstSchema('manifest.json', old)).toEqual([]);
    const listed = await listVersions(out);
    expect(listed.map((v) => [v.version, v.status, v.basedOn])).toEqual([
      [candidate, 'candidate', first],
      [first, 'current', null],
    ]);
  });

  it('approve verifies the candidate and switches current; the audit log records it', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    const result = await approveVersion(out, candidate, {
      by: 'alice',
      note: 'reviewed in the Monday meeting',
    });
    expect(result).toEqual({ from: first, to: candidate });
    expect((await openCurrentVersion(out)).version).toBe(candidate);
    expect((await listVersions(out)).map((v) => v.status)).toEqual(['current', 'published']);
    const audit = await readAudit(out);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'approve',
        version: candidate,
        from: first,
        to: candidate,
        by: 'alice',
        note: 'reviewed in the Monday meeting',
      }),
    ]);
    await expect(approveVersion(out, candidate)).rejects.toThrow(/already current/);
    await expect(approveVersion(out, first)).rejects.toThrow(/not a candidate/);
  });

  it('refuses to approve a damaged candidate and leaves current alone', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    await rm(join(out, 'versions', candidate, 'summary.json'));
    await expect(approveVersion(out, candidate)).rejects.toThrow(/damaged/);
    expect(await currentVersion(out)).toBe(first);
  });

  it('a crash during approve leaves one of the two versions current, both intact', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    const copies = await Promise.all(
      ['verified', 'current-switched'].map(async (step) => {
        const copy = join(out, '..', `${basename(out)}-${step}`);
        await cp(out, copy, { recursive: true, verbatimSymlinks: true });
        return { step, copy };
      }),
    );
    try {
      await Promise.all(copies.map(({ step, copy }) => approveAndDie(copy, candidate, step)));
      const [before, after] = copies;
      expect(await currentVersion(before?.copy ?? '')).toBe(first);
      expect(await currentVersion(after?.copy ?? '')).toBe(candidate);
      for (const { copy } of copies) {
        expect((await openCurrentVersion(copy)).version).toMatch(/^20260301|^20260302/);
        expect(await verifyVersion(copy, first)).toEqual([]);
        expect(await verifyVersion(copy, candidate)).toEqual([]);
      }
      // Killed before the switch: still a pending candidate, and approving again works.
      expect(await approveVersion(before?.copy ?? '', candidate)).toEqual({ from: first, to: candidate });
    } finally {
      await Promise.all(copies.map(({ copy }) => rm(copy, { recursive: true, force: true })));
    }
  });

  it('a failing switch step leaves the old version current', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    await expect(
      approveVersion(out, candidate, {
        onStep: (step) => {
          if (step === 'verified') throw new Error('disk gone');
        },
      }),
    ).rejects.toThrow('disk gone');
    expect(await currentVersion(out)).toBe(first);
    expect(await readAudit(out)).toEqual([]);
  });

  it('a rejected candidate cannot be approved or rolled back to', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    expect(await rejectVersion(out, candidate, { by: 'bob', note: 'too many moves' })).toEqual({
      version: candidate,
      current: first,
    });
    await expect(approveVersion(out, candidate)).rejects.toThrow(/rejected and cannot be approved/);
    await expect(rollback(out, candidate)).rejects.toThrow(/rejected/);
    await expect(rejectVersion(out, candidate)).rejects.toThrow(/rejected/);
    expect(await currentVersion(out)).toBe(first);
    expect((await listVersions(out)).map((v) => v.status)).toEqual(['rejected', 'current']);
    expect((await readAudit(out)).map((e) => [e.action, e.by, e.note])).toEqual([
      ['reject', 'bob', 'too many moves'],
    ]);
  });

  it('refuses a stale candidate (planned on an older current)', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    const later = await publishDay(3);
    await expect(approveVersion(out, candidate)).rejects.toThrow(
      new RegExp(
        `planned on ${first}, but ${later} is current now; re-plan it on today's inputs with --rebase`,
      ),
    );
    expect(await currentVersion(out)).toBe(later);
  });

  it('rollback does not bypass approval', async () => {
    const first = await publishDay(1);
    const candidate = await publishDay(2, true, first);
    await expect(rollback(out, candidate)).rejects.toThrow(/is a candidate; approve it/);
    expect(await currentVersion(out)).toBe(first);
  });

  it('prune keeps pending candidates but not rejected ones', async () => {
    const first = await publishDay(1);
    const pending = await publishDay(2, true, first);
    const rejected = await publishDay(3, true, first);
    await rejectVersion(out, rejected);
    for (let day = 4; day <= 7; day++) await publishDay(day);
    const pruned = await pruneVersions(out, 2);
    expect(pruned).toContain(first);
    expect(pruned).toContain(rejected);
    expect(pruned).not.toContain(pending);
    expect((await listVersions(out)).map((v) => [v.version.slice(0, 8), v.status])).toEqual([
      ['20260307', 'current'],
      ['20260306', 'published'],
      ['20260302', 'candidate'],
    ]);
  });
});

describe('the audit log', () => {
  it('keeps every line of concurrent writers in one process', async () => {
    const entry = (i: number): AuditEntry => ({
      at: new Date(Date.UTC(2026, 2, 1, 0, 0, i)).toISOString(),
      action: 'publish',
      version: `20260301T0000${String(i).padStart(2, '0')}Z-a1b2c3d4`,
      from: null,
      to: null,
      by: 'x'.repeat(5000),
      note: null,
      reason: null,
    });
    await Promise.all(Array.from({ length: 60 }, (_, i) => appendAudit(out, entry(i))));
    const audit = await readAudit(out);
    expect(audit).toHaveLength(60);
    expect(new Set(audit.map((e) => e.version)).size).toBe(60);
  });

  it('ends a line torn by a crash before appending, so later entries survive', async () => {
    const { appendFile } = await import('node:fs/promises');
    await appendFile(join(out, 'audit.jsonl'), '{"at":"2026-03-01T00:00:00.000Z","action":"pub');
    await appendAudit(out, {
      at: '2026-03-02T00:00:00.000Z',
      action: 'reject',
      version: '20260302T021500Z-a1b2c3d4',
      from: null,
      to: null,
      by: null,
      note: null,
      reason: null,
    });
    expect((await readAudit(out)).map((e) => e.action)).toEqual(['reject']);
  });
});
