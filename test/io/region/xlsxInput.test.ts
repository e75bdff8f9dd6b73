import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { readXlsxSheet } from '../../../src/io/region/readXlsxSheet.js';
import { numberFormatKind, serialClockText, sheetCell } from '../../../src/io/region/xlsxCellText.js';

describe('numberFormatKind', () => {
  it('tells dates and times from numbers', () => {
    expect(numberFormatKind('h:mm')).toEqual({ date: false, time: true });
    expect(numberFormatKind('[h]:mm:ss')).toEqual({ date: false, time: true });
    expect(numberFormatKind('hh:mm AM/PM')).toEqual({ date: false, time: true });
    expect(numberFormatKind('yyyy-mm-dd')).toEqual({ date: true, time: false });
    expect(numberFormatKind('yyyy"年"m"月"d"日"')).toEqual({ date: true, time: false });
    expect(numberFormatKind('m/d/yy h:mm')).toEqual({ date: true, time: true });
    expect(numberFormatKind('mmm')).toEqual({ date: true, time: false });
    for (const format of [undefined, 'General', '0.00', '#,##0', '0.00E+00', '[Red]0.0', '"cartons" 0']) {
      expect(numberFormatKind(format), String(format)).toEqual({ date: false, time: false });
    }
  });
});

describe('sheetCell', () => {
  it('writes times, dates and numbers as a CSV export shows them', () => {
    expect(serialClockText(0.375)).toBe('09:00');
    expect(serialClockText(0.75 + 30 / 86400)).toBe('18:00:30');
    expect(serialClockText(1)).toBe('24:00');
    expect(sheetCell(0.375, 'h:mm', false)).toEqual({ text: '09:00', serial: 0.375 });
    // 2026-12-06 is serial 46362 in the 1900 date system, 44900 in the 1904 one.
    expect(sheetCell(46362, 'yyyy-mm-dd', false).text).toBe('2026-12-06');
    expect(sheetCell(44900, 'yyyy-mm-dd', true).text).toBe('2026-12-06');
    expect(sheetCell(46362.5, 'yyyy-mm-dd h:mm', false).text).toBe('2026-12-06 12:00');
    expect(sheetCell(119.13, undefined, false)).toEqual({ text: '119.13', serial: 119.13 });
    expect(sheetCell(370702123456, 'General', false).text).toBe('370702123456');
  });

  it('reads the value shapes exceljs hands over', () => {
    expect(sheetCell(null, undefined, false)).toEqual({ text: '', serial: null });
    expect(sheetCell('食杂店', undefined, false).text).toBe('食杂店');
    expect(sheetCell(true, undefined, false).text).toBe('TRUE');
    expect(sheetCell({ richText: [{ text: '王记' }, { text: '食杂店' }] }, undefined, false).text).toBe(
      '王记食杂店',
    );
    expect(sheetCell({ text: '地图', hyperlink: 'https://example.org' }, undefined, false).text).toBe('地图');
    expect(sheetCell({ formula: 'A1*2', result: 84 }, undefined, false)).toEqual({ text: '84', serial: 84 });
    expect(sheetCell({ formula: 'A1' }, undefined, false).text).toBe('');
    expect(sheetCell({ error: '#N/A' }, undefined, false).text).toBe('#N/A');
    // A Date exceljs made from a time-formatted cell: 1899-12-30T18:00Z is serial 0.75.
    expect(sheetCell(new Date(Date.UTC(1899, 11, 30, 18, 0)), 'h:mm', false)).toEqual({
      text: '18:00',
      serial: 0.75,
    });
  });
});

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readXlsxSheet', () => {
  it('reads the first sheet in tab order, skipping blank rows but keeping row numbers', async () => {
    const bytes = await workbook((wb) => {
      const first = wb.addWorksheet('客户');
      first.addRow(['id', 'name']);
      first.addRow([]);
      first.addRow(['o1', { richText: [{ text: '王记' }, { text: '食杂店' }] }]);
      first.getCell('D5').value = 'far right';
      wb.addWorksheet('other').addRow(['x']);
    });
    const sheet = await readXlsxSheet(bytes, 'r/outlets.xlsx', null);
    expect(sheet.name).toBe('客户');
    expect(sheet.rows.map((row) => [row.line, row.cells.map((c) => c.text)])).toEqual([
      [1, ['id', 'name']],
      [3, ['o1', '王记食杂店']],
      [5, ['', '', '', 'far right']],
    ]);
    expect((await readXlsxSheet(bytes, 'r/outlets.xlsx', 'other')).rows[0]?.cells[0]?.text).toBe('x');
  });

  it('is fatal for a missing sheet, an .xls file and bytes that are no workbook', async () => {
    const bytes = await workbook((wb) => wb.addWorksheet('客户').addRow(['id']));
    await expect(readXlsxSheet(bytes, 'r/outlets.xlsx', '人员')).rejects.toThrow(
      'r/outlets.xlsx: the workbook has no sheet "人员" (sheets: "客户")',
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readXlsxSheet(xls, 'r/outlets.xlsx', null)).rejects.toThrow('Excel 97-2003 workbook (.xls)');
    const broken = readXlsxSheet(Buffer.from('id,name\no1,x\n'), 'r/outlets.xlsx', null);
    await expect(broken).rejects.toBeInstanceOf(FatalInputError);
    await expect(broken).rejects.toThrow('r/outlets.xlsx: not an .xlsx workbook');
    // A zip archive that is no workbook (here: truncated) says it cannot be read.
    await expect(readXlsxSheet(bytes.subarray(0, 200), 'r/outlets.xlsx', null)).rejects.toThrow(
      'r/outlets.xlsx: cannot be read as an .xlsx workbook (FILE_ENDED)',
    );
  });
});
