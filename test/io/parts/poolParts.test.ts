import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  flowPartsDir,
  readPoolParts,
  removePoolParts,
  sweepStaleParts,
  writePoolPart,
  type PoolPart,
} from '../../../src/io/parts/poolParts.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'parts-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

function part(pool: string, flowId = '1700000000000-abcd'): PoolPart {
  return {
    partVersion: 1,
    region: 'r',
    flowId,
    pool,
    group: { index: 0, count: 1 },
    inputHash: 'i',
    policyHash: 'p',
    previousGeneratedAt: null,
    mode: 'rebuild',
    seed: 1,
    skipped: true,
    plan: null,
  };
}

const units = (...pools: string[]) => pools.map((pool) => ({ pool, group: { index: 0, count: 1 } }));

describe('pool parts', () => {
  it('writes parts atomically and reads them back by pool, naming a missing one', async () => {
    await writePoolPart(out, part('A'));
    await writePoolPart(out, part('B'));
    await writePoolPart(out, part('B')); // a retried child replaces its part
    expect((await readdir(flowPartsDir(out, '1700000000000-abcd'))).sort()).toEqual(['A.json', 'B.json']);
    expect((await readPoolParts(out, '1700000000000-abcd', units('A', 'B'))).map((p) => p.pool)).toEqual([
      'A',
      'B',
    ]);
    await expect(readPoolParts(out, '1700000000000-abcd', units('A', 'C'))).rejects.toThrow(
      /pool C of flow .*cannot read/,
    );
  });

  it('refuses a part that belongs to another pool or flow', async () => {
    await writePoolPart(out, part('A'));
    await writeFile(join(flowPartsDir(out, '1700000000000-abcd'), 'A.json'), JSON.stringify(part('Z')));
    await expect(readPoolParts(out, '1700000000000-abcd', units('A'))).rejects.toThrow(
      /not the part of pool A/,
    );
  });

  it('removes a published flow and sweeps only flows older than the limit', async () => {
    await writePoolPart(out, part('A', '1-old'));
    await writePoolPart(out, part('A', '2-new'));
    await writePoolPart(out, part('A', '3-done'));
    await removePoolParts(out, '3-done');
    const weekAgo = (Date.now() - 8 * 24 * 3600 * 1000) / 1000;
    await utimes(flowPartsDir(out, '1-old'), weekAgo, weekAgo);
    expect(await sweepStaleParts(out, Date.now())).toEqual(['1-old']);
    expect(await readdir(join(out, '.parts'))).toEqual(['2-new']);
  });
});
