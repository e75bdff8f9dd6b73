import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/domain/random.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import {
  currentVersion,
  publishVersion,
  readCurrentPlan,
  verifyVersion,
} from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

const child = fileURLToPath(new URL('./publishChild.ts', import.meta.url));

/** Runs a publish in a child process that SIGKILLs itself at `step` (n-th occurrence). */
function publishAndDie(out: string, generatedAt: string, step: string, occurrence = 1): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, out, generatedAt, step, String(occurrence)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(signal);
      else reject(new Error(`child was not killed at ${step} (exit ${code}): ${stderr}`));
    });
  });
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'publish-crash-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('a publish killed part-way', () => {
  // Files written per publish of the fixture (18); a seeded "random" file index to die after.
  const randomFile = 1 + createRandom(20260302).int(17);
  const killsBeforeSwitch: Array<[step: string, occurrence: number]> = [
    ['gate-passed', 1],
    ['staging-created', 1],
    ['file-written', randomFile],
    ['files-synced', 1],
    ['version-renamed', 1],
  ];

  it('leaves the previous version current and intact at every kill point before the switch', async () => {
    const first = await publishVersion({
      regionOutDir: out,
      plan: buildFixturePlan({ generatedAt: '2026-03-01T02:15:00.000Z' }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 'test',
    });
    // Each kill point gets its own copy of the region folder so the children can run in parallel.
    const copies = await Promise.all(
      killsBeforeSwitch.map(async (_, i) => {
        const copy = join(out, '..', `${basename(out)}-kill-${i}`);
        await cp(out, copy, { recursive: true, verbatimSymlinks: true });
        return copy;
      }),
    );
    try {
      await Promise.all(
        killsBeforeSwitch.map(([step, occurrence], i) =>
          publishAndDie(copies[i] ?? '', '2026-03-02T02:15:00.000Z', step, occurrence),
        ),
      );
      for (const [i, [step, occurrence]] of killsBeforeSwitch.entries()) {
        const copy = copies[i] ?? '';
        const label = `after a kill at ${step} #${occurrence}`;
        expect(await currentVersion(copy), label).toBe(first.version);
        expect(await verifyVersion(copy, first.version), label).toEqual([]);
        expect((await readCurrentPlan(copy))?.generatedAt, label).toBe('2026-03-01T02:15:00.000Z');
      }
    } finally {
      await Promise.all(copies.map((copy) => rm(copy, { recursive: true, force: true })));
    }
  });

  it('has the new version current and intact when killed right after the switch', async () => {
    await publishAndDie(out, '2026-03-20T02:15:00.000Z', 'current-switched');
    const version = await currentVersion(out);
    expect(version).toBe('20260320T021500Z-a1b2c3d4');
    expect(await verifyVersion(out, version ?? '')).toEqual([]);
  });

  it('cleans up what killed publishes left behind on the next publish', async () => {
    await publishAndDie(out, '2026-03-21T02:15:00.000Z', 'file-written', 3);
    expect((await readdir(join(out, '.staging'))).length).toBe(1);
    const next = await publishVersion({
      regionOutDir: out,
      plan: buildFixturePlan({ generatedAt: '2026-03-22T02:15:00.000Z' }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 'test',
    });
    expect(await currentVersion(out)).toBe(next.version);
    expect(await readdir(join(out, '.staging'))).toEqual([]);
    expect((await readdir(out)).filter((name) => name.startsWith('.current.'))).toEqual([]);
    for (const name of await readdir(join(out, 'versions')))
      expect(await verifyVersion(out, name)).toEqual([]);
  });
});
