import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import {
  aliasLookup,
  normalizeHeaderName,
  OUTLET_HEADER_ALIASES,
  REP_HEADER_ALIASES,
} from '../../../src/io/region/headerAliases.js';
import { OUTLET_OPTIONAL_COLUMNS, OUTLET_REQUIRED_COLUMNS } from '../../../src/io/region/parseOutletRow.js';
import { REP_OPTIONAL_COLUMNS, REP_REQUIRED_COLUMNS } from '../../../src/io/region/parseRepRow.js';
import { parseTableHeader, type TableColumns } from '../../../src/io/region/parseTableHeader.js';

const OUTLETS: TableColumns = {
  required: OUTLET_REQUIRED_COLUMNS,
  optional: OUTLET_OPTIONAL_COLUMNS,
  aliases: OUTLET_HEADER_ALIASES,
};
const REPS: TableColumns = {
  required: REP_REQUIRED_COLUMNS,
  optional: REP_OPTIONAL_COLUMNS,
  aliases: REP_HEADER_ALIASES,
};

function fatal(fields: string[], columns: TableColumns): FatalInputError {
  try {
    parseTableHeader(fields, 'r/outlets.csv', columns);
  } catch (error) {
    expect(error).toBeInstanceOf(FatalInputError);
    return error as FatalInputError;
  }
  throw new Error('expected a FatalInputError');
}

describe('normalizeHeaderName', () => {
  it('folds case, width, separators and a trailing unit', () => {
    expect(normalizeHeaderName(' Business Type ')).toBe('business_type');
    expect(normalizeHeaderName('business-type')).toBe('business_type');
    expect(normalizeHeaderName('ＩＤ')).toBe('id');
    expect(normalizeHeaderName('月销量（条）')).toBe('月销量');
    expect(normalizeHeaderName('monthly_volume (cartons)')).toBe('monthly_volume');
    expect(normalizeHeaderName('经度 [°]')).toBe('经度');
    // A header that is nothing but a bracket keeps it.
    expect(normalizeHeaderName('(x)')).toBe('(x)');
  });
});

describe('alias tables', () => {
  it('give every column of both files at least one Chinese name and claim no name twice', () => {
    for (const [columns, aliases] of [
      [[...OUTLET_REQUIRED_COLUMNS, ...OUTLET_OPTIONAL_COLUMNS], OUTLET_HEADER_ALIASES],
      [[...REP_REQUIRED_COLUMNS, ...REP_OPTIONAL_COLUMNS], REP_HEADER_ALIASES],
    ] as const) {
      expect(() => aliasLookup(columns, aliases)).not.toThrow();
      for (const column of columns) {
        expect(
          aliases[column]?.some((name) => /\p{Script=Han}/u.test(name)),
          column,
        ).toBe(true);
      }
    }
  });
  it('refuse a table that gives one name to two columns', () => {
    expect(() => aliasLookup(['id', 'name'], { id: ['code'], name: ['Code'] })).toThrow(
      'header alias "Code" names both id and name',
    );
  });
});

describe('parseTableHeader', () => {
  it('maps Chinese and English variants to the canonical columns', () => {
    const header = parseTableHeader(
      [
        '客户编码',
        '客户名称',
        '经度',
        '纬度',
        '业态',
        '月销量(条)',
        '状态',
        '营业开始',
        '营业结束',
        '片区',
        '备注',
      ],
      'r/outlets.csv',
      OUTLETS,
    );
    expect(Object.fromEntries(header.indexOf)).toEqual({
      id: 0,
      name: 1,
      lon: 2,
      lat: 3,
      business_type: 4,
      monthly_volume: 5,
      status: 6,
      open_from: 7,
      open_to: 8,
      district: 9,
    });
    expect(header.label(5)).toBe('monthly_volume');
    // Unknown columns keep their own (normalised) name.
    expect(header.label(10)).toBe('备注');
    const english = parseTableHeader(
      ['Outlet ID', 'Name', 'Longitude', 'Latitude', 'Business Type', 'Volume'],
      'r/outlets.csv',
      OUTLETS,
    );
    expect([...english.indexOf.keys()]).toEqual([...OUTLET_REQUIRED_COLUMNS]);
  });

  it('reads a reps header in Chinese, with 经度/纬度 as the home position', () => {
    const header = parseTableHeader(['工号', '姓名', '类别', '经度', '纬度', '工作日'], 'r/reps.csv', REPS);
    expect(Object.fromEntries(header.indexOf)).toEqual({
      id: 0,
      name: 1,
      tier: 2,
      home_lon: 3,
      home_lat: 4,
      working_days: 5,
    });
  });

  it('is fatal on two names of one column, naming both', () => {
    const error = fatal(
      ['编号', 'name', 'lon', 'lat', 'business_type', 'monthly_volume', '客户编码'],
      OUTLETS,
    );
    expect(error.message).toContain(
      'columns "编号" (column 1) and "客户编码" (column 7) both mean "id"; keep one',
    );
    expect(error.column).toBe('id');
    expect(error.file).toBe('r/outlets.csv');
  });

  it('keeps the message for one name written twice', () => {
    expect(fatal(['id', 'name', 'lon', 'lat', 'LAT'], OUTLETS).message).toContain(
      'column "lat" appears twice in the header',
    );
  });

  it('names the accepted names of a missing required column', () => {
    expect(fatal(['编号', '名称', '经度', '纬度', '业态'], OUTLETS).message).toContain(
      'required column "monthly_volume" (or 月销量, 月均销量, 月销售量, volume, monthly_sales, sales_volume) is missing',
    );
  });
});

describe('README alias table', () => {
  it('lists exactly the aliases of the code, column by column', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('#### Header names and their aliases');
    const section = readme.slice(start, readme.indexOf('\n#', start + 10));
    const tables: Record<string, Record<string, string[]>> = { outlets: {}, reps: {} };
    let table: string | null = null;
    for (const line of section.split('\n')) {
      const header = /^\| (outlets|reps) column/.exec(line);
      if (header) table = header[1] ?? null;
      if (line.trim() === '') table = null;
      const row = /^\| `([a-z_]+)` +\| (.*) \|$/.exec(line);
      if (table && row?.[1] && row[2] !== undefined) {
        tables[table]![row[1]] = [...row[2].matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
      }
    }
    expect(tables.outlets).toEqual(OUTLET_HEADER_ALIASES);
    expect(tables.reps).toEqual(REP_HEADER_ALIASES);
  });
});
