import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hashRegionInputs, loadRegion } from '../../../src/io/region/loadRegion.js';

const tiny = fileURLToPath(new URL('../../fixtures/regions/tiny', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'territory-read-once-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadRegion with the files hashRegionInputs read', () => {
  it('plans from the hashed bytes, not from a second read of the files', async () => {
    const dir = join(scratch, 'tiny');
    cpSync(tiny, dir, { recursive: true });
    const hashed = await hashRegionInputs(dir);
    const fresh = await loadRegion(dir);
    const reused = await loadRegion(dir, { readFiles: hashed.files });
    expect(reused.region).toEqual(fresh.region);
    expect(reused.region.inputHash).toBe(hashed.inputHash);

    // The file changes after the hash: the load still decodes what was hashed.
    const outlets = join(dir, 'outlets.csv');
    writeFileSync(outlets, readFileSync(outlets, 'utf8').replace(/^(o1,[^,]*),/m, '$1 renamed,'));
    const reread = await loadRegion(dir);
    expect(reread.region.inputHash).not.toBe(hashed.inputHash);
    const fromHashed = await loadRegion(dir, { readFiles: hashed.files });
    expect(fromHashed.region).toEqual(fresh.region);
  });
});
