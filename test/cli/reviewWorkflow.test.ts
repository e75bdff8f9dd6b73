import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/io/publish/auditLog.js';
import type { VersionInfo } from '../../src/io/publish/publishVersion.js';
import { currentVersion } from '../../src/io/publish/publishVersion.js';
import { openCurrentVersion } from '../publish/consumeCurrent.js';
import { repoRoot, territory } from './runCli.js';

const tiny = join(repoRoot, 'test/fixtures/regions/tiny');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'review-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function json<T>(args: string[]): Promise<T> {
  const result = await territory([...args, '--json']);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

const versions = (out: string) =>
  json<{ versions: VersionInfo[] }>(['versions', '--region', 'tiny', '--out', out]);
const audit = async (out: string) =>
  (await json<{ audit: AuditEntry[] }>(['versions', '--region', 'tiny', '--out', out, '--audit'])).audit;

describe('the review workflow on the CLI', () => {
  it('resegment -> candidate, current unchanged; approve -> current; audit has each event', async () => {
    const out = join(work, 'flow');
    const first = await territory(['plan', '--region', tiny, '--out', out, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\npublished .*versions\/\d{8}T/);
    const v1 = await currentVersion(out);

    const reseg = await territory(['plan', '--region', tiny, '--out', out, '--quiet', '--resegment']);
    expect(reseg.code, reseg.stderr).toBe(0);
    expect(reseg.stdout).toContain(`current stays ${v1 ?? ''}`);
    expect(reseg.stdout).toContain('why: resegment plans are candidates');
    const candidate = /candidate \S+\/versions\/(\S+)/.exec(reseg.stdout)?.[1] ?? '';
    expect(await currentVersion(out)).toBe(v1);
    expect((await openCurrentVersion(out)).version).toBe(v1);
    expect((await versions(out)).versions.map((v) => [v.version, v.status])).toEqual([
      [candidate, 'candidate'],
      [v1, 'current'],
    ]);

    const approved = await territory([
      'approve',
      '--region',
      'tiny',
      '--out',
      out,
      '--version',
      candidate,
      '--by',
      'alice',
      '--note',
      'ok',
    ]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`approved ${candidate}; current ${v1 ?? ''} -> ${candidate}`);
    expect((await openCurrentVersion(out)).version).toBe(candidate);
    expect((await audit(out)).map((e) => [e.action, e.version, e.from, e.to, e.by, e.note])).toEqual([
      ['publish', v1, null, v1, expect.any(String), null],
      ['candidate', candidate, v1, v1, expect.any(String), null],
      ['approve', candidate, v1, candidate, 'alice', 'ok'],
    ]);
    const table = await territory(['versions', '--region', 'tiny', '--out', out, '--audit']);
    expect(table.stdout).toMatch(/approve\s+\S+\s+\S+\s+\S+\s+alice\s+ok\s+candidate approved/);

    // --fresh --publish makes the plan current at once, audited as a direct publish.
    const fresh = await json<{ status: string; version: string }>([
      'plan',
      '--region',
      tiny,
      '--out',
      out,
      '--quiet',
      '--fresh',
      '--publish',
    ]);
    expect(fresh.status).toBe('published');
    expect(await currentVersion(out)).toBe(fresh.version);
    expect((await audit(out)).at(-1)).toMatchObject({
      action: 'publish',
      from: candidate,
      to: fresh.version,
    });
  }, 240_000);

  it('reject, then approve is refused; a stale candidate needs --rebase', async () => {
    const out = join(work, 'stale');
    await json(['plan', '--region', tiny, '--out', out, '--quiet']);
    const rejected = await json<{ status: string; version: string }>([
      'plan',
      '--region',
      tiny,
      '--out',
      out,
      '--quiet',
      '--fresh',
    ]);
    expect(rejected.status).toBe('candidate');
    const reject = await territory([
      'reject',
      '--region',
      'tiny',
      '--out',
      out,
      '--version',
      rejected.version,
      '--note',
      'no',
    ]);
    expect(reject.code, reject.stderr).toBe(0);
    const refused = await territory([
      'approve',
      '--region',
      'tiny',
      '--out',
      out,
      '--version',
      rejected.version,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('was rejected and cannot be approved');

    const stale = await json<{ version: string }>([
      'plan',
      '--region',
      tiny,
      '--out',
      out,
      '--quiet',
      '--resegment',
    ]);
    const moved = await json<{ version: string }>([
      'plan',
      '--region',
      tiny,
      '--out',
      out,
      '--quiet',
      '--fresh',
      '--publish',
    ]);
    const noRebase = await territory([
      'approve',
      '--region',
      'tiny',
      '--out',
      out,
      '--version',
      stale.version,
    ]);
    expect(noRebase.code).toBe(1);
    expect(noRebase.stderr).toContain(`was planned on`);
    expect(noRebase.stderr).toContain(
      `but ${moved.version} is current now; re-plan it on today's inputs with --rebase`,
    );
    expect(await currentVersion(out)).toBe(moved.version);

    const rebased = await json<{ rebased: boolean; from: string; to: string }>([
      'approve',
      '--region',
      'tiny',
      '--out',
      out,
      '--version',
      stale.version,
      '--rebase',
      '--input',
      tiny,
      '--by',
      'carol',
    ]);
    expect(rebased).toMatchObject({ rebased: true, from: moved.version });
    expect(rebased.to).not.toBe(stale.version);
    expect(await currentVersion(out)).toBe(rebased.to);
    const manifest = JSON.parse(await readFile(join(out, 'current', 'manifest.json'), 'utf8')) as {
      mode: string;
      status: string;
    };
    expect(manifest).toMatchObject({ mode: 'rebuild', status: 'published' });
    const tail = (await audit(out)).slice(-2);
    expect(tail.map((e) => [e.action, e.version, e.to, e.by])).toEqual([
      ['publish', rebased.to, rebased.to, 'carol'],
      ['approve', stale.version, rebased.to, 'carol'],
    ]);
    expect(tail[0]?.reason).toContain(`rebase of candidate ${stale.version}`);
    const listed = (await versions(out)).versions;
    expect(listed.find((v) => v.version === stale.version)?.status).toBe('published');
    expect(listed.find((v) => v.version === rejected.version)?.status).toBe('rejected');
  }, 240_000);

  it('a rebuild above a review threshold becomes a candidate and says which threshold and value', async () => {
    const region = join(work, 'tiny');
    await cp(tiny, region, { recursive: true });
    const out = join(work, 'threshold');
    await json(['plan', '--region', region, '--out', out, '--quiet']);
    const v1 = await currentVersion(out);
    // The only C rep leaves: the medium outlets fall back to the D pool, so they change rep.
    const reps = (await readFile(join(region, 'reps.csv'), 'utf8'))
      .split('\n')
      .filter((l) => !l.startsWith('rC,'));
    await writeFile(join(region, 'reps.csv'), reps.join('\n'));
    const text = await territory(['plan', '--region', region, '--out', out, '--quiet']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /why: rebuild exceeds the review thresholds: .*% of outlets change rep \(\d+ of \d+\), above review.maxRepChangeShare 3%/,
    );
    expect(await currentVersion(out)).toBe(v1);
    const candidate = /candidate \S+\/versions\/(\S+)/.exec(text.stdout)?.[1] ?? '';
    const last = (await audit(out)).at(-1);
    expect(last).toMatchObject({ action: 'candidate', version: candidate, from: v1, to: v1 });
    expect(last?.reason).toContain('review.maxRepChangeShare');

    // The same inputs again: the waiting candidate is not planned a second time.
    const again = await json<{ status: string; pendingCandidate: string }>([
      'plan',
      '--region',
      region,
      '--out',
      out,
      '--quiet',
    ]);
    expect(again).toMatchObject({ status: 'skipped', pendingCandidate: candidate });

    // A tiny working-time threshold from a policy file: the measured value is in the result.
    const policy = join(work, 'review-policy.json');
    await writeFile(policy, JSON.stringify({ review: { maxRepChangeShare: 1, maxPoolWorkingTime: 0.001 } }));
    const result = await json<{
      status: string;
      review: { breaches: Array<{ threshold: string; measured: number; limit: number }> };
    }>(['plan', '--region', region, '--out', out, '--quiet', '--policy', policy]);
    expect(result.status).toBe('candidate');
    expect(result.review.breaches.length).toBeGreaterThan(0);
    for (const b of result.review.breaches) {
      expect(b.threshold).toBe('review.maxPoolWorkingTime');
      expect(b.measured).toBeGreaterThan(0.001);
    }
    // --publish overrides the thresholds.
    const direct = await json<{ status: string; version: string }>([
      'plan',
      '--region',
      region,
      '--out',
      out,
      '--quiet',
      '--policy',
      policy,
      '--publish',
      '--force',
    ]);
    expect(direct.status).toBe('published');
    expect(await currentVersion(out)).toBe(direct.version);
  }, 240_000);
});
