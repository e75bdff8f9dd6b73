import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { publishVersion } from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

const readerScript = fileURLToPath(new URL('./readerLoop.js', import.meta.url));

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'publish-reader-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const publishDay = (day: number) =>
  publishVersion({
    regionOutDir: out,
    plan: buildFixturePlan({ generatedAt: `2026-04-${String(day).padStart(2, '0')}T02:15:00.000Z` }),
    policy: DEFAULT_POLICY,
    previous: null,
    programVersion: 'test',
    keep: 14,
  });

describe('a reader following current', () => {
  it('never sees a missing file or a checksum mismatch during 20 consecutive publishes', async () => {
    await publishDay(1);
    const stopFile = join(out, '..', `${join(out).split('/').pop() ?? 'x'}.stop`);
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
    for (let day = 2; day <= 21; day++) await publishDay(day);
    await writeFile(stopFile, '');
    await finished;
    await rm(stopFile, { force: true });
    const report = JSON.parse(stdout.split('\n').filter(Boolean).at(-1) ?? '{}') as {
      reads: number;
      versions: number;
      errors: string[];
    };
    expect(report.errors).toEqual([]);
    expect(report.reads).toBeGreaterThan(0);
    // The reader really overlapped the publishes: it saw several versions come and go.
    expect(report.versions).toBeGreaterThan(1);
  });
});
