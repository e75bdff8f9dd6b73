import { mkdtemp, rename, rm, utimes } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowPartsDir, sweepStaleParts, writePoolPart } from '../../../src/io/parts/poolParts.js';
import {
  readTerritoryPart,
  territoryPartPath,
  writeTerritoryPart,
  type TerritoryPart,
} from '../../../src/io/parts/territoryParts.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'territory-parts-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

function part(pool: string, flowId = '1700000000000-abcd'): TerritoryPart {
  return {
    partVersion: 1,
    region: 'r',
    flowId,
    pool,
    inputHash: 'i',
    policyHash: 'p',
    previousGeneratedAt: null,
    mode: 'resegment',
    seed: 1,
    territories: {
      poolId: pool,
      repOf: [['o1', 'r1']],
      territories: [],
      repChanges: [],
      warnings: [],
    },
  };
}

describe('territory parts', () => {
  it('round-trips, and never shares a name with a pool part', async () => {
    await writeTerritoryPart(out, part('A.x'));
    expect(await readTerritoryPart(out, '1700000000000-abcd', 'A.x')).toEqual(part('A.x'));
    // Pool "A.x" has key A_x; its pool part is A_x.json, its territories A_x.territories.json.
    expect(territoryPartPath(out, '1700000000000-abcd', 'A.x')).toMatch(/A_x\.territories\.json$/);
  });

  it('refuses a missing part or another pool’s, naming the pool', async () => {
    await expect(readTerritoryPart(out, '1700000000000-abcd', 'B')).rejects.toThrow(
      /pool B of flow 1700000000000-abcd: cannot read its territories/,
    );
    // A part written for pool C, found under pool B's name.
    await writeTerritoryPart(out, { ...part('C'), pool: 'C' });
    await rename(
      territoryPartPath(out, '1700000000000-abcd', 'C'),
      territoryPartPath(out, '1700000000000-abcd', 'B'),
    );
    await expect(readTerritoryPart(out, '1700000000000-abcd', 'B')).rejects.toThrow(
      /not the territories of pool B/,
    );
  });

  it('is swept with its flow when the flow never published', async () => {
    await writeTerritoryPart(out, part('A', '1-old'));
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await utimes(flowPartsDir(out, '1-old'), weekAgo, weekAgo);
    await writeTerritoryPart(out, part('A', '2-new'));
    await writePoolPart(out, {
      partVersion: 1,
      region: 'r',
      flowId: '2-new',
      pool: 'A',
      group: { index: 0, count: 1 },
      inputHash: 'i',
      policyHash: 'p',
      previousGeneratedAt: null,
      mode: 'rebuild',
      seed: 1,
      skipped: true,
      plan: null,
    });
    expect(await sweepStaleParts(out, Date.now())).toEqual(['1-old']);
    expect(existsSync(territoryPartPath(out, '1-old', 'A'))).toBe(false);
    expect(existsSync(territoryPartPath(out, '2-new', 'A'))).toBe(true);
  });
});
