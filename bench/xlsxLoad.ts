/**
 * Input loading benchmark (issue 13 item 1): `npm run bench:xlsx [-- --outlets 50000] [--runs 5]`.
 *
 * Generates a Chinese city (`generateRegion` with `lang: 'zh'`, 50,000 outlets and 400 reps by
 * default, seed 11) and writes it three ways under .bench-tmp/xlsx-load/: UTF-8 CSV, GBK CSV (as
 * Excel on Chinese Windows saves it) and an .xlsx workbook (outlets.xlsx with time-formatted
 * opening hours, written by exceljs' streaming writer; reps stay CSV). Each region is then loaded
 * with `loadRegion` (read, hash, decode or unzip, header aliases, every row parsed, outlier check)
 * `--runs` times in this process; the table gives the median and minimum wall time, and the peak
 * RSS of the process so far (so the xlsx row, measured last, holds the maximum). All three must
 * load the same outlets. The last line is `RESULT {json}`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import {
  OUTLET_CSV_COLUMNS_ZH,
  renderOutletsCsv,
  renderRepsCsv,
} from '../src/domain/generate/renderRegionCsv.js';
import type { Outlet } from '../src/domain/types.js';
import { loadRegion } from '../src/io/region/loadRegion.js';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

const outlets = argument('outlets', 50_000);
const reps = argument('reps', Math.max(4, Math.round(outlets / 125)));
const runs = argument('runs', 5);
const root = join(process.cwd(), '.bench-tmp', 'xlsx-load');

/** An opening time as an Excel time serial (fraction of a day; an overnight end wraps past midnight). */
function serial(minutes: number | null): number | null {
  return minutes === null ? null : (minutes % 1440) / 1440;
}

async function writeWorkbook(path: string, rows: readonly Outlet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow([...OUTLET_CSV_COLUMNS_ZH]).commit();
  for (const o of rows) {
    const row = sheet.addRow([
      o.id,
      o.name,
      o.lon,
      o.lat,
      o.businessType,
      o.monthlyVolume,
      '营业',
      null,
      serial(o.openFrom),
      serial(o.openTo),
      o.district,
    ]);
    row.getCell(9).numFmt = 'h:mm';
    row.getCell(10).numFmt = 'h:mm';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function prepare(): Promise<Record<string, string>> {
  const region = generateRegion({ outlets, reps, seed: 11, lang: 'zh' });
  await rm(root, { recursive: true, force: true });
  const dirs = { 'utf-8 csv': join(root, 'utf8'), 'gbk csv': join(root, 'gbk'), xlsx: join(root, 'xlsx') };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  const outletCsv = renderOutletsCsv(region.outlets, 'zh');
  const repCsv = renderRepsCsv(region.reps, 'zh');
  await writeFile(join(dirs['utf-8 csv'], 'outlets.csv'), outletCsv);
  await writeFile(join(dirs['utf-8 csv'], 'reps.csv'), repCsv);
  await writeFile(join(dirs['gbk csv'], 'outlets.csv'), iconv.encode(outletCsv, 'gbk'));
  await writeFile(join(dirs['gbk csv'], 'reps.csv'), iconv.encode(repCsv, 'gbk'));
  await writeWorkbook(join(dirs.xlsx, 'outlets.xlsx'), region.outlets);
  await writeFile(join(dirs.xlsx, 'reps.csv'), repCsv);
  return dirs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const dirs = await prepare();
const results: Array<{
  input: string;
  outlets: number;
  medianMs: number;
  minMs: number;
  peakRssMiB: number;
}> = [];
let reference: string | null = null;
for (const [input, dir] of Object.entries(dirs)) {
  const times: number[] = [];
  let loaded = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const { region } = await loadRegion(dir);
    times.push(performance.now() - started);
    loaded = region.outlets.length;
    const fingerprint = JSON.stringify(region.outlets.map((o) => [o.id, o.lon, o.lat, o.openFrom, o.openTo]));
    if (reference === null) reference = fingerprint;
    else if (fingerprint !== reference) throw new Error(`${input}: loaded different outlets than utf-8 csv`);
  }
  results.push({
    input,
    outlets: loaded,
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}
console.log(`loadRegion, ${outlets} outlets / ${reps} reps, ${runs} runs each (Node ${process.version})`);
console.log('input      outlets  median ms  min ms  peak RSS MiB');
for (const r of results) {
  console.log(
    `${r.input.padEnd(10)} ${String(r.outlets).padStart(7)} ${String(r.medianMs).padStart(10)} ${String(r.minMs).padStart(7)} ${String(r.peakRssMiB).padStart(13)}`,
  );
}
console.log(`RESULT ${JSON.stringify({ outlets, reps, runs, results })}`);
