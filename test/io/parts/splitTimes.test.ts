import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPoolRates, writeSplitTimes } from '../../../src/io/parts/splitTimes.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'split-times-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('split times', () => {
  it('gives each pool its ms per outlet-visit; no file is no rates and no problem', async () => {
    expect(await readPoolRates(out)).toEqual({ rates: new Map(), problem: null });
    await writeSplitTimes(out, {
      timesVersion: 1,
      flowId: '1-a',
      pools: {
        A: { ms: 2_000, outletVisits: 1_000 },
        B: { ms: 900, outletVisits: 100 },
        C: { ms: 5, outletVisits: 0 },
      },
    });
    expect(await readPoolRates(out)).toEqual({
      rates: new Map([
        ['A', 2],
        ['B', 9],
      ]),
      problem: null,
    });
  });

  it('reports an unreadable file and orders without it', async () => {
    await writeFile(join(out, '.split-times.json'), '{not json');
    const { rates, problem } = await readPoolRates(out);
    expect(rates.size).toBe(0);
    expect(problem).toMatch(/\.split-times\.json: /);
  });
});
