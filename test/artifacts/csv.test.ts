import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv } from '../../src/io/artifacts/csv.js';

describe('csv writer (RFC 4180)', () => {
  it('quotes only cells that need it and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell(113.123456789)).toBe('113.123457');
  });

  it('ends every line with CRLF and refuses ragged rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(/1 cells, header has 2/);
  });

  it('round-trips any text through a strict CSV parser (formula-like text gets its leading quote)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 8 }), (rows) => {
        const parsed = parse(toCsv(['a', 'b'], rows));
        expect(parsed.slice(1)).toEqual(rows.map((row) => row.map(neutraliseFormula)));
      }),
    );
  });
});

/** The cell writer before its fast paths (stop 22), as the reference the fast paths must match. */
function referenceCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? String(Math.round(value * 1e6) / 1e6)
        : ''
      : typeof value === 'string'
        ? neutraliseFormula(value)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

describe('csvCell fast paths', () => {
  it('write every cell as the plain writer did', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', '1', '=', '+', '-', '@', '\t', '\r', '\n', ',', '"', ' ', '.', '门'),
    });
    const cell = fc.oneof(
      text,
      fc.string(),
      // Beyond about 1e9 the plain writer's value * 1e6 / 1e6 no longer gave integers back exactly
      // (and overflowed to `Infinity` near 1e303); plan numbers are coordinates, minutes and km.
      fc.double({ min: -1e9, max: 1e9 }),
      fc.constant(Number.NaN),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(cell, (value) => {
        expect(csvCell(value)).toBe(referenceCell(value));
      }),
      { numRuns: 2000 },
    );
  });
});
