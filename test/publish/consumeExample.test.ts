import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { publishVersion } from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
// The README "Consuming route files" snippet is exactly this file:
import { openCurrentVersion, readRepDay } from './consumeCurrent.js';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'consume-'));
  await publishVersion({
    regionOutDir: out,
    plan: buildFixturePlan(),
    policy: DEFAULT_POLICY,
    previous: null,
    programVersion: 'test',
  });
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('README example: consuming route files', () => {
  it("follows current, verifies checksums and reads one rep's day", async () => {
    const day = (await readRepDay(out, 'C1', 1, 'Mon')) as {
      version: string;
      stops: Array<{
        seq: number;
        outletId: string;
        name: string;
        arrival: string;
        lon: number;
        lat: number;
      }>;
    };
    expect(day.version).toBe('20260302T021500Z-a1b2c3d4');
    expect(day.stops.map((s) => [s.seq, s.outletId, s.name])).toEqual([
      [1, 'M1', 'Happy Mart'],
      [2, 'M2', '7 Days Convenience'],
    ]);
    expect(day.stops[0]).toMatchObject({ arrival: '08:34', lon: 112.97, lat: 28.22 });
  });

  it('refuses a version whose files do not match the manifest', async () => {
    const { dir } = await openCurrentVersion(out);
    await writeFile(join(dir, 'reps', 'C1.csv'), 'edited by hand\r\n');
    await expect(readRepDay(out, 'C1', 1, 'Mon')).rejects.toThrow(/reps\/C1\.csv: size or sha256 differs/);
  });

  it('is the snippet the README shows, verbatim', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const snippet = await readFile(new URL('./consumeCurrent.js', import.meta.url), 'utf8');
    expect(readme).toContain('## Consuming route files');
    expect(readme).toContain('```js\n' + snippet.trimEnd() + '\n```');
  });
});
