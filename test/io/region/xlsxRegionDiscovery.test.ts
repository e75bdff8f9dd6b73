import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRegions } from '../../../src/config/regionPaths.js';

const root = await mkdtemp(join(tmpdir(), 'territory-regions-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('listRegions', () => {
  it('lists region folders holding outlets.csv or outlets.xlsx, nothing else', async () => {
    for (const [name, file] of [
      ['csv-region', 'outlets.csv'],
      ['xlsx-region', 'outlets.xlsx'],
      ['no-outlets', 'reps.csv'],
    ] as const) {
      await mkdir(join(root, name));
      await writeFile(join(root, name, file), 'x');
    }
    expect(await listRegions(root)).toEqual(['csv-region', 'xlsx-region']);
  });
});
