import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegion } from '../../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../../src/domain/generate/renderRegionCsv.js';
import { loadRegion } from '../../../src/io/region/loadRegion.js';

const scratch = mkdtempSync(join(tmpdir(), 'territory-roundtrip-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generated region round trip', () => {
  it('loads a generated reference-size region without a single quarantine entry', async () => {
    const generated = generateRegion({ outlets: 1399, reps: 12, seed: 7 });
    const dir = join(scratch, 'kuiwen');
    mkdirSync(dir);
    writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(generated.outlets));
    writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(generated.reps));
    const { region } = await loadRegion(dir);
    expect(region.quarantine).toEqual([]);
    expect(region.outlets).toHaveLength(generated.outlets.length);
    region.outlets.forEach((loaded, index) => {
      const original = generated.outlets[index];
      if (!original) throw new Error(`no generated outlet ${index}`);
      expect({ ...loaded, lon: loaded.lon.toFixed(6), lat: loaded.lat.toFixed(6), line: 0 }).toEqual({
        ...original,
        lon: original.lon.toFixed(6),
        lat: original.lat.toFixed(6),
        line: 0,
      });
      expect(loaded.line).toBe(index + 2);
    });
    expect(region.reps.map((r) => ({ ...r, homeLon: 0, homeLat: 0, line: 0 }))).toEqual(
      generated.reps.map((r) => ({ ...r, homeLon: 0, homeLat: 0, line: 0 })),
    );
  });
});
