import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerGenerateCommand } from '../../src/cli/commands/generate.js';
import { countOutletTiers, countRepTiers } from '../../src/domain/generate/countTiers.js';
import { createDistrictGrid } from '../../src/domain/generate/districtGrid.js';
import { generateRegion, regionBounds } from '../../src/domain/generate/generateRegion.js';
import { BUSINESS_TYPES_ZH } from '../../src/domain/generate/nameWords.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { renderRegionReadme } from '../../src/domain/generate/renderRegionReadme.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { segmentOutlets } from '../../src/domain/segmentation/segmentOutlets.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';

const root = new URL('../..', import.meta.url).pathname;
const sampleDir = join(root, 'data/regions/kuiwen-sample-zh');
const SAMPLE = { outlets: 1399, reps: 12, seed: 42 };
const COMMAND =
  'territory generate --outlets 1399 --reps 12 --seed 42 --out data/regions/kuiwen-sample-zh --lang zh';
/** How to refresh the committed sample after an intended generator change. */
const REGENERATE = 'npm run dev -- generate --lang zh --force --out data/regions/kuiwen-sample-zh';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const english = generateRegion(SAMPLE);
const chinese = generateRegion({ ...SAMPLE, lang: 'zh' });

describe('committed Chinese sample region data/regions/kuiwen-sample-zh (golden)', () => {
  it(`equals what the generator produces now (if intended, refresh with: ${REGENERATE})`, async () => {
    expect(await readFile(join(sampleDir, 'outlets.csv'), 'utf8')).toBe(
      renderOutletsCsv(chinese.outlets, 'zh'),
    );
    expect(await readFile(join(sampleDir, 'reps.csv'), 'utf8')).toBe(renderRepsCsv(chinese.reps, 'zh'));
    const bounds = regionBounds(SAMPLE);
    const grid = createDistrictGrid(bounds.widthKm, bounds.heightKm);
    const readme = renderRegionReadme({
      regionName: 'kuiwen-sample-zh',
      command: COMMAND,
      seed: 42,
      outletTiers: countOutletTiers(chinese.outlets),
      repTiers: countRepTiers(chinese.reps),
      bounds,
      districtCount: grid.cols * grid.rows,
      lang: 'zh',
    });
    expect(await readFile(join(sampleDir, 'README.md'), 'utf8')).toBe(readme);
  });

  it('is the English sample in other words: same outlets, positions, volumes, hours and reps', () => {
    expect(chinese.outlets).toHaveLength(english.outlets.length);
    chinese.outlets.forEach((outlet, i) => {
      const { name, businessType, ...rest } = english.outlets[i]!;
      expect(outlet).toEqual({ ...rest, name: outlet.name, businessType: BUSINESS_TYPES_ZH[businessType] });
      expect(outlet.name).not.toBe(name);
      expect(outlet.name).toMatch(/\p{Script=Han}/u);
    });
    expect(chinese.reps.map(({ name: _name, ...rest }) => rest)).toEqual(
      english.reps.map(({ name: _name, ...rest }) => rest),
    );
    expect(chinese.reps.map((r) => r.name)).toContain('马琳');
  });

  it('loads without a quarantined row and segments 76 / 120 / 720 / 483 with the default policy', async () => {
    const { region } = await loadRegion(sampleDir);
    expect(region.quarantine).toEqual([]);
    expect(region.inputEncoding).toEqual({ 'outlets.csv': 'utf-8', 'reps.csv': 'utf-8' });
    // The loader lower-cases business types (KTV -> ktv); everything else loads as generated.
    expect(region.outlets).toEqual(
      chinese.outlets.map((o) => ({ ...o, businessType: o.businessType.toLowerCase() })),
    );
    expect(region.reps).toEqual(chinese.reps);
    const { segments, unmatchedTypes } = segmentOutlets({
      outlets: region.outlets,
      policy: DEFAULT_POLICY.segmentation,
      previous: new Map(),
      mode: 'resegment',
    });
    const counts: Record<string, number> = {};
    for (const segment of segments.values()) counts[segment.tier] = (counts[segment.tier] ?? 0) + 1;
    expect(counts).toEqual({ large: 76, 'night-venue': 120, medium: 720, small: 483 });
    expect(unmatchedTypes).toEqual([]);
    // Outlet by outlet the same tiers as the English sample.
    const { region: en } = await loadRegion(join(root, 'data/regions/kuiwen-sample'));
    const enSegments = segmentOutlets({
      outlets: en.outlets,
      policy: DEFAULT_POLICY.segmentation,
      previous: new Map(),
      mode: 'resegment',
    }).segments;
    for (const [id, segment] of segments) expect(segment.tier, id).toBe(enSegments.get(id)?.tier);
  });
});

describe('territory generate --lang zh', () => {
  async function runGenerate(...args: string[]): Promise<void> {
    const program = new Command('territory').exitOverride();
    registerGenerateCommand(program);
    program.commands.forEach((c) => c.exitOverride());
    await program.parseAsync(['node', 'territory', 'generate', ...args]);
  }

  it('writes GBK files with --encoding gbk that load as GB18030 to the same region', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'generate-zh-')), 'kuiwen-gbk');
    tempDirs.push(dir);
    await runGenerate('--lang', 'zh', '--encoding', 'gbk', '--out', dir);
    const bytes = await readFile(join(dir, 'outlets.csv'));
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0xbf, 0xcd, 0xbb, 0xa7])); // 客户
    const { region } = await loadRegion(dir);
    expect(region.inputEncoding).toEqual({ 'outlets.csv': 'gb18030', 'reps.csv': 'gb18030' });
    const { region: utf8 } = await loadRegion(sampleDir);
    expect(region.outlets).toEqual(utf8.outlets);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('--lang zh --encoding gbk');
  });

  it('rejects an unknown language or encoding', async () => {
    await expect(runGenerate('--lang', 'fr', '--out', tmpdir())).rejects.toThrow(
      /--lang must be one of en, zh/,
    );
    await expect(runGenerate('--encoding', 'big5', '--out', tmpdir())).rejects.toThrow(
      /--encoding must be utf-8 or gbk/,
    );
  });
});
