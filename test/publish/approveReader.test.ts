import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { currentVersion, publishVersion } from '../../src/io/publish/publishVersion.js';
import { approveVersion } from '../../src/io/publish/review.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

const readerScript = fileURLToPath(new URL('./readerLoop.js', import.meta.url));

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'approve-reader-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('a reader following current while candidates are published and approved', () => {
  it('never sees a missing file or a checksum mismatch; current moves only on approval', async () => {
    const publishDay = async (day: number, basedOn: string | null, candidate: boolean) =>
      (
        await publishVersion({
          regionOutDir: out,
          plan: buildFixturePlan({ generatedAt: `2026-06-${String(day).padStart(2, '0')}T02:15:00.000Z` }),
          policy: DEFAULT_POLICY,
          previous: null,
          programVersion: 'test',
          candidate,
          basedOn,
        })
      ).version;
    let current = await publishDay(1, null, false);
    const stopFile = join(out, '..', `${out.split('/').pop() ?? 'x'}.stop`);
    const reader = spawn(process.execPath, [readerScript, out, stopFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    const ready = new Promise<void>((resolveReady, reject) => {
      reader.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ready\n')) resolveReady();
      });
      reader.on('exit', (code) => reject(new Error(`reader exited early (${code}): ${stdout}`)));
    });
    const finished = new Promise<void>((resolveExit) => reader.on('exit', () => resolveExit()));
    await ready;
    for (let day = 2; day <= 12; day++) {
      const candidate = await publishDay(day, current, true);
      expect(await currentVersion(out)).toBe(current);
      await approveVersion(out, candidate, { by: 'reader-test' });
      current = candidate;
    }
    await writeFile(stopFile, '');
    await finished;
    await rm(stopFile, { force: true });
    const report = JSON.parse(stdout.split('\n').filter(Boolean).at(-1) ?? '{}') as {
      reads: number;
      versions: number;
      errors: string[];
    };
    expect(report.errors).toEqual([]);
    expect(report.versions).toBeGreaterThan(1);
  });
});
