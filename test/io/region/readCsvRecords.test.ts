import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../src/io/region/readCsvRecords.js';

const fieldsOf = (text: string) => readCsvRecords(text).records.map((r) => r.fields);
const linesOf = (text: string) => readCsvRecords(text).records.map((r) => [r.line, r.endLine]);

describe('readCsvRecords', () => {
  it('reads LF, CRLF, lone CR and a missing final line break alike', () => {
    expect(fieldsOf('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('handles quoted commas, doubled quotes and quoted line breaks', () => {
    expect(fieldsOf('"a,b","say ""hi""","x\ny"\n')).toEqual([['a,b', 'say "hi"', 'x\ny']]);
    expect(fieldsOf('"",x,""\n')).toEqual([['', 'x', '']]);
    expect(fieldsOf('a,\n')).toEqual([['a', '']]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(fieldsOf('12" screen,b\n')).toEqual([['12" screen', 'b']]);
  });

  it('skips blank lines and comma-only lines but keeps physical line numbers', () => {
    expect(linesOf('h\n\n  \n,,,\nx\n')).toEqual([
      [1, 1],
      [5, 5],
    ]);
  });

  it('numbers records by the physical line they start on, across quoted line breaks', () => {
    const text = 'h1,h2\n"a\r\nb",1\n"c\n\nd",2\n e ,3\n';
    expect(linesOf(text)).toEqual([
      [1, 1],
      [2, 3],
      [4, 6],
      [7, 7],
    ]);
  });

  it('rejects only the line of a quote that never closes and reads on', () => {
    const { records, damage } = readCsvRecords('h\n"open,1\nok,2\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h']],
      [3, ['ok', '2']],
    ]);
    expect(damage).toMatchObject([{ kind: 'unterminated-quote', line: 2 }]);
  });

  it('rejects text after a closing quote', () => {
    const { records, damage } = readCsvRecords('h\n"ab"c,1\nok,2\n');
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(damage).toMatchObject([{ kind: 'text-after-quote', line: 2 }]);
  });

  it('rejects a record longer than the limit and resumes on the next line', () => {
    const { records, damage } = readCsvRecords(
      `h\n${'x'.repeat(500)},1\nok,2\n"${'y'.repeat(500)}"\nlast\n`,
      {
        maxRecordChars: 100,
      },
    );
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h']],
      [3, ['ok', '2']],
      [5, ['last']],
    ]);
    expect(damage.map((d) => [d.kind, d.line])).toEqual([
      ['too-long', 2],
      ['too-long', 4],
    ]);
    expect(damage[0]?.excerpt.length).toBeLessThanOrEqual(200);
  });

  it('accounts for every line of junk: each non-blank line is in a record or a damage entry', () => {
    const junk = fc.string({
      unit: fc.constantFrom('a', '1', ' ', ',', '"', '""', '\n', '\r', '\r\n', '店'),
      maxLength: 120,
    });
    fc.assert(
      fc.property(junk, fc.integer({ min: 4, max: 40 }), (text, maxRecordChars) => {
        const { records, damage } = readCsvRecords(text, { maxRecordChars });
        const covered = new Set<number>();
        for (const r of records) for (let l = r.line; l <= r.endLine; l++) covered.add(l);
        for (const d of damage) covered.add(d.line);
        const giveUp = damage.find((d) => d.kind === 'unread-rest');
        text.split(/\r\n|\r|\n/).forEach((content, index) => {
          const line = index + 1;
          // Lines made only of commas, quotes and spaces can vanish inside a blank record.
          if (content.replace(/[",\s]/g, '') === '') return;
          if (giveUp && line >= giveUp.line) return;
          expect(covered.has(line), `line ${line} of ${JSON.stringify(text)}`).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with csv-parse on well-formed CSV (differential property)', () => {
    const cell = fc.oneof(
      fc.string({
        unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '店', '😀'),
        maxLength: 8,
      }),
      fc.string({ maxLength: 6 }),
    );
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((width) =>
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
      );
    const quote = (value: string) =>
      /[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const text = rows.map((row) => row.map(quote).join(',')).join(eol) + eol;
        const ours = readCsvRecords(text);
        const theirs: string[][] = parse(text, { relax_column_count: true, skip_empty_lines: false });
        expect(ours.damage).toEqual([]);
        // We skip blank records; csv-parse keeps records of empty fields, so compare without them.
        const nonBlank = theirs.filter((fields) => !fields.every((f) => f.trim() === ''));
        expect(ours.records.map((r) => r.fields)).toEqual(nonBlank);
        // Each record starts on the line after the previous record's last line (or later for blank ones).
        let expectedLine = 1;
        rows.forEach((row) => {
          const text = row.map(quote).join(',');
          const record = ours.records.find((r) => r.line === expectedLine);
          if (!row.every((f) => f.trim() === '')) expect(record?.fields).toEqual(row);
          expectedLine += (text.match(/\r\n|\r|\n/g) ?? []).length + 1;
        });
      }),
      { numRuns: 300 },
    );
  });
});
