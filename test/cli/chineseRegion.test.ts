import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { decodeAsExcel } from '../helpers/decodeAsExcel.js';
import { repoRoot, territory, type CliResult } from './runCli.js';

/**
 * The Chinese region fixtures through the real CLI (issue 13): exported from Excel as GBK CSV
 * with Chinese headers and business types, and as .xlsx workbooks, both plan with the default
 * policy, report how they were read, and publish CSV files Excel opens as UTF-8.
 */
const gbk = join(repoRoot, 'test/fixtures/regions/zh-gbk');
const xlsx = join(repoRoot, 'test/fixtures/regions/zh-xlsx');
const TIERS = { large: 4, 'night-venue': 5, medium: 6, small: 7 };

let work: string;
let gbkRun: CliResult;
let xlsxRun: CliResult;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'territory-zh-cli-'));
  [gbkRun, xlsxRun] = await Promise.all([
    territory(['plan', '--region', gbk, '--out', join(work, 'gbk'), '--quiet']),
    territory(['plan', '--region', xlsx, '--out', join(work, 'xlsx'), '--quiet']),
  ]);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function published(out: string, file: string): Promise<Buffer> {
  return readFile(join(work, out, 'current', file));
}

describe('territory plan of a Chinese region exported as GBK CSV', () => {
  it('plans with the default policy and says how the files were read', async () => {
    expect(gbkRun.code, gbkRun.stderr).toBe(0);
    expect(gbkRun.stdout).toContain('Input read as: outlets.csv GB18030 (GBK), reps.csv GB18030 (GBK)');
    expect(gbkRun.stdout).not.toContain('matched no segmentation rule');
    const plan = JSON.parse((await published('gbk', 'plan.json')).toString('utf8')) as Plan;
    expect(plan.inputEncoding).toEqual({ 'outlets.csv': 'gb18030', 'reps.csv': 'gb18030' });
    expect(plan.segmentation.tierCounts).toEqual(TIERS);
    expect(plan.outlets.find((o) => o.id === 'ZH005')).toMatchObject({
      name: '金嗓子KTV',
      tier: 'night-venue',
      repId: 'R02',
    });
    const summary = JSON.parse((await published('gbk', 'summary.json')).toString('utf8')) as {
      inputEncoding: unknown;
    };
    expect(summary.inputEncoding).toEqual(plan.inputEncoding);
  });

  it('publishes CSV files that Excel opens as UTF-8', async () => {
    const segments = decodeAsExcel(await published('gbk', 'segments.csv'));
    expect(segments).toContain('ZH001,佳乐家大卖场,large,large-formats,business_type=大型商超 -> large');
    expect(segments).toContain('"王记水饺,东风路店"');
    expect(decodeAsExcel(await published('gbk', 'reps/R01.csv'))).toContain('佳乐家大卖场');
    expect(decodeAsExcel(await published('gbk', 'quarantine.csv'))).toContain(
      'outlets.csv,25,ZH024,lon,东经119.11',
    );
  });

  it('validate reports the encoding in text and JSON', async () => {
    const text = await territory(['validate', '--region', gbk]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('read: outlets.csv GB18030 (GBK), reps.csv GB18030 (GBK)');
    const json = await territory(['validate', '--region', gbk, '--json']);
    expect((JSON.parse(json.stdout) as { inputEncoding: unknown }).inputEncoding).toEqual({
      'outlets.csv': 'gb18030',
      'reps.csv': 'gb18030',
    });
  });

  it('refuses it when --encoding utf-8 forces UTF-8, and refuses an unknown encoding as a usage error', async () => {
    const forced = await territory(['validate', '--region', gbk, '--encoding', 'utf-8']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain('although UTF-8 was forced');
    const unknown = await territory(['validate', '--region', gbk, '--encoding', 'big5']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('must be one of auto, utf-8, gb18030, gbk');
  });

  it('leaves the BOM out when the policy says csv.bom false', async () => {
    const policy = join(work, 'no-bom.json');
    await writeFile(policy, '{ "csv": { "bom": false } }');
    const run = await territory([
      'plan',
      '--region',
      gbk,
      '--policy',
      policy,
      '--out',
      join(work, 'no-bom'),
      '--quiet',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const bytes = await published('no-bom', 'segments.csv');
    expect(bytes.subarray(0, 3).toString('utf8')).toBe('id,');
  });
});

describe('territory plan of the same region as .xlsx workbooks', () => {
  it('plans the same outlets into the same tiers and territories', async () => {
    expect(xlsxRun.code, xlsxRun.stderr).toBe(0);
    expect(xlsxRun.stdout).toContain('Input read as: outlets.xlsx Excel workbook, reps.xlsx Excel workbook');
    const fromXlsx = JSON.parse((await published('xlsx', 'plan.json')).toString('utf8')) as Plan;
    const fromCsv = JSON.parse((await published('gbk', 'plan.json')).toString('utf8')) as Plan;
    expect(fromXlsx.inputEncoding).toEqual({ 'outlets.xlsx': 'xlsx', 'reps.xlsx': 'xlsx' });
    const assignment = (plan: Plan) => plan.outlets.map((o) => [o.id, o.tier, o.repId, o.openFrom, o.openTo]);
    expect(assignment(fromXlsx)).toEqual(assignment(fromCsv));
    expect(fromXlsx.quarantine.map((q) => [q.file, q.line, q.field])).toEqual([['outlets.xlsx', 25, 'lon']]);
  });
});
