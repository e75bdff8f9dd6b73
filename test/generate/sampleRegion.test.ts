import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerGenerateCommand } from '../../src/cli/commands/generate.js';
import { countOutletTiers, countRepTiers } from '../../src/domain/generate/countTiers.js';
import { createDistrictGrid } from '../../src/domain/generate/districtGrid.js';
import { generateRegion, regionBounds } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { renderRegionReadme } from '../../src/domain/generate/renderRegionReadme.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';

const root = new URL('../..', import.meta.url).pathname;
const sampleDir = join(root, 'data/regions/kuiwen-sample');
const SAMPLE = { outlets: 1399, reps: 12, seed: 42 };
/** How to refresh the committed sample after an intended generator change. */
const REGENERATE = 'npm run dev -- generate --out data/regions/kuiwen-sample';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('committed sample region data/regions/kuiwen-sample (golden)', () => {
  const region = generateRegion(SAMPLE);

  it(`equals what the generator produces now (if intended, refresh with: ${REGENERATE})`, async () => {
    expect(await readFile(join(sampleDir, 'outlets.csv'), 'utf8')).toBe(renderOutletsCsv(region.outlets));
    expect(await readFile(join(sampleDir, 'reps.csv'), 'utf8')).toBe(renderRepsCsv(region.reps));
    const bounds = regionBounds(SAMPLE);
    const grid = createDistrictGrid(bounds.widthKm, bounds.heightKm);
    const readme = renderRegionReadme({
      regionName: 'kuiwen-sample',
      command: 'territory generate --outlets 1399 --reps 12 --seed 42 --out data/regions/kuiwen-sample',
      seed: 42,
      outletTiers: countOutletTiers(region.outlets),
      repTiers: countRepTiers(region.reps),
      bounds,
      districtCount: grid.cols * grid.rows,
    });
    expect(await readFile(join(sampleDir, 'README.md'), 'utf8')).toBe(readme);
  });

  it('loads through the region loader without a single quarantined row, equal to the generated region', async () => {
    const { region: loaded } = await loadRegion(sampleDir);
    expect(loaded.quarantine).toEqual([]);
    expect(loaded.outlets).toEqual(region.outlets);
    expect(loaded.reps).toEqual(region.reps);
  });
});

describe('territory generate', () => {
  async function runGenerate(...args: string[]): Promise<void> {
    const program = new Command('territory').exitOverride();
    registerGenerateCommand(program);
    program.commands.forEach((c) => c.exitOverride());
    await program.parseAsync(['node', 'territory', 'generate', ...args]);
  }

  it('writes the sample files with the default options', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'generate-')), 'kuiwen-sample');
    tempDirs.push(dir);
    await runGenerate('--out', dir);
    for (const file of ['outlets.csv', 'reps.csv']) {
      expect(await readFile(join(dir, file), 'utf8')).toBe(await readFile(join(sampleDir, file), 'utf8'));
    }
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('**synthetic**');
    expect(readme).toContain(`territory generate --outlets 1399 --reps 12 --seed 42 --out ${dir}`);
    expect(readme).toContain('| large (core) | 76 |');
  });

  it('honours --outlets, --reps, --seed and --name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generate-'));
    tempDirs.push(dir);
    await runGenerate(
      '--outlets',
      '200',
      '--reps',
      '5',
      '--seed',
      '3',
      '--name',
      'springfield',
      '--out',
      dir,
    );
    const outlets = (await readFile(join(dir, 'outlets.csv'), 'utf8')).trimEnd().split('\n');
    expect(outlets).toHaveLength(201);
    expect(outlets[1]?.startsWith('SN00001,')).toBe(true);
    expect((await readFile(join(dir, 'reps.csv'), 'utf8')).trimEnd().split('\n')).toHaveLength(6);
  });

  it('rejects bad numbers with the option named', async () => {
    await expect(runGenerate('--outlets', 'many', '--out', tmpdir())).rejects.toThrow(
      /--outlets must be a whole number/,
    );
    await expect(runGenerate('--reps', '2', '--out', tmpdir())).rejects.toThrow(
      /--reps must be a whole number >= 4/,
    );
  });
});
