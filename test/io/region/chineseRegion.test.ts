import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/domain/policy/defaultPolicy.js';
import { segmentOutlets, unmatchedTypesWarning } from '../../../src/domain/segmentation/segmentOutlets.js';
import type { Outlet } from '../../../src/domain/types.js';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { loadRegion } from '../../../src/io/region/loadRegion.js';
import { validateRegion } from '../../../src/io/region/validateRegion.js';

/**
 * The Chinese fixtures of test/fixtures/regions (made by makeChineseFixtures.ts): the same rows
 * as a GBK CSV export with Chinese headers and as .xlsx workbooks.
 */
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/regions/${name}`, import.meta.url));
const gbk = fixture('zh-gbk');
const xlsx = fixture('zh-xlsx');

const scratch = await mkdtemp(join(tmpdir(), 'territory-zh-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function fatalOf(promise: Promise<unknown>): Promise<FatalInputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FatalInputError);
  return error as FatalInputError;
}

function tierCounts(outlets: readonly Outlet[], policy = DEFAULT_POLICY.segmentation) {
  const result = segmentOutlets({
    outlets: outlets.filter((o) => o.status === 'active'),
    policy,
    previous: new Map(),
    mode: 'resegment',
  });
  const counts: Record<string, number> = {};
  for (const segment of result.segments.values()) counts[segment.tier] = (counts[segment.tier] ?? 0) + 1;
  return { counts, unmatched: result.unmatchedTypes };
}

describe('a Chinese region exported from Excel as GBK CSV', () => {
  it('loads with Chinese headers, statuses, tiers, weekdays and times, and records GB18030', async () => {
    const { region, stats } = await loadRegion(gbk);
    expect(region.inputEncoding).toEqual({ 'outlets.csv': 'gb18030', 'reps.csv': 'gb18030' });
    expect(stats.outlets).toEqual({ rows: 24, loaded: 23, rejected: 1, withIgnoredFields: 0 });
    const byId = new Map(region.outlets.map((o) => [o.id, o]));
    expect(byId.get('ZH005')).toMatchObject({
      name: '金嗓子KTV',
      businessType: 'ktv',
      monthlyVolume: 150,
      openFrom: 18 * 60,
      openTo: 26 * 60,
      district: '奎文一片',
      status: 'active',
    });
    expect(byId.get('ZH009')?.name).toBe('王记水饺,东风路店');
    expect(byId.get('ZH023')?.status).toBe('closed');
    expect(region.reps.map((r) => [r.id, r.name, r.tier, r.workingDays])).toEqual(
      ['A', 'B', 'C', 'D'].map((tier, i) => [
        `R0${i + 1}`,
        ['马琳', '曹平', '罗军', '曹强'][i],
        tier,
        ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      ]),
    );
    // The bad row is quarantined with its Chinese value; the rest of the file survives.
    expect(region.quarantine).toEqual([
      {
        file: 'outlets.csv',
        line: 25,
        id: 'ZH024',
        field: 'lon',
        value: '东经119.11',
        reason: 'longitude is not a number; row rejected',
        action: 'row-rejected',
      },
    ]);
  });

  it("segments with the default policy by the practice's own words", async () => {
    const { region } = await loadRegion(gbk);
    const { counts, unmatched } = tierCounts(region.outlets);
    expect(counts).toEqual({ large: 4, 'night-venue': 5, medium: 6, small: 7 });
    expect(unmatched).toEqual([]);
  });

  it('warns about every Chinese business type when the rules know only the English ones', async () => {
    const { region } = await loadRegion(gbk);
    const englishOnly = {
      ...DEFAULT_POLICY.segmentation,
      rules: DEFAULT_POLICY.segmentation.rules.map((rule) => ({
        ...rule,
        businessTypes: rule.businessTypes?.filter((type) => /^[a-z_]+$/.test(type)),
      })),
    };
    const { counts, unmatched } = tierCounts(region.outlets, englishOnly);
    // Only KTV (ktv once lower-cased) still matches; every other outlet defaulted to small.
    expect(counts).toEqual({ 'night-venue': 1, small: 21 });
    expect(unmatched.map((u) => u.businessType).sort()).toEqual(
      [
        '便利店',
        '兼营户',
        '加油站',
        '售货亭',
        '大型商超',
        '夜总会',
        '宾馆',
        '报刊亭',
        '烟酒商店',
        '烟酒店',
        '超市',
        '购物中心',
        '酒吧',
        '食杂店',
        '餐饮',
      ].sort(),
    );
    expect(unmatchedTypesWarning(unmatched)).toContain(
      '21 outlets of 15 business types matched no segmentation rule',
    );
  });

  it('refuses to read it as UTF-8 when UTF-8 is forced, by option or policy', async () => {
    const forced = await fatalOf(loadRegion(gbk, { encoding: 'utf-8' }));
    expect(forced.message).toContain('reps.csv: not UTF-8 text (invalid byte');
    expect(forced.message).toContain('although UTF-8 was forced');
    const region = join(scratch, 'policy-utf8');
    await cp(gbk, region, { recursive: true });
    await writeFile(join(region, 'policy.json'), '{ "input": { "encoding": "utf-8" } }');
    expect((await fatalOf(loadRegion(region))).message).toContain('although UTF-8 was forced');
    // gbk is read as GB18030, its superset.
    expect((await loadRegion(gbk, { encoding: 'gbk' })).region.inputEncoding?.['outlets.csv']).toBe(
      'gb18030',
    );
  });

  it('reports the encoding in the validation report', async () => {
    const validation = await validateRegion(gbk);
    expect(validation.inputEncoding).toEqual({ 'outlets.csv': 'gb18030', 'reps.csv': 'gb18030' });
  });
});

describe('the same region as .xlsx workbooks', () => {
  it('loads exactly the rows of the GBK export, Excel time serials read as times', async () => {
    const fromCsv = await loadRegion(gbk);
    const fromXlsx = await loadRegion(xlsx);
    expect(fromXlsx.region.inputEncoding).toEqual({ 'outlets.xlsx': 'xlsx', 'reps.xlsx': 'xlsx' });
    expect(fromXlsx.region.outlets).toEqual(fromCsv.region.outlets);
    expect(fromXlsx.region.reps).toEqual(fromCsv.region.reps);
    expect(fromXlsx.region.quarantine).toEqual(
      fromCsv.region.quarantine.map((entry) => ({ ...entry, file: 'outlets.xlsx' })),
    );
  });

  it('reads the first sheet unless input.sheet or --sheet names one', async () => {
    const region = join(scratch, 'no-sheet-policy');
    await cp(xlsx, region, { recursive: true });
    await rm(join(region, 'policy.json'));
    // The reps workbook's first sheet is a note, not the list.
    expect((await fatalOf(loadRegion(region))).message).toContain(
      'reps.xlsx: required column "id" (or 编号, 工号',
    );
    const wrong = await fatalOf(loadRegion(region, { sheet: '人员' }));
    expect(wrong.message).toContain(
      'reps.xlsx: the workbook has no sheet "人员" (sheets: "说明", "客户经理")',
    );
    // --sheet names one sheet for every workbook, so the outlets workbook needs it too.
    expect((await fatalOf(loadRegion(region, { sheet: '客户经理' }))).message).toContain(
      'outlets.xlsx: the workbook has no sheet "客户经理" (sheets: "客户")',
    );
  });

  it('refuses a region holding both outlets.csv and outlets.xlsx', async () => {
    const region = join(scratch, 'both');
    await cp(xlsx, region, { recursive: true });
    await cp(join(gbk, 'outlets.csv'), join(region, 'outlets.csv'));
    const error = await fatalOf(loadRegion(region));
    expect(error.message).toContain('both outlets.csv and outlets.xlsx are there; keep one');
  });
});
